"""Importing a catalogue of practices from CSV or JSON: every row checked first, all or
nothing written, through the audit trail; re-imports skip what is there; the command."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from migforum.core.models import AuditEvent
from migforum.members.models import Organization, State
from migforum.practices import imports, text_index
from migforum.practices.choices import ReviewStatus
from migforum.practices.imports import (
    COLUMNS,
    MAX_ROWS,
    PracticeImportError,
    RowError,
    import_practices,
)
from migforum.practices.models import Practice, PracticeCountry, PracticePartner

pytestmark = pytest.mark.django_db(transaction=False)

TEMPLATE = Path(imports.__file__).parent / "data" / "practices_template.csv"
COUNTRIES = ["MAR", "ESP", "SEN", "FRA", "PHL", "ITA", "MEX", "USA", "GHA", "NLD"]


def good_row(number: int) -> dict[str, str]:
    origin, destination = COUNTRIES[number % 5 * 2], COUNTRIES[number % 5 * 2 + 1]
    return {
        "title": f"Practice number {number}",
        "summary": f"What practice {number} does, for whom, with what result.",
        "level": "national",
        "is_global": "no",
        "implementer_name": "Ministry of Labour",
        "implementer_kind": "government",
        "themes": "labour; Remittances and financial inclusion",
        "objectives": "5; 6",
        "sdg_targets": "8.8; 10.7",
        "start_year": str(1990 + number % 30),
        "implementation_status": "ongoing",
        "countries": f"{origin}:origin; {destination}:destination",
        "partners": "Chamber of Commerce (private_sector)",
        "contacts": f"Officer {number} | Head of unit | officer{number}@example.org",
        "links": f"Annual report | https://example.org/{number}",
    }


def csv_bytes(rows: list[dict[str, str]], *, bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


def errors_of(excinfo: pytest.ExceptionInfo[PracticeImportError]) -> list[str]:
    return [str(error) for error in excinfo.value.errors]


@pytest.fixture
def thousand_rows() -> list[dict[str, str]]:
    return [good_row(n) for n in range(1, 1001)]


def counts() -> tuple[int, int, int, int]:
    return (
        Practice.objects.count(),
        AuditEvent.objects.count(),
        PracticeCountry.objects.count(),
        len(text_index.matches("practice")),
    )


# Good files


def test_a_thousand_good_rows_import_a_thousand_drafts(morocco, thousand_rows):
    # given
    audit_before = AuditEvent.objects.count()

    # when
    report = import_practices(
        data=csv_bytes(thousand_rows, bom=True), filename="catalogue.csv", by=None, owner=morocco
    )

    # then
    assert report.created == 1000
    assert len(report.practice_ids) == 1000
    assert report.skipped == []
    practices = Practice.objects.filter(owner_state=morocco)
    assert practices.count() == 1000
    assert set(practices.values_list("review_status", flat=True)) == {ReviewStatus.DRAFT}
    # Each practice, its two countries and its partner went through the audit trail.
    assert AuditEvent.objects.count() - audit_before == 1000 * 4
    practice = practices.get(title="Practice number 734")
    assert practice.themes == ["labour", "remittances"]
    assert practice.objectives == [5, 6]
    assert practice.sdg_targets == ["8.8", "10.7"]
    assert practice.language == "en"
    assert practice.start_year == 1990 + 734 % 30
    assert practice.contacts == [
        {"name": "Officer 734", "function": "Head of unit", "email": "officer734@example.org"}
    ]
    assert practice.links == [{"title": "Annual report", "url": "https://example.org/734"}]
    assert sorted((c.state.iso3, c.role) for c in practice.countries.all()) == [
        ("GHA", "origin"),
        ("NLD", "destination"),
    ]
    assert practice.pk in text_index.matches("734")


def test_the_template_offered_for_download_imports(iom):
    report = import_practices(
        data=TEMPLATE.read_bytes(), filename=TEMPLATE.name, by=None, owner=iom
    )

    assert report.created == 2
    savings = Practice.objects.get(title__startswith="Savings for development")
    assert savings.themes == ["remittances", "diaspora"]
    assert savings.contacts[0]["email"] == "focal.point@example.org"
    mida = Practice.objects.get(title__contains="MIDA")
    assert mida.owner_organization == iom
    assert mida.themes == ["diaspora", "labour"]
    assert sorted(mida.partners.values_list("kind", flat=True)) == ["government", "un_entity"]
    assert {c.state.iso3 for c in mida.countries.all()} == {"GHA", "NLD"}


def test_json_imports_a_list_or_an_object_with_practices(morocco, france):
    rows = [good_row(1), good_row(2)]
    rows[0] |= {
        "themes": ["diaspora", "Return and reintegration"],
        "objectives": [19, 21],
        "sdg_targets": ["10.7"],
        "is_global": False,
        "start_year": 2008,
        "countries": [{"iso3": "mar", "role": "origin"}, "FRA:destination"],
        "partners": [{"name": "Diaspora council", "kind": "civil_society"}],
        "contacts": [{"name": "A. Benali", "function": "Director", "email": "a@example.org"}],
        "links": [{"title": "Website", "url": "https://example.org"}],
        "language": "fr",
    }

    report = import_practices(
        data=json.dumps(rows).encode(), filename="practices.json", by=None, owner=morocco
    )
    again = import_practices(
        data=json.dumps({"practices": [good_row(3)]}).encode(),
        filename="upload",  # no extension: recognised by its content
        by=None,
        owner=france,
    )

    assert report.created == 2
    assert again.created == 1
    first = Practice.objects.get(title="Practice number 1")
    assert first.themes == ["diaspora", "return"]
    assert first.objectives == [19, 21]
    assert first.language == "fr"
    assert first.start_year == 2008
    assert sorted((c.state.iso3, c.role) for c in first.countries.all()) == [
        ("FRA", "destination"),
        ("MAR", "origin"),
    ]
    assert list(first.partners.values_list("name", "kind")) == [
        ("Diaspora council", "civil_society")
    ]
    assert first.contacts[0]["email"] == "a@example.org"
    assert Practice.objects.get(title="Practice number 3").owner_state == france


def test_a_global_practice_needs_no_countries(morocco):
    row = good_row(1) | {"is_global": "Yes", "countries": "", "level": "Global"}

    report = import_practices(data=csv_bytes([row]), filename="a.csv", by=None, owner=morocco)

    practice = Practice.objects.get(pk=report.practice_ids[0])
    assert practice.is_global
    assert practice.level == "global"
    assert not practice.countries.exists()


# Errors: all reported, nothing written


def test_one_bad_row_in_a_thousand_imports_nothing_and_names_the_row(morocco, thousand_rows):
    # given: the 733rd practice, on spreadsheet row 734, names a country that does not exist
    thousand_rows[732]["countries"] = "MAR:origin; XYZ:destination"
    before = counts()

    # when
    with pytest.raises(PracticeImportError) as excinfo:
        import_practices(
            data=csv_bytes(thousand_rows), filename="catalogue.csv", by=None, owner=morocco
        )

    # then
    assert counts() == before
    assert excinfo.value.errors == [
        RowError(734, "countries", '"XYZ" is not the ISO3 code of a State.')
    ]
    assert errors_of(excinfo) == ['Row 734, countries: "XYZ" is not the ISO3 code of a State.']


def test_every_error_of_every_row_is_reported(morocco):
    rows = [good_row(n) for n in range(1, 12)]
    rows[0]["start_year"] = "20x4"
    rows[1]["themes"] = "remittances; migrants; labor"
    rows[2]["countries"] = "MAR:sender"
    rows[3]["title"] = ""
    rows[4]["end_year"] = "1980"
    rows[4]["start_year"] = "1990"
    rows[5]["contacts"] = "Someone | Director | not-an-address"
    rows[6]["objectives"] = "19; 24; x"
    rows[7]["countries"] = "MAR"
    rows[8]["implementer_kind"] = "ngo"
    rows[9]["is_global"] = "maybe"
    rows[10]["countries"] = ""
    before = counts()

    with pytest.raises(PracticeImportError) as excinfo:
        import_practices(data=csv_bytes(rows), filename="a.csv", by=None, owner=morocco)

    assert counts() == before
    assert errors_of(excinfo) == [
        'Row 2, start_year: "20x4" is not a year.',
        'Row 3, themes: "migrants" is not one of: remittances, diaspora, return, labour, '
        "irregular, trafficking, human_rights, integration, coherence, cooperation.",
        'Row 3, themes: "labor" is not one of: remittances, diaspora, return, labour, '
        "irregular, trafficking, human_rights, integration, coherence, cooperation.",
        'Row 4, countries: "sender" is not one of: origin, transit, destination.',
        "Row 5, title: This field is required.",
        "Row 6, end_year: The practice cannot end before it starts.",
        'Row 7, contacts: "not-an-address" is not an e-mail address.',
        'Row 8, objectives: "x" is not an objective of the Global Compact (1 to 23).',
        'Row 9, countries: Give the role of "MAR": origin, transit, destination.',
        'Row 10, implementer_kind: "ngo" is not one of: government, un_entity, '
        "intergovernmental, civil_society, private_sector, local_authority, academia.",
        'Row 11, is_global: "maybe" is not true or false (yes/no, 1/0).',
        "Row 12, countries: Name the countries involved, or mark the practice as global.",
    ]


def test_rows_are_numbered_as_a_spreadsheet_shows_them(morocco):
    # A cell of several lines is still one row; empty rows keep their number.
    rows = [good_row(1), good_row(2), {}, good_row(4)]
    rows[0]["description"] = "First line.\nSecond line.\nThird line."
    rows[3]["start_year"] = "1850"

    with pytest.raises(PracticeImportError) as excinfo:
        import_practices(data=csv_bytes(rows), filename="a.csv", by=None, owner=morocco)

    assert errors_of(excinfo) == [
        "Row 5, start_year: Ensure this value is greater than or equal to 1900."
    ]


def test_the_models_own_rules_apply(morocco):
    rows = [good_row(1), good_row(2), good_row(3)]
    rows[0]["objectives"] = "19; 24"  # a number, but not one of the 23
    rows[1]["themes"] = ""
    rows[2]["title"] = "x" * 301

    with pytest.raises(PracticeImportError) as excinfo:
        import_practices(data=csv_bytes(rows), filename="a.csv", by=None, owner=morocco)

    assert errors_of(excinfo) == [
        "Row 2, objectives: The Global Compact has objectives 1 to 23.",
        "Row 3, themes: Choose at least one theme.",
        "Row 4, title: Ensure this value has at most 300 characters (it has 301).",
    ]


def test_json_errors_name_the_item(morocco):
    items = [good_row(1), "not an object", good_row(3) | {"start_year": "later", "colour": "red"}]

    with pytest.raises(PracticeImportError) as excinfo:
        import_practices(data=json.dumps(items).encode(), filename="a.json", by=None, owner=morocco)

    assert errors_of(excinfo)[0].startswith("Row 3, colour: Unknown column")
    assert errors_of(excinfo)[1:] == [
        "Row 2: Each practice must be a JSON object.",
        'Row 3, start_year: "later" is not a year.',
    ]


def test_a_failure_while_writing_leaves_the_database_as_it_was(morocco, thousand_rows, monkeypatch):
    # given: saving breaks on the fifth practice, after four were written
    real_create = imports.practice_create
    calls = []

    def breaks_on_the_fifth(**kwargs):
        calls.append(kwargs)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return real_create(**kwargs)

    monkeypatch.setattr(imports, "practice_create", breaks_on_the_fifth)
    before = counts()

    # when
    with pytest.raises(PracticeImportError) as excinfo:
        import_practices(
            data=csv_bytes(thousand_rows[:10]), filename="a.csv", by=None, owner=morocco
        )

    # then
    assert len(calls) == 5
    assert counts() == before
    assert PracticePartner.objects.filter(name="Chamber of Commerce").count() == 0
    assert errors_of(excinfo) == [
        "Row 6: Saving failed at this row, so nothing was imported: disk full"
    ]
    assert excinfo.value.report.created == 0
    assert excinfo.value.report.practice_ids == []
    assert isinstance(excinfo.value.__cause__, RuntimeError)


# Malformed files


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "a.csv", "The file is empty."),
        (b"  \n\n", "a.csv", "The file is empty."),
        (
            "title,summary\nTítulo,Resumen\n".encode("latin-1"),
            "a.csv",
            "The file is not UTF-8 text.",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb2", "a.xlsx", "not UTF-8 text"),
        (b"title,summary\n", "a.csv", "The file holds no practices."),
        (b"title,summary\n,,\n", "a.csv", "The file holds no practices."),
        (b"[]", "a.json", "The file holds no practices."),
        (b'{"title": "x"', "a.json", "The file is not valid JSON (line 1, column"),
        (b'{"items": []}', "a.json", "A JSON file holds a list of practices, or an object"),
        (b"title;summary\nx;y\n", "a.csv", "Separate the columns with commas"),
        (
            b"name,summary\nx,y\n",
            "a.csv",
            "Row 1, title: This column is missing; the first row must name the columns.",
        ),
        (b'title,summary\n"x,y\n', "a.csv", "The file is not valid CSV"),
        (b"title,summary,title\nx,y,z\n", "a.csv", "Row 1, title: This column appears more"),
        (b"title,summary,colour\nx,y,z\n", "a.csv", "Unknown columns: colour."),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_error(morocco, data, filename, message):
    before = counts()

    with pytest.raises(PracticeImportError) as excinfo:
        import_practices(data=data, filename=filename, by=None, owner=morocco)

    assert message in errors_of(excinfo)[0]
    assert counts() == before


def test_more_than_twenty_thousand_rows_is_refused(morocco):
    data = b"title,summary\n" + b"A practice,What it does\n" * (MAX_ROWS + 1)

    with pytest.raises(PracticeImportError) as excinfo:
        import_practices(data=data, filename="big.csv", by=None, owner=morocco)

    assert errors_of(excinfo) == [
        "The file holds more than 20,000 practices; split it into several files."
    ]


def test_a_row_with_more_cells_than_columns_is_an_error(morocco):
    data = csv_bytes([good_row(1)]).replace(b"\r\n", b",extra\r\n", 2).replace(b"s,extra", b"s", 1)

    with pytest.raises(PracticeImportError) as excinfo:
        import_practices(data=data, filename="a.csv", by=None, owner=morocco)

    assert errors_of(excinfo) == ["Row 2: This row has more cells than the header has columns."]


# Re-imports


def test_importing_the_same_file_again_skips_every_row(morocco, thousand_rows):
    data = csv_bytes(thousand_rows[:20])
    import_practices(data=data, filename="a.csv", by=None, owner=morocco)
    before = counts()

    report = import_practices(data=data, filename="a.csv", by=None, owner=morocco)

    assert report.created == 0
    assert len(report.skipped) == 20
    assert report.skipped[0].row == 2
    assert "already imported" in str(report.skipped[0])
    assert counts() == before


def test_a_grown_file_adds_only_the_new_rows_and_a_repeated_row_once(morocco, thousand_rows):
    import_practices(data=csv_bytes(thousand_rows[:5]), filename="a.csv", by=None, owner=morocco)
    grown = thousand_rows[:8] + [thousand_rows[6] | {"title": " practice NUMBER 7 "}]

    report = import_practices(data=csv_bytes(grown), filename="a.csv", by=None, owner=morocco)

    assert report.created == 3
    assert [s.row for s in report.skipped] == [2, 3, 4, 5, 6, 10]
    assert "repeats row 8" in report.skipped[-1].reason
    assert Practice.objects.filter(owner_state=morocco).count() == 8


def test_the_same_practice_of_another_owner_is_not_a_duplicate(morocco, france):
    data = csv_bytes([good_row(1)])
    import_practices(data=data, filename="a.csv", by=None, owner=morocco)

    report = import_practices(data=data, filename="a.csv", by=None, owner=france)

    assert report.created == 1


# Who imports


def test_a_focal_point_imports_for_their_own_state_only(focal_point_of_morocco, morocco, france):
    data = csv_bytes([good_row(1)])

    report = import_practices(data=data, filename="a.csv", by=focal_point_of_morocco, owner=morocco)
    with pytest.raises(PermissionDenied):
        import_practices(data=data, filename="a.csv", by=focal_point_of_morocco, owner=france)

    practice = Practice.objects.get(pk=report.practice_ids[0])
    assert practice.owner_state == morocco
    assert AuditEvent.objects.filter(
        object_id=str(practice.pk), actor=focal_point_of_morocco
    ).exists()
    assert not Practice.objects.filter(owner_state=france).exists()


def test_the_secretariat_imports_for_anyone(secretariat_user, france):
    secretariat_user.is_verified = lambda: True

    report = import_practices(
        data=csv_bytes([good_row(1)]), filename="a.csv", by=secretariat_user, owner=france
    )

    assert report.created == 1


# The command


def test_the_command_imports_a_file_for_a_state(tmp_path, capsys):
    path = tmp_path / "catalogue.csv"
    path.write_bytes(csv_bytes([good_row(n) for n in range(1, 4)]))

    call_command("import-practices", str(path), "--state", "mar")
    call_command("import-practices", str(path), "--state", "MAR")

    out = capsys.readouterr().out
    assert "3 created, 0 skipped" in out
    assert "0 created, 3 skipped" in out
    assert Practice.objects.filter(owner_state__iso3="MAR").count() == 3
    assert AuditEvent.objects.filter(actor_label="system", object_repr="Practice number 2").exists()


def test_the_command_imports_for_an_organization(tmp_path, capsys):
    path = tmp_path / "practices.json"
    path.write_text(json.dumps([good_row(1)]))

    call_command("import-practices", str(path), "--organization", "iom")

    assert "1 created" in capsys.readouterr().out
    assert Practice.objects.get().owner_organization == Organization.objects.get(slug="iom")


def test_the_command_prints_every_error_and_fails(tmp_path, capsys):
    rows = [good_row(1), good_row(2), good_row(3)]
    rows[0]["start_year"] = "20x4"
    rows[2]["countries"] = "XYZ:origin"
    path = tmp_path / "catalogue.csv"
    path.write_bytes(csv_bytes(rows))

    with pytest.raises(CommandError, match="2 error"):
        call_command("import-practices", str(path), "--state", "MAR")

    err = capsys.readouterr().err
    assert 'Row 2, start_year: "20x4" is not a year.' in err
    assert 'Row 4, countries: "XYZ" is not the ISO3 code of a State.' in err
    assert not Practice.objects.exists()


def test_the_command_needs_a_known_owner(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_bytes(csv_bytes([good_row(1)]))

    with pytest.raises(CommandError, match="XXX"):
        call_command("import-practices", str(path), "--state", "XXX")
    with pytest.raises(CommandError):
        call_command("import-practices", str(path))
    assert not State.objects.filter(iso3="XXX").exists()
