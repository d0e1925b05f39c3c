"""A whole Summit as the secretariat and the delegations walk it on the site: created with its
timetable, registration opened, a delegation registered, returned, corrected and approved,
badges printed, and the delegation withdrawn."""

import base64
import datetime
import io
import re

import pytest
from django_otp.oath import totp
from fpdf import FPDF
from playwright.sync_api import expect
from pypdf import PdfReader

from .test_accessibility import violations
from .test_phone import ARTIFACTS, LANGUAGES, PHONE, in_language

pytestmark = pytest.mark.browser
PASSWORD = "a long enough passphrase 2006"
DELEGATES = [
    ("Amina Benali", "Minister Delegate", "amina.benali@diplomatie.ma"),
    ("Youssef Alaoui", "Counsellor", "youssef.alaoui@diplomatie.ma"),
    ("Karim Tazi", "Adviser", "karim.tazi@diplomatie.ma"),
]


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


def create_summit(secretariat, start: datetime.date) -> str:
    """The secretariat creates a Summit on the site, with a session; its address."""
    secretariat.goto("/meetings/")
    secretariat.get_by_role("link", name="New meeting").click()
    secretariat.get_by_label("Type", exact=True).select_option(label="Summit")
    secretariat.get_by_label("Title (English)").fill("Summit of the Forum, Geneva")
    secretariat.get_by_label("Title in French").fill("Sommet du Forum, Genève")
    secretariat.get_by_label("First day").fill(start.isoformat())
    secretariat.get_by_label("Last day").fill((start + datetime.timedelta(days=2)).isoformat())
    secretariat.get_by_label("Mode", exact=True).select_option(label="In person")
    secretariat.get_by_label("City", exact=True).fill("Geneva")
    secretariat.get_by_label("Venue", exact=True).fill("Palais des Nations")
    secretariat.get_by_label("Country", exact=True).select_option(label="Switzerland")
    secretariat.get_by_label("Organizers, one per line").fill("Switzerland")
    first = secretariat.get_by_role("group", name="Session 1")
    first.get_by_label("Session", exact=True).fill("Opening plenary")
    first.get_by_label("Starts", exact=True).fill(f"{start.isoformat()}T09:00")
    first.get_by_label("Ends", exact=True).fill(f"{start.isoformat()}T10:30")
    first.get_by_label("Room", exact=True).fill("Assembly Hall")
    first.get_by_label("Speakers, one per line").fill("Chair of the Forum")
    secretariat.get_by_role("button", name="Create the meeting").click()
    expect(secretariat.get_by_text("The meeting is created.")).to_be_visible()
    expect(secretariat.get_by_role("heading", name="Summit of the Forum, Geneva")).to_be_visible()
    expect(secretariat.get_by_role("row", name=re.compile("Opening plenary"))).to_contain_text(
        "09:00"
    )
    return secretariat.url.removeprefix(secretariat.url.split("/meetings/")[0])


def fits_a_phone(page, paths: list[str]) -> None:
    """Each page, in each language, no wider than a phone's screen, and without a serious
    accessibility violation in English and Arabic; screenshots to the test artifacts."""
    phone = page.context.new_page()
    phone.set_viewport_size(PHONE)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        for path in paths:
            phone.goto(in_language(path, language))
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{language} {path} is {width} px wide"
            if language in ("en", "ar"):
                assert not violations(phone), f"{language} {path}: {violations(phone)}"
            name = path.strip("/").replace("/", "-")
            phone.screenshot(path=str(ARTIFACTS / f"phone-{language}-{name}.png"), full_page=True)
    phone.close()


def delegate_rows(delegation, delegates) -> None:
    for number, (name, function, email) in enumerate(delegates, start=1):
        row = delegation.get_by_role("group", name=f"Delegate {number}")
        row.get_by_label("Name", exact=True).fill(name)
        row.get_by_label("Function", exact=True).fill(function)
        row.get_by_label("E-mail", exact=True).fill(email)


def test_a_whole_summit(browser, platform, note_verbale):
    # The site's policy allows no inline script: these contexts let in axe's alone.
    secretariat = browser.new_context(base_url=platform["url"], bypass_csp=True).new_page()
    delegation = browser.new_context(base_url=platform["url"], bypass_csp=True).new_page()
    protocol = browser.new_context(base_url=platform["url"]).new_page()
    open_account(secretariat, platform["secretariat"], "Chair's support unit")
    pass_second_factor_setup(secretariat)

    # a past Summit cannot open registration: it says so, and shows it took place
    secretariat.goto("/meetings/?when=past&kind=summit")
    secretariat.get_by_role("row").nth(1).get_by_role("link").click()
    expect(secretariat.get_by_text("This meeting took place.")).to_be_visible()
    expect(secretariat.get_by_role("link", name="Registration settings")).to_have_count(0)
    secretariat.goto(secretariat.url + "registration/")
    expect(secretariat.get_by_role("alert")).to_contain_text(
        "This meeting is over: registration can only open before it ends."
    )
    expect(secretariat.get_by_role("button", name="Open registration")).to_have_count(0)

    # the secretariat creates the Summit with its timetable, then opens registration
    start = datetime.datetime.now(tz=datetime.UTC).date() + datetime.timedelta(days=90)
    summit = create_summit(secretariat, start)
    secretariat.get_by_role("link", name="Registration settings").click()
    secretariat.get_by_label("Places (delegates in all)").fill("100")
    secretariat.get_by_label("Delegates per delegation").fill("3")
    secretariat.get_by_label("Deadline (time at the venue)").fill(
        f"{(start - datetime.timedelta(days=10)).isoformat()}T17:00"
    )
    secretariat.get_by_role("button", name="Open registration").click()
    expect(secretariat.get_by_text("Registration is open.")).to_be_visible()

    # Morocco's focal point registers three delegates, adding rows one by one
    open_account(delegation, platform["registrar"], "Amina Benali")
    delegation.goto(summit)
    expect(delegation.get_by_text("Registration is open.")).to_contain_text(
        re.compile(r"Deadline: .+ 5 p\.m\. \(Europe/Zurich\)")
    )
    delegation.get_by_role("link", name="Register your delegation").click()
    for rows in (2, 3):
        delegation.get_by_role("button", name="Add another delegate").click()
        expect(delegation.get_by_role("group", name=f"Delegate {rows}")).to_be_visible()
    expect(delegation.get_by_role("button", name="Add another delegate")).to_have_count(0)
    delegate_rows(delegation, DELEGATES)
    delegation.get_by_role("group", name="Delegate 1").get_by_label("Head of delegation").check()
    delegation.get_by_label(re.compile("Note verbale")).set_input_files(str(note_verbale))
    delegation.get_by_role("button", name="Register").click()
    expect(delegation.get_by_text("The delegation is registered")).to_be_visible()
    expect(delegation.locator(".status")).to_have_text("Submitted")

    # the secretariat returns it, saying why
    secretariat.goto(summit + "registrations/")
    secretariat.get_by_label("Why it is returned").fill("Give Mr Tazi's full function.")
    secretariat.get_by_role("button", name="Return it").click()
    expect(secretariat.get_by_text("The registration of Morocco is returned.")).to_be_visible()

    # the focal point reads why, corrects and resubmits the same registration
    delegation.goto(summit + "register/")
    expect(delegation.get_by_text("Give Mr Tazi's full function.")).to_be_visible()
    third = delegation.get_by_role("group", name="Delegate 3")
    third.get_by_label("Function", exact=True).fill("Adviser to the Minister, Migration Affairs")
    delegation.get_by_role("button", name="Submit the changes").click()
    expect(delegation.locator(".status")).to_have_text("Submitted")

    # another focal point of Morocco finds that registration, not a new one
    open_account(protocol, platform["second_registrar"], "Protocol of Morocco")
    protocol.goto(summit + "register/")
    expect(protocol.get_by_text("Morocco is already registered for this meeting")).to_be_visible()
    expect(protocol.get_by_role("button", name="Register", exact=True)).to_have_count(0)

    # the secretariat approves it, ticking it in the list
    secretariat.goto(summit + "registrations/?status=submitted")
    secretariat.get_by_label("Morocco").check()
    secretariat.get_by_role("button", name="Approve the ticked registrations").click()
    expect(secretariat.get_by_text("1 registration is approved.")).to_be_visible()
    delegation.goto(summit + "register/")
    expect(delegation.locator(".status")).to_have_text("Approved")

    # the secretariat prints the badges
    secretariat.goto(summit + "registrations/")
    with secretariat.expect_download() as download:
        secretariat.get_by_role("link", name="Badges to print (PDF)").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for name, _function, _email in DELEGATES:
        assert name in text
    assert "Summit of the Forum, Geneva" in text
    assert re.search(r"MF-\d+-MAR-\d+", text)

    # the pages of this work fit a phone in every language
    for person, paths in (
        (delegation, ["register/"]),
        (secretariat, ["registrations/", "edit/", "registration/"]),
    ):
        fits_a_phone(person, [summit + path for path in paths] + ["/work/"])

    # and the delegation withdraws
    delegation.goto(summit + "register/")
    delegation.get_by_role("button", name="Withdraw the registration").click()
    expect(delegation.get_by_text("its places are freed")).to_be_visible()
    expect(delegation.locator(".status")).to_have_text("Withdrawn")
