"""Indicators the platform computes from price data, stored with the dataset they come from.

Remittance Prices Worldwide reaches the platform in two forms: the survey's own quotes (one
row per service, corridor and quarter) and the World Bank's corridor averages (the DataBank
export). From either, per quarter, the platform computes what the World Bank publishes and the
SDG 10.c target asks for. Every value is a percentage of the amount sent.

From quotes (set-based SQL over the quotes, however many there are):

- ``remittance_cost`` / ``remittance_cost_500``: a corridor's average total cost of sending
  USD 200 / USD 500, the simple mean over its quotes with a measured total;
- ``remittance_cost_global`` (``WLD``): the simple mean over every quote with a measured total,
  as the World Bank computes its Global Average Total Cost when it has the quotes;
- ``smart_cost``: SmaRT, see `smart_costs`.

From corridor averages (the DataBank's, or those just computed from quotes; one value per
corridor and quarter, a few thousand rows whatever the number of quotes):

- ``remittance_cost_global`` (``WLD``), only when there are no quotes: the mean over corridors;
- ``remittance_cost_by_sending_region`` / ``_by_receiving_region``: the mean over the corridors
  from / to the countries of an M49 region (``M49-2`` Africa, ``M49-19`` Americas, ``M49-142``
  Asia, ``M49-150`` Europe, ``M49-9`` Oceania, coded as UN DESA's aggregates are); a country
  with no M49 region is left out of the regions;
- ``remittance_cost_weighted`` (``WLD``): the mean weighted by the bilateral remittances sent in
  each corridor, from the latest bilateral remittances release; a corridor without a weight is
  left out, as the publisher can weight only what it has flows for;
- ``corridors_above_5`` / ``corridors_below_3`` (``WLD``): the share of the corridors priced in
  the quarter that cost more than 5% / less than 3% (the SDG target);
- ``remittance_cost_to_country`` (SDG 10.c.1): the mean over the corridors to a country in the
  third quarter of each year, period the year, as the WDI series is published: where a country
  has one corridor, it equals that corridor's Q3 cost (Mexico 2019: 4.61).

`computed_indicators` is the import's hook; `prices_recompute` deletes and recomputes them (for
instance when new bilateral remittances change the weights).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from migforum.core.audit import audit_event_record
from migforum.core.models import AuditAction
from migforum.core.permissions import Action, require
from migforum.members.reference import m49_areas

from .choices import SDG_COST_TARGET, WORLD, DatasetKind, Indicator, Sex
from .importers import Obs, Progress, no_progress
from .models import Dataset, Observation, RemittanceQuote

#: The formats whose indicators the platform computes.
PRICE_KINDS = (DatasetKind.PRICE_CORRIDORS, DatasetKind.PRICE_QUOTES)
#: Computed from a dataset's quotes.
FROM_QUOTES = frozenset(
    {
        Indicator.REMITTANCE_COST,
        Indicator.REMITTANCE_COST_500,
        Indicator.REMITTANCE_COST_GLOBAL,
        Indicator.SMART_COST,
    }
)
#: Computed from a dataset's corridor averages.
FROM_CORRIDORS = frozenset(
    {
        Indicator.REMITTANCE_COST_GLOBAL,
        Indicator.REMITTANCE_COST_BY_SENDING_REGION,
        Indicator.REMITTANCE_COST_BY_RECEIVING_REGION,
        Indicator.REMITTANCE_COST_WEIGHTED,
        Indicator.CORRIDORS_ABOVE_5,
        Indicator.CORRIDORS_BELOW_3,
        Indicator.COST_TO_COUNTRY,
    }
)
#: The share of corridors above this cost, per cent, is watched besides the SDG target.
HIGH_COST = 5.0
#: SmaRT averages this many of a corridor's cheapest qualifying services.
SMART_SERVICES = 3
#: The quarter whose corridor averages make the annual SDG 10.c.1 value.
SDG_QUARTER = "Q3"


class CorridorCost(NamedTuple):
    """One corridor's average total cost of sending USD 200 in one quarter."""

    sender: str
    receiver: str
    period: str
    value: float


def computed_indicators(dataset: Dataset) -> list[Obs]:
    """The price indicators computed from a newly imported dataset, stored with its vintage.
    New bilateral remittances change the weights of every price dataset's weighted average,
    which is recomputed here, in the same transaction as their import."""
    if dataset.kind in PRICE_KINDS:
        rows = price_indicators(dataset)
        regions_save(rows)
        return rows
    if dataset.weighs_prices:
        prices_recompute(by=dataset.imported_by, only={Indicator.REMITTANCE_COST_WEIGHTED})
    return []


def computed_for(dataset: Dataset) -> frozenset[str]:
    """The indicators the platform computes for a dataset (the rest are the publisher's)."""
    if dataset.kind == DatasetKind.PRICE_QUOTES:
        return FROM_QUOTES | FROM_CORRIDORS
    if dataset.kind == DatasetKind.PRICE_CORRIDORS:
        return FROM_CORRIDORS
    return frozenset()


def price_indicators(dataset: Dataset, only: Collection[str] | None = None) -> list[Obs]:
    """Every price indicator of a dataset (or those in `only`), computed from what is stored."""
    wanted = computed_for(dataset) if only is None else computed_for(dataset) & set(only)
    rows: list[Obs] = []
    corridors: list[CorridorCost] | None = None
    if dataset.kind == DatasetKind.PRICE_QUOTES and wanted & FROM_QUOTES:
        from_quotes = quote_indicators(dataset)
        rows += [row for row in from_quotes if row.indicator in wanted]
        corridors = [
            CorridorCost(row.country, row.partner, row.period, row.value)
            for row in from_quotes
            if row.indicator == Indicator.REMITTANCE_COST
        ]
    wanted_from_corridors = wanted & FROM_CORRIDORS
    if dataset.kind == DatasetKind.PRICE_QUOTES:
        # The global average over quotes is the one the publisher computes when it has them.
        wanted_from_corridors -= {Indicator.REMITTANCE_COST_GLOBAL}
    if wanted_from_corridors:
        if corridors is None:
            corridors = stored_corridor_costs(dataset)
        rows += [
            row for row in corridor_indicators(corridors) if row.indicator in wanted_from_corridors
        ]
    return rows


# --- From quotes ---------------------------------------------------------------------------


def quote_indicators(dataset: Dataset) -> list[Obs]:
    """Corridor averages for USD 200 and 500, the global average over quotes and SmaRT."""
    quotes = RemittanceQuote.objects.filter(dataset=dataset)
    rows: list[Obs] = []
    # Sum and Count leave out NULLs: a quote without a measured total (a service that does
    # not disclose its exchange rate, or no USD 500 price) is not averaged. Sums and counts
    # rather than means, so that the global average over quotes adds up from the corridors'
    # without reading the quotes a second time.
    corridor_sums = (
        quotes.values("source_code", "destination_code", "period", "year")
        .annotate(
            sum_200=Sum("total_cost_200"),
            count_200=Count("total_cost_200"),
            sum_500=Sum("total_cost_500"),
            count_500=Count("total_cost_500"),
        )
        .order_by()
    )
    world: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for corridor in corridor_sums:
        key = corridor["source_code"], corridor["destination_code"], corridor["period"]
        for indicator, size in (
            (Indicator.REMITTANCE_COST, "200"),
            (Indicator.REMITTANCE_COST_500, "500"),
        ):
            total, count = corridor[f"sum_{size}"], corridor[f"count_{size}"]
            if count:
                rows.append(_obs(indicator, *key, total / count, year=corridor["year"]))
        if corridor["count_200"]:
            world[corridor["period"]][0] += corridor["sum_200"]
            world[corridor["period"]][1] += corridor["count_200"]
    rows += [
        _obs(Indicator.REMITTANCE_COST_GLOBAL, WORLD, "", period, total / count)
        for period, (total, count) in sorted(world.items())
    ]
    rows += smart_costs(dataset)
    return rows


def smart_costs(dataset: Dataset) -> list[Obs]:
    """SmaRT per corridor and quarter: the mean total cost of sending USD 200 with the three
    cheapest qualifying services; a corridor with fewer than three has no SmaRT.

    A qualifying service discloses its exchange rate (`transparent`) and has a measured total
    cost. The World Bank's SmaRT also asks that the service deliver within five days and be
    open to any sender; the survey states speed as free text ("Less than one hour", "3-5
    days") and accessibility not at all, so the platform applies only the criteria the data
    lets it check exactly. Ties for third place do not matter: the tied services cost the same.
    """
    # Raw SQL because the ORM aggregates before it filters on a window function, not after.
    # Ranked by cost alone (not by id as well), both engines read the quotes in the covering
    # index's own order, with no sort and no visit to the table: 13 times faster on
    # PostgreSQL than ranking by cost and id and joining the three back by id.
    table = RemittanceQuote._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT source_code, destination_code, period, year, AVG(total_cost_200)
            FROM (
                SELECT source_code, destination_code, period, year, total_cost_200,
                    ROW_NUMBER() OVER (
                        PARTITION BY source_code, destination_code, period
                        ORDER BY total_cost_200
                    ) AS place
                FROM {table}
                WHERE dataset_id = %s AND transparent AND total_cost_200 IS NOT NULL
            ) AS ranked
            WHERE place <= %s
            GROUP BY source_code, destination_code, period, year
            HAVING COUNT(*) = %s
            """,  # noqa: S608  the table name is the model's
            [dataset.pk, SMART_SERVICES, SMART_SERVICES],
        )
        rows = cursor.fetchall()
    return [
        _obs(Indicator.SMART_COST, sender, receiver, period, value, year=year)
        for sender, receiver, period, year, value in rows
    ]


# --- From corridor averages ----------------------------------------------------------------


def stored_corridor_costs(dataset: Dataset) -> list[CorridorCost]:
    """The dataset's corridor averages for USD 200, as stored."""
    rows = Observation.objects.filter(
        dataset=dataset, indicator=Indicator.REMITTANCE_COST, sex=Sex.TOTAL
    ).exclude(partner="")
    return [CorridorCost(*row) for row in rows.values_list("country", "partner", "period", "value")]


def corridor_indicators(corridors: Iterable[CorridorCost]) -> list[Obs]:
    """Every indicator computed from corridor averages (see the module's docstring). Works on
    one value per corridor and quarter, so its size is the corridors', not the quotes'."""
    corridors = list(corridors)
    by_period: dict[str, list[CorridorCost]] = defaultdict(list)
    for corridor in corridors:
        by_period[corridor.period].append(corridor)
    region_of = m49_regions()
    weights = bilateral_weights()
    rows: list[Obs] = []
    for period, priced in sorted(by_period.items()):
        values = [corridor.value for corridor in priced]
        rows.append(_obs(Indicator.REMITTANCE_COST_GLOBAL, WORLD, "", period, _mean(values)))
        rows.append(
            _obs(
                Indicator.CORRIDORS_ABOVE_5,
                WORLD,
                "",
                period,
                100 * sum(value > HIGH_COST for value in values) / len(values),
            )
        )
        rows.append(
            _obs(
                Indicator.CORRIDORS_BELOW_3,
                WORLD,
                "",
                period,
                100 * sum(value < SDG_COST_TARGET for value in values) / len(values),
            )
        )
        for indicator, end in (
            (Indicator.REMITTANCE_COST_BY_SENDING_REGION, "sender"),
            (Indicator.REMITTANCE_COST_BY_RECEIVING_REGION, "receiver"),
        ):
            by_region: dict[str, list[float]] = defaultdict(list)
            for corridor in priced:
                region = region_of.get(getattr(corridor, end))
                if region is not None:
                    by_region[region.code].append(corridor.value)
            rows += [
                _obs(indicator, code, "", period, _mean(region_values))
                for code, region_values in sorted(by_region.items())
            ]
        weighted = [
            (corridor.value, weights[(corridor.sender, corridor.receiver)])
            for corridor in priced
            if weights.get((corridor.sender, corridor.receiver), 0) > 0
        ]
        if weighted:
            rows.append(
                _obs(
                    Indicator.REMITTANCE_COST_WEIGHTED,
                    WORLD,
                    "",
                    period,
                    sum(value * weight for value, weight in weighted)
                    / sum(weight for _value, weight in weighted),
                )
            )
    to_country: dict[tuple[str, str], list[float]] = defaultdict(list)
    for corridor in corridors:
        if corridor.period.endswith(SDG_QUARTER):
            to_country[(corridor.receiver, corridor.period[:4])].append(corridor.value)
    rows += [
        _obs(Indicator.COST_TO_COUNTRY, receiver, "", year, _mean(values))
        for (receiver, year), values in sorted(to_country.items())
    ]
    return rows


@dataclass(frozen=True)
class Region:
    """An M49 region as the indicators name it."""

    code: str
    name: str
    m49: str


def m49_regions() -> dict[str, Region]:
    """Each country's M49 region (Africa, Americas, Asia, Europe, Oceania), by ISO3."""
    regions = {}
    for iso3, row in m49_areas().items():
        m49 = row.get("Region Code", "").strip()
        if iso3 and m49.isdigit():
            # Coded as the UN DESA importer codes M49 aggregates: "M49-" and the number.
            regions[iso3] = Region(f"M49-{int(m49)}", row["Region Name"], m49)
    return regions


def bilateral_weights() -> dict[tuple[str, str], float]:
    """(sending, receiving) → remittances sent, US$ million, from the latest release of the
    bilateral remittance estimates; empty when there is none."""
    releases = Dataset.objects.filter(
        pk__in=Observation.objects.filter(indicator=Indicator.BILATERAL_REMITTANCES).values(
            "dataset_id"
        )
    )
    latest = max(releases, key=Dataset.release_key, default=None)
    if latest is None:
        return {}
    flows = Observation.objects.filter(
        dataset=latest, indicator=Indicator.BILATERAL_REMITTANCES, sex=Sex.TOTAL
    ).exclude(partner="")
    return {
        (sender, receiver): value
        for sender, receiver, value in flows.values_list("country", "partner", "value")
    }


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _obs(
    indicator: str, country: str, partner: str, period: str, value: float, year: int | None = None
) -> Obs:
    return Obs(
        indicator,
        country,
        partner,
        period,
        int(period[:4]) if year is None else year,
        Sex.TOTAL,
        float(value),
    )


# --- Recomputation -------------------------------------------------------------------------


@transaction.atomic
def prices_recompute(
    *,
    by: Any,
    dataset: Dataset | None = None,
    only: Collection[str] | None = None,
    progress: Progress = no_progress,
) -> dict[int, int]:
    """Delete and recompute every price indicator of every price dataset (or of `dataset`; or
    only the indicators in `only`), in one transaction; returns dataset id → values computed.
    Each dataset's recomputation is recorded in the audit trail with the counts before and
    after. `by=None` is the platform itself or the operator at the command line."""
    if by is not None:
        require(by, Action.IMPORT_DATA)
    targets = (
        [dataset] if dataset is not None else list(Dataset.objects.filter(kind__in=PRICE_KINDS))
    )
    from .services import observations_save  # the import service calls this module

    computed: dict[int, int] = {}
    for number, target in enumerate(targets, start=1):
        progress(
            _("Computing the indicators of “%(dataset)s”") % {"dataset": target},
            number - 1,
            len(targets),
        )
        wanted = computed_for(target) if only is None else computed_for(target) & set(only)
        if not wanted:
            continue
        rows = price_indicators(target, only=wanted)
        before = _indicator_counts(target, wanted)
        target.observations.filter(indicator__in=wanted).delete()
        regions_save(rows)
        observations_save(target, rows)
        old_count = target.observation_count
        target.observation_count = target.observations.count()
        Dataset.objects.filter(pk=target.pk).update(observation_count=target.observation_count)
        audit_event_record(
            instance=target,
            action=AuditAction.UPDATE,
            actor=by,
            before={"observation_count": old_count, "computed": before},
            after={
                "observation_count": target.observation_count,
                "computed": _indicator_counts(target, wanted),
            },
        )
        computed[target.pk] = len(rows)
    progress(_("Indicators computed"), len(targets), len(targets))
    return computed


def regions_save(rows: Iterable[Obs]) -> None:
    """Add the M49 regions the indicators name to the areas, so pages can name them."""
    from .services import areas_save  # the import service calls this module

    codes = {
        row.country
        for row in rows
        if row.indicator
        in (
            Indicator.REMITTANCE_COST_BY_SENDING_REGION,
            Indicator.REMITTANCE_COST_BY_RECEIVING_REGION,
        )
    }
    if codes:
        regions = {region.code: region for region in m49_regions().values()}
        areas_save({code: (regions[code].name, True, regions[code].m49) for code in codes})


def _indicator_counts(dataset: Dataset, indicators: Collection[str]) -> dict[str, int]:
    counts = (
        dataset.observations.filter(indicator__in=indicators)
        .values("indicator")
        .annotate(count=Count("pk"))
        .order_by("indicator")
        .values_list("indicator", "count")
    )
    return dict(counts)
