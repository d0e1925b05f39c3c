"""Hostile and clumsy input to the API: every refusal is a 4xx in JSON with a code, never a 500,
and every status an operation gives is in the OpenAPI description."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from migforum.api.openapi import operation_errors
from migforum.documents.models import Document
from migforum.meetings.models import Meeting
from migforum.members.models import State

from ..conftest import bearer, whole_list
from ..documents.test_pages import pdf_bytes

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "²"
BEYOND_BIGINT = str(2**63)


def assert_refused(response, status: int, code: str, parameter: str | None = None) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    if parameter is not None:
        assert body["parameter"] == parameter
    return body


# Integers and years


@pytest.mark.parametrize("url", ["/api/v1/meetings", "/api/v1/meetings.ics"])
@pytest.mark.parametrize(
    ("year", "code"),
    [
        ("10000", "out_of_range"),
        ("99999", "out_of_range"),
        ("0", "out_of_range"),
        ("-2006", "out_of_range"),
        (SUPERSCRIPT_TWO, "invalid_integer"),
        ("٢٠٠٦", "invalid_integer"),
        ("2_006", "invalid_integer"),
    ],
)
def test_a_year_the_platform_cannot_hold_is_a_400_naming_it(client, url, year, code):
    assert_refused(client.get(url, {"year": year}), 400, code, "year")


def test_a_year_in_range_still_filters_meetings(client):
    for year in (2006, 2007):
        Meeting.objects.create(
            kind="summit",
            title=f"Summit {year}",
            start_date=datetime.date(year, 7, 9),
            end_date=datetime.date(year, 7, 11),
        )
    meetings = whole_list(client.get("/api/v1/meetings", {"year": "2006"}))
    assert [m["title"] for m in meetings] == ["Summit 2006"]
    assert whole_list(client.get("/api/v1/meetings", {"year": "9999"})) == []
    assert len(whole_list(client.get("/api/v1/meetings", {"year": ""}))) == 2  # empty: no filter
    assert client.get("/api/v1/documents", {"year": ""}).status_code == 200
    assert "Summit 2006" in client.get("/api/v1/meetings.ics", {"year": "2006"}).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/documents",
        "/api/v1/search?q=migration",
        "/api/v1/practices",
        "/api/v1/observations",
    ],
)
@pytest.mark.parametrize("offset", [BEYOND_BIGINT, "1" + "0" * 30, "10000001"])
def test_an_offset_past_what_a_database_can_skip_is_a_400(client, url, offset):
    sep = "&" if "?" in url else "?"
    body = client.get(f"{url}{sep}offset={offset}")
    assert_refused(body, 400, body.json()["code"], "offset")
    assert body.json()["code"] in ("out_of_range", "invalid_integer")


def test_limits_and_offsets_within_bounds_are_answered(client):
    past_the_end = client.get("/api/v1/documents", {"limit": 500, "offset": 10_000_000}).json()
    assert past_the_end["results"] == []
    assert past_the_end["next"] is None
    assert (past_the_end["offset"], past_the_end["limit"]) == (10_000_000, 500)
    assert_refused(client.get("/api/v1/documents", {"limit": 501}), 400, "out_of_range", "limit")
    assert client.get("/api/v1/search", {"q": "migration", "limit": 100}).status_code == 200


# NUL characters


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/states?region=Africa%00",
        "/api/v1/states/MA%00R",
        "/api/v1/organizations/io%00m",
        "/api/v1/groups/c%00p",
        "/api/v1/documents/A%2F61%00%2F230",
        "/api/v1/documents?state=MA%00R",
        "/api/v1/meetings?country=MA%00R",
        "/api/v1/search?q=migr%00ation",
        "/api/v1/practices?q=remit%00tances",
        "/api/v1/practices?theme=remit%00tances",
        "/api/v1/observations?vintage=June%002023",
        "/api/v1/states?re%00gion=Africa",
    ],
)
def test_a_nul_character_in_a_path_or_a_parameter_is_a_400(client, url):
    body = assert_refused(client.get(url), 400, "nul_character")
    assert "\x00" not in body["parameter"]


def test_a_nul_character_in_a_json_body_is_a_400_naming_the_field(client, focal_point_of_morocco):
    headers = bearer(focal_point_of_morocco)
    response = client.patch(
        "/api/v1/states/MAR",
        {"website": "https://example.org/\x00"},
        content_type="application/json",
        headers=headers,
    )
    assert_refused(response, 400, "nul_character", "website")
    nested = client.post(
        "/api/v1/practices",
        {"language": "en", "title": "Remittances", "partners": [{"name": "A\x00B"}]},
        content_type="application/json",
        headers=headers,
    )
    assert_refused(nested, 400, "nul_character", "partners.0.name")
    assert State.objects.get(iso3="MAR").website != "https://example.org/\x00"


def test_a_nul_character_in_an_api_form_field_is_a_400(client, secretariat_user):
    response = client.post(
        "/api/v1/documents",
        {"file": SimpleUploadedFile("seed.txt", b"Some text."), "title": "A\x00B"},
        headers=bearer(secretariat_user),
    )
    assert_refused(response, 400, "nul_character", "title")
    assert not Document.objects.filter(title__startswith="A").filter(title__endswith="B").exists()


# Bodies


def test_a_body_over_the_limit_is_a_413(client, focal_point_of_morocco):
    big = json.dumps({"summary": "x" * 3_000_000})
    response = client.patch(
        "/api/v1/states/MAR",
        big,
        content_type="application/json",
        headers=bearer(focal_point_of_morocco),
    )
    body = assert_refused(response, 413, "request_too_large")
    assert "MB" in body["message"]


def test_form_fields_over_the_limit_in_an_upload_are_a_413(client, secretariat_user):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000):
        response = client.post(
            "/api/v1/documents",
            {"file": SimpleUploadedFile("seed.txt", b"Some text."), "title": "x" * 20_000},
            headers=bearer(secretariat_user),
        )
    assert_refused(response, 413, "request_too_large")


def test_an_empty_multipart_body_is_a_400_not_a_500(client, secretariat_user):
    headers = bearer(secretariat_user)

    def post(body: bytes, content_type: str):  # noqa: ANN202
        return client.generic(
            "POST",
            "/api/v1/documents",
            body,
            headers=headers,
            CONTENT_TYPE=content_type,
            CONTENT_LENGTH=str(len(body)),
        )

    for content_type in ("multipart/form-data", "multipart/form-data; boundary="):
        assert_refused(post(b"", content_type), 400, "malformed_body")
    # A boundary and no parts: the file is missing, which the schema says.
    assert_refused(post(b"", "multipart/form-data; boundary=xyz"), 422, "invalid_request")
    cut_short = post(
        b"--xyz\r\nContent-Disposition: form-data; name=", "multipart/form-data; boundary=xyz"
    )
    assert cut_short.status_code in (400, 422)
    assert cut_short.json()["code"] in ("malformed_body", "invalid_request")


@pytest.mark.parametrize("body", ["[]", '[{"website": "https://example.org"}]', '"text"', "42"])
def test_a_body_that_is_not_a_json_object_is_refused(client, focal_point_of_morocco, body):
    response = client.patch(
        "/api/v1/states/MAR",
        body,
        content_type="application/json",
        headers=bearer(focal_point_of_morocco),
    )
    assert_refused(response, 400, "invalid_body")


def test_a_body_that_is_not_json_is_a_400(client, focal_point_of_morocco):
    response = client.patch(
        "/api/v1/states/MAR",
        '{"website": ',
        content_type="application/json",
        headers=bearer(focal_point_of_morocco),
    )
    assert_refused(response, 400, "invalid_json")
    deep = client.patch(
        "/api/v1/states/MAR",
        "[" * 100_000 + "]" * 100_000,
        content_type="application/json",
        headers=bearer(focal_point_of_morocco),
    )
    assert deep.status_code == 400


@pytest.mark.parametrize("day", [0, "0", "1151366400", "2006-6-27", "9999-12-31", "1066-10-14"])
def test_a_meeting_date_is_written_yyyy_mm_dd_in_the_platform_years(client, secretariat_user, day):
    response = client.post(
        "/api/v1/meetings",
        {"kind": "summit", "title": "Summit", "start_date": day, "end_date": "2026-05-15"},
        content_type="application/json",
        headers=bearer(secretariat_user),
    )
    body = assert_refused(response, 422, "invalid_request")
    assert body["errors"][0]["field"].endswith("start_date")
    assert not Meeting.objects.filter(title="Summit").exists()


# Documents


def test_importing_a_pdf_answers_its_declared_202(client, secretariat_user):
    response = client.post(
        "/api/v1/documents",
        {"file": SimpleUploadedFile("report.pdf", pdf_bytes("A report on remittances."))},
        headers=bearer(secretariat_user),
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["extraction"] == "pending"
    assert Document.objects.filter(pk=body["document"]["id"]).exists()
    declared = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/documents"]["post"]
    assert {"200", "202"} <= set(declared["responses"])


# Unknown addresses


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/"),
        ("get", "/api/v1/nothing"),
        ("get", "/api/v1/states/"),
        ("get", "/api/v1/states/MAR/"),
        ("get", "/api/v1/meetings/abc"),
        ("get", "/api/v1/meetings/1.5"),
        ("get", "/api/v1/meetings/-1"),
        ("patch", "/api/v1/meetings/abc"),
        ("get", "/api/v1/practices/abc"),
        ("post", "/api/v1/practices/abc/submit"),
        ("get", "/api/v1/datasets/abc"),
        ("delete", "/api/v1/datasets/x/"),
        ("post", "/api/v1/practices/%0A/withdraw"),
        ("get", "/api/v1/%0D%0A"),
    ],
)
def test_every_unknown_address_under_the_api_is_a_json_404(client, method, url):
    body = assert_refused(getattr(client, method)(url), 404, "not_found")
    assert "/api/v1/docs" in body["message"]


def test_a_huge_id_or_a_line_break_in_a_code_is_not_found(client):
    assert_refused(client.get("/api/v1/states/MA%0AR"), 404, "not_found")
    assert_refused(client.get(f"/api/v1/meetings/{'9' * 30}"), 404, "not_found")
    assert_refused(client.get(f"/api/v1/practices/{BEYOND_BIGINT}"), 404, "not_found")


# The description


def test_every_operation_lists_the_errors_it_can_give_with_the_error_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    error = schema["components"]["schemas"]["ErrorOut"]
    assert {"code", "message", "parameter", "errors"} <= set(error["properties"])
    reference = {"$ref": "#/components/schemas/ErrorOut"}
    operations = {
        (method, path): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }
    for (method, path), operation in operations.items():
        listed = {int(status) for status in operation["responses"] if status[0] in "45"}
        assert operation_errors(operation) <= listed, (method, path)
        assert {400, 503} <= listed, (method, path)
        for status in listed:
            content = operation["responses"][str(status)]["content"]
            assert content["application/json"]["schema"] == reference, (method, path, status)
    assert {400, 401, 403, 404, 413, 422} <= {
        int(s) for s in operations[("patch", "/api/v1/meetings/{meeting_id}")]["responses"]
    }
    assert {401, 403, 413} <= {
        int(s) for s in operations[("post", "/api/v1/documents")]["responses"]
    }
    assert "404" not in operations[("get", "/api/v1/groups")]["responses"]
    assert (
        "text/calendar"
        in (operations[("get", "/api/v1/meetings.ics")]["responses"]["200"]["content"])
    )
