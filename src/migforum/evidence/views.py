"""Evidence pages: the home with its key figures and map, datasets with their provenance,
indicator charts, corridors, what it costs to send money home, and imports with their
progress. Reads go through `selectors`, the chart data through `charts`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from migforum.core.cache import cached_until_change
from migforum.core.page_cache import kept_for_anonymous
from migforum.core.params import page_param
from migforum.core.permissions import Action, can
from migforum.members.models import State

from . import charts, selectors
from .choices import SDG_COST_TARGET, WORLD, Indicator
from .forms import CorridorForm, ImportForm, IndicatorForm, MapForm, SendMoneyForm
from .models import Area, DataImport, Dataset
from .services import data_import_request, dataset_delete

#: Corridor addresses: sending and receiving ISO3 codes, "ESP-MAR".
CORRIDOR_SEPARATOR = "-"


def _countries() -> list[str]:
    """Every country or area the evidence names (not the aggregates)."""
    return list(
        Area.objects.filter(is_aggregate=False)
        .exclude(code=WORLD)
        .order_by("code")
        .values_list("code", flat=True)
    )


def _chosen(request: HttpRequest) -> object:
    """The query as form data once both ends of the corridor are chosen; before that the
    form starts from what is chosen, without complaining of what is not."""
    return request.GET if request.GET.get("sender") and request.GET.get("receiver") else None


def _corridor_form(data: object = None, initial: dict[str, str] | None = None) -> CorridorForm:
    countries = _countries()
    return CorridorForm(
        data,
        initial=initial,
        senders=countries,
        receivers=countries,
        names=selectors.place_names(countries),
        auto_id="corridor-%s",
    )


@kept_for_anonymous()
def evidence_home(request: HttpRequest) -> HttpResponse:
    map_form = MapForm(request.GET or None)
    indicator = Indicator.MIGRANT_STOCK.value
    if map_form.is_valid() and map_form.cleaned_data["indicator"]:
        indicator = map_form.cleaned_data["indicator"]
    section = selectors.cross_section(indicator=indicator)
    names = selectors.place_names(code for code, _value in section.values)
    return render(
        request,
        "evidence/home.html",
        {
            "figures": selectors.key_figures(),
            "map_form": map_form,
            "indicator": Indicator(indicator),
            "section": section,
            "names": names,
            "rows": [(code, names.get(code, code), value) for code, value in section.values],
            "map_chart": charts.world_map(
                section,
                names,
                str(Indicator(indicator).label),
                links={state.iso3: state.get_absolute_url() for state in State.objects.all()},
            ),
            "datasets": selectors.datasets(),
            "corridor_form": _corridor_form(),
            "target": SDG_COST_TARGET,
            "may_import": can(request.user, Action.IMPORT_DATA),
        },
    )


def map_shapes(request: HttpRequest) -> HttpResponse:
    """The world map's country shapes (TopoJSON with ISO3 codes), cached by the browser."""
    response = HttpResponse(selectors.world_shapes_json(), content_type="application/json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@kept_for_anonymous()
def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = get_object_or_404(Dataset.objects.select_related("imported_by"), pk=pk)
    if request.GET.get("download") == "original":
        return FileResponse(dataset.file.open("rb"), as_attachment=True, filename=dataset.file_name)
    indicators = selectors.dataset_indicators(dataset=dataset)
    chart = rows = None
    chart_unit = ""
    country_totals = [i for i, _label, _count in indicators if i != Indicator.POPULATION]
    if country_totals:
        # A chart of the dataset's first indicator: its largest values in its latest period.
        section = selectors.cross_section(indicator=country_totals[0], vintage=dataset.vintage)
        if section.dataset is not None and section.dataset.pk == dataset.pk and section.values:
            names = selectors.place_names(code for code, _v in section.values[: selectors.TOP_N])
            chart = charts.ranking(section, names, selectors.TOP_N)
            rows = [(code, names[code], value) for code, value in section.values[: selectors.TOP_N]]
            chart_unit = section.unit
    return render(
        request,
        "evidence/dataset_detail.html",
        {
            "dataset": dataset,
            "indicators": indicators,
            "chart": chart,
            "chart_rows": rows,
            "chart_unit": chart_unit,
            "chart_indicator": Indicator(country_totals[0]) if country_totals else None,
            "has_quotes": dataset.quotes.exists(),
            "may_delete": can(request.user, Action.IMPORT_DATA),
        },
    )


@require_http_methods(["GET", "POST"])
def dataset_delete_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a dataset imported by mistake, after saying what goes with it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can(request.user, Action.IMPORT_DATA):
        raise PermissionDenied(_("You do not have permission to delete data."))
    dataset = get_object_or_404(Dataset, pk=pk)
    if request.method == "POST":
        title = str(dataset)
        dataset_delete(dataset=dataset, by=request.user)
        messages.success(request, _("“%(dataset)s” is deleted.") % {"dataset": title})
        return redirect("evidence:import_new")
    return render(
        request,
        "evidence/dataset_delete.html",
        {
            "dataset": dataset,
            "quote_count": dataset.quotes.count(),
        },
    )


@kept_for_anonymous()
def indicator_detail(request: HttpRequest, indicator: str) -> HttpResponse:
    """One indicator: a country against the world over time, and the top places in a year."""
    if indicator not in Indicator.values:
        raise Http404
    countries = _countries()
    form = IndicatorForm(
        request.GET or None,
        vintages=selectors.vintages(indicator=indicator),
        places=countries,
        names=selectors.place_names(countries),
    )
    country = period = vintage = ""
    if form.is_valid():
        country = form.cleaned_data["country"]
        period = form.cleaned_data["period"]
        vintage = form.cleaned_data["vintage"]
    lines = []
    if country and country != WORLD:
        lines.append(selectors.series(indicator=indicator, country=country, vintage=vintage))
    lines.append(selectors.series(indicator=indicator, country=WORLD, vintage=vintage))
    lines = [line for line in lines if line.points]
    section = selectors.cross_section(indicator=indicator, period=period, vintage=vintage)
    corridors = not section.values
    if corridors:
        # Bilateral flows and stocks and corridor costs rank corridors, not places.
        section = selectors.corridor_section(indicator=indicator, period=period, vintage=vintage)
    form.offer_periods(section.periods)
    top = section.values[: selectors.TOP_N]
    places = [line.country for line in lines]
    places += [part for code, _v in top for part in code.split(CORRIDOR_SEPARATOR)]
    names = selectors.place_names(places)
    if corridors:
        for code, _value in top:
            sender, receiver = code.split(CORRIDOR_SEPARATOR)
            names[code] = f"{names[sender]} → {names[receiver]}"
    return render(
        request,
        "evidence/indicator_detail.html",
        {
            "indicator": Indicator(indicator),
            "form": form,
            "country": country,
            "lines": [(names[line.country], line) for line in lines],
            "line_chart": charts.time_series([(names[line.country], line) for line in lines])
            if lines
            else None,
            "section": section,
            "ranking": [
                (names[code], value, _ranked_link(indicator, code, corridors))
                for code, value in top
            ],
            "corridors": corridors,
            "bar_chart": charts.ranking(section, names, selectors.TOP_N) if top else None,
        },
    )


def _ranked_link(indicator: str, code: str, corridor: bool) -> str:
    """Where a ranked place leads: its corridor's page, or its series against the world."""
    if corridor:
        sender, receiver = code.split(CORRIDOR_SEPARATOR)
        return reverse("evidence:corridor_detail", args=[sender, receiver])
    return f"{reverse('evidence:indicator_detail', args=[indicator])}?country={code}"


#: The orders of the corridor list: each by one corridor indicator, in its latest release.
CORRIDOR_ORDERS = {
    "migrants": Indicator.MIGRANT_STOCK,
    "remittances": Indicator.BILATERAL_REMITTANCES,
    "cost": Indicator.REMITTANCE_COST,
}
CORRIDORS_PER_PAGE = 50


@kept_for_anonymous()
def corridor_search(request: HttpRequest) -> HttpResponse:
    """The corridor chooser, which goes to the corridor's page once both ends are chosen, and
    every corridor with data, ordered by its migrants, its remittances or its cost."""
    form = _corridor_form(_chosen(request), initial=request.GET.dict())
    if form.is_valid():
        return redirect(
            "evidence:corridor_detail",
            sender=form.cleaned_data["sender"],
            receiver=form.cleaned_data["receiver"],
        )
    order = request.GET.get("order", "")
    if order not in CORRIDOR_ORDERS:
        order = "migrants"
    section = cached_until_change(
        f"corridor-list:{order}",
        lambda: selectors.corridor_list(indicator=CORRIDOR_ORDERS[order]),
    )
    # The cheapest corridors first; the largest first for migrants and remittances.
    ranked = section.values[::-1] if order == "cost" else section.values
    page = Paginator(ranked, CORRIDORS_PER_PAGE).get_page(page_param(request.GET.get("page")))
    ends = [tuple(key.split(CORRIDOR_SEPARATOR, 1)) for key, _value in page]
    names = selectors.place_names(code for pair in ends for code in pair)
    return render(
        request,
        "evidence/corridor_search.html",
        {
            "form": form,
            "order": order,
            "order_params": urlencode({"order": order}),
            "orders": [
                ("migrants", _("Migrants")),
                ("remittances", _("Remittances")),
                ("cost", _("Cost of sending USD 200")),
            ],
            "section": section,
            "page": page,
            "corridors": [
                (sender, receiver, names.get(sender, sender), names.get(receiver, receiver), value)
                for (sender, receiver), (_key, value) in zip(ends, page, strict=True)
            ],
        },
    )


@kept_for_anonymous()
def corridor_detail(request: HttpRequest, sender: str, receiver: str) -> HttpResponse:
    if sender != sender.upper() or receiver != receiver.upper():
        return redirect(
            "evidence:corridor_detail", sender=sender.upper(), receiver=receiver.upper()
        )
    vintage = request.GET.get("vintage", "")[:100]
    # The page is the same for every reader of a language until an import changes the data.
    found, body = cached_until_change(
        f"corridor:{get_language()}:{sender}:{receiver}:{vintage}",
        lambda: _corridor_body(sender, receiver, vintage),
    )
    if found is None:
        raise Http404
    return render(
        request,
        "evidence/corridor_detail.html",
        # Rendered by our own template, which escaped everything it put in.
        {"sender_name": found[0], "receiver_name": found[1], "body": mark_safe(body)},  # noqa: S308
    )


def _corridor_body(sender: str, receiver: str, vintage: str) -> tuple[tuple[str, str] | None, str]:
    """The corridor's names and its page's content; no names for a corridor nobody knows: one
    without data whose two ends are not both known places."""
    found = selectors.corridor(sender=sender, receiver=receiver, vintage=vintage)
    ends = {sender, receiver}
    if found.is_empty and Area.objects.filter(code__in=ends).count() < len(ends):
        return None, ""
    names = (found.names[sender], found.names[receiver])
    body = render_to_string(
        "evidence/_corridor_body.html",
        {
            "corridor": found,
            "sender_name": names[0],
            "receiver_name": names[1],
            "migrants_chart": charts.time_series([(names[1], found.migrants)]),
            "remittances_chart": charts.time_series([(names[0], found.remittances)]),
            "cost_chart": charts.time_series(
                [(_("USD 200"), found.cost), (_("USD 500"), found.cost_500)],
                target=SDG_COST_TARGET,
            ),
        },
    )
    return names, body


@kept_for_anonymous()
def send_money(request: HttpRequest) -> HttpResponse:
    """What it costs to send money home, for a migrant choosing where from, where to and how
    much."""
    corridors = selectors.priced_corridors()
    senders = sorted({sender for sender, _receiver in corridors})
    receivers_of: dict[str, list[str]] = {}
    for sender, receiver in corridors:
        receivers_of.setdefault(sender, []).append(receiver)
    # Once a sender is chosen, only the places with prices from it; a script narrows the list
    # as the sender changes, and without it the list is narrowed when the form comes back.
    chosen_sender = request.GET.get("sender", "")
    receivers = receivers_of.get(
        chosen_sender, sorted({receiver for _sender, receiver in corridors})
    )
    names = selectors.place_names(senders + [r for _s, r in corridors])
    form = SendMoneyForm(
        _chosen(request),
        senders=senders,
        receivers=receivers,
        names=names,
        auto_id="send-%s",
        initial={"amount": 200, **request.GET.dict()},
    )
    result = chart = None
    if form.is_valid():
        amount = float(form.cleaned_data["amount"])
        result = selectors.send_money(
            sender=form.cleaned_data["sender"],
            receiver=form.cleaned_data["receiver"],
            amount=amount,
        )
        if result.average is not None and result.average.points:
            chart = charts.time_series(
                [(_("Average cost"), result.average)], target=SDG_COST_TARGET
            )
    return render(
        request,
        "evidence/send_money.html",
        {
            "form": form,
            "result": result,
            "chart": chart,
            "sender_name": names.get(result.sender, "") if result else "",
            "receiver_name": names.get(result.receiver, "") if result else "",
            "target": SDG_COST_TARGET,
            "receivers_of": {
                "by_sender": receivers_of,
                "names": {r: names.get(r, r) for _s, r in corridors},
            },
        },
    )


@require_http_methods(["GET", "POST"])
def import_new(request: HttpRequest) -> HttpResponse:
    """Upload a publisher's file; its import runs in the background with its progress shown."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can(request.user, Action.IMPORT_DATA):
        raise PermissionDenied(_("You do not have permission to import data."))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # The service takes a path: an upload small enough to be held in memory has none.
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / Path(upload.name).name
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            data_import = data_import_request(
                path=path,
                by=request.user,
                kind=form.cleaned_data["kind"],
                name=upload.name,
                vintage_date=form.cleaned_data["vintage_date"],
            )
        return redirect(data_import)
    return render(
        request,
        "evidence/import_new.html",
        {"form": form, "imports": selectors.recent_imports()},
    )


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    data_import = get_object_or_404(DataImport.objects.select_related("dataset"), pk=pk)
    if not can(request.user, Action.IMPORT_DATA):
        raise Http404
    # htmx polls for the progress alone.
    partial = request.headers.get("HX-Request") == "true"
    template = "evidence/_import_progress.html" if partial else "evidence/import_detail.html"
    return render(request, template, {"data_import": data_import})
