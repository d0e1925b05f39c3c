"""Registration of delegations: open, register with a note verbale, approve or return."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

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
        {"capacity": "2", "deadline": "", "participants_public": "on"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    return meeting


def register(client, meeting, *names, credential=None):
    data = {"credential": credential if credential is not None else note_verbale()}
    for row, name in enumerate(names, start=1):
        data[f"name_{row}"], data[f"function_{row}"] = name, "Delegate"
    return client.post(f"/meetings/{meeting.pk}/register/", data)


def test_the_whole_path(open_meeting, as_user, focal_point_of_morocco, secretariat_client):
    # given a focal point of Morocco
    client = as_user(focal_point_of_morocco)
    # when two delegates are registered with a note verbale
    response = register(client, open_meeting, "Amina Benali", "Youssef Alaoui")
    assert response.status_code == 302
    registration = open_meeting.registrations.get()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.delegates.count() == 2
    # then the secretariat approves it
    secretariat_client.post(
        f"/meetings/registrations/{registration.pk}/decide/", {"decision": "approve"}
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    # and a third delegate is beyond capacity
    response = register(client, open_meeting, "Karim Tazi")
    assert response.status_code == 200
    assert "The meeting is full: 0 places are left" in response.content.decode()
    # and the approved delegates are on the badges and the published list
    badges = secretariat_client.get(f"/meetings/{open_meeting.pk}/badges.csv")
    csv = b"".join(badges.streaming_content).decode()
    assert csv.startswith(BOM)
    assert "MAR,Morocco,Amina Benali,Delegate" in csv
    assert (
        "Youssef Alaoui"
        in client.get(f"/meetings/{open_meeting.pk}/participants/").content.decode()
    )
    assert history_for(registration).count() == 2


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
    assert register(client, open_meeting, "C", "D").status_code == 302


def test_participants_are_private_unless_published(meeting, client):
    assert client.get(f"/meetings/{meeting.pk}/participants/").status_code == 404
