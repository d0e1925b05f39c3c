"""Pages every app shares: the home page, search, a record's history, health."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from migforum.documents.models import Document
from migforum.meetings.models import Meeting, Minutes
from migforum.meetings.selectors import meeting_list
from migforum.members.models import Group, Organization, State
from migforum.members.selectors import home_counts
from migforum.practices.models import Practice

from . import search as search_service
from .audit import history_entries, history_for
from .health import readiness
from .params import id_param, page_param
from .permissions import Action, can, require

#: The record types whose history has a page: URL name, model, and the field in the URL.
HISTORY_LOOKUPS = {
    "state": (State, "iso3"),
    "organization": (Organization, "slug"),
    "group": (Group, "slug"),
    "document": (Document, "pk"),
    "meeting": (Meeting, "pk"),
    "minutes": (Minutes, "pk"),
    "practice": (Practice, "pk"),
}
RESULTS_PER_PAGE = 20


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "counts": home_counts(),
            "upcoming": meeting_list(when="upcoming")[:3],
            "recent": meeting_list(when="past")[:3],
        },
    )


@require_GET
def live(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@never_cache
def ready(request: HttpRequest) -> HttpResponse:
    """Readiness: the database, the cache and a live background worker, as JSON; 503 when
    one of them is not there."""
    checks = readiness()
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    kind = request.GET.get("type") or None
    page = page_param(request.GET.get("page"))
    context: dict[str, object] = {"query": query, "kind": kind}
    status = 200
    try:
        results = search_service.search(
            query,
            language=get_language(),
            kinds=[kind] if kind else None,
            limit=RESULTS_PER_PAGE,
            offset=(page - 1) * RESULTS_PER_PAGE,
        )
    except search_service.SearchQueryError as error:
        context["error"] = error.message
        context["query"] = query[:200]
        status = 400
    else:
        context["results"] = results
        paginator = Paginator(range(results.total), RESULTS_PER_PAGE)
        context["page"] = paginator.get_page(page) if results.total else None
    template = (
        "core/_search_results.html" if request.headers.get("HX-Request") else "core/search.html"
    )
    return render(request, template, context, status=status)


@require_GET
def history(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    if kind not in HISTORY_LOOKUPS:
        raise Http404
    model, field = HISTORY_LOOKUPS[kind]
    key = id_param(pk, name="id") if field == "pk" else pk.upper() if field == "iso3" else pk
    record = model._default_manager.filter(**{field: key}).first()
    if record is None or not can(request.user, Action.VIEW, record):
        raise Http404  # a record the user may not see is not acknowledged to exist
    require(request.user, Action.VIEW_HISTORY, record)
    page = Paginator(history_for(record), 50).get_page(page_param(request.GET.get("page")))
    whole = can(request.user, Action.VIEW_WHOLE_HISTORY, record)
    return render(
        request,
        "core/history.html",
        {
            "record": record,
            "page": page,
            "entries": history_entries(page.object_list, model=model, whole=whole),
            "whole": whole,
        },
    )
