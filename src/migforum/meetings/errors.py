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
    DEADLINE_PASSED = "deadline_passed"
    DEADLINE_AFTER_MEETING = "deadline_after_meeting"
    OVER_QUOTA = "over_quota"
    HEAD_OF_DELEGATION = "head_of_delegation"
    EMAIL_TWICE = "email_twice"
    REGISTRATION_NOT_SUBMITTED = "registration_not_submitted"
    SESSION_TIMES = "session_times"
    SESSION_OUTSIDE_MEETING = "session_outside_meeting"
    UNKNOWN_DOCUMENT = "unknown_document"
