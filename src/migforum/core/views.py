"""Pages every app shares: search and health."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import search as search_service
from .health import readiness
from .params import page_param

RESULTS_PER_PAGE = 20


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
        # A refused query (400) or one stopped at its time budget (503): the page says why.
        context["error"] = error.message
        context["query"] = query[:200]
        status = error.status
    else:
        context["results"] = results
        paginator = Paginator(range(results.total), RESULTS_PER_PAGE)
        context["page"] = paginator.get_page(page) if results.total else None
    if request.headers.get("HX-Request"):
        # The results as the reader types: htmx puts only a 2xx answer in their place, and
        # this one carries the message where the results were.
        return render(request, "core/_search_results.html", context)
    return render(request, "core/search.html", context, status=status)
