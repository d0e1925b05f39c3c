"""The public pages on a phone, in the six languages: nothing wider than the screen, a header
that leaves room for the page, the practice results before the filters, and a menu that opens
from the keyboard. Screenshots go to the test artifacts (MIGFORUM_ARTIFACTS, else
var/test-artifacts/)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTIFACTS = Path(os.environ.get("MIGFORUM_ARTIFACTS", "var/test-artifacts"))
PHONE = {"width": 390, "height": 844}
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh-hans")
PAGES = (
    "/",
    "/practices/",
    "/evidence/",
    "/evidence/send-money/",
    "/meetings/",
    "/documents/",
    "/states/MAR/",
)


def in_language(path: str, language: str) -> str:
    return path if language == "en" else f"/{language}{path}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_fits_a_phone(phone, language):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for path in PAGES:
        phone.goto(in_language(path, language))
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{language} {path} is {width} px wide"
        header = phone.locator(".site-header").bounding_box()
        assert header["height"] <= PHONE["height"] / 4, f"{language} {path}: header {header}"
        name = path.strip("/").replace("/", "-") or "home"
        phone.screenshot(path=str(ARTIFACTS / f"phone-{language}-{name}.png"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_practice_results_come_before_the_filters(phone, language):
    phone.goto(in_language("/practices/", language))
    first = phone.locator(".results > li").first
    assert first.bounding_box()["y"] < PHONE["height"]
    facets = phone.locator("#practice-facets")
    shown = "element => getComputedStyle(element).display !== 'none'"
    assert not facets.evaluate(shown)
    button = phone.locator(".filters-button")
    button.focus()
    phone.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    assert facets.evaluate(shown)


def test_the_menu_opens_the_sections_and_languages_from_the_keyboard(phone):
    phone.goto("/")
    sections = phone.get_by_role("navigation", name="Main")
    expect(sections).to_be_hidden()
    # The search stays in the header.
    expect(phone.get_by_role("searchbox", name="Search", exact=True)).to_be_visible()
    menu = phone.get_by_role("button", name="Menu")
    menu.focus()
    phone.keyboard.press("Enter")
    expect(sections).to_be_visible()
    phone.get_by_role("link", name="Français").click()
    expect(phone.locator("html")).to_have_attribute("lang", "fr")


def test_without_the_script_the_menu_stays_open(browser, platform):
    context = browser.new_context(
        base_url=platform["url"], viewport=PHONE, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/practices/")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    assert page.locator("#practice-facets").evaluate("e => getComputedStyle(e).display") != "none"
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    context.close()


def test_what_sending_200_dollars_costs_is_four_taps_from_the_home_page(phone):
    phone.goto("/")
    taps = 0

    def tap(action) -> None:
        nonlocal taps
        action()
        taps += 1

    tap(lambda: phone.get_by_role("link", name="Sending money home? See what it costs").click())
    # The page's scripts have run: the sender's list narrows the receivers' as it changes.
    phone.wait_for_load_state("load")
    options = phone.get_by_label("Sending to").locator("option")
    every_receiver = options.count()
    tap(lambda: phone.get_by_label("Sending from").select_option(label="United States"))
    # The list of receivers now holds only the places with prices from the United States.
    expect(options).not_to_have_count(every_receiver)
    assert "Mexico" in options.all_inner_texts()
    tap(lambda: phone.get_by_label("Sending to").select_option(label="Mexico"))
    tap(lambda: phone.get_by_role("button", name="Compare").click())
    cost = phone.get_by_text("sending money here cost 4.18% of the amount in Q3 2020")
    expect(cost).to_be_in_viewport()
    assert taps <= 4
