"""The codes of the errors the evidence's forms and services raise (`core.errors`)."""

from migforum.core.errors import ServiceErrorCode


class EvidenceError(ServiceErrorCode):
    DATASET_TOO_LARGE = "dataset_too_large"
