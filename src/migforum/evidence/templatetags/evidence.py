"""Template filters of the evidence pages: values printed in the page's language."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language

from ..choices import Unit
from ..labels import period_label
from ..selectors import Series

register = template.Library()

#: Decimals shown per unit: people are counted whole, money and percentages as published.
DECIMALS = {Unit.PERSONS: 0, Unit.USD_MILLION: 1, Unit.PERCENT: 2, Unit.PERCENT_PER_YEAR: 2}


@register.filter
def evidence_value(value: float | None, unit: str) -> str:
    """A value with the locale's separators and its unit's precision: "280,598,105",
    "831,103.0", "4.61"."""
    if value is None:
        return "–"
    decimals = DECIMALS.get(Unit(unit), 2)
    # Django's number_format truncates a float's decimals; the publishers round half up.
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{text}%" if unit in (Unit.PERCENT, Unit.PERCENT_PER_YEAR) else text


@register.filter
def period(value: str) -> str:
    """A period as stored ("2020Q3") in the page's language ("T3 2020")."""
    return period_label(str(value), get_language() or "en")


@register.filter
def unit_label(unit: str) -> str:
    return str(Unit(unit).label)


@register.simple_tag
def series_csv_url(series: Series) -> str:
    """The open data download of exactly the values a chart of this series shows."""
    params = {
        "indicator": series.indicator,
        "country": series.country,
        "partner": series.partner or "none",
        "sex": series.sex,
    }
    if series.dataset is not None:
        params["dataset"] = str(series.dataset.pk)
    return f"{reverse('evidence:observations_csv')}?{urlencode(params)}"
