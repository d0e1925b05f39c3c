"""Every error the API answers carries a stable code, each listed in the README."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

import migforum.accounts.services
import migforum.documents.services
import migforum.evidence.forms
import migforum.meetings.services
import migforum.practices.services  # noqa: F401  each app's services import its error codes
from migforum.api.errors import ErrorCode, service_error_code
from migforum.core.errors import ServiceErrorCode, service_error_codes
from migforum.core.middleware import RequestErrorCode
from migforum.core.params import ParameterErrorCode
from migforum.core.search.errors import SearchErrorCode
from migforum.evidence.filters import FilterErrorCode
from migforum.meetings.errors import MeetingError
from migforum.practices.errors import PracticeError
from migforum.practices.models import CallForPractices, Practice

from ..conftest import bearer

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_api_codes() -> set[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The API") : text.index("\n## ", text.index("## The API") + 1)]
    return set(re.findall(r"`([a-z][a-z0-9_]*)`", section))


def test_every_code_is_listed_in_the_readme():
    enums = [
        ErrorCode,
        RequestErrorCode,
        ParameterErrorCode,
        SearchErrorCode,
        FilterErrorCode,
        *service_error_codes(),
    ]
    assert {e.__name__ for e in service_error_codes()} >= {
        "AccountError",
        "DocumentError",
        "EvidenceError",
        "MeetingError",
        "PracticeError",
    }
    codes = {member.value for enum in enums for member in enum}
    missing = codes - _readme_api_codes()
    assert not missing, f"Codes missing from the README's API section: {sorted(missing)}"


def test_no_two_apps_give_one_code_two_meanings():
    seen: dict[str, str] = {}
    for enum in service_error_codes():
        for member in enum:
            assert member.value not in seen, (member.value, seen.get(member.value), enum)
            seen[member.value] = enum.__name__


def test_a_service_code_passes_through_and_others_stay_invalid_request():
    coded = ValidationError("Choose a decision.", code=PracticeError.DECISION_NEEDED)
    assert service_error_code(coded) == "decision_needed"
    by_field = ValidationError(
        {"title": "Too long.", "countries": ValidationError("x", code=PracticeError.CALL_CLOSED)}
    )
    assert service_error_code(by_field) == "call_closed"
    assert service_error_code(ValidationError("Too long.", code="max_length")) == "invalid_request"
    assert service_error_code(ValidationError("No code.")) == "invalid_request"
    assert isinstance(PracticeError.CALL_CLOSED, ServiceErrorCode)


@pytest.mark.django_db
def test_a_meeting_in_an_unknown_time_zone_is_refused_with_its_code(client, secretariat_user):
    response = client.post(
        "/api/v1/meetings",
        {
            "kind": "summit",
            "title": "Summit",
            "start_date": "2026-05-14",
            "end_date": "2026-05-15",
            "timezone": "Mars/Olympus",
        },
        content_type="application/json",
        headers=bearer(secretariat_user),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == MeetingError.UNKNOWN_TIMEZONE == "unknown_timezone"
    assert body["message"] == "Unknown time zone: Mars/Olympus."
    assert body["errors"] == [{"field": "timezone", "message": "Unknown time zone: Mars/Olympus."}]


def test_a_practice_and_a_call_refuse_with_their_codes():
    practice = Practice(
        start_year=2020, end_year=2010, themes=[], objectives=[99], sdg_targets=["99.z"]
    )
    with pytest.raises(ValidationError) as refused:
        practice.clean()
    codes = {field: [e.code for e in errors] for field, errors in refused.value.error_dict.items()}
    assert codes == {
        "end_year": [PracticeError.ENDS_BEFORE_START],
        "themes": [PracticeError.THEMES_NEEDED],
        "objectives": [PracticeError.UNKNOWN_OBJECTIVE],
        "sdg_targets": [PracticeError.UNKNOWN_SDG_TARGET],
    }
    with pytest.raises(ValidationError) as refused:
        Practice(start_year=2020, themes=["weather"]).clean()
    assert refused.value.error_dict["themes"][0].code == PracticeError.UNKNOWN_THEME

    now = timezone.now()
    with pytest.raises(ValidationError) as refused:
        CallForPractices(opens_at=now, deadline=now).clean()
    assert refused.value.error_dict["deadline"][0].code == PracticeError.DEADLINE_BEFORE_OPENING
