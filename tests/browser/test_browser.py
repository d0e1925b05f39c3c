"""What a person does in the browser: sign in, read in Arabic, find a State."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PASSWORD = "a long enough passphrase 2006"
ARABIC = re.compile(r"[\u0600-\u06FF]")


def test_open_the_invited_account_then_sign_in(page, platform):
    # given the invitation link the secretariat sent
    page.goto(platform["invitation"])
    page.get_by_label("Your name").fill("Amina Benali")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Open my account").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    expect(page.get_by_role("link", name="Morocco")).to_be_visible()
    # when she signs out and in again
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill("focal.point@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # then she is signed in and may edit her own State only
    expect(page.get_by_role("link", name="Amina Benali")).to_be_visible()
    page.goto("/states/MAR/")
    expect(page.get_by_role("link", name="Edit")).to_be_visible()
    page.goto("/states/FRA/")
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)


def test_a_wrong_password_says_so(page):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("nobody@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "This e-mail address and password do not match an account."
    )


def test_switching_to_arabic_turns_the_page_right_to_left(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.get_by_role("link", name="العربيّة").click()
    expect(page).to_have_url(re.compile(r"/ar/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert ARABIC.search(heading), heading
    # the layout really flows right to left: the brand sits at the right edge
    box = page.locator(".brand").bounding_box()
    assert box["x"] > page.viewport_size["width"] / 2


def test_search_for_a_state_and_open_it(page):
    page.goto("/")
    search_box = page.get_by_role("searchbox").first
    search_box.fill("morocco")
    search_box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=morocco"))
    first_result = page.locator(".result-title").first
    expect(first_result).to_have_text("Morocco")
    first_result.click()
    expect(page).to_have_url(re.compile(r"/states/MAR/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Morocco")
    expect(page.get_by_text("Colombo Process")).to_have_count(0)


def test_filter_states_as_you_type(page):
    page.goto("/states/")
    page.get_by_label("Name or code").fill("Marruecos")
    expect(page.locator("#state-rows")).to_contain_text("1 State")
    expect(page.locator("#state-rows tbody tr")).to_have_count(1)


def test_keyboard_users_can_skip_to_the_content(page):
    page.goto("/states/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
