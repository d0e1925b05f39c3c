"""Pages every app shares: search and health."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import search as search_service
from .health import readiness
from .languages import language_choices, language_codes
from .page_cache import kept_for_anonymous
from .params import page_param, year_param
from .search.service import YEARS
from .widgets import option_tags

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
@kept_for_anonymous(version=search_service.index_version)
def search(request: HttpRequest) -> HttpResponse:
    """Search everything, with the records the query names outright first, then the ranked
    results, which a reader narrows by type, year, State and language."""
    query = request.GET.get("q", "")
    filters = {
        "kind": request.GET.get("kind", "")[:100],
        "year": request.GET.get("year", "")[:20],
        "state": request.GET.get("state", "")[:20],
        "lang": request.GET.get("lang", "")[:20],
    }
    year = year_param(filters["year"])
    page = page_param(request.GET.get("page"))
    # Records kept to one language are shown in it; otherwise in the reader's.
    language = get_language()
    shown_in = filters["lang"] if filters["lang"] in language_codes() else language
    chosen = {k: v for k, v in filters.items() if v}
    context: dict[str, object] = {
        "query": query,
        "kind": filters["kind"],
        "filters": filters,
        # The filters as a query string, for the links that keep them (suggestion, facets,
        # pages); the facets choose the type themselves.
        "filter_params": urlencode(chosen),
        "filter_params_but_kind": urlencode({k: v for k, v in chosen.items() if k != "kind"}),
        "kind_choices": [(spec.key, spec.label) for spec in search_service.registered()],
        "state_options": option_tags(
            search_service.state_choices(language),
            {filters["state"].upper()},
        ),
        "language_choices": language_choices(),
        "years": YEARS,
    }
    status = 200
    try:
        results = _search_page(query, filters, year, shown_in, page)
    except search_service.SearchQueryError as error:
        # A refused query (400) or one stopped at its time budget (503): the page says why.
        context["error"] = error.message
        context["query"] = query[:200]
        status = error.status
    else:
        context["results"] = results
        if results.suggestion:
            suggested = {"q": results.suggestion, **chosen}
            context["suggestion_url"] = f"?{urlencode(suggested)}"
        paginator = Paginator(range(results.total), RESULTS_PER_PAGE)
        context["page"] = paginator.get_page(page) if results.total else None
    if request.headers.get("HX-Request"):
        # The results as the reader types: htmx puts only a 2xx answer in their place, and
        # this one carries the message where the results were (not to be kept: a search out
        # of time may succeed the next time).
        response = render(request, "core/_search_results.html", context)
        if status != 200:
            add_never_cache_headers(response)
        return response
    return render(request, "core/search.html", context, status=status)


def _search_page(
    query: str, filters: dict[str, str], year: int | None, language: str, page: int
) -> search_service.SearchResults:
    """One page of results; a page past the last shows the last."""

    def run(page: int) -> search_service.SearchResults:
        return search_service.search(
            query,
            language=language,
            kinds=[filters["kind"]] if filters["kind"] else None,
            year=year,
            state=filters["state"] or None,
            in_language=filters["lang"] or None,
            limit=RESULTS_PER_PAGE,
            offset=(page - 1) * RESULTS_PER_PAGE,
        )

    results = run(page)
    last = max(1, -(-results.total // RESULTS_PER_PAGE))
    if page > last and results.total:
        results = run(last)
    return results
