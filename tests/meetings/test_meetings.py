"""The Forum's Summits and the meetings' pages and API."""

import datetime
import json
import re

import pytest
from django.core.management import call_command

from migforum.meetings.choices import MeetingKind, MeetingMode
from migforum.meetings.models import Meeting
from migforum.meetings.reference import load_summits
from migforum.meetings.services import document_import_with_meetings

from ..conftest import whole_list
from ..documents.conftest import SEED_TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def summits():
    return load_summits()


@pytest.fixture
def preparatory_meetings():
    return document_import_with_meetings(text=SEED_TEXT, by=None).meetings


def test_the_fifteen_summits_with_their_chairs_and_cities(summits):
    assert [m.number for m in summits] == list(range(1, 16))
    first, berlin = summits[0], summits[9]
    assert (first.city, first.country.iso3, first.start_date) == (
        "Brussels",
        "BEL",
        datetime.date(2007, 7, 9),
    )
    assert sorted(h.state.iso3 for h in berlin.hosts.all()) == ["DEU", "MAR"]
    istanbul = summits[7]
    assert istanbul.country.iso3 == "TUR"  # the file says "Turkey"
    online = summits[12]
    assert (online.mode, online.city, online.country.iso3) == (MeetingMode.ONLINE, "", "ARE")
    assert summits[5].city == "Port Louis"
    assert summits[11].timezone == "America/Guayaquil"
    assert summits[14].city == "Riohacha"
    assert {m.series.slug for m in summits} == {"gfmd-summits"}


def test_loading_the_summits_twice_changes_nothing(summits):
    assert len(load_summits()) == 15
    assert Meeting.objects.filter(kind=MeetingKind.SUMMIT).count() == 15


def test_meeting_list_filters(client, summits, preparatory_meetings):
    html = client.get("/meetings/", {"kind": "summit"}).content.decode()
    assert "Summit 2007" in html
    assert "Cotonou" not in html
    html = client.get("/meetings/", {"year": "2006"}).content.decode()
    assert "Cotonou" in html
    assert "Summit 2007" not in html
    assert "Riohacha" not in client.get("/meetings/", {"when": "upcoming"}).content.decode()
    assert "Riohacha" in client.get("/meetings/", {"when": "past"}).content.decode()


def test_meeting_page_has_schema_org_event(client, preparatory_meetings):
    cotonou = next(m for m in preparatory_meetings if m.city == "Cotonou")
    html = client.get(f"/meetings/{cotonou.pk}/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "Event"
    assert data["startDate"] == "2006-02-09"
    assert data["location"]["address"]["addressCountry"] == "BJ"
    assert "A/61/230" in html
    assert "Benin" in html


def test_meetings_api(client, summits, preparatory_meetings):
    meetings = whole_list(client.get("/api/v1/meetings", {"year": 2006}))
    assert len(meetings) == 9
    rabat = next(m for m in meetings if m["city"] == "Rabat")
    assert rabat["documents"][0]["symbol"] == "A/61/170"
    assert {h["state"] for h in rabat["hosts"]} >= {"MAR", "ESP", "FRA"}
    one = client.get(f"/api/v1/meetings/{rabat['id']}").json()
    assert one["timezone"] == "Africa/Casablanca"
    response = client.get("/api/v1/meetings/999999")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get("/api/v1/meetings", {"when": "someday"}).status_code == 422


def test_init_loads_everything_once(capsys):
    call_command("init")
    from migforum.core.models import AuditEvent

    events = AuditEvent.objects.count()
    call_command("init")
    assert AuditEvent.objects.count() == events
    assert Meeting.objects.count() == 24


def test_icalendar_parses_and_keeps_each_meetings_timezone(client, summits, preparatory_meetings):
    from icalendar import Calendar

    response = client.get("/api/v1/meetings.ics", {"year": 2006})
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["location"]).split(",")[0]: e for e in calendar.walk("VEVENT")}
    assert len(events) == 9
    cotonou = events["Cotonou"]
    start, end = cotonou.decoded("dtstart"), cotonou.decoded("dtend")
    assert (start.tzinfo.key, start.isoformat()) == (
        "Africa/Porto-Novo",
        "2006-02-09T00:00:00+01:00",
    )
    assert end.isoformat() == "2006-02-11T00:00:00+01:00"
    assert events["New York"].decoded("dtstart").tzinfo.key == "America/New_York"
    assert {tz["tzid"] for tz in calendar.walk("VTIMEZONE")} >= {
        "Africa/Porto-Novo",
        "America/New_York",
    }


def test_one_meeting_and_a_filtered_list_as_icalendar(client, summits):
    from icalendar import Calendar

    quito = next(m for m in summits if m.number == 12)
    one = Calendar.from_ical(client.get(f"/meetings/{quito.pk}/calendar.ics").content)
    (event,) = one.walk("VEVENT")
    assert event.decoded("dtstart").tzinfo.key == "America/Guayaquil"
    listed = Calendar.from_ical(client.get("/meetings/calendar.ics", {"kind": "summit"}).content)
    assert len(listed.walk("VEVENT")) == 15


def test_the_timetable_in_local_time_on_the_page_and_in_the_calendar(client):
    from icalendar import Calendar

    from migforum.meetings.models import MeetingSession

    meeting = Meeting.objects.create(
        kind=MeetingKind.ROUND_TABLE,
        title="Round table 1.1",
        city="Manila",
        start_date=datetime.date(2008, 10, 29),
        end_date=datetime.date(2008, 10, 29),
        timezone="Asia/Manila",
    )
    MeetingSession.objects.create(
        meeting=meeting,
        title="Protecting migrants",
        room="Plenary hall",
        starts_at=datetime.datetime(2008, 10, 29, 1, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2008, 10, 29, 3, 0, tzinfo=datetime.UTC),
        speakers="Chair: Philippines\nRapporteur: IOM",
    )
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "09:00" in html
    assert "11:00" in html
    assert "Chair: Philippines; Rapporteur: IOM" in html
    calendar = Calendar.from_ical(client.get(f"/meetings/{meeting.pk}/calendar.ics").content)
    session = next(e for e in calendar.walk("VEVENT") if "Protecting" in str(e["summary"]))
    start = session.decoded("dtstart")
    assert (start.tzinfo.key, start.hour) == ("Asia/Manila", 9)


def test_the_secretariat_creates_and_changes_meetings_through_the_api(
    client, secretariat_user, focal_point_of_morocco
):
    from migforum.accounts.services import api_token_create
    from migforum.core.audit import history_for

    _token, key = api_token_create(user=secretariat_user, name="calendar sync", second_factor=True)
    auth = {"Authorization": f"Bearer {key}"}
    response = client.post(
        "/api/v1/meetings",
        {
            "kind": "regional",
            "title": "Regional meeting on labour mobility",
            "start_date": "2031-03-02",
            "end_date": "2031-03-03",
            "city": "Mexico City",
            "country": "MEX",
        },
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["timezone"] == "America/Mexico_City"
    response = client.patch(
        f"/api/v1/meetings/{created['id']}",
        {"mode": "hybrid"},
        content_type="application/json",
        headers=auth,
    )
    assert response.json()["mode"] == "hybrid"
    assert history_for(Meeting.objects.get(pk=created["id"])).count() == 2
    bad = client.patch(
        f"/api/v1/meetings/{created['id']}",
        {"end_date": "2031-03-01"},
        content_type="application/json",
        headers=auth,
    )
    assert bad.status_code == 422
    bad = client.patch(
        f"/api/v1/meetings/{created['id']}",
        {"timezone": "Mars/Olympus"},
        content_type="application/json",
        headers=auth,
    )
    assert bad.status_code == 422
    assert "Unknown time zone" in bad.json()["message"]
    _token, other = api_token_create(user=focal_point_of_morocco, name="x")
    refused = client.post(
        "/api/v1/meetings",
        {"kind": "regional", "title": "x", "start_date": "2031-03-02", "end_date": "2031-03-03"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {other}"},
    )
    assert refused.status_code == 403


def test_the_country_profile_and_home_page_show_meetings_and_statements(client, summits):
    from migforum.documents.statements import statements_import_folder

    from ..documents.conftest import STATEMENTS

    statements_import_folder(STATEMENTS, by=None)
    html = client.get("/states/MAR/").content.decode()
    assert "Statement by Morocco in the general debate" in html
    assert "Marrakesh" in html  # the 2018 Summit it hosted
    home = client.get("/").content.decode()
    assert "Summit 2025" in home


def test_the_titles_the_platform_writes_are_in_the_readers_language(
    client, summits, preparatory_meetings
):
    from migforum.documents.statements import statements_import_folder

    from ..documents.conftest import STATEMENTS

    statements_import_folder(STATEMENTS, by=None)
    for prefix, summit, statement, preparatory in (
        (
            "/fr",
            "Forum mondial sur la migration et le développement, Sommet 2018",
            "Maroc : déclaration au débat général de la 61e session de l’Assemblée générale",
            "Réunion préparatoire, Cotonou",
        ),
        (
            "/ar",
            "المنتدى العالمي المعني بالهجرة والتنمية، قمة 2018",
            "المغرب: بيان في المناقشة العامة للدورة 61 للجمعية العامة",
            "اجتماع تحضيري، Cotonou",
        ),
    ):
        profile = client.get(f"{prefix}/states/MAR/").content.decode()
        meetings = client.get(f"{prefix}/meetings/").content.decode()
        documents = client.get(
            f"{prefix}/documents/", {"kind": "statement", "state": "MAR"}
        ).content.decode()
        assert summit in profile
        assert statement in profile
        assert statement in documents
        assert preparatory in meetings
        for english in ("Statement by", "general debate", ", Summit 20", "Preparatory meeting"):
            assert english not in profile + meetings + documents, (prefix, english)
    # In English, and wherever people wrote the title, it is shown as stored.
    assert (
        "Statement by Morocco in the general debate of the 61st session"
        in client.get("/states/MAR/").content.decode()
    )
    from migforum.core.audit import record_update

    cotonou = next(m for m in preparatory_meetings if m.city == "Cotonou")
    written = "Réunion de Cotonou sur les migrations"
    record_update(instance=cotonou, data={"title": written}, by=None)
    assert written in client.get("/ar/meetings/").content.decode()


def test_a_meeting_title_translated_by_the_secretariat_is_shown_and_found_in_that_language(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    from migforum.accounts.services import api_token_create

    _token, key = api_token_create(user=secretariat_user, name="calendar", second_factor=True)
    auth = {"Authorization": f"Bearer {key}"}
    meeting = {
        "kind": "round_table",
        "title": "Round table on remittance costs",
        "titles": {"fr": "Table ronde sur le coût des envois de fonds"},
        "start_date": "2031-05-04",
        "end_date": "2031-05-04",
        "city": "Geneva",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/meetings", meeting, content_type="application/json", headers=auth
        )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["titles"] == {"fr": "Table ronde sur le coût des envois de fonds"}

    french = client.get(f"/fr/meetings/{created['id']}/").content.decode()
    assert "<h1>Table ronde sur le coût des envois de fonds</h1>" in french
    # Not translated into Spanish: the English title, marked as English.
    spanish = client.get(f"/es/meetings/{created['id']}/").content.decode()
    assert '<h1><bdi lang="en">Round table on remittance costs</bdi></h1>' in spanish
    found = client.get("/fr/search/", {"q": "table ronde"}).content.decode()
    assert "<mark>Table</mark> <mark>ronde</mark> sur le coût des envois de fonds" in found

    # Only the platform's languages, and texts of a title's length.
    for titles in ({"de": "Rundtisch"}, {"fr": "x" * 501}, {"fr": 3}, ["fr"]):
        bad = client.patch(
            f"/api/v1/meetings/{created['id']}",
            {"titles": titles},
            content_type="application/json",
            headers=auth,
        )
        assert bad.status_code in (400, 422), titles
