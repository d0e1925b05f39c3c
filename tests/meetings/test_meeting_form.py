"""The secretariat creates and edits meetings on the site, with their timetable."""

import datetime

import pytest

from migforum.core.audit import history_for
from migforum.documents.models import Document
from migforum.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def meeting_fields(**changes):
    fields = {
        "kind": "summit",
        "title": "Summit 2030",
        "title_fr": "Sommet 2030",
        "theme": "Human mobility and climate",
        "theme_es": "Movilidad humana y clima",
        "start_date": "2030-09-02",
        "end_date": "2030-09-04",
        "mode": "hybrid",
        "city": "Geneva",
        "venue": "Palais des Nations",
        "country": "CHE",
        "timezone": "",
        "organizers": "Switzerland\nInternational Organization for Migration",
        "chairs": "Morocco",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-title": "Opening plenary",
        "sessions-0-starts_at": "2030-09-02T09:00",
        "sessions-0-ends_at": "2030-09-02T10:30",
        "sessions-0-room": "Assembly Hall",
        "sessions-0-speakers": "Chair of the Forum\nDirector General of IOM",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-0-symbol": "A/61/170",
        "documents-0-role": "background",
    }
    return fields | changes


@pytest.fixture
def report(db):
    return Document.objects.create(
        symbol="A/61/170", title="Report on the preparatory meetings", kind="report"
    )


def test_the_secretariat_creates_a_meeting_with_its_timetable(secretariat_client, report):
    response = secretariat_client.post("/meetings/new/", meeting_fields())
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Summit 2030")
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.titles == {"fr": "Sommet 2030"}
    assert meeting.themes == {"es": "Movilidad humana y clima"}
    assert meeting.timezone == "Europe/Zurich"  # the city's zone
    assert meeting.country.iso3 == "CHE"
    session = meeting.sessions.get()
    # 09:00 at the venue, in summer, is 07:00 UTC
    assert session.starts_at == datetime.datetime(2030, 9, 2, 7, 0, tzinfo=datetime.UTC)
    assert session.speaker_list() == ["Chair of the Forum", "Director General of IOM"]
    assert [h.name for h in meeting.hosts.filter(role="chair")] == ["Morocco"]
    assert meeting.hosts.get(role="chair").state.iso3 == "MAR"
    assert meeting.meeting_documents.get().document == report
    assert history_for(meeting).exists()
    html = secretariat_client.get(meeting.get_absolute_url()).content.decode()
    assert "Opening plenary" in html
    assert "09:00" in html
    html = secretariat_client.get("/es" + meeting.get_absolute_url()).content.decode()
    assert "Movilidad humana y clima" in html


def test_every_problem_of_the_form_is_shown_at_once_and_nothing_is_saved(
    secretariat_client, report
):
    fields = meeting_fields(
        end_date="2030-09-01",
        **{"sessions-1-title": "Closing", "sessions-1-starts_at": "not a time"},
    )
    response = secretariat_client.post("/meetings/new/", fields)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The last day cannot come before the first." in html
    assert "Enter a valid date/time." in html
    assert "Say when the session ends." in html
    # then the rows are right, but a session is outside the meeting and a symbol unknown
    fields = meeting_fields(
        **{
            "sessions-0-starts_at": "2030-09-12T09:00",
            "sessions-0-ends_at": "2030-09-12T10:00",
            "documents-0-symbol": "A/99/999",
        }
    )
    html = secretariat_client.post("/meetings/new/", fields).content.decode()
    assert "is outside the meeting&#x27;s days" in html
    assert "No document has the symbol A/99/999." in html
    assert not Meeting.objects.filter(title="Summit 2030").exists()


def test_the_secretariat_edits_the_timetable(secretariat_client, report):
    secretariat_client.post("/meetings/new/", meeting_fields())
    meeting = Meeting.objects.get(title="Summit 2030")
    form = secretariat_client.get(f"/meetings/{meeting.pk}/edit/").content.decode()
    assert 'value="Opening plenary"' in form
    assert 'value="Sommet 2030"' in form
    # each translation follows the English it translates
    assert form.index('name="title"') < form.index('name="title_fr"') < form.index('name="series"')
    assert 'value="2030-09-02T09:00"' in form  # shown at the venue's time
    changed = meeting_fields(
        **{
            "sessions-0-title": "Opening plenary and welcome",
            "sessions-1-title": "Closing plenary",
            "sessions-1-starts_at": "2030-09-04T16:00",
            "sessions-1-ends_at": "2030-09-04T17:00",
        }
    )
    assert secretariat_client.post(f"/meetings/{meeting.pk}/edit/", changed).status_code == 302
    titles = list(meeting.sessions.values_list("title", flat=True))
    assert titles == ["Opening plenary and welcome", "Closing plenary"]


def test_only_the_secretariat_creates_meetings(client, as_user, focal_point_of_morocco):
    assert as_user(focal_point_of_morocco).get("/meetings/new/").status_code == 403
    assert client.get("/meetings/new/").status_code == 302  # to sign in


def test_an_online_meeting_in_the_list_reads_apart_from_its_place(client, secretariat_client):
    secretariat_client.post(
        "/meetings/new/",
        meeting_fields(mode="online", country="ARE", city="", **{"documents-0-symbol": ""}),
    )
    html = client.get("/meetings/").content.decode()
    assert "United Arab Emirates · Online" in html
