"""Document pages and API: what a document cites, what cites it, filters and search."""

import re
from html import unescape
from urllib.parse import parse_qsl

import pytest
from django.test import override_settings

from migforum.documents.models import Document
from migforum.documents.statements import statements_import_folder
from migforum.meetings.choices import MeetingKind
from migforum.meetings.models import Meeting
from migforum.meetings.services import document_import_with_meetings

from ..conftest import whole_list
from .conftest import SEED_TEXT, STATEMENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return document_import_with_meetings(text=SEED_TEXT, by=None).document


@pytest.fixture
def statements(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statements_import_folder(STATEMENTS, by=None)


def test_document_page_shows_what_it_cites_and_what_cites_it(client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()
    assert "A/C.2/61/L.12" in html
    letter_url = client.get("/documents/symbol/A/61/230/")["Location"]
    letter = client.get(letter_url).content.decode()
    assert "Letter dated 31 March 2006" in letter
    assert seed.get_absolute_url() in letter  # cited by the seed
    assert "Cotonou" in letter  # the meeting whose outcome it transmitted


def test_unknown_and_malformed_symbols_are_404(client):
    assert client.get("/documents/symbol/A/99/999/").status_code == 404
    assert client.get("/documents/symbol/A//61/").status_code == 404


def test_searching_remittances_finds_the_seed_and_statements(client, seed, statements):
    html = client.get("/search/", {"q": "remittances"}).content.decode()
    assert "THE HIGH-LEVEL DIALOGUE" in html
    assert "Statement by" in html
    assert "<mark>remittances</mark>" in html.lower()


def test_filter_narrows_to_statements_of_2006(client, seed, statements):
    html = client.get(
        "/documents/", {"q": "remittances", "kind": "statement", "year": "2006"}
    ).content.decode()
    assert "Statement by" in html
    assert "THE HIGH-LEVEL DIALOGUE" not in html
    assert "8 documents" in html or "documents" in html


def test_a_search_of_many_words_lists_what_the_first_12_find_and_names_the_rest(client, seed):
    words = (
        "international migration development countries migrants remittances "
        "dialogue report secretary general assembly nations"
    )
    query = f"{words} Migration MIGRANTS qwertyuiop zzzz"

    response = client.get("/documents/", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert "THE HIGH-LEVEL DIALOGUE" in html  # the 13th word, found nowhere, is not searched
    assert "Only the first 12 words were searched; left out: qwertyuiop, zzzz." in html


def test_a_document_search_out_of_time_is_a_503_with_a_message(client, seed, statements):
    with override_settings(SEARCH_TIME_BUDGET=0.000_001):
        response = client.get("/documents/", {"q": "the"})
    assert response.status_code == 503
    assert "The search took too long and was stopped." in response.content.decode()
    assert "Statement by" in client.get("/documents/", {"q": "the"}).content.decode()


def test_documents_api(client, seed, statements):
    body = client.get("/api/v1/documents/A%2FC.2%2F61%2FL.12")
    assert body.status_code == 404  # cited but not held
    letter = client.get("/api/v1/documents/A%2F61%2F230").json()
    assert letter["kind"] == "letter"
    assert letter["cited_by"]
    assert client.get("/api/v1/documents/a/61/230").json()["symbol"] == "A/61/230"
    bad = client.get("/api/v1/documents/X%2F61%2F230%2F")
    assert bad.status_code == 404
    assert bad.json()["code"] == "not_found"
    statements_2006 = whole_list(
        client.get("/api/v1/documents", {"kind": "statement", "year": 2006, "limit": 500})
    )
    assert len(statements_2006) == 193
    moroccan = whole_list(client.get("/api/v1/documents", {"state": "MAR", "kind": "statement"}))
    assert moroccan[0]["session"] == 61


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


def test_a_pdf_uploaded_through_the_page_becomes_searchable(
    secretariat_client, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from migforum.documents.models import Document, ExtractionStatus

    upload = SimpleUploadedFile(
        "note.pdf",
        pdf_bytes("Note by the Secretariat on remittance corridors in the Pacific (A/61/230)."),
    )
    # when the secretariat uploads it, the pages are read by the background task
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            "/documents/import/",
            {"file": upload, "symbol": "A/61/999", "title": "", "kind": "note", "language": "en"},
        )
    document = Document.objects.get(symbol="A/61/999")
    assert response["Location"] == document.get_absolute_url()
    version = document.versions.get()
    assert (version.extraction_status, version.pages_done, version.pages_total) == (
        ExtractionStatus.DONE,
        1,
        1,
    )
    assert list(document.citations.values_list("symbol", flat=True)) == ["A/61/230"]
    page = secretariat_client.get(document.get_absolute_url()).content.decode()
    assert "1 of 1 pages" in page
    assert "hx-trigger" not in page  # finished: no more polling
    results = secretariat_client.get("/search/", {"q": "pacific corridors"}).content.decode()
    assert document.get_absolute_url() in results
    assert "<mark>" in results


def test_progress_is_polled_while_the_pages_are_read(secretariat_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from migforum.documents.models import Document

    secretariat_client.post(
        "/documents/import/",
        {
            "file": SimpleUploadedFile("slow.pdf", pdf_bytes("Pending.")),
            "kind": "report",
            "language": "en",
        },
    )  # the task waits for the commit, which this test never makes
    document = Document.objects.get(source="slow.pdf")
    fragment = secretariat_client.get(f"/documents/{document.pk}/extraction/").content.decode()
    assert 'hx-trigger="every 2s"' in fragment
    assert "Waiting" in fragment


def test_a_pdf_that_cannot_be_read_says_why(
    secretariat_client, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from migforum.documents import services
    from migforum.documents.models import Document, ExtractionStatus

    def unreadable(content, progress=None):
        raise ValidationError("The PDF's fonts cannot be decoded.")

    monkeypatch.setattr(services, "text_of_pdf", unreadable)
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            "/documents/import/",
            {
                "file": SimpleUploadedFile("scan.pdf", pdf_bytes("x")),
                "kind": "report",
                "language": "en",
            },
        )
    version = Document.objects.get(source="scan.pdf").versions.get()
    assert version.extraction_status == ExtractionStatus.FAILED
    assert "fonts cannot be decoded" in version.extraction_error


def test_only_the_secretariat_uploads(as_user, focal_point_of_morocco, client):
    assert as_user(focal_point_of_morocco).get("/documents/import/").status_code == 403
    assert client.get("/documents/import/").status_code == 302


def test_a_bad_upload_is_refused_with_a_reason(secretariat_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = secretariat_client.post(
        "/documents/import/",
        {
            "file": SimpleUploadedFile("x.pdf", b"%PDF-1.7 garbage"),
            "kind": "report",
            "language": "en",
        },
    )
    assert "not a readable PDF" in response.content.decode()


def test_the_api_imports_a_document_with_a_token(client, secretariat_user, focal_point_of_morocco):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from migforum.accounts.services import api_token_create

    _token, key = api_token_create(user=secretariat_user, name="import", second_factor=True)
    response = client.post(
        "/api/v1/documents",
        {"file": SimpleUploadedFile("seed.txt", SEED_TEXT.encode()), "kind": "report"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["extraction"] == "done"
    assert len(body["citations"]) == 11
    # An upload imports the document only: its annex's meetings come from `import-document
    # --meetings-from-annex`.
    assert body["meetings"] == []
    assert body["skipped"] == []
    assert not Meeting.objects.filter(kind=MeetingKind.PREPARATORY).exists()
    _token, other = api_token_create(user=focal_point_of_morocco, name="import")
    refused = client.post(
        "/api/v1/documents",
        {"file": SimpleUploadedFile("seed.txt", b"text"), "kind": "report"},
        headers={"Authorization": f"Bearer {other}"},
    )
    assert refused.status_code == 403


def test_the_database_queue_and_its_worker_read_an_uploaded_pdf(
    committed_reference_data, secretariat_user
):
    """The production path: the task is queued in the database, `db_worker` runs it."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import override_settings

    from migforum.documents.models import Document, ExtractionStatus
    from migforum.documents.services import document_import_upload

    secretariat_user.is_verified = lambda: True
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=queue):  # django-tasks rereads TASKS when it changes
        result = document_import_upload(
            upload=SimpleUploadedFile("queued.pdf", pdf_bytes("Queued for the worker.")),
            by=secretariat_user,
            kind="report",
        )
        version = result.document.versions.get()
        assert version.extraction_status == ExtractionStatus.PENDING
        call_command("db_worker", "--batch", "--no-startup-delay")
    version.refresh_from_db()
    assert version.extraction_status == ExtractionStatus.DONE
    text = Document.objects.get(pk=result.document.pk).versions.get().text
    assert "Queued for the worker." in text


@pytest.fixture
def library(django_capture_on_commit_callbacks):
    """The documents an installation starts with: the report as `init` loads it, its letters,
    and the 193 statements."""
    from migforum.documents.reference import load_seed_report

    with django_capture_on_commit_callbacks(execute=True):
        report = load_seed_report(importer=document_import_with_meetings).document
        statements_import_folder(STATEMENTS, by=None)
    return report


def listed_documents(client, query: dict[str, str]) -> list[str]:
    """The document links of every page of the list, following "Next" to the last."""
    links: list[str] = []
    url, params = "/documents/", dict(query)
    while url:
        html = client.get(url, params).content.decode()
        links += re.findall(r'<th scope="row"><a href="(/documents/\d+/)"', html)
        following = re.search(r'<a href="\?([^"]+)" rel="next">', html)
        params = dict(parse_qsl(unescape(following[1]))) if following else {}
        url = "/documents/" if following else ""
    return links


def test_the_list_pages_through_every_document(client, library):
    links = listed_documents(client, {})
    assert len(links) == Document.objects.count() > 200
    assert len(set(links)) == len(links)
    assert library.get_absolute_url() in links
    # Every statement, Czechia to Zimbabwe, is reachable with the type chosen.
    statements = listed_documents(client, {"kind": "statement", "sort": "title"})
    assert len(statements) == Document.objects.filter(kind="statement").count() == 193


def test_the_list_sorts_and_filters_by_state_and_language(client, library):
    by_symbol = listed_documents(client, {"sort": "symbol", "kind": "letter"})
    symbols = [Document.objects.get(pk=link.split("/")[2]).symbol for link in by_symbol]
    assert symbols == sorted(symbols)
    morocco = listed_documents(client, {"state": "mar"})
    assert morocco
    assert all(Document.objects.get(pk=link.split("/")[2]).state.iso3 == "MAR" for link in morocco)
    assert listed_documents(client, {"lang": "fr"}) == []
    # The letters the report's annex lists are recorded without their text.
    in_english = Document.objects.filter(versions__language="en").count()
    assert len(listed_documents(client, {"lang": "en"})) == in_english == 194
    # A page past the last shows the last; a bad page number is refused.
    assert client.get("/documents/", {"page": "999"}).status_code == 200
    assert client.get("/documents/", {"page": "x"}).status_code == 400


def test_the_report_reads_as_headings_and_paragraphs(client, library):
    assert library.title.startswith("The High-level Dialogue on International Migration")
    assert library.year == 2006
    html = client.get(library.get_absolute_url()).content.decode()
    assert "<h4>A. THE WAY TO THE HIGH-LEVEL DIALOGUE</h4>" in html
    assert "<h5><em>1. Intergovernmental process</em></h5>" in html
    assert "## A." not in html
    assert "&lt;sup&gt;" not in html
    assert "Geneva Migration Group<sup>1</sup>" in html
    # A symbol it cites that is not held links to where the United Nations publish it.
    assert 'href="https://undocs.org/E/1995/69"' in html


def test_markdown_in_a_document_cannot_inject_html(client, secretariat_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "note.md",
        b"# A note\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) "
        b"<img src=x onerror=alert(1)>",
    )
    response = secretariat_client.post(
        "/documents/import/",
        {"file": upload, "symbol": "", "title": "", "kind": "report", "language": "en"},
    )
    assert response.status_code == 200
    note = Document.objects.get(source="note.md")
    html = client.get(note.get_absolute_url()).content.decode()
    assert "<h3>A note</h3>" in html
    assert "<script>alert" not in html
    assert "<img" not in html
    assert 'href="javascript:' not in html
