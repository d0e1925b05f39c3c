"""Periods and release names, as the importers store them ("2020Q3", "Revision 2020",
"June 2023", "2020-12-07"), written in the reader's language through CLDR: "T3 2020",
"révision 2020", "juin 2023", "7 déc. 2020". What none of these patterns matches is shown as
stored."""

import datetime
import re
from functools import lru_cache

from babel import Locale
from babel.dates import format_skeleton
from django.utils import translation

from migforum.core.languages import cldr_locale
from migforum.core.search.text import fold

#: English month names, as publishers write their releases' ("June 2023") → the month.
MONTHS = {
    fold(Locale.parse("en").months["format"]["wide"][number]): number for number in range(1, 13)
}

_PERIOD = re.compile(r"^(\d{4})(?:Q([1-4]))?$")
_REVISION = re.compile(r"^Revision (\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+) (\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
#: "2019Q1–2020Q3": a range of periods, each written as a period.
_RANGE = re.compile(r"^(\S+)–(\S+)$")


@lru_cache(maxsize=4096)
def period_label(period: str, language: str) -> str:
    """ "2020Q3" → "Q3 2020" in English, "T3 2020" in French, "2020年第3季度" in Chinese; a
    year as the language writes years."""
    match = _PERIOD.match(period)
    if not match:
        return period
    year, quarter = int(match[1]), match[2]
    locale = cldr_locale(language)
    if quarter:
        return format_skeleton("yQQQ", datetime.date(year, 3 * int(quarter), 1), locale=locale)
    return format_skeleton("y", datetime.date(year, 1, 1), locale=locale)


@lru_cache(maxsize=1024)
def vintage_label(vintage: str, language: str) -> str:
    """A release's name in the reader's language."""
    locale = cldr_locale(language)
    if match := _REVISION.match(vintage):
        with translation.override(language):
            return translation.gettext("Revision %(year)s") % {"year": match[1]}
    if (match := _MONTH_YEAR.match(vintage)) and fold(match[1]) in MONTHS:
        day = datetime.date(int(match[2]), MONTHS[fold(match[1])], 1)
        return format_skeleton("yMMMM", day, locale=locale)
    if match := _ISO_DATE.match(vintage):
        try:
            day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return vintage
        return format_skeleton("yMMMd", day, locale=locale)
    if match := _RANGE.match(vintage):
        return f"{period_label(match[1], language)}–{period_label(match[2], language)}"
    return period_label(vintage, language)
