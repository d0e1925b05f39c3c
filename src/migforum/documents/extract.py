"""Text out of the files people upload: plain text or PDF."""

import io
from collections.abc import Callable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

TEXT_SUFFIXES = {".txt", ".text", ".md"}


def text_of_bytes(content: bytes) -> str:
    """Decode text, which may come from any era: UTF-8 first, then Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def text_of_pdf(
    content: bytes, progress: Callable[[int, int], None] | None = None
) -> tuple[str, int]:
    """The text of every page of a PDF, and the number of pages; `progress(done, total)` is
    told after each page."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ValidationError(_("The PDF is encrypted: its text cannot be read."))
        total = len(reader.pages)
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            pages.append(page.extract_text() or "")
            if progress:
                progress(number, total)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            _("This file is not a readable PDF (%(error)s).") % {"error": str(error)[:200]}
        ) from None
    return "\n\n".join(pages), len(pages)


def pdf_page_count(content: bytes) -> int:
    """The number of pages of a PDF, or a clear refusal of what is not a readable one."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ValidationError(_("The PDF is encrypted: its text cannot be read."))
        return len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            _("This file is not a readable PDF (%(error)s).") % {"error": str(error)[:200]}
        ) from None


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
        % {"suffix": suffix}
    )
