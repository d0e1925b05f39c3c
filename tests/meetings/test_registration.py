"""Registration of delegations: open, register with a note verbale, approve or return."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from migforum.core.audit import history_for
from migforum.core.csv_export import BOM
from migforum.meetings.choices import MeetingKind
from migforum.meetings.models import Meeting, RegistrationStatus

from ..factories import RoleFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def note_verbale(content: bytes = PDF, name: str = "note-verbale.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def meeting(db):
    return Meeting.objects.create(
        kind=MeetingKind.ROUND_TABLE,
        title="Round table on remittances",
        start_date=datetime.date(2030, 5, 4),
        end_date=datetime.date(2030, 5, 5),
        city="Geneva",
        timezone="Europe/Zurich",
    )


@pytest.fixture
def open_meeting(meeting, secretariat_client):
    response = secretariat_client.post(
        f"/meetings/{meeting.pk}/registration/",
        {"capacity": "2", "delegation_quota": "3", "deadline": "", "participants_public": "on"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    return meeting


def delegate_rows(*names, head=0, **extra):
    """The delegates' fields as the form posts them; the first delegate heads the delegation."""
    data = {"delegates-TOTAL_FORMS": str(len(names)), "delegates-INITIAL_FORMS": "0", **extra}
    for row, name in enumerate(names):
        address = name.lower().replace(" ", ".") + "@diplomatie.ma"
        data |= {
            f"delegates-{row}-name": name,
            f"delegates-{row}-function": "Delegate",
            f"delegates-{row}-email": address,
        }
        if row == head:
            data[f"delegates-{row}-is_head"] = "on"
    return data


def register(client, meeting, *names, credential=None, **extra):
    data = delegate_rows(*names, **extra)
    if credential != "keep":
        data["credential"] = credential if credential is not None else note_verbale()
    return client.post(f"/meetings/{meeting.pk}/register/", data)


def test_the_whole_path(
    open_meeting,
    as_user,
    focal_point_of_morocco,
    france,
    secretariat_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    # given a focal point of Morocco
    client = as_user(focal_point_of_morocco)
    # when two delegates are registered with a note verbale
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, open_meeting, "Amina Benali", "Youssef Alaoui")
    assert response.status_code == 302
    registration = open_meeting.registrations.get()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.delegates.count() == 2
    # then the secretariat approves it
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            f"/meetings/registrations/{registration.pk}/decide/", {"decision": "approve"}
        )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    # and another State's delegate is beyond capacity
    french = as_user(RoleFactory(kind="focal_point", state=france).user)
    response = register(french, open_meeting, "Karim Tazi")
    assert response.status_code == 200
    assert "The meeting is full: 0 places are left" in response.content.decode()
    # and the approved delegates are on the badges and the published list
    badges = secretariat_client.get(f"/meetings/{open_meeting.pk}/badges.csv")
    csv = b"".join(badges.streaming_content).decode()
    assert csv.startswith(BOM)
    assert f"MF-{open_meeting.pk}-MAR-{registration.pk}" in csv
    assert "MAR,Morocco,Amina Benali,Delegate,Head of delegation" in csv
    assert (
        "Youssef Alaoui"
        in client.get(f"/meetings/{open_meeting.pk}/participants/").content.decode()
    )
    assert history_for(registration).count() == 2
    # and the focal point was told of each change of status
    assert [m.subject for m in mailoutbox] == [
        "Registration to Round table on remittances: Submitted",
        "Registration to Round table on remittances: Approved",
    ]
    assert mailoutbox[0].to == [focal_point_of_morocco.email]
    assert registration.reference in mailoutbox[1].body


@pytest.mark.parametrize(
    ("credential", "message"),
    [
        (b"", "Attach the note verbale"),
        (b"GIF89a", "must be a PDF"),
    ],
)
def test_a_registration_needs_a_pdf_note_verbale(
    open_meeting, as_user, focal_point_of_morocco, credential, message
):
    upload = note_verbale(credential, "scan.gif") if credential else ""
    response = register(as_user(focal_point_of_morocco), open_meeting, "A", credential=upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not open_meeting.registrations.exists()


def test_after_the_deadline_registration_is_refused(open_meeting, as_user, focal_point_of_morocco):
    Meeting.objects.filter(pk=open_meeting.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    response = register(as_user(focal_point_of_morocco), open_meeting, "A")
    assert "Registration closed on" in response.content.decode()


def test_a_closed_meeting_refuses_registration(meeting, as_user, focal_point_of_morocco):
    response = register(as_user(focal_point_of_morocco), meeting, "A")
    assert "Registration for this meeting is not open." in response.content.decode()


def test_only_a_delegation_registers_and_only_the_secretariat_decides(
    open_meeting, as_user, focal_point_of_morocco, analyst_of_iom
):
    assert register(as_user(analyst_of_iom), open_meeting, "A").status_code == 403
    client = as_user(focal_point_of_morocco)
    register(client, open_meeting, "A")
    registration = open_meeting.registrations.get()
    response = client.post(
        f"/meetings/registrations/{registration.pk}/decide/", {"decision": "approve"}
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert response.status_code == 403
    assert client.get(f"/meetings/{open_meeting.pk}/registration/").status_code == 403
    assert client.get(f"/meetings/{open_meeting.pk}/badges.csv").status_code == 403


def test_a_delegation_sees_only_its_own_registrations(
    open_meeting, as_user, focal_point_of_morocco, france
):
    register(as_user(focal_point_of_morocco), open_meeting, "Amina Benali")
    french = RoleFactory(kind="focal_point", state=france).user
    html = as_user(french).get(f"/meetings/{open_meeting.pk}/registrations/").content.decode()
    assert "Amina Benali" not in html
    registration = open_meeting.registrations.get()
    assert (
        as_user(french).get(f"/meetings/registrations/{registration.pk}/note-verbale/").status_code
        == 403
    )
    own = as_user(focal_point_of_morocco).get(
        f"/meetings/registrations/{registration.pk}/note-verbale/"
    )
    assert own.status_code == 200
    assert b"".join(own.streaming_content).startswith(b"%PDF")


def test_a_returned_registration_frees_its_places(
    open_meeting, as_user, focal_point_of_morocco, secretariat_client
):
    client = as_user(focal_point_of_morocco)
    register(client, open_meeting, "A", "B")
    registration = open_meeting.registrations.get()
    response = secretariat_client.post(
        f"/meetings/registrations/{registration.pk}/decide/", {"decision": "return", "reason": ""}
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED  # a reason is required
    assert response.status_code == 302
    secretariat_client.post(
        f"/meetings/registrations/{registration.pk}/decide/",
        {"decision": "return", "reason": "The note verbale is unsigned."},
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.RETURNED
    assert "unsigned" in client.get(f"/meetings/{open_meeting.pk}/registrations/").content.decode()
    # the delegation puts it right and resubmits the same registration
    assert register(client, open_meeting, "C", "D").status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.return_reason == ""
    assert sorted(registration.delegates.values_list("name", flat=True)) == ["C", "D"]
    assert open_meeting.registrations.count() == 1


def test_participants_are_private_unless_published(meeting, client):
    assert client.get(f"/meetings/{meeting.pk}/participants/").status_code == 404


def test_a_state_has_one_registration_which_its_focal_point_changes(
    open_meeting, as_user, focal_point_of_morocco
):
    client = as_user(focal_point_of_morocco)
    register(client, open_meeting, "Amina Benali", "Youssef Alaoui")
    registration = open_meeting.registrations.get()
    first = registration.delegates.get(name="Amina Benali")
    # a second submission changes the registration rather than adding one
    response = register(
        client, open_meeting, "Amina Benali", "Karim Tazi", head=1, credential="keep"
    )
    assert response.status_code == 302
    assert open_meeting.registrations.count() == 1
    registration.refresh_from_db()
    delegates = {d.name: d for d in registration.delegates.all()}
    assert set(delegates) == {"Amina Benali", "Karim Tazi"}
    assert delegates["Amina Benali"].pk == first.pk  # known by the same e-mail
    assert delegates["Karim Tazi"].is_head
    assert registration.credential  # kept from the first submission


def test_every_problem_of_a_delegation_is_shown_at_once(
    open_meeting, as_user, focal_point_of_morocco
):
    data = delegate_rows("Amina Benali", "Youssef Alaoui", "Karim Tazi", "Samir Idrissi", head=9)
    data |= {"delegates-1-email": "not an address", "delegates-2-function": ""}
    response = as_user(focal_point_of_morocco).post(
        f"/meetings/{open_meeting.pk}/register/", {**data, "credential": note_verbale()}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in html
    assert "Give the delegate&#x27;s function." in html
    assert not open_meeting.registrations.exists()
    # once the rows are right, the problems of the whole list come together
    data = delegate_rows("Amina Benali", "Youssef Alaoui", "Karim Tazi", "Samir Idrissi", head=9)
    response = as_user(focal_point_of_morocco).post(
        f"/meetings/{open_meeting.pk}/register/", {**data, "credential": note_verbale()}
    )
    html = response.content.decode()
    assert "at most 3 delegates" in html
    assert "Mark one delegate, and only one, as head of delegation." in html


def test_add_another_shows_one_more_row_and_keeps_what_was_typed(
    open_meeting, as_user, focal_point_of_morocco
):
    client = as_user(focal_point_of_morocco)
    html = client.get(f"/meetings/{open_meeting.pk}/register/").content.decode()
    assert 'name="delegates-TOTAL_FORMS" value="1"' in html
    response = client.post(
        f"/meetings/{open_meeting.pk}/register/",
        {**delegate_rows("Amina Benali"), "add_delegate": "1"},
    )
    html = response.content.decode()
    assert 'name="delegates-TOTAL_FORMS" value="2"' in html
    assert 'value="Amina Benali"' in html
    assert not open_meeting.registrations.exists()
    # no more rows than the meeting's quota (3)
    response = client.post(
        f"/meetings/{open_meeting.pk}/register/",
        {**delegate_rows("A", "B", "C"), "add_delegate": "1"},
    )
    assert 'name="delegates-TOTAL_FORMS" value="3"' in response.content.decode()


def test_a_withdrawn_registration_frees_its_places_and_can_come_back(
    open_meeting, as_user, focal_point_of_morocco, france
):
    client = as_user(focal_point_of_morocco)
    register(client, open_meeting, "A", "B")
    registration = open_meeting.registrations.get()
    french = as_user(RoleFactory(kind="focal_point", state=france).user)
    assert french.post(f"/meetings/registrations/{registration.pk}/withdraw/").status_code == 403
    assert client.post(f"/meetings/registrations/{registration.pk}/withdraw/").status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WITHDRAWN
    open_meeting.refresh_from_db()
    assert register(french, open_meeting, "C", "D").status_code == 302  # the places are free
    assert register(client, open_meeting, "A", credential="keep").status_code == 200  # full


def test_registration_opens_only_before_the_meeting_ends(secretariat_client, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        start_date=datetime.date(2025, 9, 2), end_date=datetime.date(2025, 9, 4)
    )
    html = secretariat_client.get(f"/meetings/{meeting.pk}/registration/").content.decode()
    assert "This meeting is over: registration can only open before it ends." in html
    response = secretariat_client.post(
        f"/meetings/{meeting.pk}/registration/", {"delegation_quota": "6", "deadline": ""}
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert not meeting.registration_open
    html = secretariat_client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "This meeting took place." in html
    assert "Registration is not open." not in html


def test_the_deadline_comes_before_the_end_and_shows_its_zone(secretariat_client, meeting):
    response = secretariat_client.post(
        f"/meetings/{meeting.pk}/registration/",
        {"delegation_quota": "6", "deadline": "2030-05-06T09:00"},
    )
    assert "The deadline must come before the meeting ends" in response.content.decode()
    response = secretariat_client.post(
        f"/meetings/{meeting.pk}/registration/",
        {"delegation_quota": "6", "deadline": "2030-04-20T17:00"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    # read at the venue's time: 17:00 in Geneva is 15:00 UTC in summer
    assert meeting.registration_deadline == datetime.datetime(
        2030, 4, 20, 15, 0, tzinfo=datetime.UTC
    )
    html = secretariat_client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Deadline: April 20, 2030, 5 p.m. (Europe/Zurich)" in html
    assert "p.m.." not in html


def test_the_secretariat_approves_several_at_once_and_filters_by_status(
    open_meeting, as_user, focal_point_of_morocco, france, secretariat_client
):
    Meeting.objects.filter(pk=open_meeting.pk).update(registration_capacity=None)
    register(as_user(focal_point_of_morocco), open_meeting, "A")
    register(as_user(RoleFactory(kind="focal_point", state=france).user), open_meeting, "B")
    ids = list(open_meeting.registrations.values_list("pk", flat=True))
    listing = secretariat_client.get(f"/meetings/{open_meeting.pk}/registrations/?status=submitted")
    assert listing.content.decode().count('name="registration"') == 2
    response = secretariat_client.post(
        f"/meetings/{open_meeting.pk}/registrations/approve/",
        {"registration": [str(pk) for pk in ids]},
    )
    assert response.status_code == 302
    assert set(open_meeting.registrations.values_list("status", flat=True)) == {"approved"}
    listing = secretariat_client.get(f"/meetings/{open_meeting.pk}/registrations/?status=submitted")
    assert "No registration yet." in listing.content.decode()


def test_the_badges_print_as_a_pdf_with_a_qr_code(
    open_meeting, as_user, focal_point_of_morocco, secretariat_client
):
    register(as_user(focal_point_of_morocco), open_meeting, "Amina Benali", "Youssef Alaoui")
    registration = open_meeting.registrations.get()
    secretariat_client.post(
        f"/meetings/registrations/{registration.pk}/decide/", {"decision": "approve"}
    )
    response = secretariat_client.get(f"/meetings/{open_meeting.pk}/badges.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for expected in (
        "Amina Benali",
        "Youssef Alaoui",
        "Morocco",
        "HEAD OF DELEGATION",
        "Round table on remittances",
        registration.reference,
    ):
        assert expected in text
    assert (
        as_user(focal_point_of_morocco).get(f"/meetings/{open_meeting.pk}/badges.pdf").status_code
        == 403
    )
