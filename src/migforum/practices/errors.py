"""The codes of the errors the practices' services raise (`core.errors`)."""

from migforum.core.errors import ServiceErrorCode


class PracticeError(ServiceErrorCode):
    CALL_CLOSED = "call_closed"
    COUNTRIES_NEEDED = "countries_needed"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    NOT_SUBMITTED = "not_submitted"
    REVIEWER_NOT_QUALIFIED = "reviewer_not_qualified"
    REVIEWER_OWNS_PRACTICE = "reviewer_owns_practice"
    ALREADY_REVIEWER = "already_reviewer"
    CONFLICT_STATEMENT_NEEDED = "conflict_statement_needed"
    RATINGS_INCOMPLETE = "ratings_incomplete"
    NOT_UNDER_REVIEW = "not_under_review"
    DECISION_NEEDED = "decision_needed"
    ANALYSIS_NEEDED = "analysis_needed"
    ATTACHMENT_TOO_LARGE = "attachment_too_large"
    TRANSLATION_IN_OWN_LANGUAGE = "translation_in_own_language"
