"""Reads of the evidence for the pages: series, cross-sections, corridors and price quotes.

Every read shows one vintage: the latest release that has the values asked for, unless the
reader chose another (`vintage=`). Releases are ordered by the publisher's release date, then
by when they were imported, so a revision imported later but published earlier never hides
the newer one.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from migforum.members.names import country_name, iso2_for
from migforum.members.reference import m49_areas

from .aggregates import aggregate_name
from .choices import SDG_COST_TARGET, UNIT_OF, WORLD, Indicator, Sex
from .models import Area, DataImport, Dataset, Observation, RemittanceQuote

#: The World Bank's code for low- and middle-income countries, the SDG's remittance focus.
LOW_AND_MIDDLE_INCOME = "LMY"
#: Remittance Prices Worldwide surveys the cost of sending these amounts, in US dollars.
SURVEYED_AMOUNTS = (200, 500)
#: The map's shapes: Natural Earth at 1:110m, as world-atlas publishes them (TopoJSON).
WORLD_SHAPES = (
    Path(__file__).resolve().parent.parent
    / "static"
    / "vendor"
    / "world-atlas"
    / "countries-110m.json"
)
#: How many places a bar chart ranks.
TOP_N = 15


def _latest_release(rows: Iterable[Observation]) -> list[Observation]:
    """The rows of the newest release among them (rows carry their dataset)."""
    rows = list(rows)
    if not rows:
        return []
    newest = max((row.dataset for row in rows), key=Dataset.release_key)
    return [row for row in rows if row.dataset_id == newest.pk]


def place_names(codes: Iterable[str]) -> dict[str, str]:
    """Names of countries and areas in the page's language: CLDR for countries, and for
    aggregates CLDR's region names or the catalogue's (`aggregates`)."""
    codes = set(codes)
    language = get_language() or "en"
    published = dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
    names = {}
    for code in codes:
        try:
            # CLDR's name in every language: publishers spell countries their own way.
            names[code] = country_name(code, language)
        except KeyError:
            names[code] = aggregate_name(published.get(code) or code, language)
    if WORLD in names:
        names[WORLD] = _("World")
    return names


#: CLDR's codes for an unknown or unspecified place, where publishers put "Other or unknown
#: origin" (UN DESA's XXX).
UNKNOWN_TERRITORIES = {"XX", "ZZ"}


def is_known_place(code: str) -> bool:
    """A country or territory with an ISO 3166 code: not an aggregate, not "unknown"."""
    try:
        return iso2_for(code) not in UNKNOWN_TERRITORIES
    except KeyError:
        return False


@dataclass
class Series:
    """One indicator for one place (and partner) over time, from one release."""

    indicator: str
    country: str
    partner: str = ""
    sex: str = Sex.TOTAL
    dataset: Dataset | None = None
    points: list[tuple[str, float]] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return UNIT_OF[self.indicator]

    @property
    def label(self) -> str:
        return str(Indicator(self.indicator).label)

    @property
    def latest(self) -> tuple[str, float] | None:
        return self.points[-1] if self.points else None

    @property
    def previous(self) -> tuple[str, float] | None:
        return self.points[-2] if len(self.points) > 1 else None

    @property
    def change(self) -> float | None:
        """The change from the previous period to the latest, in the series' unit."""
        if self.latest is None or self.previous is None:
            return None
        return self.latest[1] - self.previous[1]


def _series_from(rows: list[Observation], **key: str) -> Series:
    rows = sorted(_latest_release(rows), key=lambda row: row.period)
    return Series(
        dataset=rows[0].dataset if rows else None,
        points=[(row.period, row.value) for row in rows],
        **key,
    )


def series(
    *, indicator: str, country: str, partner: str = "", sex: str = Sex.TOTAL, vintage: str = ""
) -> Series:
    """One indicator for one place over time, from the latest release that has it (or the
    vintage asked for)."""
    rows = Observation.objects.filter(
        indicator=indicator, country=country, partner=partner, sex=sex
    ).select_related("dataset")
    if vintage:
        rows = rows.filter(dataset__vintage=vintage)
    return _series_from(list(rows), indicator=indicator, country=country, partner=partner, sex=sex)


def vintages(*, indicator: str) -> list[str]:
    """The vintages that hold an indicator, newest first."""
    # One probe of the (dataset, indicator) index per dataset, not a join over every value.
    datasets = Dataset.objects.filter(
        Exists(Observation.objects.filter(dataset=OuterRef("pk"), indicator=indicator))
    )
    return list(
        dict.fromkeys(d.vintage for d in sorted(datasets, key=Dataset.release_key, reverse=True))
    )


@dataclass
class CrossSection:
    """One indicator across places for one period, from one release."""

    indicator: str
    period: str
    dataset: Dataset | None
    #: (area code, value), largest first.
    values: list[tuple[str, float]]
    periods: list[str]

    @property
    def unit(self) -> str:
        return UNIT_OF[self.indicator]

    @property
    def label(self) -> str:
        return str(Indicator(self.indicator).label)


def _release_read(
    observations: QuerySet[Observation], *, vintage: str
) -> tuple[Dataset, QuerySet[Observation]] | None:
    """The release a section reads, the latest that holds these observations (or the latest
    of the vintage named), with its observations among them."""
    candidates = Dataset.objects.filter(Exists(observations.filter(dataset=OuterRef("pk"))))
    if vintage:
        candidates = candidates.filter(vintage=vintage)
    latest = max(candidates, key=Dataset.release_key, default=None)
    return None if latest is None else (latest, observations.filter(dataset=latest))


def _period_shown(rows: QuerySet[Observation], period: str) -> tuple[str, list[str]]:
    """The period a section shows, the one asked for if the rows have it, else their latest;
    and every period they have."""
    periods = sorted(set(rows.values_list("period", flat=True)))
    return (period if period in periods else periods[-1]), periods


def cross_section(
    *,
    indicator: str,
    period: str = "",
    sex: str = Sex.TOTAL,
    vintage: str = "",
    countries_only: bool = True,
) -> CrossSection:
    """One indicator across countries (not corridors) for a period, the latest by default;
    aggregates such as regions are left out unless asked for."""
    observations = Observation.objects.filter(indicator=indicator, partner="", sex=sex)
    release = _release_read(observations, vintage=vintage)
    if release is None:
        return CrossSection(indicator, period, None, [], [])
    dataset, rows = release
    period, periods = _period_shown(rows, period)
    rows = rows.filter(period=period)
    if countries_only:
        aggregates = Area.objects.filter(is_aggregate=True).values("code")
        rows = rows.exclude(country__in=aggregates).exclude(country=WORLD)
    values = sorted(rows.values_list("country", "value"), key=lambda item: -item[1])
    return CrossSection(indicator, period, dataset, values, periods)


def corridor_section(*, indicator: str, period: str = "", vintage: str = "") -> CrossSection:
    """One corridor indicator (bilateral flows and stocks, corridor costs) across corridors for
    a period, the latest by default; values are keyed "SENDER-RECEIVER", largest first."""
    observations = Observation.objects.filter(indicator=indicator, sex=Sex.TOTAL).exclude(
        partner=""
    )
    release = _release_read(observations, vintage=vintage)
    if release is None:
        return CrossSection(indicator, period, None, [], [])
    dataset, rows = release
    rows = rows.exclude(country=WORLD).exclude(partner=WORLD)
    period, periods = _period_shown(rows, period)
    values = sorted(
        (
            (f"{country}-{partner}", value)
            for country, partner, value in rows.filter(period=period).values_list(
                "country", "partner", "value"
            )
        ),
        key=lambda item: -item[1],
    )
    return CrossSection(indicator, period, dataset, values, periods)


def corridor_list(*, indicator: str) -> CrossSection:
    """`corridor_section` of the latest release, with only the corridors between known
    places, for listing them."""
    section = corridor_section(indicator=indicator)
    section.values = [
        (key, value)
        for key, value in section.values
        if all(is_known_place(code) for code in key.split("-", 1))
    ]
    return section


def world_shapes() -> dict[str, Any]:
    """The world map's TopoJSON, each country carrying its ISO 3166 alpha-3 code as `iso3`:
    world-atlas identifies countries by their numeric code, which M49 shares."""
    return json.loads(_world_shapes_json())


@lru_cache(maxsize=1)
def _world_shapes_json() -> str:
    iso3_of = {row["M49 Code"]: code for code, row in m49_areas().items() if code}
    topology = json.loads(WORLD_SHAPES.read_text())
    for geometry in topology["objects"]["countries"]["geometries"]:
        properties = geometry.setdefault("properties", {})
        properties["iso3"] = iso3_of.get(str(geometry.get("id", "")), "")
    return json.dumps(topology, separators=(",", ":"))


def world_shapes_json() -> str:
    """`world_shapes` as the JSON text served to the browser (computed once)."""
    return _world_shapes_json()


@dataclass
class KeyFigure:
    series: Series
    #: The place the figure is about, in the page's language.
    place: str


def key_figures() -> list[KeyFigure]:
    """The evidence home's headline numbers: world migrant stock, remittances to low- and
    middle-income countries and the global average cost of sending money, each with its
    vintage; a figure with no data yet is left out."""
    wanted = [
        (Indicator.MIGRANT_STOCK, WORLD),
        (Indicator.REMITTANCE_INFLOWS, LOW_AND_MIDDLE_INCOME),
        (Indicator.REMITTANCE_COST_GLOBAL, WORLD),
    ]
    rows = list(
        Observation.objects.filter(
            indicator__in=[indicator for indicator, _place in wanted],
            country__in=[place for _indicator, place in wanted],
            partner="",
            sex=Sex.TOTAL,
        ).select_related("dataset")
    )
    names = place_names(place for _indicator, place in wanted)
    figures = []
    for indicator, place in wanted:
        found = _series_from(
            [row for row in rows if row.indicator == indicator and row.country == place],
            indicator=indicator,
            country=place,
        )
        if found.points:
            figures.append(KeyFigure(found, names[place]))
    return figures


@dataclass
class Corridor:
    """Sending country, receiving country, and what the evidence says about the way between."""

    sender: str
    receiver: str
    names: dict[str, str]
    #: Migrants born in the receiving country living in the sending country.
    migrants: Series
    #: Remittances sent from the sending country to the receiving country.
    remittances: Series
    #: Average total cost of sending USD 200, by quarter.
    cost: Series
    cost_500: Series
    target: float = SDG_COST_TARGET

    @property
    def is_empty(self) -> bool:
        return not (
            self.migrants.points
            or self.remittances.points
            or self.cost.points
            or self.cost_500.points
        )


def corridor(*, sender: str, receiver: str, vintage: str = "") -> Corridor:
    """The migrants, remittances and prices of one corridor, each series from its latest
    release (or the vintage asked for). UN DESA counts migrants where they live by where they
    were born: the people of the receiving country living in the sending one."""
    indicators = [
        Indicator.MIGRANT_STOCK,
        Indicator.BILATERAL_REMITTANCES,
        Indicator.REMITTANCE_COST,
        Indicator.REMITTANCE_COST_500,
    ]
    rows = Observation.objects.filter(
        indicator__in=indicators, country=sender, partner=receiver, sex=Sex.TOTAL
    ).select_related("dataset")
    if vintage:
        rows = rows.filter(dataset__vintage=vintage)
    by_indicator: dict[str, list[Observation]] = {indicator: [] for indicator in indicators}
    for row in rows:
        by_indicator[row.indicator].append(row)

    def one(indicator: str) -> Series:
        return _series_from(
            by_indicator[indicator], indicator=indicator, country=sender, partner=receiver
        )

    return Corridor(
        sender=sender,
        receiver=receiver,
        names=place_names([sender, receiver]),
        migrants=one(Indicator.MIGRANT_STOCK),
        remittances=one(Indicator.BILATERAL_REMITTANCES),
        cost=one(Indicator.REMITTANCE_COST),
        cost_500=one(Indicator.REMITTANCE_COST_500),
    )


def priced_corridors() -> list[tuple[str, str]]:
    """Every (sending, receiving) pair with a price: surveyed quotes or an average cost."""
    averages = Observation.objects.filter(indicator=Indicator.REMITTANCE_COST).values_list(
        "country", "partner"
    )
    quoted = RemittanceQuote.objects.values_list("source_code", "destination_code")
    return sorted(set(averages.distinct()) | set(quoted.distinct()))


def nearest_surveyed_amount(amount: float | None) -> int:
    """The surveyed amount (USD 200 or 500) closest to what the sender means to send."""
    if amount is None:
        return SURVEYED_AMOUNTS[0]
    return min(SURVEYED_AMOUNTS, key=lambda surveyed: (abs(surveyed - amount), surveyed))


@dataclass
class Offer:
    """One service's price for the surveyed amount, and what reaches the family."""

    quote: RemittanceQuote
    amount_usd: int
    fee_lcu: float
    amount_lcu: float
    fx_margin: float | None
    total_cost: float | None

    @property
    def fee_share(self) -> float:
        """The fee as a percentage of the amount sent."""
        return self.fee_lcu / self.amount_lcu * 100

    @property
    def arrives_usd(self) -> float | None:
        """What arrives, in US dollars at the market rate: the amount less the fee, converted
        at the service's rate (the market rate less its margin)."""
        if self.fx_margin is None:
            return None
        return self.amount_usd * (1 - self.fee_lcu / self.amount_lcu) * (1 - self.fx_margin / 100)


@dataclass
class SendMoney:
    """What a migrant learns about sending money in a corridor."""

    sender: str
    receiver: str
    amount: float | None
    surveyed_amount: int
    period: str = ""
    dataset: Dataset | None = None
    #: Services that disclose their exchange rate, the one that delivers most first.
    offers: list[Offer] = field(default_factory=list)
    #: Services whose exchange rate is not disclosed: what arrives cannot be known.
    undisclosed: list[Offer] = field(default_factory=list)
    #: Without quotes: the corridor's average cost over time.
    average: Series | None = None
    #: USD 500 was nearer, but the corridor is averaged for USD 200 only.
    only_200: bool = False
    target: float = SDG_COST_TARGET

    @property
    def has_quotes(self) -> bool:
        return bool(self.offers or self.undisclosed)

    @property
    def sent(self) -> float:
        """The amount the figures are worked out for: the reader's, else the surveyed one."""
        return self.amount if self.amount is not None else self.surveyed_amount

    @property
    def average_cost_usd(self) -> float | None:
        """The latest average cost, as a percentage of the amount, in US dollars for the amount
        sent (fees are often fixed: the true cost of another amount differs)."""
        latest = self.average.latest if self.average else None
        return None if latest is None else self.sent * latest[1] / 100

    @property
    def average_arrives_usd(self) -> float | None:
        cost = self.average_cost_usd
        return None if cost is None else self.sent - cost

    @property
    def latest_period(self) -> str:
        if self.has_quotes:
            return self.period
        latest = self.average.latest if self.average else None
        return latest[0] if latest else ""

    @property
    def is_old(self) -> bool:
        """The latest prices are from a quarter (or year) that ended over a year ago."""
        ended = period_end(self.latest_period)
        today = timezone.localdate()
        return ended is not None and ended < today - datetime.timedelta(days=365)


def period_end(period: str) -> datetime.date | None:
    """The last day of a period as the publishers write it: "2020Q3" or "2020"."""
    match = re.fullmatch(r"(\d{4})(?:Q([1-4]))?", period)
    if match is None:
        return None
    year, quarter = int(match[1]), int(match[2] or 4)
    first_of_next = datetime.date(year + quarter // 4, quarter % 4 * 3 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


def _offer(quote: RemittanceQuote, surveyed: int) -> Offer | None:
    if surveyed == 500:
        amount, fee = quote.amount_500_lcu, quote.fee_500_lcu
        margin, total = quote.fx_margin_500, quote.total_cost_500
    else:
        amount, fee = quote.amount_200_lcu, quote.fee_200_lcu
        margin, total = quote.fx_margin_200, quote.total_cost_200
    if not amount or amount <= 0 or fee is None or fee < 0:
        return None  # no price for this amount in the survey
    # The publisher's margin of 0 for a service that does not disclose its rate is a
    # placeholder, not a measurement: such a service cannot be ranked by what arrives.
    if not quote.transparent:
        margin = total = None
    return Offer(quote, surveyed, fee, amount, margin, total)


def send_money(*, sender: str, receiver: str, amount: float | None = None) -> SendMoney:
    """The services of a corridor in its latest surveyed quarter, sorted by what arrives for
    the surveyed amount nearest to `amount`; without quotes, the corridor's average cost."""
    surveyed = nearest_surveyed_amount(amount)
    result = SendMoney(sender, receiver, amount, surveyed)
    quotes = RemittanceQuote.objects.filter(source_code=sender, destination_code=receiver)
    latest = quotes.select_related("dataset").order_by("-period").first()
    if latest is None:
        indicator = Indicator.REMITTANCE_COST_500 if surveyed == 500 else Indicator.REMITTANCE_COST
        result.average = series(indicator=indicator, country=sender, partner=receiver)
        if not result.average.points and surveyed == 500:
            # Many corridors are averaged for USD 200 only: the page says so.
            result.average = series(
                indicator=Indicator.REMITTANCE_COST, country=sender, partner=receiver
            )
            result.surveyed_amount, result.only_200 = 200, bool(result.average.points)
        return result
    newest = max(
        Dataset.objects.filter(pk__in=quotes.filter(period=latest.period).values("dataset_id")),
        key=Dataset.release_key,
    )
    result.period, result.dataset = latest.period, newest
    for quote in quotes.filter(period=latest.period, dataset=newest).order_by("firm"):
        offer = _offer(quote, surveyed)
        if offer is None:
            continue
        (result.offers if offer.arrives_usd is not None else result.undisclosed).append(offer)
    result.offers.sort(key=lambda offer: -(offer.arrives_usd or 0))
    return result


@dataclass
class StateEvidence:
    """A State's evidence panel: its migrants, the remittances it receives, the cost of
    sending money to it, each the latest value of the latest release."""

    country: str
    migrant_stock: Series
    inflows: Series
    cost_to: Series

    @property
    def is_empty(self) -> bool:
        return not (self.migrant_stock.points or self.inflows.points or self.cost_to.points)


def state_evidence(*, iso3: str) -> StateEvidence:
    """The evidence about one country, in one query."""
    indicators = [
        Indicator.MIGRANT_STOCK,
        Indicator.REMITTANCE_INFLOWS,
        Indicator.COST_TO_COUNTRY,
    ]
    rows = list(
        Observation.objects.filter(
            indicator__in=indicators, country=iso3, partner="", sex=Sex.TOTAL
        ).select_related("dataset")
    )

    def one(indicator: str) -> Series:
        return _series_from(
            [row for row in rows if row.indicator == indicator], indicator=indicator, country=iso3
        )

    return StateEvidence(
        country=iso3,
        migrant_stock=one(Indicator.MIGRANT_STOCK),
        inflows=one(Indicator.REMITTANCE_INFLOWS),
        cost_to=one(Indicator.COST_TO_COUNTRY),
    )


def dataset_indicators(*, dataset: Dataset) -> list[tuple[str, str, int]]:
    """The indicators of a dataset with how many values each: (id, label, count)."""
    from django.db.models import Count

    counts = (
        dataset.observations.values("indicator")
        .annotate(count=Count("id"))
        .order_by("indicator")
        .values_list("indicator", "count")
    )
    return [(indicator, str(Indicator(indicator).label), count) for indicator, count in counts]


def datasets() -> QuerySet[Dataset]:
    """Every dataset, newest release of each format first."""
    return Dataset.objects.select_related("imported_by")


def recent_imports(limit: int = 20) -> QuerySet[DataImport]:
    """The latest import requests with their outcome."""
    return DataImport.objects.select_related("dataset", "requested_by")[:limit]
