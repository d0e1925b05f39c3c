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
    # What a practice says of itself (`models.Practice.clean`, the forms and the API).
    ENDS_BEFORE_START = "ends_before_start"
    THEMES_NEEDED = "themes_needed"
    UNKNOWN_THEME = "unknown_theme"
    UNKNOWN_OBJECTIVE = "unknown_objective"
    UNKNOWN_SDG_TARGET = "unknown_sdg_target"
    UNKNOWN_PARTNER_KIND = "unknown_partner_kind"
    INVALID_CONTACT_EMAIL = "invalid_contact_email"
    INVALID_LINK = "invalid_link"
    # The records a practice names by their code (the API).
    UNKNOWN_OWNER = "unknown_owner"
    UNKNOWN_ORGANIZATION = "unknown_organization"
    UNKNOWN_COUNTRIES = "unknown_countries"
    UNKNOWN_CALL = "unknown_call"
    UNKNOWN_REVIEWER = "unknown_reviewer"
    # Calls for practices and catalogue imports.
    DEADLINE_BEFORE_OPENING = "deadline_before_opening"
    DUE_DATE_PASSED = "due_date_passed"
    IMPORT_FILE_TOO_LARGE = "import_file_too_large"
    # The list's filters and order (`finder`), answered with 400 like the search's.
    UNKNOWN_FACET = "unknown_facet"
    UNKNOWN_SORT = "unknown_sort"
