"""The codes of the errors the accounts' services raise (`core.errors`)."""

from migforum.core.errors import ServiceErrorCode


class AccountError(ServiceErrorCode):
    ROLE_NEEDS_STATE = "role_needs_state"
    ROLE_NEEDS_ORGANIZATION = "role_needs_organization"
    ACCOUNT_EXISTS = "account_exists"
    INVITATION_INVALID = "invitation_invalid"
    TOKEN_ROLE_NOT_OWN = "token_role_not_own"  # noqa: S105 (an error code, not a secret)
    NO_ROLE = "no_role"
    TOKEN_ROLE_NEEDED = "token_role_needed"  # noqa: S105
    SECOND_FACTOR_NEEDED = "second_factor_needed"
    NO_SECOND_FACTOR = "no_second_factor"
