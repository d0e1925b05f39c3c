"""Importing a catalogue of practices from CSV or JSON: every row checked first, all or
nothing written, through the audit trail; re-imports skip what is there; the command."""

import io
import json
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.test import override_settings
from django.utils import translation

from migforum.core import jobs
from migforum.core.audit import snapshot
from migforum.core.choices import ImportStatus
from migforum.core.models import AuditEvent, SearchRecord, SearchText
from migforum.core.search import scores as text_scores
from migforum.members.models import Organization, State
from migforum.practices import imports
from migforum.practices.choices import ReviewStatus
from migforum.practices.imports import (
    MAX_ROWS,
    PracticeImportError,
    RowError,
    checked_rows,
    import_errors,
    import_practices,
    practice_import_interrupted,
    practice_import_request,
    practice_import_run,
)
from migforum.practices.models import Practice, PracticeCountry, PracticeImport, PracticePartner
from migforum.practices.services import practice_create
from migforum.practices.tasks import import_practices_file

from .catalogue import csv_bytes, good_row

pytestmark = pytest.mark.django_db(transaction=False)

TEMPLATE = Path(imports.__file__).parent / "data" / "practices_template.csv"


def import_bytes(*, data: bytes, filename: str, by=None, owner) -> imports.ImportReport:
    """The import of a file held in memory (the site and the command read it from disk)."""
    return import_practices(source=io.BytesIO(data), filename=filename, by=by, owner=owner)


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
        len(matches("practice")),
    )


# Good files


def test_a_thousand_good_rows_import_a_thousand_drafts(morocco, thousand_rows):
    # given
    audit_before = AuditEvent.objects.count()

    # when
    report = import_bytes(
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
    assert practice.pk in matches("734")


def test_an_imported_title_is_stored_on_one_line_as_a_practice_created_on_the_site(morocco):
    # given a spreadsheet cell holding a line break and a control character in the title
    row = {**good_row(1), "title": "Savings accounts\nfor migrants\x07 abroad"}

    # when the catalogue is imported
    import_bytes(data=csv_bytes([row]), filename="catalogue.csv", by=None, owner=morocco)

    # then the title is one line, as record_create stores it for a practice made on the site
    assert Practice.objects.filter(owner_state=morocco).get().title == (
        "Savings accounts for migrants abroad"
    )


def test_the_template_offered_for_download_imports(iom):
    report = import_bytes(data=TEMPLATE.read_bytes(), filename=TEMPLATE.name, by=None, owner=iom)

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

    report = import_bytes(
        data=json.dumps(rows).encode(), filename="practices.json", by=None, owner=morocco
    )
    again = import_bytes(
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

    report = import_bytes(data=csv_bytes([row]), filename="a.csv", by=None, owner=morocco)

    practice = Practice.objects.get(pk=report.practice_ids[0])
    assert practice.is_global
    assert practice.level == "global"
    assert not practice.countries.exists()


def test_an_imported_practice_has_all_that_practice_create_gives_it(
    focal_point_of_morocco, morocco
):
    # given: a row imported, and the same row's content created through the service
    row = good_row(7) | {
        "language": "fr",
        "context": "Une description du contexte.",
        "partners": "Chamber of Commerce (private_sector); Diaspora council",
        "countries": "MAR:origin; ESP:destination; FRA:transit",
    }
    data = csv_bytes([row])
    practice_import = request_import(data, by=focal_point_of_morocco, owner=morocco)
    practice_import_run(practice_import=practice_import)
    imported = Practice.objects.get(owner_state=morocco)
    [(_number, content)] = checked_rows(io.BytesIO(data), "a.csv")
    created = practice_create(by=focal_point_of_morocco, owner=morocco, content=content)

    # then: the same fields, rows, versions, audit events and text index entries
    def fields(practice):
        values = snapshot(practice)
        assert values.pop("id") == practice.pk
        assert values.pop("created_at")
        assert values.pop("updated_at")
        return values

    def rows(practice):
        return (
            list(practice.countries.order_by("id").values_list("state_id", "role")),
            list(practice.partners.order_by("id").values_list("name", "kind", "organization_id")),
            list(practice.translations.values_list("language", "title")),
            # Versions are kept from the first submission on; a draft has none either way.
            practice.versions.count(),
            # In the index for the practice finder, a draft is not public.
            list(
                SearchRecord.objects.filter(
                    kind__key="practices.practice", object_id=str(practice.pk)
                ).values_list("public", "languages", "year", "states")
            ),
        )

    def events(practice):
        children = {
            PracticeCountry: practice.countries.all(),
            PracticePartner: practice.partners.all(),
        }
        related = Q(content_type=content_type(Practice), object_id=str(practice.pk))
        for model, instances in children.items():
            ids = [str(instance.pk) for instance in instances]
            related |= Q(content_type=content_type(model), object_id__in=ids)
        trail = []
        for event in AuditEvent.objects.filter(related).order_by("id"):
            # Every column of the event (those added later too), but its own id, time and
            # the ids of what it is about.
            values = {k: v for k, v in snapshot(event).items() if k not in ("id", "at")}
            values["object_id"] = None
            values["after"] = {k: v for k, v in event.after.items() if k not in UNEQUAL}
            trail.append(values)
        return trail

    def index_entry(practice):
        return list(
            SearchText.objects.filter(
                record__kind__key="practices.practice", record__object_id=str(practice.pk)
            ).values_list("language", "title", "body")
        )

    assert fields(imported) == fields(created)
    assert rows(imported) == rows(created)
    assert len(rows(imported)[0]) == 3
    assert len(rows(imported)[1]) == 2
    assert events(imported) == events(created)
    assert len(events(imported)) == 1 + 3 + 2
    assert index_entry(imported) == index_entry(created) != []
    assert set(matches("contexte")) == {imported.pk, created.pk}


#: What differs between two identical practices in their audit events: their own ids, and when.
UNEQUAL = {"id", "practice_id", "created_at", "updated_at"}


def matches(query: str) -> set[int]:
    return {int(pk) for pk in text_scores(query, "practices.practice")}


def content_type(model):
    return ContentType.objects.get_for_model(model)


def test_a_practice_added_meanwhile_stops_the_import(
    focal_point_of_morocco, morocco, thousand_rows, monkeypatch
):
    # given: while the import stages its rows, the owner adds one of them by hand
    rows = thousand_rows[:5]
    real_write = imports._Staging.write

    def meanwhile(self, wanted, **kwargs):
        real_write(self, wanted, **kwargs)
        [(_number, content)] = checked_rows(io.BytesIO(csv_bytes([rows[2]])), "a.csv")
        practice_create(by=focal_point_of_morocco, owner=morocco, content=content)

    monkeypatch.setattr(imports._Staging, "write", meanwhile)

    # when
    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=csv_bytes(rows), filename="a.csv", owner=morocco)

    # then: nothing of the file is imported, and the row is named
    assert errors_of(excinfo) == [
        "Row 4, title: This practice was added meanwhile (same title and start year), so "
        "nothing was imported. Import the file again to add the others."
    ]
    assert list(Practice.objects.values_list("title", flat=True)) == ["Practice number 3"]


# Errors: all reported, nothing written


def test_one_bad_row_in_a_thousand_imports_nothing_and_names_the_row(morocco, thousand_rows):
    # given: the 733rd practice, on spreadsheet row 734, names a country that does not exist
    thousand_rows[732]["countries"] = "MAR:origin; XYZ:destination"
    before = counts()

    # when
    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=csv_bytes(thousand_rows), filename="catalogue.csv", owner=morocco)

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
        import_bytes(data=csv_bytes(rows), filename="a.csv", by=None, owner=morocco)

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
        import_bytes(data=csv_bytes(rows), filename="a.csv", by=None, owner=morocco)

    assert errors_of(excinfo) == [
        "Row 5, start_year: Ensure this value is greater than or equal to 1900."
    ]


def test_the_models_own_rules_apply(morocco):
    rows = [good_row(1), good_row(2), good_row(3)]
    rows[0]["objectives"] = "19; 24"  # a number, but not one of the 23
    rows[1]["themes"] = ""
    rows[2]["title"] = "x" * 301

    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=csv_bytes(rows), filename="a.csv", by=None, owner=morocco)

    assert errors_of(excinfo) == [
        "Row 2, objectives: The Global Compact has objectives 1 to 23.",
        "Row 3, themes: Choose at least one theme.",
        "Row 4, title: Ensure this value has at most 300 characters (it has 301).",
    ]


def test_json_errors_name_the_item(morocco):
    items = [good_row(1), "not an object", good_row(3) | {"start_year": "later", "colour": "red"}]

    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=json.dumps(items).encode(), filename="a.json", by=None, owner=morocco)

    assert errors_of(excinfo)[0].startswith("Row 3, colour: Unknown column")
    assert errors_of(excinfo)[1:] == [
        "Row 2: Each practice must be a JSON object.",
        'Row 3, start_year: "later" is not a year.',
    ]


def test_a_failure_while_staging_leaves_the_database_as_it_was(morocco, thousand_rows, monkeypatch):
    # given: writes go in batches of 3; staging breaks on the second batch
    monkeypatch.setattr(imports, "BATCH", 3)
    real_prepare = imports.prepare_search
    calls = []

    def breaks_on_the_second(entries):
        calls.append(entries)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_prepare(entries)

    monkeypatch.setattr(imports, "prepare_search", breaks_on_the_second)
    before = counts()

    # when
    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=csv_bytes(thousand_rows[:10]), filename="a.csv", owner=morocco)

    # then
    assert len(calls) == 2
    assert counts() == before
    assert PracticePartner.objects.filter(name="Chamber of Commerce").count() == 0
    assert errors_of(excinfo) == ["Saving failed, so nothing was imported: disk full"]
    assert excinfo.value.report.created == 0
    assert excinfo.value.report.practice_ids == []
    assert isinstance(excinfo.value.__cause__, RuntimeError)


def test_a_failure_while_publishing_leaves_the_database_as_it_was(
    morocco, thousand_rows, monkeypatch
):
    # given: the practices, their rows and audit events are in; the text index fails
    def fails(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "search_write", fails)
    before = counts()

    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=csv_bytes(thousand_rows[:10]), filename="a.csv", owner=morocco)

    assert counts() == before
    assert PracticeCountry.objects.count() == before[2]
    assert errors_of(excinfo) == ["Saving failed, so nothing was imported: disk full"]


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
        import_bytes(data=data, filename=filename, by=None, owner=morocco)

    assert message in errors_of(excinfo)[0]
    assert counts() == before


def test_a_deeply_nested_json_file_is_refused_before_it_is_parsed(morocco):
    data = b"[" * 100_000 + b"]" * 100_000

    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=data, filename="deep.json", owner=morocco)

    assert errors_of(excinfo) == [
        "The JSON file nests lists or objects more than 20 levels deep; a catalogue of "
        "practices needs four."
    ]


def test_brackets_and_escaped_quotes_inside_json_strings_are_not_nesting(morocco):
    row = good_row(1) | {"summary": 'A "quoted" [[[[' * 30 + "\\", "description": "{{{{" * 30}

    report = import_bytes(data=json.dumps([row]).encode(), filename="a.json", owner=morocco)

    assert report.created == 1
    assert Practice.objects.get().summary.endswith("[[[[\\")


@override_settings(JSON_IMPORT_MAX_DEPTH=3)
def test_the_nesting_limit_is_a_setting(morocco):
    data = json.dumps([good_row(1) | {"countries": [{"iso3": "MAR", "role": "origin"}]}])

    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=data.encode(), filename="a.json", owner=morocco)

    assert "more than 3 levels deep" in errors_of(excinfo)[0]


@override_settings(PRACTICE_IMPORT_MAX_BYTES=1 << 20)
@pytest.mark.parametrize("filename", ["big.json", "big.csv"])
def test_a_file_larger_than_the_limit_is_refused_unread(morocco, filename):
    data = b"[" + b" " * (1 << 20) + b"]"

    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=data, filename=filename, owner=morocco)

    assert errors_of(excinfo) == ["The file is larger than 1 MB; split it into several files."]


def test_more_than_twenty_thousand_rows_is_refused(morocco):
    data = b"title,summary\n" + b"A practice,What it does\n" * (MAX_ROWS + 1)

    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=data, filename="big.csv", by=None, owner=morocco)

    assert errors_of(excinfo) == [
        "The file holds more than 20,000 practices; split it into several files."
    ]


def test_a_row_with_more_cells_than_columns_is_an_error(morocco):
    data = csv_bytes([good_row(1)]).replace(b"\r\n", b",extra\r\n", 2).replace(b"s,extra", b"s", 1)

    with pytest.raises(PracticeImportError) as excinfo:
        import_bytes(data=data, filename="a.csv", by=None, owner=morocco)

    assert errors_of(excinfo) == ["Row 2: This row has more cells than the header has columns."]


# Re-imports


def test_importing_the_same_file_again_skips_every_row(morocco, thousand_rows):
    data = csv_bytes(thousand_rows[:20])
    import_bytes(data=data, filename="a.csv", by=None, owner=morocco)
    before = counts()

    report = import_bytes(data=data, filename="a.csv", by=None, owner=morocco)

    assert report.created == 0
    assert len(report.skipped) == 20
    assert report.skipped[0].row == 2
    assert "already imported" in str(report.skipped[0])
    assert counts() == before


def test_a_grown_file_adds_only_the_new_rows_and_a_repeated_row_once(morocco, thousand_rows):
    import_bytes(data=csv_bytes(thousand_rows[:5]), filename="a.csv", by=None, owner=morocco)
    grown = thousand_rows[:8] + [thousand_rows[6] | {"title": " practice NUMBER 7 "}]

    report = import_bytes(data=csv_bytes(grown), filename="a.csv", by=None, owner=morocco)

    assert report.created == 3
    assert [s.row for s in report.skipped] == [2, 3, 4, 5, 6, 10]
    assert "repeats row 8" in report.skipped[-1].reason
    assert Practice.objects.filter(owner_state=morocco).count() == 8


def test_the_same_practice_of_another_owner_is_not_a_duplicate(morocco, france):
    data = csv_bytes([good_row(1)])
    import_bytes(data=data, filename="a.csv", by=None, owner=morocco)

    report = import_bytes(data=data, filename="a.csv", by=None, owner=france)

    assert report.created == 1


# Who imports: the request, queued and run


def request_import(data: bytes, *, by, owner, name: str = "catalogue.csv") -> PracticeImport:
    return practice_import_request(file=ContentFile(data, name=name), name=name, by=by, owner=owner)


def test_a_focal_point_imports_for_their_own_state_only(
    focal_point_of_morocco, morocco, france, django_capture_on_commit_callbacks
):
    data = csv_bytes([good_row(1)])

    with django_capture_on_commit_callbacks(execute=True):
        practice_import = request_import(data, by=focal_point_of_morocco, owner=morocco)
    with pytest.raises(PermissionDenied):
        request_import(data, by=focal_point_of_morocco, owner=france)

    practice_import.refresh_from_db()
    assert practice_import.status == ImportStatus.DONE
    assert practice_import.created == 1
    practice = Practice.objects.get(owner_state=morocco)
    assert AuditEvent.objects.filter(
        object_id=str(practice.pk), actor=focal_point_of_morocco
    ).exists()
    assert not Practice.objects.filter(owner_state=france).exists()
    assert PracticeImport.objects.count() == 1


def test_the_secretariat_imports_for_anyone(secretariat_user, france):
    secretariat_user.is_verified = lambda: True

    practice_import = request_import(csv_bytes([good_row(1)]), by=secretariat_user, owner=france)
    practice_import_run(practice_import=practice_import)

    assert practice_import.status == ImportStatus.DONE
    assert Practice.objects.get().owner_state == france


def test_the_request_keeps_a_copy_queues_the_task_and_the_copy_goes_when_done(
    focal_point_of_morocco, morocco, django_capture_on_commit_callbacks
):
    # when: the import is requested, and the transaction commits
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        practice_import = request_import(
            csv_bytes([good_row(1), good_row(2)]), by=focal_point_of_morocco, owner=morocco
        )

    # then: the file is stored, the task waits for the commit, nothing is imported yet
    stored = practice_import.file.name
    assert default_storage.exists(stored)
    assert practice_import.status == ImportStatus.QUEUED
    assert practice_import.requested_by == focal_point_of_morocco
    assert AuditEvent.objects.filter(object_id=str(practice_import.pk), action="create").exists()
    assert len(callbacks) == 1
    assert not Practice.objects.exists()

    # when: the task runs (the test settings run it at once), and what it did commits
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()

    # then
    practice_import.refresh_from_db()
    assert practice_import.status == ImportStatus.DONE
    assert (practice_import.created, practice_import.done, practice_import.total) == (2, 2, 2)
    assert practice_import.finished_at is not None
    assert Practice.objects.filter(owner_state=morocco).count() == 2
    assert practice_import.file.name == ""
    assert not default_storage.exists(stored)


def test_a_file_with_errors_is_recorded_as_failed_with_every_error(focal_point_of_morocco, morocco):
    rows = [good_row(1), good_row(2), good_row(1)]
    rows[1]["countries"] = "XYZ:origin"
    practice_import = request_import(csv_bytes(rows), by=focal_point_of_morocco, owner=morocco)

    practice_import_run(practice_import=practice_import)

    practice_import.refresh_from_db()
    assert practice_import.status == ImportStatus.FAILED
    assert [str(e) for e in import_errors(practice_import)] == [
        'Row 3, countries: "XYZ" is not the ISO3 code of a State.'
    ]
    assert practice_import.created == 0
    assert not Practice.objects.exists()


def test_the_errors_are_written_in_the_language_of_the_request(focal_point_of_morocco, morocco):
    row = good_row(1) | {"start_year": "20x4"}
    with translation.override("fr"):
        practice_import = request_import(csv_bytes([row]), by=focal_point_of_morocco, owner=morocco)

    practice_import_run(practice_import=practice_import)

    assert practice_import.language == "fr"
    assert practice_import.errors == [
        {"row": 2, "field": "start_year", "message": '"20x4" n’est pas une année.'}
    ]


def test_an_import_interrupted_by_a_dead_worker_fails_with_the_reason_and_its_copy_goes(
    focal_point_of_morocco, morocco, django_capture_on_commit_callbacks
):
    # given: an import the worker had started when it died
    practice_import = request_import(
        csv_bytes([good_row(1)]), by=focal_point_of_morocco, owner=morocco
    )
    PracticeImport.objects.filter(pk=practice_import.pk).update(status=ImportStatus.RUNNING)
    stored = practice_import.file.name
    handler = jobs.handler_for(import_practices_file.module_path)
    assert handler is not None

    # when: the worker side calls it, in the transaction that marks the task failed
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        handler(
            jobs.InterruptedTask(
                task_id="t-1",
                task_path=import_practices_file.module_path,
                args=[practice_import.pk],
                kwargs={},
            ),
            "Interrupted: the worker stopped.",
        )
    assert default_storage.exists(stored)  # until the transaction commits
    for callback in callbacks:
        callback()

    # then
    practice_import.refresh_from_db()
    assert practice_import.status == ImportStatus.FAILED
    assert [str(e) for e in import_errors(practice_import)] == ["Interrupted: the worker stopped."]
    assert practice_import.finished_at is not None
    assert practice_import.file.name == ""
    assert not default_storage.exists(stored)
    assert not Practice.objects.exists()


def test_an_import_that_ended_is_left_alone_by_the_interruption_handler(
    focal_point_of_morocco, morocco
):
    practice_import = request_import(
        csv_bytes([good_row(1)]), by=focal_point_of_morocco, owner=morocco
    )
    practice_import_run(practice_import=practice_import)

    practice_import_interrupted(
        jobs.InterruptedTask("t-1", import_practices_file.module_path, [practice_import.pk], {}),
        "Interrupted: the worker stopped.",
    )

    practice_import.refresh_from_db()
    assert practice_import.status == ImportStatus.DONE
    assert practice_import.errors == []


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
