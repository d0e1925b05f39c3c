"""The evidence pages in Chromium with no network beyond the platform itself: the world map
and the charts draw from the platform's own scripts and shapes. Screenshots are saved as test
artifacts (MIGFORUM_ARTIFACTS, else var/test-artifacts/)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTIFACTS = Path(os.environ.get("MIGFORUM_ARTIFACTS", "var/test-artifacts"))

#: Counts the canvas pixels that are neither transparent nor white: a drawn chart has many.
INKED_PIXELS = """(selector) => {
  const canvas = document.querySelector(selector + " canvas");
  if (!canvas) { return 0; }
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) {
      inked += 1;
    }
  }
  return inked;
}"""


@pytest.fixture
def offline_page(browser, platform):
    """A page that may reach the platform and nothing else; what it tried is recorded."""
    context = browser.new_context(base_url=platform["url"], viewport={"width": 1200, "height": 900})
    outside = []

    def only_the_platform(route):
        if route.request.url.startswith(platform["url"]):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_platform)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, outside, errors
    context.close()


def drawn(page, chart_id: str) -> int:
    chart = f'[data-chart="{chart_id}"]'
    expect(page.locator(chart)).to_have_attribute("data-drawn", "true", timeout=30_000)
    return page.evaluate(INKED_PIXELS, chart)


def test_the_world_map_and_a_corridor_chart_draw_with_no_network(offline_page):
    page, outside, errors = offline_page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    page.goto("/evidence/")
    expect(page.get_by_role("heading", name="Evidence", exact=True)).to_be_visible()
    expect(page.get_by_text("280,598,105")).to_be_visible()
    # A choropleth of 170-odd countries inks a good part of its canvas.
    assert drawn(page, "chart-map") > 20_000
    page.locator('[data-chart="chart-map"]').scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "evidence-home.png"), full_page=True)

    page.goto("/evidence/corridors/USA-MEX/")
    expect(page.get_by_text("10,853,105").first).to_be_attached()
    assert drawn(page, "chart-cost") > 2_000
    assert drawn(page, "chart-migrants") > 2_000
    page.screenshot(path=str(ARTIFACTS / "evidence-corridor-usa-mex.png"), full_page=True)

    assert outside == []
    assert errors == []


def test_send_money_works_on_a_phone(browser, platform):
    context = browser.new_context(
        base_url=platform["url"], viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.goto("/evidence/send-money/")
    page.get_by_label("Sending from").select_option(label="United States")
    page.get_by_label("Sending to").select_option(label="Mexico")
    page.get_by_label("Amount to send, in US dollars").fill("250")
    page.get_by_role("button", name="Compare").click()

    expect(
        page.get_by_text("sending money here cost 4.18% of the amount in Q3 2020")
    ).to_be_visible()
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "evidence-send-money-phone.png"), full_page=True)
    context.close()
