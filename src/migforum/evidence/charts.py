"""What the pages hand to the chart script (`static/migforum/js/evidence.js`): plain JSON with
the values, their unit and the labels already in the page's language. The same values are in
the table under each chart, so the page says everything without the script."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .choices import Unit
from .labels import period_label
from .selectors import CrossSection, Series


def time_series(
    lines: list[tuple[str, Series]], *, target: float | None = None, unit: str = ""
) -> dict[str, Any]:
    """A line chart of one or more series over the same kind of period; `target` draws a
    horizontal reference line (the SDG's 3%)."""
    periods = sorted({period for _name, found in lines for period, _value in found.points})
    payload: dict[str, Any] = {
        "type": "line",
        "unit": str(Unit(unit or lines[0][1].unit).label) if lines else "",
        "categories": [period_label(period, get_language() or "en") for period in periods],
        "series": [
            {"name": name, "data": [dict(found.points).get(period) for period in periods]}
            for name, found in lines
            if found.points
        ],
    }
    if target is not None:
        payload["target"] = {
            "value": target,
            "name": _("SDG target: %(target)s%%") % {"target": f"{target:g}"},
        }
    return payload


def ranking(section: CrossSection, names: dict[str, str], limit: int) -> dict[str, Any]:
    """Horizontal bars of the places with the largest values."""
    top = section.values[:limit]
    return {
        "type": "bar",
        "unit": str(Unit(section.unit).label),
        "categories": [names.get(code, code) for code, _value in top],
        "series": [
            {
                "name": period_label(section.period, get_language() or "en"),
                "data": [value for _code, value in top],
            }
        ],
    }


def world_map(
    section: CrossSection, names: dict[str, str], label: str, links: dict[str, str] | None = None
) -> dict[str, Any]:
    """A choropleth of the countries; the shapes come from the platform's own map view. A
    country with a page in `links` opens it when clicked."""
    links = links or {}
    return {
        "type": "map",
        "shapes": reverse("evidence:map_shapes"),
        "unit": str(Unit(section.unit).label),
        "name": label,
        "data": [
            {"name": code, "label": names.get(code, code), "value": value, "url": links.get(code)}
            for code, value in section.values
        ],
    }
