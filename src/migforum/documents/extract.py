"""Text out of the files people upload: plain text or PDF."""

import io
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


def text_of_pdf(content: bytes) -> tuple[str, int]:
    """The text of every page of a PDF, and the number of pages."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ValidationError(_("The PDF is encrypted: its text cannot be read."))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            _("This file is not a readable PDF (%(error)s).") % {"error": str(error)[:200]}
        ) from None
    return "\n\n".join(pages), len(pages)


def text_of_file(name: str, content: bytes) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix == ".pdf" or content[:5] == b"%PDF-":
        return text_of_pdf(content)[0]
    if suffix in TEXT_SUFFIXES or not suffix:
        return text_of_bytes(content)
    raise ValidationError(
        _("Only text (.txt, .md) and PDF files can be imported, not %(suffix)s.")
        % {"suffix": suffix}
    )
