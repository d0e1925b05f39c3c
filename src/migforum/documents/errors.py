"""The codes of the errors the documents' services raise (`core.errors`)."""

from migforum.core.errors import ServiceErrorCode


class DocumentError(ServiceErrorCode):
    UNREADABLE_PDF = "unreadable_pdf"
    ENCRYPTED_PDF = "encrypted_pdf"
    UNSUPPORTED_FILE = "unsupported_file"
    TEXT_TOO_LONG = "text_too_long"
    EMPTY_TEXT = "empty_text"
    INVALID_SYMBOL = "invalid_symbol"
    FILE_TOO_LARGE = "file_too_large"
