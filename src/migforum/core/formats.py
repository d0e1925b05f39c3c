"""Numbers in messages, written as the reader's language writes them."""

from django.utils.formats import number_format


def grouped(number: int) -> str:
    """A whole number with the thousands grouped as in the active language: "1,234,567" in
    English, "1 234 567" in French, "1.234.567" in Spanish."""
    return number_format(number, use_l10n=True, force_grouping=True)
