"""Titles the platform writes itself for the meetings it loads, in each of the six languages.

The Summits and the meetings of the Forum's reference data come without a title: one is
written from the Summit's year, or from the meeting's type and city, and stored in English. A
page shows such a title in the reader's language (`shown_title`); a title written by people is
shown as they wrote it.
"""

import re
from functools import lru_cache

from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from .choices import MeetingKind

SUMMIT_YEAR = re.compile(r"(?P<year>\d{4})$")


@lru_cache(maxsize=1024)
def summit_title(year: int, language: str = "en") -> str:
    with override(language):
        return _("Global Forum on Migration and Development, Summit %(year)s") % {"year": year}


@lru_cache(maxsize=1024)
def kind_title(kind: str, city: str, language: str = "en") -> str:
    """ "Preparatory meeting, Rabat": the meeting's type and its city (a city keeps its
    name); the type alone where there is no city."""
    with override(language):
        label = str(MeetingKind(kind).label)
        return _("%(kind)s, %(city)s") % {"kind": label, "city": city} if city else label


def shown_title(title: str, kind: str, city: str, language: str | None = None) -> str:
    """The stored title in `language` (the reader's by default) where the platform wrote it,
    else as it is."""
    language = language or get_language() or "en"
    if language == "en":
        return title
    if kind == MeetingKind.SUMMIT and (year := SUMMIT_YEAR.search(title)):
        if title == summit_title(int(year["year"])):
            return summit_title(int(year["year"]), language)
    if kind in MeetingKind.values and title == kind_title(kind, city):
        return kind_title(kind, city, language)
    return title
