"""Pages for documents: the list with filters and full-text search, and one document."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from migforum.core.languages import language_choices, language_codes
from migforum.core.page_cache import kept_for_anonymous
from migforum.core.params import page_param, year_param
from migforum.core.permissions import Action, require
from migforum.core.search import SearchQueryError, state_choices
from migforum.core.search.text import parse_query
from migforum.core.widgets import option_tags

from . import selectors
from .choices import DocumentKind
from .forms import DocumentImportForm
from .models import Document
from .services import document_import_upload
from .symbols import SymbolError, parse_symbol

PAGE_SIZE = 50


@require_GET
@kept_for_anonymous()
def document_list(request: HttpRequest) -> HttpResponse:
    """Every document, a page at a time: filtered by type, year, State and language, ordered
    by date, symbol or title, or searched."""
    filters = {
        name: request.GET.get(name, "").strip()[:200]
        for name in ("q", "kind", "year", "state", "lang", "sort")
    }
    page = page_param(request.GET.get("page"))
    language = get_language() or "en"
    chosen = {name: value for name, value in filters.items() if value}
    context: dict[str, object] = {
        **filters,
        "kinds": DocumentKind.choices,
        "language_choices": language_choices(),
        "sorts": _sort_choices(),
        "state_options": option_tags(
            state_choices(language),
            {filters["state"].upper()},
        ),
        "filter_params": urlencode(chosen),
    }
    status = 200
    try:
        documents = selectors.document_list(
            kind=filters["kind"] if filters["kind"] in DocumentKind.values else None,
            year=year_param(filters["year"]),
            state=filters["state"] or None,
            in_language=filters["lang"] if filters["lang"] in language_codes() else None,
            text=filters["q"],
            language=language,
            sort=filters["sort"],
        )
        paginator = Paginator(documents, PAGE_SIZE)
        context["page"] = paginator.get_page(page)
        context["total"] = paginator.count
        context["notice"] = parse_query(filters["q"]).notice
    except SearchQueryError as error:
        context["error"], status = error.message, error.status
    return render(request, "documents/document_list.html", context, status=status)


def _sort_choices() -> list[tuple[str, str]]:
    return [
        ("", _("Best match, then newest")),
        ("newest", _("Newest first")),
        ("oldest", _("Oldest first")),
        ("symbol", _("By symbol")),
        ("title", _("By title")),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def document_import(request: HttpRequest) -> HttpResponse:
    """The secretariat uploads a document; its text and citations are read."""
    require(request.user, Action.MANAGE_DOCUMENTS)
    form = DocumentImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            result = document_import_upload(
                upload=form.cleaned_data["file"],
                by=request.user,
                symbol=form.cleaned_data["symbol"],
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if result.report is None:
                messages.success(request, _("The PDF is received; its pages are being read."))
                return redirect(result.document)
            report = result.report
            messages.success(
                request, _("%(title)s is imported.") % {"title": report.document.title}
            )
    return render(request, "documents/document_import.html", {"form": form, "report": report})


@require_GET
@kept_for_anonymous()
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        document = selectors.document_get(pk=pk)
    except Document.DoesNotExist:
        raise Http404(_("No document has this address.")) from None
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "version": document.version_for(get_language()),
            "cites": selectors.document_citations(document=document),
            "cited_by": selectors.document_cited_by(document=document),
            "meetings": selectors.document_meetings(document=document),
        },
    )


@require_GET
def document_extraction(request: HttpRequest, pk: int) -> HttpResponse:
    """How far the reading of a document's files has come (polled by the document page)."""
    try:
        document = selectors.document_get(pk=pk)
    except Document.DoesNotExist:
        raise Http404(_("No document has this address.")) from None
    return render(request, "documents/_extraction.html", {"document": document})


@require_GET
def document_by_symbol(request: HttpRequest, symbol: str) -> HttpResponse:
    try:
        canonical = str(parse_symbol(symbol))
        document = selectors.document_by_symbol(symbol=canonical)
    except SymbolError as error:
        raise Http404(error.message) from None
    except Document.DoesNotExist:
        raise Http404(
            _("No document with the symbol %(symbol)s is recorded.") % {"symbol": symbol[:100]}
        ) from None
    return redirect(document)
