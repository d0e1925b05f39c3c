"""How the evidence appears in search: its datasets, its indicators, its corridors and the
tools a reader comes for (what it costs to send money home, the map, the corridors).

Datasets are rows of a model and follow it. Indicators, corridors and tools are not: they are
registered as records of their own, and an import or a deletion of a dataset rebuilds the
kinds it changes once it commits (`refresh_after`). A State named by a search also leads to
its evidence (`state_shortcuts`): its corridors with the most data, and its evidence panel.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migforum.core.cache import cached_until_change
from migforum.core.languages import language_codes
from migforum.core.search import (
    Entry,
    SearchText,
    Shortcut,
    register,
    register_records,
    register_shortcut,
    reindex_kind,
)
from migforum.members.models import State
from migforum.members.names import country_name
from migforum.members.selectors import state_named

from .choices import WORLD, Indicator, Sex
from .models import Area, Dataset, Observation

INDICATOR_KIND = "evidence.indicator"
CORRIDOR_KIND = "evidence.corridor"
TOOL_KIND = "evidence.tool"

#: The series a corridor's page shows: a corridor with one of them has a page worth finding.
CORRIDOR_INDICATORS = (
    Indicator.MIGRANT_STOCK,
    Indicator.BILATERAL_REMITTANCES,
    Indicator.REMITTANCE_COST,
    Indicator.REMITTANCE_COST_500,
)
#: The series of a State's evidence panel (`selectors.state_evidence`).
PANEL_INDICATORS = (
    Indicator.MIGRANT_STOCK,
    Indicator.REMITTANCE_INFLOWS,
    Indicator.COST_TO_COUNTRY,
)
#: How many of a State's corridors its shortcut names.
SHORTCUT_CORRIDORS = 5


def _url(name: str, language: str, *args: str) -> str:
    with translation.override(language):
        return reverse(name, args=args)


# Datasets.


def _dataset_year(dataset: Dataset) -> int | None:
    released = dataset.vintage_date or dataset.named_period_end
    return released.year if released else None


def dataset_documents(dataset: Dataset) -> Iterator[SearchText]:
    """The publisher's title and vintage in every language, with the format's name in it."""
    for language in language_codes():
        with translation.override(language):
            title = f"{dataset.shown_title} ({dataset.shown_vintage})"
            # The publisher's own words stay findable in every language.
            described = " · ".join(
                dict.fromkeys(
                    part
                    for part in (
                        str(dataset.get_kind_display()),
                        dataset.shown_publisher,
                        dataset.publisher,
                        str(dataset) if title != str(dataset) else "",
                        dataset.licence,
                        dataset.citation,
                    )
                    if part
                )
            )
        yield SearchText(
            language=language,
            title=title,
            body=described,
            url=_url("evidence:dataset_detail", language, str(dataset.pk)),
        )


DATASET_SEARCH = register(
    Dataset,
    label=gettext_lazy("Datasets"),
    documents=dataset_documents,
    year=_dataset_year,
)
DATASET_KIND = DATASET_SEARCH.key


# Indicators: those with values, each with its chart over time.


def indicator_entries() -> Iterator[Entry]:
    latest = dict(
        Observation.objects.values("indicator")
        .annotate(latest=Max("year"))
        .order_by()
        .values_list("indicator", "latest")
    )
    for indicator in Indicator:
        if indicator.value not in latest:
            continue
        texts = []
        for language in language_codes():
            with translation.override(language):
                texts.append(
                    SearchText(
                        language=language,
                        title=str(indicator.label),
                        body=" · ".join((_("Indicator"), _("Chart over time"))),
                        url=_url("evidence:indicator_detail", language, indicator.value),
                    )
                )
        yield Entry(object_id=indicator.value, texts=tuple(texts), year=latest[indicator.value])


# Corridors: one record per pair of countries with values on the corridor's page.


@dataclass(frozen=True)
class CorridorData:
    sender: str
    receiver: str
    #: How many of the corridor page's series have values, and how many values in all.
    #: The corridor page's series with values.
    indicators: frozenset[str]
    values: int
    latest_year: int

    @property
    def code(self) -> str:
        return f"{self.sender}-{self.receiver}"


def _corridors(rows: Q | None = None) -> list[CorridorData]:
    """Corridors with values, those with the most data first."""
    observations = Observation.objects.filter(
        indicator__in=CORRIDOR_INDICATORS, sex=Sex.TOTAL
    ).exclude(partner="")
    if rows is not None:
        observations = observations.filter(rows)
    grouped = (
        observations.values("country", "partner", "indicator")
        .annotate(values=Count("id"), latest=Max("year"))
        .order_by()
    )
    found: dict[tuple[str, str], CorridorData] = {}
    for row in grouped:
        sender, receiver = row["country"], row["partner"]
        # A corridor's address holds two ISO3 codes: aggregates have no corridor page.
        if not (_is_iso3(sender) and _is_iso3(receiver)):
            continue
        known = found.get((sender, receiver))
        found[sender, receiver] = CorridorData(
            sender,
            receiver,
            indicators=frozenset([row["indicator"], *(known.indicators if known else ())]),
            values=row["values"] + (known.values if known else 0),
            latest_year=max(row["latest"], known.latest_year if known else 0),
        )
    return sorted(
        found.values(), key=lambda c: (-len(c.indicators), -c.values, c.sender, c.receiver)
    )


def _is_iso3(code: str) -> bool:
    return len(code) == 3 and code.isascii() and code.isalpha() and code != WORLD


def place_names(codes: Iterable[str]) -> dict[str, dict[str, str]]:
    """Each place's name in every language: a State's own names, else CLDR's, else the
    publisher's."""
    codes = set(codes)
    names = {state.iso3: state.names for state in State.objects.filter(iso3__in=codes)}
    published = dict(Area.objects.filter(code__in=codes - set(names)).values_list("code", "name"))
    for code in codes - set(names):
        try:
            names[code] = {
                language: country_name(code, language, published.get(code, ""))
                for language in language_codes()
            }
        except KeyError:
            names[code] = dict.fromkeys(language_codes(), published.get(code) or code)
    return names


#: Stands for a corridor's code in its address, made once per language.
_CODE_PLACEHOLDER = ("SND", "RCV")


def corridor_entries() -> Iterator[Entry]:
    corridors = _corridors()
    names = place_names({c.sender for c in corridors} | {c.receiver for c in corridors})
    # The title's pattern and the address in each language, once: tens of thousands of
    # corridors would otherwise switch language and resolve an address six times each.
    patterns = {}
    for language in language_codes():
        with translation.override(language):
            patterns[language] = (
                # The corridor page's own title.
                _("%(sender_name)s → %(receiver_name)s"),
                reverse("evidence:corridor_detail", args=_CODE_PLACEHOLDER),
            )
    placeholder = "-".join(_CODE_PLACEHOLDER)
    for corridor in corridors:
        sender, receiver = corridor.sender, corridor.receiver
        texts = tuple(
            SearchText(
                language=language,
                title=title
                % {
                    "sender_name": names[sender][language],
                    "receiver_name": names[receiver][language],
                },
                # Only its code beside the names: words that every corridor's page holds
                # (migrants, remittances, cost) would rank thousands of corridors beside the
                # few records that are about them.
                body=corridor.code,
                url=address.replace(placeholder, corridor.code),
            )
            for language, (title, address) in patterns.items()
        )
        yield Entry(
            object_id=corridor.code,
            texts=texts,
            year=corridor.latest_year,
            states=(sender, receiver),
        )


# Tools: the pages a reader comes to the evidence for, found by the words people type.


def _tool_texts(
    url_name: str, title: Iterable[str], described: Iterable[str], fragment: str = ""
) -> tuple[SearchText, ...]:
    texts = []
    for language in language_codes():
        with translation.override(language):
            texts.append(
                SearchText(
                    language=language,
                    title=" — ".join(str(part) for part in title),
                    body=" ".join(str(part) for part in described),
                    url=_url(url_name, language) + fragment,
                )
            )
    return tuple(texts)


def tool_entries() -> Iterator[Entry]:
    # Short texts: a tool is found by its title and a few words, not drowned in its own text.
    yield Entry(
        object_id="send-money",
        texts=_tool_texts(
            "evidence:send_money",
            [gettext_lazy("What it costs to send money home")],
            [
                gettext_lazy(
                    "Remittance prices: the fees and exchange rates of money transfer "
                    "services compared, for the amount you send."
                )
            ],
        ),
    )
    yield Entry(
        object_id="map",
        texts=_tool_texts(
            "evidence:home",
            [gettext_lazy("Evidence"), gettext_lazy("The world map")],
            [
                gettext_lazy(
                    "Migrants, remittances and their cost on a map of the world, country by "
                    "country; data to download."
                )
            ],
        ),
    )
    yield Entry(
        object_id="corridors",
        texts=_tool_texts(
            "evidence:corridor_search",
            [gettext_lazy("Corridors")],
            [gettext_lazy("Between two countries: the migrants, the remittances and their cost.")],
        ),
    )


register_records(INDICATOR_KIND, label=gettext_lazy("Indicators"), entries=indicator_entries)
register_records(CORRIDOR_KIND, label=gettext_lazy("Corridors"), entries=corridor_entries)
register_records(TOOL_KIND, label=gettext_lazy("Evidence tools"), entries=tool_entries)


# Keeping the index current.


_deferred = threading.local()


def refresh_after(dataset: Dataset) -> None:
    """Once the current transaction commits, bring up to date the kinds an import or a
    deletion of `dataset` changes: the datasets, the indicators with values, and the corridors
    when the dataset holds values of a corridor's page. Call it before a deletion, while the
    dataset's values can still be read."""
    corridors = dataset.observations.filter(indicator__in=CORRIDOR_INDICATORS).exclude(partner="")
    kinds = [DATASET_KIND, INDICATOR_KIND]
    if corridors.exists():
        kinds.append(CORRIDOR_KIND)
    waiting = getattr(_deferred, "kinds", None)
    if waiting is not None:
        waiting.update(kinds)
        return
    for kind in kinds:
        # Robust: the data are written; an index a step behind is rebuilt by search_reindex.
        transaction.on_commit(lambda kind=kind: reindex_kind(kind), robust=True)


@contextmanager
def refresh_once() -> Iterator[None]:
    """Imports inside bring the index up to date once, at the end, rather than each after
    its own: at setup, three of the shipped files change the corridors."""
    _deferred.kinds = set()
    try:
        yield
    finally:
        kinds, _deferred.kinds = _deferred.kinds, None
        for kind in sorted(kinds):
            reindex_kind(kind)


# A State named by the query: its evidence and its corridors.


def state_shortcuts(query: str, language: str) -> list[Shortcut]:
    state = state_named(query)
    if state is None:
        return []
    # Reading a State's corridors takes tens of milliseconds: kept until the data change.
    return cached_until_change(
        f"search:evidence-shortcut:{state.iso3}:{language}",
        lambda: _state_evidence_shortcuts(state, language),
    )


def _state_evidence_shortcuts(state: State, language: str) -> list[Shortcut]:
    corridors = _corridors(Q(country=state.iso3) | Q(partner=state.iso3))[:SHORTCUT_CORRIDORS]
    has_panel = Observation.objects.filter(
        indicator__in=PANEL_INDICATORS, country=state.iso3, partner="", sex=Sex.TOTAL
    ).exists()
    if not corridors and not has_panel:
        return []
    names = place_names({c.sender for c in corridors} | {c.receiver for c in corridors})
    with translation.override(language):
        links = tuple(
            (
                _("%(sender_name)s → %(receiver_name)s")
                % {
                    "sender_name": names[c.sender].get(language, c.sender),
                    "receiver_name": names[c.receiver].get(language, c.receiver),
                },
                reverse("evidence:corridor_detail", args=[c.sender, c.receiver]),
            )
            for c in corridors
        )
        if has_panel:
            # The State's evidence is the panel on its page.
            url = reverse("portal:state_detail", args=[state.iso3]) + "#evidence-heading"
        else:
            url = f"{reverse('evidence:corridor_search')}?receiver={state.iso3}"
        return [
            Shortcut(
                kind_label=_("Evidence"),
                title=_("Evidence about %(state)s")
                % {"state": state.names.get(language, state.name)},
                url=url,
                note=_("Its corridors with the most data:") if links else "",
                links=links,
            )
        ]


register_shortcut(state_shortcuts)
