"""The registration of a delegation, as the secretariat and a focal point walk it."""

import base64
import re

import pytest
from django_otp.oath import totp
from fpdf import FPDF
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PASSWORD = "a long enough passphrase 2006"


def open_account(page, invitation: str, name: str) -> None:
    page.goto(invitation)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Open my account").click()


def pass_second_factor_setup(page) -> None:
    """Set up the authenticator as a person would, reading the key off the page."""
    expect(page.get_by_role("heading", name="Set up a second factor")).to_be_visible()
    secret = page.locator("code.secret").inner_text().strip()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label(re.compile("Six-digit code")).fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirm").click()


@pytest.fixture
def note_verbale(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(
        0,
        10,
        "The Permanent Mission of the Kingdom of Morocco presents its "
        "compliments and has the honour to accredit its delegation.",
    )
    path = tmp_path / "note-verbale.pdf"
    pdf.output(str(path))
    return path


def test_register_two_delegates_approve_and_refuse_a_third(browser, platform, note_verbale):
    secretariat = browser.new_context(base_url=platform["url"]).new_page()
    delegation = browser.new_context(base_url=platform["url"]).new_page()

    # the secretariat opens registration for two delegates
    open_account(secretariat, platform["secretariat"], "Chair's support unit")
    pass_second_factor_setup(secretariat)
    secretariat.goto(platform["meeting"])
    secretariat.get_by_role("link", name="Registration settings").click()
    secretariat.get_by_label("Places (delegates in all)").fill("2")
    secretariat.get_by_label("Publish the list of participants").check()
    secretariat.get_by_role("button", name="Open registration").click()
    expect(secretariat.get_by_text("Registration is open.")).to_be_visible()

    # Morocco's focal point registers two delegates with the note verbale
    open_account(delegation, platform["registrar"], "Amina Benali")
    delegation.goto(platform["meeting"])
    expect(delegation.get_by_text("2 places left.")).to_be_visible()
    delegation.get_by_role("link", name="Register your delegation").click()
    delegation.get_by_label("Delegate 1: name").fill("Amina Benali")
    delegation.get_by_label("Delegate 1: function").fill("Head of delegation")
    delegation.get_by_label("Delegate 2: name").fill("Youssef Alaoui")
    delegation.get_by_label("Delegate 2: function").fill("Counsellor")
    delegation.get_by_label(re.compile("Note verbale")).set_input_files(str(note_verbale))
    delegation.get_by_role("button", name="Register").click()
    expect(delegation.get_by_text("The delegation is registered")).to_be_visible()
    expect(delegation.get_by_text("Submitted")).to_be_visible()

    # the secretariat approves it
    secretariat.goto(platform["meeting"] + "registrations/")
    secretariat.get_by_role("button", name="Approve Morocco").click()
    expect(secretariat.get_by_text("The registration of Morocco is approved.")).to_be_visible()

    # a third delegate is beyond capacity and refused with a message
    delegation.goto(platform["meeting"] + "register/")
    delegation.get_by_label("Delegate 1: name").fill("Karim Tazi")
    delegation.get_by_label("Delegate 1: function").fill("Adviser")
    delegation.get_by_label(re.compile("Note verbale")).set_input_files(str(note_verbale))
    delegation.get_by_role("button", name="Register").click()
    expect(delegation.get_by_role("alert")).to_contain_text("The meeting is full")

    # and the published list shows the two approved delegates
    delegation.goto(platform["meeting"] + "participants/")
    expect(delegation.get_by_text("Amina Benali, Head of delegation")).to_be_visible()
    expect(delegation.get_by_text("Karim Tazi")).to_have_count(0)
