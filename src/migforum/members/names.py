"""Country names in the six UN languages, from CLDR through babel."""

import re
from functools import lru_cache

from babel import Locale
from babel.core import get_global

from migforum.core.languages import cldr_locale, language_codes
from migforum.core.search.text import fold

#: CLDR names the territories, not the UN's two observer States: for these, the UN's own names
#: (UNTERM) are used in every language; likewise for the places CLDR does not name.
UNTERM_NAMES = {
    "PSE": {
        "ar": "دولة فلسطين",
        "zh-hans": "巴勒斯坦国",
        "en": "State of Palestine",
        "fr": "État de Palestine",
        "ru": "Государство Палестина",
        "es": "Estado de Palestina",
    },
    "VAT": {
        "ar": "الكرسي الرسولي",
        "zh-hans": "教廷",
        "en": "Holy See",
        "fr": "Saint-Siège",
        "ru": "Святейший Престол",
        "es": "Santa Sede",
    },
    # UN DESA tabulates the Channel Islands as one place; CLDR names Guernsey and Jersey
    # apart. Names from UNTERM.
    "CHI": {
        "ar": "جزر القنال",
        "zh-hans": "海峡群岛",
        "en": "Channel Islands",
        "fr": "îles Anglo-Normandes",
        "ru": "Нормандские острова",
        "es": "Islas del Canal",
    },
}
#: Codes publishers use outside ISO 3166 for places CLDR names under its own code: the World
#: Bank's XKX for Kosovo (CLDR's XK).
CLDR_CODE_OF = {"XKX": "XK"}


@lru_cache(maxsize=512)
def iso2_for(iso3: str) -> str:
    """The ISO 3166 alpha-2 code for an alpha-3 code, from CLDR's code mappings."""
    if iso3.upper() in CLDR_CODE_OF:
        return CLDR_CODE_OF[iso3.upper()]
    aliases = get_global("territory_aliases").get(iso3.upper())
    if not aliases:
        raise KeyError(iso3)
    return aliases[0]


@lru_cache(maxsize=4096)
def country_name(iso3: str, language: str, english_name: str = "") -> str:
    """The name of a State in one of the platform's languages.

    English uses the UN's short name as the reference data gives it (it is the name the UN
    uses, where CLDR's English name can differ); the other languages come from CLDR.
    """
    if iso3 in UNTERM_NAMES:
        return UNTERM_NAMES[iso3].get(language, UNTERM_NAMES[iso3]["en"])
    if language == "en" and english_name:
        return english_name
    locale = Locale.parse(cldr_locale(language))
    return locale.territories.get(iso2_for(iso3), english_name or iso3)


def country_names(iso3: str, english_name: str = "") -> dict[str, str]:
    return {code: country_name(iso3, code, english_name) for code in language_codes()}


def name_key(name: str) -> str:
    """A name reduced to what tells places and bodies apart, for looking them up by the names
    documents and publishers give them: "Côte d'Ivoire" and "Cote d'Ivoire" meet, and "The
    Gambia" and "Gambia", "Bosnia & Herzegovina" and "Bosnia and Herzegovina"."""
    name = fold(name).replace("&", " and ")
    name = re.sub(r"[^\w\s]", " ", name)
    return re.sub(r"^the\s+", "", " ".join(name.split()))
