"""Hostile and clumsy input to the pages: a clear 400 or 413 page, never a 500; refusals logged
in one line."""

import datetime
import io
import logging
import sys

import pytest

from migforum.core.log import ClientErrorsInOneLine
from migforum.meetings.minutes import minutes_create, minutes_revise
from migforum.meetings.models import Meeting, MinutesKind

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "²"


def assert_bad_request_page(response, parameter: str) -> str:
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Bad request" in html
    assert f"“{parameter}”" in html
    return html


# Integers and years


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/search/?q=migration&page=²", "page"),
        ("/search/?q=migration&page=0", "page"),
        ("/practices/?page=²", "page"),
        ("/practices/?page=99999999999999999999", "page"),
        ("/meetings/?year=²", "year"),
        ("/meetings/?year=10000", "year"),
        ("/meetings/?year=0", "year"),
        ("/meetings/calendar.ics?year=10000", "year"),
        ("/meetings/calendar.ics?year=٢٠٠٦", "year"),
        ("/documents/?year=²", "year"),
        ("/documents/?year=123456789012345678901234", "year"),
        ("/history/practice/²/", "id"),
        ("/history/meeting/99999999999999999999/", "id"),
        ("/history/state/FRA/?page=²", "page"),
    ],
)
def test_a_number_the_platform_will_not_read_is_a_400_page_naming_it(client, url, parameter):
    assert_bad_request_page(client.get(url), parameter)


def test_numbers_in_range_are_read_as_before(client):
    Meeting.objects.create(
        kind="summit",
        title="Summit in Brussels",
        start_date=datetime.date(2007, 7, 9),
        end_date=datetime.date(2007, 7, 11),
    )
    assert "Summit in Brussels" in client.get("/meetings/?year=2007").content.decode()
    assert "Summit in Brussels" not in client.get("/meetings/?year=9999").content.decode()
    assert client.get("/meetings/calendar.ics?year=2007").status_code == 200
    assert client.get("/documents/?year=2006").status_code == 200
    assert client.get("/search/?q=migration&page=3").status_code == 200
    assert client.get("/practices/?page=1000").status_code == 200
    assert client.get("/history/state/FRA/?page=1000").status_code == 200


@pytest.fixture
def minutes(secretariat_user):
    secretariat_user.is_verified = lambda: True
    meeting = Meeting.objects.create(
        kind="round_table",
        title="Round table on remittances",
        start_date=datetime.date(2030, 5, 4),
        end_date=datetime.date(2030, 5, 5),
    )
    minutes = minutes_create(
        meeting=meeting,
        kind=MinutesKind.CHAIRS_SUMMARY,
        title="Chair's summary",
        text="The round table met.\n",
        by=secretariat_user,
    )
    minutes_revise(minutes=minutes, text="The round table met on 4 May.\n", by=secretariat_user)
    return minutes


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"version": SUPERSCRIPT_TWO}, "version"),
        ({"from": SUPERSCRIPT_TWO, "to": "2"}, "from"),
        ({"from": "1", "to": SUPERSCRIPT_TWO}, "to"),
        ({"version": "99999999999999999999"}, "version"),
        ({"from": "-1", "to": "2"}, "from"),
    ],
)
def test_minutes_versions_are_whole_numbers(secretariat_client, minutes, query, parameter):
    assert_bad_request_page(secretariat_client.get(minutes.get_absolute_url(), query), parameter)


def test_minutes_versions_in_range_still_show_and_compare(secretariat_client, minutes):
    url = minutes.get_absolute_url()
    html = secretariat_client.get(url, {"from": "1", "to": "2"}).content.decode()
    assert "Changes from version 1 to version 2" in html
    assert secretariat_client.get(url, {"version": "7"}).status_code == 200


# NUL characters, sizes and unreadable bodies


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/states/?q=Mor%00occo", "q"),
        ("/states/MA%00R/", "path"),
        ("/history/state/FR%00A/", "path"),
        ("/documents/?q=remit%00tances", "q"),
        ("/practices/?theme=remit%00tances", "theme"),
        ("/evidence/observations.csv?country=MA%00R", "country"),
        ("/search/?q=migr%00ation", "q"),
    ],
)
def test_a_nul_character_in_a_page_address_is_a_400_page(client, url, parameter):
    html = assert_bad_request_page(client.get(url), parameter)
    assert "NUL" in html


def test_a_nul_character_in_a_form_field_is_a_400_page(client, secretariat_client):
    response = client.post("/accounts/login/", {"username": "a\x00@example.org", "password": "x"})
    assert_bad_request_page(response, "username")
    response = secretariat_client.post(
        "/meetings/minutes/1/comment/", {"text": "Fine.\x00"}, follow=False
    )
    assert_bad_request_page(response, "text")


def test_a_body_over_the_limit_is_a_413_page(client):
    response = client.post(
        "/accounts/login/", "x" * 3_000_000, content_type="application/octet-stream"
    )
    assert response.status_code == 413
    assert "Too large" in response.content.decode()


def test_an_unreadable_form_body_is_a_400_page(client):
    response = client.generic(
        "POST",
        "/accounts/login/",
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=",
        CONTENT_LENGTH="0",
    )
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()


# Logging


@pytest.fixture
def console():
    """What the platform's configured console handler writes."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, ClientErrorsInOneLine) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_403_is_logged_in_one_line_without_a_traceback(as_user, focal_point_of_morocco, console):
    response = as_user(focal_point_of_morocco).get("/documents/import/")
    assert response.status_code == 403
    logged = console.getvalue()
    assert "Forbidden (Permission denied): /documents/import/" in logged
    assert "Traceback" not in logged
    assert len([line for line in logged.splitlines() if line.strip()]) == 1


def test_a_400_is_logged_in_one_line_without_a_traceback(client, console):
    assert client.get("/meetings/?year=10000").status_code == 400
    logged = console.getvalue()
    assert "Bad Request: /meetings/" in logged
    assert "Traceback" not in logged


def test_a_404_is_a_warning_not_an_error(client, caplog):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/api/v1/no-such-operation").status_code == 404
    records = [r for r in caplog.records if r.getMessage().startswith("Not Found")]
    assert len(records) == 2
    assert {r.levelname for r in records} == {"WARNING"}


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_info = sys.exc_info()
    kept = logging.LogRecord("django.request", logging.ERROR, "", 0, "Error", (), exc_info)
    kept.status_code = 500
    dropped = logging.LogRecord("django.request", logging.WARNING, "", 0, "Forbidden", (), exc_info)
    dropped.status_code = 403
    one_line = ClientErrorsInOneLine()
    assert one_line.filter(kept)
    assert kept.exc_info is exc_info
    assert one_line.filter(dropped)
    assert dropped.exc_info is None
