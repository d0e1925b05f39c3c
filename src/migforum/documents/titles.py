"""Titles the platform writes itself, in each of the six languages.

A General Debate statement has no title of its own: its file names only the speaker's State,
the session and the year. The title is written from those three, in the reader's language; the
English one is also stored on the record, for the API and the exports.
"""

from functools import lru_cache

from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from migforum.members.names import country_name

#: How each language writes "the 80th session": English and French by a suffix, Spanish by a
#: superscript o, Russian by its ending; Arabic and Chinese write the bare number in the sentence.
ORDINAL_ENDINGS = {"fr": "e", "es": ".º", "ru": "-й"}


def ordinal(number: int, language: str = "en") -> str:
    if language == "en":
        suffix = (
            "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        )
        return f"{number}{suffix}"
    if language == "fr" and number == 1:
        return "1re"  # la première session
    return f"{number}{ORDINAL_ENDINGS.get(language, '')}"


def statement_title(
    iso3: str, english_name: str, session: int, year: int, language: str | None = None
) -> str:
    """ "Statement by Morocco in the general debate of the 80th session of the General
    Assembly (2025)", in `language` (the reader's by default), the State named in it."""
    return _statement_title(iso3, english_name, session, year, language or get_language() or "en")


@lru_cache(maxsize=4096)
def _statement_title(iso3: str, english_name: str, session: int, year: int, language: str) -> str:
    with override(language):
        return _(
            "Statement by %(state)s in the general debate of the %(session)s session of the "
            "General Assembly (%(year)s)"
        ) % {
            "state": country_name(iso3, language, english_name),
            "session": ordinal(session, language),
            "year": year,
        }
