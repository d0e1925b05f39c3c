"""Pages for practices: finding them, submitting and revising them, reviewing and publishing
them, their versions, and the calls for practices."""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from migforum.core.csv_export import BOM, CONTENT_TYPES, table_download
from migforum.core.languages import language_choices
from migforum.core.page_cache import kept_for_anonymous
from migforum.core.params import page_param
from migforum.core.permissions import Action, can, require
from migforum.core.search import SearchQueryError
from migforum.core.versioning import version_changes
from migforum.core.widgets import filter_links, removal_url

from . import finder, imports, services
from .choices import Criterion, Rating, ReviewStatus
from .exports import EXPORT_COLUMNS, export_rows
from .fields import TEXT_FIELDS
from .forms import (
    AssignForm,
    CallForm,
    DeclarationForm,
    PracticeForm,
    PracticeImportForm,
    ReviewForm,
    TranslationForm,
    WithdrawForm,
)
from .models import CallForPractices, Practice, PracticeVersion, ReviewAssignment
from .permissions import owns_practice, visible_practices, who_sees_unpublished

PAGE_SIZE = 20
#: An export holds at most this many practices; narrow the search for more specific ones.
EXPORT_LIMIT = 100_000


def _practice(request: HttpRequest, pk: int) -> Practice:
    """The practice, if this user may see it; otherwise 404, so that drafts do not leak."""
    practice = (
        Practice.objects.select_related("owner_state", "owner_organization", "call", "implementer")
        .prefetch_related(
            "translations",
            "partners",
            "attachments",
            "countries__state",
            Prefetch(
                "assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer", "organization"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if practice is None or not can(request.user, Action.VIEW, practice):
        raise Http404(_("No practice has this address."))
    return practice


def search_params(request: HttpRequest) -> tuple[str, dict[str, list[str]], str]:
    filters = {name: request.GET.getlist(name) for name in finder.FACET_NAMES}
    unknown = [key for key in request.GET if key not in {*finder.FACET_NAMES, "q", "sort", "page"}]
    if unknown:
        filters.update({key: request.GET.getlist(key) for key in unknown})
    return request.GET.get("q", "").strip(), filters, request.GET.get("sort", "")


def _list_pairs(request: HttpRequest) -> list[tuple[str, str]]:
    """The list's query, back on the first page."""
    return [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"]


@require_GET
@kept_for_anonymous()
def practice_list(request: HttpRequest) -> HttpResponse:
    query, filters, sort = search_params(request)
    page = page_param(request.GET.get("page"))
    context: dict[str, Any] = {"q": query, "sort": sort, "sorts": finder.SORTS}
    status = 200
    try:
        results = finder.find_practices(
            user=request.user,
            query=query,
            filters=filters,
            sort=sort,
            offset=(page - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
        )
    except SearchQueryError as error:
        context["error"], status = error.message, error.status
    else:
        base = _list_pairs(request)
        for facet in results.facets:
            facet.items = filter_links(facet.name, facet.values, base)  # type: ignore[attr-defined]
        chosen = [
            (facet.label, value.label, removal_url(base, facet.name, value.value))
            for facet in results.facets
            for value in facet.values
            if value.selected
        ]
        pages = (results.total + PAGE_SIZE - 1) // PAGE_SIZE
        context.update(
            results=results,
            chosen=chosen,
            page=page,
            pages=pages,
            previous_url="?" + urlencode([*base, ("page", page - 1)]) if page > 1 else "",
            next_url="?" + urlencode([*base, ("page", page + 1)]) if page < pages else "",
            export_query=urlencode(base),
            hidden_filters=[(k, v) for k, v in base if k not in ("q", "sort")],
            may_submit=bool(services.owner_choices(request.user)),
            open_calls=services.calls_open_now(),
        )
    return render(request, "practices/practice_list.html", context, status=status)


@require_GET
def practice_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """Any result list, as CSV or JSON: the same search, the same visibility."""
    if fmt not in ("csv", "json"):
        raise Http404(_("Exports are in CSV or JSON."))
    query, filters, sort = search_params(request)
    try:
        results = finder.find_practices(
            user=request.user, query=query, filters=filters, sort=sort, with_page=False
        )
    except SearchQueryError as error:
        return HttpResponse(
            error.message, status=error.status, content_type="text/plain; charset=utf-8"
        )
    ids = results.ordered_ids[:EXPORT_LIMIT]
    # Every practice's address has the same shape: reversed once, its id put in each time.
    address = request.build_absolute_uri(reverse("practices:practice_detail", args=[0]))
    rows = export_rows(ids, address=address)
    return table_download(
        fmt,
        name="practices",
        header=EXPORT_COLUMNS,
        rows=(row.values() for row in rows),
        key="practices",
        head={"total": len(ids)},
    )


@require_GET
@kept_for_anonymous()
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    user = request.user
    assignment = next(
        (
            a
            for a in practice.assignments.all()
            if a.reviewer_id == getattr(user, "pk", None) and a.withdrawn_at is None
        ),
        None,
    )
    context: dict[str, Any] = {
        "practice": practice,
        "words": practice.text_in(),
        "translation": practice.translation_for(),
        "analyses": services.published_analysis(practice)
        if practice.review_status in (ReviewStatus.APPROVED, ReviewStatus.PUBLISHED)
        else [],
        "related": finder.related_practices(practice, user=user),
        "may_change": can(user, Action.CHANGE, practice),
        "translate_to": [
            (code, name)
            for code, name in language_choices()
            if code != practice.language and can(user, Action.TRANSLATE, practice)
        ],
        "may_manage": can(user, Action.MANAGE_PRACTICES, practice),
        "may_withdraw": can(user, Action.WITHDRAW, practice)
        and practice.review_status != ReviewStatus.WITHDRAWN,
        "may_review": can(user, Action.REVIEW, practice)
        and practice.review_status == ReviewStatus.UNDER_REVIEW,
        "assignment": assignment,
        "sees_review": can(user, Action.MANAGE_PRACTICES, practice)
        or assignment is not None
        or (can(user, Action.VIEW, practice) and owns_practice(user, practice)),
        "versions": practice.versions.order_by("-number"),
    }
    for review in context["analyses"]:
        review.rating_rows = [
            (criterion.label, Rating(review.ratings.get(criterion.value, "")).label)
            for criterion in Criterion
            if review.ratings.get(criterion.value) in Rating.values
        ]
    if context["sees_review"]:
        context["reviews"] = _reviews_of(practice)
    if context["may_manage"]:
        context["assign_form"] = AssignForm(
            candidates=services.reviewer_candidates(practice=practice)
        )
    if assignment is not None and assignment.has_conflict is None:
        context["declaration_form"] = DeclarationForm()
    if context["may_withdraw"]:
        context["withdraw_form"] = WithdrawForm()
    return render(request, "practices/practice_detail.html", context)


def _reviews_of(practice: Practice) -> list[Any]:
    from .models import Review

    return list(
        Review.objects.filter(assignment__practice=practice)
        .select_related("assignment__reviewer", "assignment__organization", "version")
        .order_by("-created_at")
    )


def _save_attachment(form: PracticeForm, practice: Practice, user: Any) -> None:
    upload = form.cleaned_data.get("attachment")
    if upload:
        services.attachment_add(
            practice=practice,
            by=user,
            title=form.cleaned_data.get("attachment_title", ""),
            upload=upload,
        )


@login_required
@require_http_methods(["GET", "POST"])
def practice_create_view(request: HttpRequest) -> HttpResponse:
    owners = services.owner_choices(request.user)
    if not owners:
        raise PermissionDenied(_("Practices are submitted by a State's focal point or a body."))
    form = PracticeForm(
        request.POST or None,
        request.FILES or None,
        initial={"language": get_language(), "call": request.GET.get("call")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_create(
                by=request.user, owner=owners[0], content=form.content()
            )
            _save_attachment(form, practice, request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The draft is saved. Submit it when it is ready."))
            return redirect(practice)
    return render(
        request,
        "practices/practice_form.html",
        {"form": form, "owner": owners[0], "who_sees": who_sees_unpublished(owners[0])},
    )


def _form_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    require(request.user, Action.CHANGE, practice)
    form = PracticeForm(request.POST or None, request.FILES or None, practice=practice)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_update(
                practice=practice, by=request.user, content=form.content()
            )
            _save_attachment(form, practice, request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(practice)
    return render(
        request,
        "practices/practice_form.html",
        {
            "form": form,
            "practice": practice,
            "owner": practice.owner,
            "who_sees": who_sees_unpublished(practice.owner),
        },
    )


def _step(request: HttpRequest, practice: Practice, step: Any, success: str) -> HttpResponse:
    """Run one step of the review and go back to the practice, with its outcome."""
    try:
        step()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(practice)


@login_required
@require_POST
def practice_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    return _step(
        request,
        practice,
        lambda: services.practice_submit(practice=practice, by=request.user),
        _("The practice is submitted for review."),
    )


@login_required
@require_POST
def reviewer_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    require(request.user, Action.MANAGE_PRACTICES, practice)
    form = AssignForm(request.POST, candidates=services.reviewer_candidates(practice=practice))
    if not form.is_valid():
        messages.error(request, _("Choose a reviewer."))
        return redirect(practice)
    reviewer = form.cleaned_data["reviewer"]
    return _step(
        request,
        practice,
        lambda: services.reviewer_assign(
            practice=practice,
            reviewer=reviewer,
            by=request.user,
            due_on=form.cleaned_data["due_on"],
        ),
        _("%(name)s is assigned.") % {"name": reviewer},
    )


@login_required
@require_POST
def conflict_declare_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    assignment = practice.assignments.filter(
        reviewer_id=request.user.pk, withdrawn_at__isnull=True
    ).first()
    if assignment is None:
        raise PermissionDenied(_("You are not a reviewer of this practice."))
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether you have a conflict of interest."))
        return redirect(practice)
    return _step(
        request,
        practice,
        lambda: services.conflict_declare(
            assignment=assignment,
            by=request.user,
            has_conflict=form.cleaned_data["has_conflict"],
            statement=form.cleaned_data["conflict_statement"],
        ),
        _("Your declaration is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    require(request.user, Action.REVIEW, practice)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submit(
                practice=practice,
                by=request.user,
                ratings=form.ratings(),
                analysis=form.cleaned_data["analysis"],
                decision=form.cleaned_data["decision"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your review is recorded."))
            return redirect(practice)
    version = PracticeVersion.latest(practice)
    return render(
        request,
        "practices/review_form.html",
        {
            "practice": practice,
            "form": form,
            "version": version,
            "words": practice.text_in(),
            "translation": practice.translation_for(),
        },
    )


@login_required
@require_POST
def practice_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    return _step(
        request,
        practice,
        lambda: services.practice_publish(practice=practice, by=request.user),
        _("The practice is published."),
    )


@login_required
@require_POST
def practice_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _step(
        request,
        practice,
        lambda: services.practice_withdraw(practice=practice, by=request.user, reason=reason),
        _("The practice is withdrawn."),
    )


@login_required
@require_POST
def practice_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    return _step(
        request,
        practice,
        lambda: services.practice_reopen(practice=practice, by=request.user),
        _("The practice is a draft again."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def translation_edit(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    practice = _practice(request, pk)
    require(request.user, Action.TRANSLATE, practice)
    languages = dict(language_choices())
    if language not in languages or language == practice.language:
        raise Http404(_("Choose another of the six languages."))
    existing = next((t for t in practice.translations.all() if t.language == language), None)
    initial = {name: getattr(existing, name) for name in TEXT_FIELDS} if existing else {}
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                practice=practice, by=request.user, language=language, words=form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect(practice)
    return render(
        request,
        "practices/translation_form.html",
        {
            "practice": practice,
            "form": form,
            "language": language,
            "language_name": languages[language],
            "original": practice.text_in(practice.language),
        },
    )


@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """An attached file, to whoever may see the practice: files are never served directly."""
    practice = _practice(request, pk)
    attachment = next((a for a in practice.attachments.all() if a.pk == attachment_id), None)
    if attachment is None or not attachment.file:
        raise Http404(_("This practice has no such file."))
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=Path(attachment.file.name or "file").name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    if not practice.is_published:
        require(request.user, Action.VIEW_HISTORY, practice)
    return render(
        request,
        "practices/version_list.html",
        {"practice": practice, "versions": practice.versions.order_by("-number")},
    )


@require_GET
def version_diff(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    practice = _practice(request, pk)
    version = PracticeVersion.objects.filter(practice=practice, number=number).first()
    if version is None:
        raise Http404(_("This practice has no such version."))
    previous = PracticeVersion.objects.filter(practice=practice, number=number - 1).first()
    changes = version_changes(previous, version)
    return render(
        request,
        "practices/version_diff.html",
        {"practice": practice, "version": version, "previous": previous, "changes": changes},
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_import_view(request: HttpRequest) -> HttpResponse:
    """A Government or a body brings its existing catalogue as CSV or JSON: the file is stored
    as it was uploaded (never read here) and imported in the background."""
    owners = services.owner_choices(request.user)
    if not owners:
        raise PermissionDenied(_("Practices are submitted by a State's focal point or a body."))
    form = PracticeImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        practice_import = imports.practice_import_request(
            file=upload, name=upload.name, by=request.user, owner=owners[0]
        )
        return redirect(practice_import)
    return render(
        request,
        "practices/practice_import.html",
        {
            "form": form,
            "owner": owners[0],
            "imports": imports.recent_imports(owner=owners[0]),
        },
    )


@login_required
@require_GET
def practice_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An import's progress, then its outcome; htmx polls for the progress alone."""
    practice_import = imports.practice_import_visible(pk=pk, user=request.user)
    partial = request.headers.get("HX-Request") == "true"
    template = "practices/_import_progress.html" if partial else "practices/import_detail.html"
    return render(
        request,
        template,
        {
            "practice_import": practice_import,
            "errors": imports.import_errors(practice_import),
            "skipped": imports.import_skipped(practice_import),
        },
    )


@require_GET
def practice_import_template(request: HttpRequest) -> HttpResponse:
    """A CSV with the columns the import reads and two example rows."""
    template = Path(__file__).parent / "data" / "practices_template.csv"
    # With the byte order mark every CSV the platform sends starts with (see core.csv_export).
    response = HttpResponse(BOM.encode() + template.read_bytes(), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = 'attachment; filename="practices_template.csv"'
    return response


# Calls for practices


@require_GET
@kept_for_anonymous()
def call_list(request: HttpRequest) -> HttpResponse:
    calls = list(CallForPractices.objects.all())
    return render(
        request,
        "practices/call_list.html",
        {
            "open_calls": [c for c in calls if c.is_open],
            "other_calls": [c for c in calls if not c.is_open],
            "may_manage": can(request.user, Action.MANAGE_PRACTICES),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_create_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MANAGE_PRACTICES)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The call is open."))
            return redirect(call)
    return render(request, "practices/call_form.html", {"form": form})


@require_GET
@kept_for_anonymous()
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = CallForPractices.objects.filter(pk=pk).first()
    if call is None:
        raise Http404(_("No call for practices has this address."))
    answers = Practice.objects.filter(visible_practices(request.user), call=call).select_related(
        "owner_state", "owner_organization"
    )
    return render(
        request,
        "practices/call_detail.html",
        {
            "call": call,
            "answers": answers,
            "may_manage": can(request.user, Action.MANAGE_PRACTICES),
            "may_submit": bool(services.owner_choices(request.user)) and call.is_open,
            "days_left": services.days_left(call),
        },
    )


@login_required
@require_POST
def call_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    call = CallForPractices.objects.filter(pk=pk).first()
    if call is None:
        raise Http404(_("No call for practices has this address."))
    services.call_close(call=call, by=request.user)
    messages.success(request, _("The call is closed."))
    return redirect(call)
