"""Panels that apps add to a page of another app, registered in their `AppConfig.ready()`.

The State page is drawn by the top floor, yet what it shows about a State (its practices, its
evidence, its statements, the meetings it hosted) belongs to the apps below: each registers a
panel, so that a new app adds its panel without editing the page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Panel:
    #: The page it appears on ("state").
    page: str
    #: Where on that page: each page names its places (the State page has "facts", near the
    #: top, and "activity", after its groups).
    place: str
    #: Panels of one place are shown by their order, lowest first.
    order: int
    template: str
    #: What the template needs besides the page's record, read for this request.
    context: Callable[[HttpRequest, Any], dict[str, Any]]
    #: A stylesheet the panel needs, linked in the page's head.
    stylesheet: str = ""


_registry: list[Panel] = []


def register(
    page: str,
    *,
    place: str,
    order: int,
    template: str,
    context: Callable[[HttpRequest, Any], dict[str, Any]],
    stylesheet: str = "",
) -> None:
    panel = Panel(page, place, order, template, context, stylesheet)
    # Registering again (a second `ready()` in tests) replaces rather than repeats.
    _registry[:] = [p for p in _registry if (p.page, p.template) != (page, template)]
    _registry.append(panel)


def panels_for(page: str) -> list[Panel]:
    return sorted((p for p in _registry if p.page == page), key=lambda p: (p.place, p.order))


@dataclass(frozen=True)
class RenderedPanels:
    #: The panels' HTML by place, each place's in order.
    places: dict[str, list[SafeString]]
    stylesheets: list[str]


def render_panels(page: str, *, request: HttpRequest, record: Any, name: str) -> RenderedPanels:
    """Every panel of a page, rendered for this request; the page's record is in each panel's
    template as `name` ("state")."""
    places: dict[str, list[SafeString]] = {}
    stylesheets: list[str] = []
    for panel in panels_for(page):
        context = {name: record, **panel.context(request, record)}
        html = render_to_string(panel.template, context, request=request)
        places.setdefault(panel.place, []).append(mark_safe(html))  # noqa: S308  our templates
        if panel.stylesheet and panel.stylesheet not in stylesheets:
            stylesheets.append(panel.stylesheet)
    return RenderedPanels(places=places, stylesheets=stylesheets)
