"""The codes of the errors the meetings' services raise (`core.errors`)."""

from migforum.core.errors import ServiceErrorCode


class MeetingError(ServiceErrorCode):
    UNKNOWN_TIMEZONE = "unknown_timezone"
    UNKNOWN_COUNTRY = "unknown_country"
    EMPTY_MINUTES = "empty_minutes"
    MINUTES_LOCKED = "minutes_locked"
    MINUTES_ALREADY_APPROVED = "minutes_already_approved"
    NOTE_VERBALE_MISSING = "note_verbale_missing"
    NOTE_VERBALE_TOO_LARGE = "note_verbale_too_large"
    NOTE_VERBALE_NOT_PDF = "note_verbale_not_pdf"
    REGISTRATION_NOT_OPEN = "registration_not_open"
    MEETING_OVER = "meeting_over"
    REGISTRATION_CLOSED = "registration_closed"
    NO_DELEGATE = "no_delegate"
    MEETING_FULL = "meeting_full"
    RETURN_REASON_NEEDED = "return_reason_needed"
