"""Finding the State or organization a document names, as documents name them."""

import difflib
import re
from functools import lru_cache

from babel import Locale

from .models import Organization, State
from .names import country_names, iso2_for, name_key

#: How alike two organization names must be (difflib's ratio) to be taken as the same.
SIMILAR_ENOUGH = 0.85
GOVERNMENT_OF = re.compile(r"^(?:the\s+)?governments?\s+of\s+(?:the\s+)?", re.IGNORECASE)
ACRONYM_IN_PARENTHESES = re.compile(r"\(([^)]{2,20})\)\s*$")
#: Names older documents still use for States that have since changed theirs.
FORMER_NAMES = {
    "Turkey": "TUR",
    "Swaziland": "SWZ",
    "Czech Republic": "CZE",
    "Cape Verde": "CPV",
    "Ivory Coast": "CIV",
    "Burma": "MMR",
    "Macedonia": "MKD",
    "Vietnam": "VNM",
    "UAE": "ARE",
    "UK": "GBR",
    "USA": "USA",
}


@lru_cache(maxsize=1)
def _state_index() -> dict[str, int]:
    index = {}
    english = Locale.parse("en").territories
    former = {iso3: name for name, iso3 in FORMER_NAMES.items()}
    for pk, iso3, name in State.objects.values_list("pk", "iso3", "name"):
        spellings = {
            name,
            iso3,
            english.get(iso2_for(iso3), ""),
            former.get(iso3, ""),
            *country_names(iso3, name).values(),
        }
        for spelling in spellings:
            if spelling:
                index[name_key(spelling)] = pk
    return index


def match_state(name: str) -> State | None:
    """The State a name designates: "Benin", "Government of Benin", "United States", "Maroc"."""
    key = name_key(GOVERNMENT_OF.sub("", name.strip()))
    pk = _state_index().get(key)
    if pk is None:
        _state_index.cache_clear()  # States may have been loaded since the index was built
        pk = _state_index().get(key)
    return State.objects.filter(pk=pk).first() if pk else None


def match_organization(name: str) -> Organization | None:
    """The organization a name designates, by name, acronym, other name or a close spelling."""
    organizations = list(Organization.objects.all())
    wanted = name_key(ACRONYM_IN_PARENTHESES.sub("", name))
    acronym = ACRONYM_IN_PARENTHESES.search(name)
    by_name: dict[str, Organization] = {}
    for organization in organizations:
        for spelling in (organization.name, *organization.names.values(), *organization.aliases):
            by_name[name_key(spelling)] = organization
    if wanted in by_name:
        return by_name[wanted]
    for organization in organizations:
        if organization.acronym and name_key(organization.acronym) in {
            wanted,
            name_key(acronym[1]) if acronym else None,
        }:
            return organization
    close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=SIMILAR_ENOUGH)
    return by_name[close[0]] if close else None
