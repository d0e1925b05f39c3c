"""Choosing observations by what a reader asks for: one parser and one query, shared by the
API (`GET /api/v1/observations`) and the open data downloads (`/evidence/observations.csv`),
so that a download holds exactly the rows the API would page through.

Which vintage answers. By default (`vintage=latest`) a reader sees, for each value, the one
from the newest release of the publication it comes from: an observation is hidden when a
newer dataset of the same format (`Dataset.kind`) has a value for the same indicator, country,
partner, period and sex. A newer release therefore replaces every value it republishes, and
values it no longer carries stay visible from the release that last had them; each row says
its vintage, so a mixed answer is never hidden. Different publications of one indicator (the
DataBank's corridor averages and those computed from quotes) are not versions of each other:
both answer, each with its dataset. `vintage=all` gives every vintage; `vintage=<name>` only
the datasets whose vintage has that name ("June 2023"). Asking for one `dataset` implies all
of its rows, whatever its age.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from migforum.core.params import ParameterError, id_param, int_param

from .choices import UNIT_OF, Indicator, Sex
from .models import Dataset, Observation, release_order


@dataclass(frozen=True)
class FilterParameter:
    """A filter as readers send it; the API's description is generated from these."""

    name: str
    description: str
    #: Takes several values: repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`).
    repeatable: bool = True


_LIST = "Repeatable, or a comma-separated list."

#: Every parameter the filter reads, declared once for the parser below, the downloads and the
#: API's description; anything else is refused so a misspelt filter is noticed.
FILTER_PARAMETERS = (
    FilterParameter("indicator", f"Indicator ids. {_LIST}"),
    FilterParameter("country", f"ISO3, `WLD` or an aggregate code; any case. {_LIST}"),
    FilterParameter(
        "partner", f"The other end of a corridor; `none` for values without one. {_LIST}"
    ),
    FilterParameter("year", "One year: annual and quarterly values.", repeatable=False),
    FilterParameter("year_from", "From this year, inclusive.", repeatable=False),
    FilterParameter("year_to", "Up to this year, inclusive.", repeatable=False),
    FilterParameter("period", f"`2019Q3` for a quarter, `2019` for the annual value. {_LIST}"),
    FilterParameter("sex", f"`total`, `male` or `female`. {_LIST}"),
    FilterParameter(
        "vintage",
        "`latest` (the default): each value from the newest release of its publication that "
        "has it. `all`: every release. Or a vintage's name (`June 2023`).",
        repeatable=False,
    ),
    FilterParameter("dataset", f"Dataset ids; then every vintage unless `vintage` says. {_LIST}"),
)
PARAMETERS = tuple(parameter.name for parameter in FILTER_PARAMETERS)
LATEST = "latest"
ALL = "all"
#: `partner=none`: only values that are not about a corridor (a country's total).
NO_PARTNER = "NONE"
#: Rows come in this order, which follows the index on (indicator, country, partner, period).
ORDERING = ("indicator", "country", "partner", "period", "sex", "dataset_id", "id")

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,11}$")
_PERIOD = re.compile(r"^(\d{4})(Q[1-4])?$")
_YEARS = (1800, 2200)


class FilterErrorCode(StrEnum):
    UNKNOWN_PARAMETER = "unknown_parameter"
    UNKNOWN_INDICATOR = "unknown_indicator"
    INVALID_CODE = "invalid_code"
    INVALID_YEAR = "invalid_year"
    INVALID_PERIOD = "invalid_period"
    INVALID_SEX = "invalid_sex"
    UNKNOWN_VINTAGE = "unknown_vintage"
    INVALID_DATASET = "invalid_dataset"


class FilterError(ValueError):
    """A filter the platform will not apply, naming the parameter at fault."""

    def __init__(self, code: FilterErrorCode, parameter: str, message: str) -> None:
        super().__init__(message)
        self.code, self.parameter, self.message = code, parameter, message

    def as_dict(self) -> dict[str, str]:
        """The error as the API and the downloads answer it (with status 400)."""
        return {"code": self.code, "message": self.message, "parameter": self.parameter}


@dataclass(frozen=True)
class ObservationFilter:
    """What a reader asked for, checked and normalised; empty means no restriction."""

    indicators: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    periods: tuple[str, ...] = ()
    sexes: tuple[str, ...] = ()
    vintage: str = LATEST
    datasets: tuple[int, ...] = field(default=())

    def as_params(self) -> list[tuple[str, str]]:
        """The filter as query parameters, to link the same selection elsewhere."""
        params = [("indicator", ",".join(self.indicators))]
        params += [("country", ",".join(self.countries)), ("partner", ",".join(self.partners))]
        if self.year_from is not None and self.year_from == self.year_to:
            params.append(("year", str(self.year_from)))
        else:
            params.append(("year_from", "" if self.year_from is None else str(self.year_from)))
            params.append(("year_to", "" if self.year_to is None else str(self.year_to)))
        params += [("period", ",".join(self.periods)), ("sex", ",".join(self.sexes))]
        params += [("dataset", ",".join(str(pk) for pk in self.datasets))]
        # The vintage is said only where it is not the default, which depends on `dataset`.
        if self.vintage != (ALL if self.datasets else LATEST):
            params.append(("vintage", self.vintage))
        return [(name, value) for name, value in params if value]


def _values(params: Mapping[str, Sequence[str]], name: str) -> list[str]:
    """A repeatable parameter that also takes a comma-separated list: `?a=x&a=y` or `?a=x,y`."""
    return [
        part.strip() for value in params.get(name, ()) for part in value.split(",") if part.strip()
    ]


def _year(params: Mapping[str, Sequence[str]], name: str) -> int | None:
    values = _values(params, name)
    if not values:
        return None
    if len(values) == 1:
        with contextlib.suppress(ParameterError):
            return int_param(values[0], name=name, minimum=_YEARS[0], maximum=_YEARS[1])
    raise FilterError(
        FilterErrorCode.INVALID_YEAR,
        name,
        _("“%(name)s” takes one year of four digits, such as 2020.") % {"name": name},
    )


def _codes(params: Mapping[str, Sequence[str]], name: str, *, allow_none: bool) -> tuple[str, ...]:
    codes = [value.upper() for value in _values(params, name)]
    bad = [c for c in codes if not _CODE.match(c) and not (allow_none and c == NO_PARTNER)]
    if bad:
        raise FilterError(
            FilterErrorCode.INVALID_CODE,
            name,
            _(
                "“%(name)s” takes ISO 3166 alpha-3 codes (MAR), WLD for the world or a "
                "publisher's aggregate code (LMY); “%(value)s” is none of these."
            )
            % {"name": name, "value": bad[0][:20]},
        )
    return tuple(dict.fromkeys(codes))


def observation_filter_parse(params: Mapping[str, Sequence[str]]) -> ObservationFilter:
    """Check a request's filter parameters (each a list of values, as `QueryDict.lists()`
    gives them) and return them normalised."""
    indicators = tuple(dict.fromkeys(_values(params, "indicator")))
    unknown = [i for i in indicators if i not in Indicator.values]
    if unknown:
        raise FilterError(
            FilterErrorCode.UNKNOWN_INDICATOR,
            "indicator",
            _("Unknown indicator “%(indicator)s”. Indicators are: %(known)s.")
            % {"indicator": unknown[0][:50], "known": ", ".join(Indicator.values)},
        )

    year, year_from, year_to = (_year(params, n) for n in ("year", "year_from", "year_to"))
    if year is not None:
        year_from = year if year_from is None else max(year, year_from)
        year_to = year if year_to is None else min(year, year_to)

    periods = [value.upper() for value in _values(params, "period")]
    bad_periods = [p for p in periods if not _PERIOD.match(p)]
    if bad_periods:
        raise FilterError(
            FilterErrorCode.INVALID_PERIOD,
            "period",
            _("“period” takes a year (2019) or a quarter (2019Q3); “%(value)s” is neither.")
            % {"value": bad_periods[0][:20]},
        )

    sexes = tuple(dict.fromkeys(value.lower() for value in _values(params, "sex")))
    bad_sexes = [s for s in sexes if s not in Sex.values]
    if bad_sexes:
        raise FilterError(
            FilterErrorCode.INVALID_SEX,
            "sex",
            _("“sex” takes one of: %(known)s; “%(value)s” is none of these.")
            % {"known": ", ".join(Sex.values), "value": bad_sexes[0][:20]},
        )

    try:
        datasets = [id_param(d, name="dataset") for d in _values(params, "dataset")]
    except ParameterError:
        raise FilterError(
            FilterErrorCode.INVALID_DATASET,
            "dataset",
            _("“dataset” takes the numeric id of a dataset, as /api/v1/datasets lists them."),
        ) from None

    # A vintage's name is taken whole: publishers may put a comma in it.
    vintages = [value.strip() for value in params.get("vintage", ()) if value.strip()]
    vintage = vintages[0] if len(vintages) == 1 else ""
    if len(vintages) > 1:
        raise FilterError(
            FilterErrorCode.UNKNOWN_VINTAGE, "vintage", _("Give one vintage, or “all”.")
        )
    if not vintage:
        # One dataset asked for by its id is wanted whole, even when a newer one exists.
        vintage = ALL if datasets else LATEST
    elif vintage.lower() in (LATEST, ALL):
        vintage = vintage.lower()
    elif not Dataset.objects.filter(vintage=vintage).exists():
        known = sorted(set(Dataset.objects.values_list("vintage", flat=True)))
        raise FilterError(
            FilterErrorCode.UNKNOWN_VINTAGE,
            "vintage",
            _("No dataset has the vintage “%(vintage)s”. Vintages are: %(known)s.")
            % {"vintage": vintage[:100], "known": ", ".join([LATEST, ALL, *known])},
        )

    return ObservationFilter(
        indicators=indicators,
        countries=_codes(params, "country", allow_none=False),
        partners=_codes(params, "partner", allow_none=True),
        year_from=year_from,
        year_to=year_to,
        periods=tuple(dict.fromkeys(periods)),
        sexes=sexes,
        vintage=vintage,
        datasets=tuple(dict.fromkeys(d for d in datasets if d is not None)),
    )


def unknown_parameters(names: Iterable[str], *, also: Iterable[str] = ()) -> None:
    """Refuse a parameter that is neither a filter nor one of `also` (paging, format)."""
    unknown = sorted(set(names) - set(PARAMETERS) - set(also))
    if unknown:
        raise FilterError(
            FilterErrorCode.UNKNOWN_PARAMETER,
            unknown[0],
            _("Unknown parameter “%(name)s”. Parameters are: %(known)s.")
            % {"name": unknown[0][:50], "known": ", ".join([*PARAMETERS, *also])},
        )


def observations_filter(selection: ObservationFilter) -> QuerySet[Observation]:
    """The observations a filter selects, in a stable order (see the module's docstring for
    which vintage answers)."""
    rows = Observation.objects.all()
    if selection.indicators:
        rows = rows.filter(indicator__in=selection.indicators)
    if selection.countries:
        rows = rows.filter(country__in=selection.countries)
    if selection.partners:
        partners = ["" if p == NO_PARTNER else p for p in selection.partners]
        rows = rows.filter(partner__in=partners)
    if selection.year_from is not None:
        rows = rows.filter(year__gte=selection.year_from)
    if selection.year_to is not None:
        rows = rows.filter(year__lte=selection.year_to)
    if selection.periods:
        rows = rows.filter(period__in=selection.periods)
    if selection.sexes:
        rows = rows.filter(sex__in=selection.sexes)
    if selection.datasets:
        rows = rows.filter(dataset_id__in=selection.datasets)
    if selection.vintage == LATEST:
        rows = _latest_only(rows)
    elif selection.vintage != ALL:
        rows = rows.filter(dataset__vintage=selection.vintage)
    return rows.order_by(*ORDERING)


def newer_datasets() -> dict[int, list[int]]:
    """For each dataset that a newer release of the same format follows, those newer ones, in
    the order of `release_order`."""
    by_kind: dict[str, list[tuple[datetime.date, datetime.datetime, int]]] = defaultdict(list)
    for pk, kind, vintage_date, named_period_end, imported_at in Dataset.objects.values_list(
        "pk", "kind", "vintage_date", "named_period_end", "imported_at"
    ):
        by_kind[kind].append((*release_order(vintage_date, named_period_end, imported_at), pk))
    newer: dict[int, list[int]] = {}
    for releases in by_kind.values():
        ordered = [pk for *_when, pk in sorted(releases)]
        for position, pk in enumerate(ordered[:-1]):
            newer[pk] = ordered[position + 1 :]
    return newer


def _latest_only(rows: QuerySet[Observation]) -> QuerySet[Observation]:
    newer = newer_datasets()
    if not newer:
        # One release of each format: nothing is superseded, and no subquery is needed.
        return rows
    same_value = Observation.objects.filter(
        indicator=OuterRef("indicator"),
        country=OuterRef("country"),
        partner=OuterRef("partner"),
        period=OuterRef("period"),
        sex=OuterRef("sex"),
    )
    superseded = Q()
    for pk, newer_pks in newer.items():
        superseded |= Q(dataset_id=pk) & Q(Exists(same_value.filter(dataset_id__in=newer_pks)))
    return rows.exclude(superseded)


#: The columns of an observation as the API and the downloads give it.
RECORD_FIELDS = (
    "indicator",
    "country",
    "partner",
    "period",
    "year",
    "sex",
    "value",
    "unit",
    "dataset",
    "vintage",
)
_STORED = ("indicator", "country", "partner", "period", "year", "sex", "value", "dataset_id")

Record = tuple[str, str, str, str, int, str, float, str, int, str]


def observation_values(rows: QuerySet[Observation]) -> QuerySet[Observation, tuple]:
    """The stored columns of the selected observations, without building model instances."""
    return rows.values_list(*_STORED)


def observation_records(values: Iterable[tuple]) -> Iterator[Record]:
    """Each observation with its unit and its dataset's vintage, in `RECORD_FIELDS` order."""
    vintages = dict(Dataset.objects.values_list("pk", "vintage"))
    for indicator, country, partner, period, year, sex, value, dataset_id in values:
        yield (
            indicator,
            country,
            partner,
            period,
            year,
            sex,
            value,
            UNIT_OF[indicator],
            dataset_id,
            vintages[dataset_id],
        )
