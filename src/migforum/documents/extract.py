"""Text out of the files people upload: plain text or PDF."""

import contextlib
import io
from collections.abc import Callable, Iterator
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader

from .errors import DocumentError

TEXT_SUFFIXES = {".txt", ".text", ".md"}


def text_of_bytes(content: bytes) -> str:
    """Decode text, which may come from any era: UTF-8 first, then Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


@contextlib.contextmanager
def _reading_pdf() -> Iterator[None]:
    """Whatever pypdf raises on a file it cannot read becomes a clear refusal: its own errors
    (`PyPdfError`, which includes `LimitReachedError` for a file built to exhaust memory) and
    any other (a malformed file reaches code paths that raise anything)."""
    try:
        yield
    except ValidationError:
        raise
    except Exception as error:
        raise ValidationError(
            _("This file is not a readable PDF (%(error)s).")
            % {"error": (str(error) or type(error).__name__)[:200]},
            code=DocumentError.UNREADABLE_PDF,
        ) from None


def _open_pdf(content: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted:
        raise ValidationError(
            _("The PDF is encrypted: its text cannot be read."), code=DocumentError.ENCRYPTED_PDF
        )
    return reader


def text_of_pdf(
    content: bytes, progress: Callable[[int, int], None] | None = None
) -> tuple[str, int]:
    """The text of every page of a PDF, and the number of pages; `progress(done, total)` is
    told after each page."""
    with _reading_pdf():
        reader = _open_pdf(content)
        total = len(reader.pages)
    pages = []
    for number in range(total):
        with _reading_pdf():
            pages.append(reader.pages[number].extract_text() or "")
        if progress:
            progress(number + 1, total)
    return "\n\n".join(pages), len(pages)


def pdf_page_count(content: bytes) -> int:
    """The number of pages of a PDF, or a clear refusal of what is not a readable one."""
    with _reading_pdf():
        return len(_open_pdf(content).pages)


def is_pdf(name: str, content: bytes) -> bool:
    return PurePath(name).suffix.lower() == ".pdf" or content[:5] == b"%PDF-"


def text_of_file(
    name: str, content: bytes, progress: Callable[[int, int], None] | None = None
) -> str:
    suffix = PurePath(name).suffix.lower()
    if is_pdf(name, content):
        return text_of_pdf(content, progress)[0]
    if suffix in TEXT_SUFFIXES or not suffix:
        return text_of_bytes(content)
    raise ValidationError(
        _("Only text (.txt, .md) and PDF files can be imported, not %(suffix)s.")
        % {"suffix": suffix},
        code=DocumentError.UNSUPPORTED_FILE,
    )
