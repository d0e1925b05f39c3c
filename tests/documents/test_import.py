"""Importing documents: the seed report with its citations and annex, statements, PDFs."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from fpdf import FPDF

from migforum.core.models import AuditEvent
from migforum.core.search import search
from migforum.documents.choices import DocumentKind
from migforum.documents.extract import text_of_file
from migforum.documents.models import Document
from migforum.documents.services import document_import_text
from migforum.documents.statements import statements_import_folder
from migforum.meetings.choices import DocumentRole, MeetingKind
from migforum.meetings.models import Meeting
from migforum.meetings.services import document_import_with_meetings

from .conftest import SEED_TEXT, STATEMENTS

pytestmark = pytest.mark.django_db
CITED = [
    "E/1995/69",
    "A/56/167",
    "A/58/98",
    "A/C.2/61/L.12",
    "A/61/230",
    "A/61/73",
    "A/61/86",
    "A/61/91",
    "A/61/170",
    "A/61/187",
    "A/61/343",
]


def import_seed():
    return document_import_text(text=SEED_TEXT, by=None, source="seed")


def import_seed_with_meetings():
    return document_import_with_meetings(text=SEED_TEXT, by=None, source="seed")


def test_the_seed_cites_the_reports_and_the_seven_letters():
    report = import_seed()
    assert sorted(report.citations) == sorted(CITED)
    assert sorted(report.document.citations.values_list("symbol", flat=True)) == sorted(CITED)
    assert report.document.title.startswith("THE HIGH-LEVEL DIALOGUE")


def test_importing_a_document_writes_documents_only():
    before = Meeting.objects.count()
    report = import_seed()
    assert Meeting.objects.count() == before
    assert (report.meetings, report.skipped) == ([], [])


def test_the_seed_annex_becomes_meetings_with_their_letters():
    import_seed_with_meetings()
    meetings = Meeting.objects.filter(kind=MeetingKind.PREPARATORY, start_date__year=2006)
    assert meetings.count() == 9
    cotonou = meetings.get(city="Cotonou")
    assert (cotonou.start_date, cotonou.end_date) == (
        datetime.date(2006, 2, 9),
        datetime.date(2006, 2, 10),
    )
    assert cotonou.country.iso3 == "BEN"
    assert cotonou.timezone == "Africa/Porto-Novo"
    letter = cotonou.meeting_documents.get(role=DocumentRole.TRANSMITTING_LETTER).document
    assert letter.symbol == "A/61/230"
    assert letter.date == datetime.date(2006, 3, 31)
    hosts = {
        (h.state.iso3 if h.state else None, h.organization.slug if h.organization else None)
        for h in cotonou.hosts.all()
    }
    assert hosts == {("BEN", None), (None, "iom"), (None, "un-ohrlls")}
    rabat = meetings.get(city="Rabat")
    assert {h.state.iso3 for h in rabat.hosts.all() if h.state} == {"MAR", "ESP", "FRA"}
    assert meetings.get(city="New York").timezone == "America/New_York"
    assert not meetings.get(city="Madrid").meeting_documents.exists()


def test_re_importing_the_seed_changes_nothing():
    import_seed_with_meetings()
    counts = (Document.objects.count(), Meeting.objects.count(), AuditEvent.objects.count())
    report = import_seed_with_meetings()
    assert not report.changed
    assert (Document.objects.count(), Meeting.objects.count(), AuditEvent.objects.count()) == counts


def test_a_failed_import_leaves_nothing_behind(monkeypatch):
    from migforum.meetings import services

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "meeting_from_annex_entry", broken)
    before = (Document.objects.count(), AuditEvent.objects.count())
    with pytest.raises(RuntimeError):
        import_seed_with_meetings()
    assert (Document.objects.count(), AuditEvent.objects.count()) == before


def test_the_command_reports_what_it_skipped(tmp_path, capsys):
    path = tmp_path / "seed.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    call_command("import-document", str(path), "--meetings-from-annex")
    out, err = capsys.readouterr()
    assert "cites 11 symbols" in out
    assert "meeting: Preparatory meeting, Santo Domingo" in out
    assert "ecretary-GS008" in err


def test_the_command_reads_the_annex_into_meetings_only_when_asked(tmp_path, capsys):
    path = tmp_path / "seed.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    before = Meeting.objects.count()
    call_command("import-document", str(path))
    out, err = capsys.readouterr()
    assert "cites 11 symbols" in out
    assert "meeting:" not in out
    assert err == ""
    assert Meeting.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "no text"),
        ("empty.pdf", b"", "not a readable PDF"),
        ("broken.pdf", b"%PDF-1.4 broken", "not a readable PDF"),
        ("missing.txt", None, "Cannot read"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import-document", str(path))


def test_an_unknown_file_type_is_refused():
    with pytest.raises(ValidationError, match="Only text"):
        text_of_file("report.docx", b"PK...")


def test_a_pdf_becomes_searchable(django_capture_on_commit_callbacks):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, "Reducing the transfer costs of remittances in the Sahel corridor.")
    text = text_of_file("note.pdf", bytes(pdf.output()))
    with django_capture_on_commit_callbacks(execute=True):
        document_import_text(text=text, by=None, symbol="a/61/999", kind=DocumentKind.NOTE)
    hit = search("sahel corridor", language="en").hits[0]
    assert hit.url == Document.objects.get(symbol="A/61/999").get_absolute_url()
    assert "<mark>" in str(hit.snippet)
    assert isinstance(io.BytesIO(bytes(pdf.output())).read(), bytes)


def test_statements_are_imported_once_each(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = statements_import_folder(STATEMENTS, by=None)
    assert (report.imported, report.skipped) == (193, [])
    morocco = Document.objects.get(kind=DocumentKind.STATEMENT, state__iso3="MAR")
    assert (morocco.session, morocco.year) == (61, 2006)
    again = statements_import_folder(STATEMENTS, by=None)
    assert (again.imported, again.unchanged) == (0, 193)
    hits = search("remittances", language="en", kinds=["documents.statement"])
    assert hits.total >= 8
    assert all("<mark>" in str(h.snippet) for h in hits.hits)


def test_badly_named_statement_files_are_skipped(tmp_path):
    (tmp_path / "readme.txt").write_text("x")
    (tmp_path / "XXX_61_2006.txt").write_text("x")
    (tmp_path / "MAR_61_2006.txt").write_text("Madam President, ...")
    report = statements_import_folder(tmp_path, by=None)
    assert report.imported == 1
    assert len(report.skipped) == 2
