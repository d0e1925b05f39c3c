"""The background reading of an uploaded PDF always ends: done, or failed with the reason on the
document's page, whatever pypdf raises and even when its worker dies."""

import io
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader
from pypdf.errors import LimitReachedError

from migforum.core.jobs import interrupted_tasks_fail
from migforum.documents import services
from migforum.documents.models import Document, ExtractionStatus
from migforum.documents.tasks import extract_version_text

pytestmark = pytest.mark.django_db


def pdf_with_page_content(stream: bytes) -> bytes:
    """A one-page PDF whose page draws with `stream`, deflated, and a font to read text with."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> "
        b">> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


@pytest.fixture
def decompression_bomb() -> bytes:
    """78 kB that pypdf would inflate to 80 MB: it stops at its limit (75 MB)."""
    return pdf_with_page_content(zlib.compress(b" " * 80_000_000, 9))


def upload(client, content, name, callbacks):
    with callbacks(execute=True):
        client.post(
            "/documents/import/",
            {"file": SimpleUploadedFile(name, content), "kind": "report", "language": "en"},
        )
    return Document.objects.get(source=name)


def test_the_bomb_makes_pypdf_raise_its_limit(decompression_bomb):
    page = PdfReader(io.BytesIO(decompression_bomb)).pages[0]
    with pytest.raises(LimitReachedError):
        page.extract_text()


def test_a_pdf_that_pypdf_refuses_at_its_limits_ends_failed_with_the_reason(
    secretariat_client, decompression_bomb, django_capture_on_commit_callbacks
):
    document = upload(
        secretariat_client, decompression_bomb, "bomb.pdf", django_capture_on_commit_callbacks
    )

    version = document.versions.get()
    assert version.extraction_status == ExtractionStatus.FAILED
    assert version.extraction_error.startswith("This file is not a readable PDF (Limit reached")
    page = secretariat_client.get(document.get_absolute_url()).content.decode()
    assert "This file is not a readable PDF (Limit reached while decompressing" in page
    assert "Text of the en file: Failed" in page
    assert "hx-trigger" not in page  # finished: no more polling


def test_a_pdf_that_breaks_pypdf_otherwise_ends_failed_with_the_reason(
    secretariat_client, django_capture_on_commit_callbacks
):
    # Arrays nested 100,000 deep: pypdf's parser recurses until Python stops it.
    nested = pdf_with_page_content(zlib.compress(b"[" * 100_000 + b"] TJ"))

    document = upload(secretariat_client, nested, "nested.pdf", django_capture_on_commit_callbacks)

    version = document.versions.get()
    assert version.extraction_status == ExtractionStatus.FAILED
    assert version.extraction_error.startswith(
        "This file is not a readable PDF (maximum recursion depth exceeded"
    )


def test_an_unexpected_error_ends_the_extraction_failed_naming_it(
    secretariat_client, django_capture_on_commit_callbacks, monkeypatch
):
    from .test_pages import pdf_bytes

    def broken_import(**kwargs):
        raise KeyError("citations")

    monkeypatch.setattr(services, "document_import_text", broken_import)

    document = upload(
        secretariat_client, pdf_bytes("Text."), "odd.pdf", django_capture_on_commit_callbacks
    )

    version = document.versions.get()
    assert version.extraction_status == ExtractionStatus.FAILED
    assert version.extraction_error == "Unexpected error: 'citations'"


def test_an_extraction_whose_worker_died_ends_failed_saying_so(
    secretariat_client, django_capture_on_commit_callbacks
):
    from .test_pages import pdf_bytes

    # given a PDF whose reading was claimed by a worker that then died
    secretariat_client.post(
        "/documents/import/",
        {
            "file": SimpleUploadedFile("lost.pdf", pdf_bytes("Lost.")),
            "kind": "report",
            "language": "en",
        },
    )  # not committed: the immediate queue of the tests does not run it
    document = Document.objects.get(source="lost.pdf")
    version = document.versions.get()
    version.extraction_status = ExtractionStatus.RUNNING
    version.save()
    DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [version.pk], "kwargs": {}},
        task_path=extract_version_text.module_path,
        worker_ids=["dead-worker"],
        backend_name="default",
        run_after=timezone.now(),
    )

    interrupted_tasks_fail()

    version.refresh_from_db()
    assert version.extraction_status == ExtractionStatus.FAILED
    assert version.extraction_error.startswith("Interrupted: the background worker stopped")
    page = secretariat_client.get(document.get_absolute_url()).content.decode()
    assert "Interrupted: the background worker stopped while reading this file" in page
    assert "hx-trigger" not in page  # no more polling
