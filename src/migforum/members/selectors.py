"""Reads of States, organizations and groups, ready for pages and the API."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from migforum.core.cache import kept_in_process
from migforum.core.search.text import fold

from .choices import StateStatus
from .models import Group, GroupMembership, Organization, State
from .names import country_name, country_names, name_key


def state_list(
    *,
    region: str | None = None,
    member_on: datetime.date | None = None,
    status: str | None = None,
    text: str | None = None,
) -> QuerySet[State]:
    """States, filtered by region, by UN membership on a day, or by name or code."""
    states = State.objects.all()
    if region:
        states = states.filter(region=region)
    if status in StateStatus.values:
        states = states.filter(status=status)
    if member_on:
        states = states.members_on(member_on)
    if text:
        states = states.filter(
            Q(iso3__in=_iso3_named_like(text))
            | Q(iso3__iexact=text)
            | Q(iso2__iexact=text)
            | Q(m49=text.zfill(3))
        )
    return states.order_by("name")


def _iso3_named_like(text: str) -> list[str]:
    """The States with `text` in their name in any of the six languages, accents ignored."""
    wanted = fold(text)
    return [
        iso3
        for iso3, name in State.objects.values_list("iso3", "name")
        if any(wanted in fold(n) for n in country_names(iso3, name).values())
    ]


#: Longer than any State's name in any language: a longer query names no State.
LONGEST_NAME = 80


def state_named(text: str) -> State | None:
    """The State the whole of `text` names: its name in any of the six languages (accents,
    case and a leading "the" aside), its ISO3 code in any case, or its ISO2 code in capitals
    (in lower case, "it", "is" and "to" are words). Names come first: a name of two or three
    letters (Chinese names are) is not taken for a code."""
    text = text.strip()
    if not text or len(text) > LONGEST_NAME:
        return None
    by_name, by_iso2 = kept_in_process("members:state-lookup", _state_lookup)
    iso3 = by_name.get(name_key(text)) or by_iso2.get(text)
    if iso3 is None and text.upper() in by_iso2.values():
        iso3 = text.upper()
    return State.objects.filter(iso3=iso3).first() if iso3 else None


def _state_lookup() -> tuple[dict[str, str], dict[str, str]]:
    """Name keys → ISO3, and ISO2 → ISO3 (every search asks twice, for the State's page and
    for its evidence: kept until the data change)."""
    rows = State.objects.values_list("iso3", "iso2", "name").order_by("iso3")
    by_name: dict[str, str] = {}
    for iso3, _iso2, name in rows:
        # CLDR's English name too: "United States" beside the UN's "United States of America".
        spellings = list(country_names(iso3, name).values())
        try:
            spellings.append(country_name(iso3, "en"))
        except KeyError:  # a code CLDR does not map: the UN's names are enough
            pass
        for spelled in spellings:
            by_name.setdefault(name_key(spelled), iso3)
    return by_name, {iso2: iso3 for iso3, iso2, _name in rows}


def regions() -> list[str]:
    return list(State.objects.order_by("region").values_list("region", flat=True).distinct())


def state_get(*, iso3: str) -> State:
    """One State by its ISO3 code (any case); raises State.DoesNotExist."""
    return State.objects.get(iso3=iso3.upper())


def state_get_or_404(*, iso3: str) -> State:
    """One State by its ISO3 code (any case), for a page: a 404 that names the code."""
    try:
        return state_get(iso3=iso3)
    except State.DoesNotExist:
        raise Http404(_("No State has the code %(code)s.") % {"code": iso3}) from None


def state_groups(*, state: State) -> QuerySet[GroupMembership]:
    return state.group_memberships.select_related("group").order_by("group__name")


def organization_list(*, kind: str | None = None) -> QuerySet[Organization]:
    organizations = Organization.objects.select_related("state")
    if kind:
        organizations = organizations.filter(kind=kind)
    return organizations.order_by("name")


def organization_get(*, slug: str) -> Organization:
    return Organization.objects.select_related("state").get(slug=slug)


def organization_groups(*, organization: Organization) -> QuerySet[GroupMembership]:
    return organization.group_memberships.select_related("group").order_by("group__name")


def group_list() -> QuerySet[Group]:
    memberships = GroupMembership.objects.select_related("state", "organization")
    return Group.objects.prefetch_related(Prefetch("memberships", queryset=memberships))


def group_get(*, slug: str) -> Group:
    return group_list().get(slug=slug)
