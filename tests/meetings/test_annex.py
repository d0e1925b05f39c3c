"""Reading the annex of the 2006 report: the preparatory meetings, damaged text and all."""

import datetime

import pytest

from migforum.meetings.annex import parse_date_range, read_annex, split_organizers

from ..documents.conftest import SEED_TEXT

D = datetime.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("9-10 February 2006", D(2006, 2, 9), D(2006, 2, 10)),
        ("4 - 5 May 2006", D(2006, 5, 4), D(2006, 5, 5)),
        ("12 July 2006", D(2006, 7, 12), D(2006, 7, 12)),
        ("30 June - 1 July 2006", D(2006, 6, 30), D(2006, 7, 1)),
        ("31 December 2006 – 2 January 2007", D(2006, 12, 31), D(2007, 1, 2)),
    ],
)
def test_date_ranges(text, start, end):
    assert parse_date_range(text) == (start, end)


@pytest.mark.parametrize(
    "text", ["", "February 2006", "10-9 February 2006", "31 February 2006", "9-10 Febuary 2006"]
)
def test_what_is_not_a_date_range(text):
    with pytest.raises(ValueError):  # noqa: PT011  each case has its own message
        parse_date_range(text)


def test_governments_of_several_states_are_split():
    assert split_organizers("Governments of Morocco, Spain and France; European Commission") == [
        "Government of Morocco",
        "Government of Spain",
        "Government of France",
        "European Commission",
    ]


def test_the_seed_annex_lists_nine_meetings_and_reports_the_debris():
    reading = read_annex(SEED_TEXT)
    assert [(e.city, e.start_date, e.end_date) for e in reading.entries] == [
        ("Cotonou", D(2006, 2, 9), D(2006, 2, 10)),
        ("Brussels", D(2006, 3, 15), D(2006, 3, 16)),
        ("Asunción", D(2006, 5, 4), D(2006, 5, 5)),
        ("Lima", D(2006, 5, 15), D(2006, 5, 16)),
        ("Rabat", D(2006, 7, 10), D(2006, 7, 11)),
        ("New York", D(2006, 7, 12), D(2006, 7, 12)),
        ("Madrid", D(2006, 7, 18), D(2006, 7, 19)),
        ("Mexico City", D(2006, 7, 25), D(2006, 7, 26)),
        ("Santo Domingo", D(2006, 7, 27), D(2006, 7, 28)),
    ]
    letters = {e.city: e.letter.symbol for e in reading.entries if e.letter}
    assert letters == {
        "Cotonou": "A/61/230",
        "Brussels": "A/61/73",
        "Asunción": "A/61/86",
        "Lima": "A/61/91",
        "Rabat": "A/61/170",
        "New York": "A/61/187",
        "Santo Domingo": "A/61/343",
    }
    assert len(reading.skipped) == 1
    assert "not understood" in reading.skipped[0]
    assert "ecretary-GS008" in reading.skipped[0]


def test_a_text_without_an_annex_lists_nothing():
    reading = read_annex("Just a statement.\nDate: 9-10 February 2006")
    assert reading.entries == []
    assert reading.skipped == []


@pytest.mark.parametrize(
    "damage",
    [
        "## ANNEX\nDate: 99 Smarch 2006\nVenue: Nowhere, Atlantis\n",
        "## ANNEX\nVenue: Lima, Peru\n",
        "## ANNEX\nDate: 1 May 2006\nLetter dated 2 May 2006 from nobody\n",
        "## ANNEX\n\x00\x01Date:\n:::\n",
    ],
)
def test_damaged_annexes_are_reported_not_fatal(damage):
    reading = read_annex(damage)
    assert reading.skipped
