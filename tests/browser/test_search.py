"""Searching on a phone, with the keyboard: the record the query names comes first, and the
filters narrow the results in place."""

import re

import pytest
from playwright.sync_api import expect

from .test_phone import PHONE

pytestmark = pytest.mark.browser


def test_search_on_a_phone_goes_straight_to_the_tool_and_the_state(phone):
    page = phone
    page.goto("/search/?q=send+money")
    expect(page.locator(".result-title").first).to_have_text("What it costs to send money home")

    page.goto("/search/?q=Mexico")
    shortcuts = page.get_by_role("region", name="Go straight to")
    expect(shortcuts.get_by_role("link", name="Mexico", exact=True)).to_have_attribute(
        "href", "/states/MEX/"
    )
    expect(shortcuts.get_by_role("link", name="United States of America → Mexico")).to_be_visible()
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_filters_work_from_the_keyboard(phone):
    page = phone
    page.goto("/search/?q=Mexico")
    # The filters are folded away until asked for, from the keyboard too.
    toggle = page.locator("summary", has_text="Narrow the results")
    toggle.focus()
    page.keyboard.press("Enter")
    kind = page.get_by_label("Type", exact=True)
    kind.focus()
    kind.select_option("evidence.corridor")  # as the arrow keys choose, with a change event
    expect(page).to_have_url(re.compile(r"kind=evidence\.corridor"))
    titles = page.locator(".results .result-title")
    expect(titles.first).to_be_visible()
    for href in titles.evaluate_all("links => links.map(link => link.getAttribute('href'))"):
        assert href.startswith("/evidence/corridors/"), href
    year = page.get_by_label("Year", exact=True)
    year.fill("2020")
    year.press("Enter")
    expect(page).to_have_url(re.compile(r"kind=evidence\.corridor.*year=2020"))
    expect(titles.first).to_be_visible()
    # The browser keeps the year in range; the server refuses the rest with the reason.
    year.fill("1800")
    year.press("Enter")
    expect(page).to_have_url(re.compile(r"year=2020"))
    page.goto("/search/?q=Mexico&year=1800")
    expect(page.get_by_role("alert")).to_contain_text("The year must be between 1900 and 2100.")
