"""Control characters in stored text: one line for one-line fields, tabs and line breaks kept in
long texts, and the rule applied to every write that goes through the audit trail."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migforum.core.text import long_text, one_line
from migforum.meetings.services import meeting_create, meeting_update
from migforum.members.models import State
from migforum.members.services import state_update

CONTROLS = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))] + ["\u2028", "\u2029"]


@given(st.text())
def test_one_line_leaves_no_control_character_and_no_line(value):
    cleaned = one_line(value)
    assert not any(c in cleaned for c in CONTROLS)
    assert len(cleaned.splitlines()) <= 1
    assert one_line(cleaned) == cleaned


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Zl", "Zp"))))
def test_one_line_keeps_text_without_control_characters(value):
    assert one_line(value) == value


@given(st.text())
def test_long_text_keeps_tabs_and_line_breaks_only(value):
    cleaned = long_text(value)
    assert not any(c in cleaned for c in CONTROLS if c not in "\t\n\r")
    assert [c for c in cleaned if c in "\t\n\r"] == [c for c in value if c in "\t\n\r"]
    assert long_text(cleaned) == cleaned


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Savings accounts\r\nfor Moroccans abroad", "Savings accounts for Moroccans abroad"),
        ("Savings\n\n\taccounts\n", "Savings accounts"),
        ("Bell\x07 and NUL\x00", "Bell and NUL"),
        ("Next line\x85here\u2028and\u2029there", "Next line here and there"),
        ("Ça coûte 3\u00a0%", "Ça coûte 3\u00a0%"),
        ("بنك المغرب", "بنك المغرب"),
    ],
)
def test_one_line_examples(value, expected):
    assert one_line(value) == expected


@pytest.mark.django_db
def test_a_meeting_title_is_stored_on_one_line(secretariat_user):
    secretariat_user.is_verified = lambda: True
    meeting = meeting_create(
        by=secretariat_user,
        data={
            "kind": "round_table",
            "title": "Round table\r\non remittances\x00",
            "start_date": datetime.date(2030, 5, 4),
            "end_date": datetime.date(2030, 5, 5),
            "city": "Gen\teva",
            "description": "First line.\nSecond line.\x07",
        },
    )
    meeting.refresh_from_db()
    assert meeting.title == "Round table on remittances"
    assert meeting.city == "Gen eva"
    assert meeting.description == "First line.\nSecond line."

    meeting_update(meeting=meeting, by=secretariat_user, data={"title": "Summit\nof 2030"})
    meeting.refresh_from_db()
    assert meeting.title == "Summit of 2030"


@pytest.mark.django_db
def test_a_long_text_keeps_its_lines_and_loses_nul(focal_point_of_morocco, morocco):
    state_update(
        state=morocco,
        by=focal_point_of_morocco,
        data={"summary": "Line one.\r\n\tLine two.\x00\x1b[31m"},
    )
    assert State.objects.get(pk=morocco.pk).summary == "Line one.\r\n\tLine two.[31m"
