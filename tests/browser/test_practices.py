"""A practice's whole cycle, as Morocco's focal point, the secretariat, an ILO analyst and an
anonymous reader walk it."""

import pytest
from playwright.sync_api import expect

from .test_registration import open_account, pass_second_factor_setup

pytestmark = pytest.mark.browser

TITLE = "Savings for development accounts for Moroccans in Spain"


def assess(page, decision: str, analysis: str) -> None:
    page.get_by_role("link", name="Assess this practice").click()
    for criterion in (
        "Relevance",
        "Evidence of results",
        "Sustainability",
        "Replicability",
        "Rights-based",
        "Gender-responsive",
    ):
        page.get_by_label(criterion, exact=True).select_option(label="Met")
    page.get_by_label("Analysis", exact=True).fill(analysis)
    page.get_by_label(decision).check()
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Your review is recorded.")).to_be_visible()


def add_country(page, picker: str, typed: str, name: str) -> None:
    """Type a few letters of a country's name in the picker's search box and press Enter."""
    box = page.get_by_label(picker, exact=True)
    box.focus()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    expect(box).to_have_value("")
    expect(page.get_by_role("button", name=f"Remove {name}")).to_be_visible()


def test_a_practice_from_submission_to_publication(browser, platform):
    owner = browser.new_context(base_url=platform["url"]).new_page()
    secretariat = browser.new_context(base_url=platform["url"]).new_page()
    analyst = browser.new_context(base_url=platform["url"]).new_page()
    reader = browser.new_context(base_url=platform["url"]).new_page()

    open_account(analyst, platform["practice_reviewer"], "Amina Diallo")
    open_account(secretariat, platform["practice_secretariat"], "Forum secretariat")
    pass_second_factor_setup(secretariat)

    # Morocco's focal point drafts and submits a practice on remittances.
    open_account(owner, platform["practice_owner"], "Karim Alaoui")
    owner.goto("/practices/")
    owner.get_by_role("link", name="Submit a practice").click()
    owner.get_by_label("Title", exact=True).fill(TITLE)
    owner.get_by_label("Summary", exact=True).fill(
        "Moroccan workers in Spain open savings accounts that carry their remittances home "
        "at low cost and finance housing and small enterprises."
    )
    owner.get_by_label("Remittances and financial inclusion").check()
    owner.get_by_label("Level", exact=True).select_option(label="National")
    # Countries are chosen with the keyboard: a few letters and Enter; a slip is undone.
    add_country(owner, "Add a country of origin", "moro", "Morocco")
    add_country(owner, "Add a country of destination", "spa", "Spain")
    add_country(owner, "Add a country of destination", "franc", "France")
    owner.keyboard.press("Tab")  # to the first country chosen, in the order of the list
    expect(owner.get_by_role("button", name="Remove France")).to_be_focused()
    owner.keyboard.press("Enter")
    expect(owner.get_by_role("button", name="Remove France")).to_have_count(0)
    expect(owner.get_by_label("Add a country of destination")).to_be_focused()
    owner.get_by_label("Implementing organization", exact=True).fill("Bank Al-Maghrib")
    owner.get_by_label("Type of implementing organization").select_option(label="Government")
    owner.get_by_label("Started in (year)").fill("2004")
    owner.get_by_label("Implementation", exact=True).select_option(label="Ongoing")
    owner.get_by_label("Results and evidence").fill("Transfers cost less than 3 per cent.")
    owner.get_by_role("button", name="Save the draft").click()
    expect(owner.get_by_text("The draft is saved.")).to_be_visible()
    practice_url = owner.url
    expect(owner.locator(".facts li").filter(has_text="Spain")).to_contain_text("Destination")
    expect(owner.locator(".facts li").filter(has_text="France")).to_have_count(0)
    owner.get_by_role("button", name="Submit for review").click()
    expect(owner.get_by_text("The practice is submitted for review.")).to_be_visible()

    # Nobody else sees it yet.
    reader.goto(practice_url)
    expect(reader.get_by_role("heading", name=TITLE)).to_have_count(0)

    # The secretariat assigns the ILO analyst.
    secretariat.goto(practice_url)
    secretariat.get_by_label("Assign a reviewer").select_option(
        label="Amina Diallo — International Labour Organization"
    )
    secretariat.get_by_role("button", name="Assign").click()
    expect(secretariat.get_by_text("Amina Diallo is assigned.")).to_be_visible()

    # The analyst declares no conflict of interest and asks for changes.
    analyst.goto(practice_url)
    analyst.get_by_label("No conflict of interest").check()
    analyst.get_by_role("button", name="Declare").click()
    expect(analyst.get_by_text("Your declaration is recorded.")).to_be_visible()
    expect(analyst.get_by_role("link", name="Edit")).to_have_count(0)
    assess(analyst, "Request changes", "Give the number of accounts opened and their cost.")

    # Morocco revises and resubmits.
    owner.goto(practice_url)
    expect(owner.get_by_text("Changes requested").first).to_be_visible()
    owner.get_by_role("link", name="Edit").click()
    owner.get_by_label("Results and evidence").fill(
        "By 2006, 12,000 accounts were open; transfers cost 2.5 per cent of the amount sent."
    )
    owner.get_by_role("button", name="Save the draft").click()
    owner.get_by_role("button", name="Resubmit for review").click()
    expect(owner.get_by_text("The practice is submitted for review.")).to_be_visible()
    owner.get_by_role("link", name="2 versions").click()
    owner.get_by_role("link", name="Version 2").click()
    expect(owner.locator("ins.diff-added").first).to_contain_text("12,000 accounts")

    # The analyst approves; the secretariat publishes.
    analyst.goto(practice_url)
    assess(analyst, "Approve", "A replicable way to lower the cost of remittances.")
    secretariat.goto(practice_url)
    secretariat.get_by_role("button", name="Publish").click()
    expect(secretariat.get_by_text("The practice is published.")).to_be_visible()

    # An anonymous visitor finds it by a facet and by a word of its text, with its analysis.
    reader.goto("/practices/")
    reader.get_by_role("link", name="Remittances and financial inclusion").first.click()
    reader.get_by_role("link", name="Morocco").first.click()
    expect(reader.get_by_role("link", name=TITLE)).to_be_visible()
    reader.goto("/practices/")
    reader.get_by_label("Words in the text").fill("enterprises")
    reader.locator("#main").get_by_role("button", name="Search").click()
    reader.get_by_role("link", name=TITLE).click()
    analysis = reader.get_by_role("region", name="Analysis")
    expect(analysis).to_contain_text("A replicable way to lower the cost of remittances.")
    expect(analysis).to_contain_text("International Labour Organization")
