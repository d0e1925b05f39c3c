"""The names of the regions and groups of countries the publishers tabulate, in the reader's
language. A region CLDR names (UN DESA's "Eastern Africa", "Asia") takes CLDR's name;
the others are in the translation catalogue under the name the shipped releases give them.
A name a later release brings that neither knows is shown as published."""

from functools import lru_cache

from babel import Locale
from django.utils import translation
from django.utils.translation import gettext_noop

from migforum.core.languages import cldr_locale

#: The aggregates of the shipped releases (UN DESA's International Migrant Stock, the World
#: Bank's remittance and migration files) that CLDR does not name, as published.
CATALOGUED_NAMES = (
    gettext_noop("Low-and Middle-Income Countries"),
    gettext_noop("Low and middle income"),
    gettext_noop("Low & middle income"),
    gettext_noop("Middle income"),
    gettext_noop("Low income"),
    gettext_noop("Lower middle income"),
    gettext_noop("Upper middle income"),
    gettext_noop("High income"),
    gettext_noop("Low-income countries"),
    gettext_noop("Lower-middle-income countries"),
    gettext_noop("Upper-middle-income countries"),
    gettext_noop("High-income countries"),
    gettext_noop("Middle-income countries"),
    gettext_noop("Land-locked Developing Countries (LLDC)"),
    gettext_noop("Small island developing States (SIDS)"),
    gettext_noop("Least developed countries"),
    gettext_noop("Developed regions"),
    gettext_noop("Less developed regions"),
    gettext_noop("Less developed regions, excluding least developed countries"),
    gettext_noop("Less developed regions, excluding China"),
    gettext_noop("Europe and Northern America"),
    gettext_noop("Latin America and the Caribbean"),
    gettext_noop("Eastern and South-Eastern Asia"),
    gettext_noop("Northern Africa and Western Asia"),
    gettext_noop("Central and Southern Asia"),
    gettext_noop("Oceania (excluding Australia and New Zealand)"),
    gettext_noop("Australia and New Zealand"),
    gettext_noop("South-Eastern Asia"),
    gettext_noop("Micronesia"),
    gettext_noop("East Asia & Pacific"),
    gettext_noop("Europe & Central Asia"),
    gettext_noop("Latin America & Caribbean"),
    gettext_noop("Middle East & North Africa"),
    gettext_noop("Netherlands-Antilles"),
    gettext_noop("Other North"),
    gettext_noop("Other South"),
    gettext_noop("Other or unknown origin"),
)


@lru_cache(maxsize=1)
def _cldr_regions() -> dict[str, str]:
    """CLDR's English name of each region and territory → its code (a publisher's own code
    for Kosovo, KSV, is named as CLDR's XK is)."""
    return {name: code for code, name in Locale.parse("en").territories.items()}


@lru_cache(maxsize=2048)
def aggregate_name(published: str, language: str) -> str:
    """An aggregate's name in a language, from the name its publisher gave it."""
    region = _cldr_regions().get(published)
    if region:
        return Locale.parse(cldr_locale(language)).territories.get(region, published)
    with translation.override(language):
        return translation.gettext(published)
