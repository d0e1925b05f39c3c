"""Writes to documents: importing a text with the symbols it cites.

An import writes documents only; the meetings app reads a report's annex into meetings when
asked to (`meetings.services.document_import_with_meetings`)."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migforum.core.audit import record_create, record_delete, record_save, record_upsert
from migforum.core.import_requests import unexpected_error
from migforum.core.permissions import Action, require
from migforum.core.search import index_object

from .choices import DocumentKind, Markup
from .errors import DocumentError
from .extract import is_pdf, pdf_page_count, text_of_file, text_of_pdf
from .models import Citation, Document, DocumentVersion, ExtractionStatus
from .symbols import SymbolError, find_symbols, parse_symbol
from .tasks import extract_version_text

#: Larger texts are refused rather than half-read; the longest UN reports are far shorter.
MAX_TEXT_CHARACTERS = 5_000_000
HEADING = re.compile(r"^\s*#+\s*(?P<title>.+?)\s*#*\s*$")


@dataclass
class ImportReport:
    document: Document
    changed: bool = False
    citations: list[str] = field(default_factory=list)
    #: What an app above read from the same text in the same transaction, when the caller
    #: asked it to (the meetings a report's annex lists), and the lines it could not read.
    #: A document import alone leaves both empty.
    meetings: list[Any] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def clean_text(raw: str) -> str:
    """Text as stored: normalised Unicode, no control characters but line ends and tabs."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def title_of(text: str) -> str:
    """The first heading, or else the first line with words."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:50]:
        if heading := HEADING.match(line):
            return heading["title"].strip("*_ ")
    return lines[0][:300] if lines else _("Untitled document")


def _citations_replace(*, document: Document, symbols: list[str], by: Any) -> None:
    wanted = [s for s in dict.fromkeys(symbols) if s != document.symbol]
    existing = {c.symbol: c for c in document.citations.all()}
    for symbol, citation in existing.items():
        if symbol not in wanted:
            record_delete(instance=citation, by=by)
    for symbol in wanted:
        if symbol not in existing:
            record_create(model=Citation, by=by, data={"citing": document, "symbol": symbol})


@transaction.atomic
def document_import_text(
    *,
    text: str,
    by: Any,
    language: str = "en",
    symbol: str = "",
    title: str = "",
    kind: str = DocumentKind.REPORT,
    source: str = "",
    identity: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
    markup: str = Markup.TEXT,
) -> ImportReport:
    """Create or update a document from its text: one language version and the symbols it
    cites. All or nothing; importing the same text again changes nothing."""
    if len(text) > MAX_TEXT_CHARACTERS:
        raise ValidationError(
            _("The text is too long to import (%(n)d characters).") % {"n": len(text)},
            code=DocumentError.TEXT_TOO_LONG,
        )
    text = clean_text(text)
    if not text.strip():
        raise ValidationError(_("The file holds no text."), code=DocumentError.EMPTY_TEXT)
    if symbol:
        try:
            symbol = str(parse_symbol(symbol))
        except SymbolError as error:
            raise ValidationError(error.message, code=DocumentError.INVALID_SYMBOL) from None
    # A document is the same document again by its symbol, else by what the caller says
    # identifies it (a State's statement at a session), else by its text.
    if symbol:
        lookup: dict[str, Any] = {"symbol": symbol}
    elif identity:
        lookup = identity
    else:
        lookup = {"source_digest": hashlib.sha256(text.encode()).hexdigest()}
    document, changed = record_upsert(
        model=Document,
        by=by,
        lookup=lookup,
        data={
            "title": (title or title_of(text))[:1000],
            "kind": kind,
            "source": source[:500],
            **(extra or {}),
        },
    )
    report = ImportReport(document=document, changed=changed)
    _version, version_changed = record_upsert(
        model=DocumentVersion,
        by=by,
        lookup={"document": document, "language": language},
        data={"text": text, "markup": markup},
    )
    report.changed |= version_changed
    report.citations = [str(s) for s in find_symbols(text)]
    _citations_replace(document=document, symbols=report.citations, by=by)
    index_object(document)
    return report


#: Uploads larger than this are refused before they are read.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass
class UploadResult:
    document: Document
    #: The import's report; None while the text of a PDF is read in the background.
    report: ImportReport | None


def document_import_upload(
    *,
    upload: Any,
    by: Any,
    symbol: str = "",
    title: str = "",
    kind: str = DocumentKind.REPORT,
    language: str = "en",
) -> UploadResult:
    """Import an uploaded file for the secretariat, keeping the file itself. Text is read at
    once; a PDF's pages are read by a background task, whose progress the version records."""
    require(by, Action.MANAGE_DOCUMENTS)
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than 50 MB."), code=DocumentError.FILE_TOO_LARGE
        )
    content = upload.read()
    name = upload.name[-100:]
    if not is_pdf(name, content):
        report = document_import_text(
            text=text_of_file(name, content),
            by=by,
            symbol=symbol,
            title=title,
            kind=kind,
            language=language,
            source=name,
            markup=Markup.MARKDOWN if name.lower().endswith(".md") else Markup.TEXT,
        )
        return UploadResult(report.document, report)
    pages = pdf_page_count(content)  # refuses an unreadable PDF now, not in the background
    if symbol:
        try:
            symbol = str(parse_symbol(symbol))
        except SymbolError as error:
            raise ValidationError(error.message, code=DocumentError.INVALID_SYMBOL) from None
    with transaction.atomic():
        lookup = (
            {"symbol": symbol} if symbol else {"source_digest": hashlib.sha256(content).hexdigest()}
        )
        document, _changed = record_upsert(
            model=Document,
            by=by,
            lookup=lookup,
            data={"title": (title or name.rsplit(".", 1)[0])[:1000], "kind": kind, "source": name},
        )
        version, _changed = record_upsert(
            model=DocumentVersion,
            by=by,
            lookup={"document": document, "language": language},
            data={
                "extraction_status": ExtractionStatus.PENDING,
                "pages_done": 0,
                "pages_total": pages,
                "extraction_error": "",
                "uploaded_by": by,
            },
        )
        version.file.save(name, ContentFile(content), save=False)
        record_save(instance=version, by=by)
        transaction.on_commit(lambda: extract_version_text.enqueue(version.pk))
    return UploadResult(document, None)


def _progress(version_id: int, **fields: Any) -> None:
    # Progress is telemetry, written as it happens and kept out of the audit trail.
    DocumentVersion.objects.filter(pk=version_id).update(**fields)


def version_extract_text(*, version_id: int) -> None:
    """Read the text of a version's PDF, page by page, then import it as its text. Whatever
    stops it ends the extraction as failed, with the reason on the document's page."""
    version = DocumentVersion.objects.select_related("document", "uploaded_by").get(pk=version_id)
    document = version.document
    try:
        _progress(version_id, extraction_status=ExtractionStatus.RUNNING, pages_done=0)
        with version.file.open("rb") as handle:
            content = handle.read()
        text, pages = text_of_pdf(
            content, lambda done, total: _progress(version_id, pages_done=done, pages_total=total)
        )
        document_import_text(
            text=text,
            by=version.uploaded_by,
            symbol=document.symbol,
            title=document.title,
            kind=document.kind,
            language=version.language,
            source=document.source,
            identity={"pk": document.pk},
        )
    except (ValidationError, OSError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        version_extraction_fail(version_id=version_id, reason=message)
        return
    except Exception as error:
        version_extraction_fail(
            version_id=version_id,
            reason=unexpected_error(error),
        )
        raise
    except BaseException:
        # The worker is being stopped in the middle of the extraction.
        version_extraction_fail(version_id=version_id, reason=str(EXTRACTION_INTERRUPTED))
        raise
    _progress(version_id, extraction_status=ExtractionStatus.DONE, pages_done=pages)


#: Why an extraction that its worker dropped ended.
EXTRACTION_INTERRUPTED = gettext_lazy(
    "Interrupted: the background worker stopped while reading this file. Upload it again."
)


def version_extraction_fail(*, version_id: int, reason: str) -> None:
    """End a version's text extraction as failed, with the reason shown on its page."""
    _progress(version_id, extraction_status=ExtractionStatus.FAILED, extraction_error=reason[:500])


def version_extraction_interrupt(*, version_id: int) -> None:
    """End as failed an extraction whose worker died while it was waiting or running; one
    that ended meanwhile is left as it is."""
    DocumentVersion.objects.filter(
        pk=version_id,
        extraction_status__in=[ExtractionStatus.PENDING, ExtractionStatus.RUNNING],
    ).update(
        extraction_status=ExtractionStatus.FAILED,
        extraction_error=str(EXTRACTION_INTERRUPTED)[:500],
    )
