"""The pages that join the domain apps: the home page, a record's history, the State page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from migforum.core import history as history_registry
from migforum.core.audit import history_entries, history_for
from migforum.core.page_cache import kept_for_anonymous
from migforum.core.panels import render_panels
from migforum.core.params import page_param
from migforum.core.permissions import Action, can, require
from migforum.meetings.selectors import meeting_list
from migforum.members import selectors as members_selectors

from .selectors import home_counts


@require_GET
@kept_for_anonymous()
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "counts": home_counts(),
            "upcoming": meeting_list(when="upcoming")[:3],
            "recent": meeting_list(when="past")[:3],
        },
    )


@require_GET
def history(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    lookup = history_registry.lookup_for(kind)
    if lookup is None:
        raise Http404
    record = lookup.find(pk)
    if record is None or not can(request.user, Action.VIEW, record):
        raise Http404  # a record the user may not see is not acknowledged to exist
    require(request.user, Action.VIEW_HISTORY, record)
    page = Paginator(history_for(record), 50).get_page(page_param(request.GET.get("page")))
    whole = can(request.user, Action.VIEW_WHOLE_HISTORY, record)
    return render(
        request,
        "portal/history.html",
        {
            "record": record,
            "page": page,
            "entries": history_entries(page.object_list, model=lookup.model, whole=whole),
            "whole": whole,
        },
    )


@require_GET
@kept_for_anonymous()
def state_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    """A State's page: what the members app knows of it, then what every other app shows
    about it in the panels it registered."""
    state = members_selectors.state_get_or_404(iso3=iso3)
    if iso3 != state.iso3:
        return redirect(state, permanent=True)
    panels = render_panels("state", request=request, record=state, name="state")
    return render(
        request,
        "portal/state_detail.html",
        {
            "state": state,
            "memberships": members_selectors.state_groups(state=state),
            "panels": panels.places,
            "stylesheets": panels.stylesheets,
        },
    )


@login_required
@require_GET
def work(request: HttpRequest) -> HttpResponse:
    """What awaits the signed-in user, where sign-in leads: each app's panel lists the work
    of the user's roles in it."""
    panels = render_panels("work", request=request, record=request.user, name="person")
    rendered = [html for html in panels.places.get("main", []) if html.strip()]
    return render(
        request,
        "portal/work.html",
        {"panels": rendered, "stylesheets": panels.stylesheets},
    )
