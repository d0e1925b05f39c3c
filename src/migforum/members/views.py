"""Pages for States, organizations and groups. The State page itself joins every app's
knowledge of a State: the portal draws it."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from migforum.core.cache import cached_until_change
from migforum.core.page_cache import kept_for_anonymous
from migforum.core.permissions import Action, require

from . import selectors, services
from .choices import OrganizationKind
from .forms import OrganizationForm, StateFilterForm, StateForm
from .models import Group, Organization, State


@require_GET
@kept_for_anonymous()
def state_list(request: HttpRequest) -> HttpResponse:
    form = StateFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    region, text = filters.get("region") or "", filters.get("q") or ""
    # The table is the same for every reader of a language: built once per change of the data.
    rows = cached_until_change(
        f"state-rows:{get_language()}:{region}:{text}",
        lambda: render_to_string(
            "members/_state_rows.html",
            {"states": selectors.state_list(region=region, text=text)},
        ),
    )
    if request.headers.get("HX-Request"):
        return HttpResponse(rows)
    context = {
        "rows": mark_safe(rows),  # noqa: S308  rendered by our own, escaping, template
        "regions": selectors.regions(),
        "region": region,
        "q": text,
    }
    return render(request, "members/state_list.html", context)


def _edit(
    request: HttpRequest, record: State | Organization, form_class: type, save: Callable
) -> HttpResponse:
    """The edit page of a record the user's delegation or organization keeps up to date."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require(request.user, Action.CHANGE, record)
    # The form edits a copy, so that the service compares the stored record with the changes.
    form = form_class(request.POST or None, instance=type(record).objects.get(pk=record.pk))
    if request.method == "POST" and form.is_valid():
        save({name: form.cleaned_data[name] for name in form.Meta.fields})
        messages.success(
            request, _("The changes to %(name)s are saved.") % {"name": record.localized_name}
        )
        return redirect(record)
    return render(request, "members/record_edit.html", {"record": record, "form": form})


@require_http_methods(["GET", "POST"])
def state_edit(request: HttpRequest, iso3: str) -> HttpResponse:
    state = selectors.state_get_or_404(iso3=iso3)
    return _edit(
        request,
        state,
        StateForm,
        lambda data: services.state_update(state=state, by=request.user, data=data),
    )


@require_GET
@kept_for_anonymous()
def organization_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("type", "")
    organizations = selectors.organization_list(
        kind=kind if kind in OrganizationKind.values else None
    )
    return render(
        request,
        "members/organization_list.html",
        {
            "organizations": organizations,
            "kinds": OrganizationKind.choices,
            "kind": kind,
        },
    )


def _organization_or_404(slug: str) -> Organization:
    try:
        return selectors.organization_get(slug=slug)
    except Organization.DoesNotExist:
        raise Http404(_("No organization has this address.")) from None


@require_GET
@kept_for_anonymous()
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization_or_404(slug)
    return render(
        request,
        "members/organization_detail.html",
        {
            "organization": organization,
            "memberships": selectors.organization_groups(organization=organization),
        },
    )


@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization_or_404(slug)
    return _edit(
        request,
        organization,
        OrganizationForm,
        lambda data: services.organization_update(
            organization=organization, by=request.user, data=data
        ),
    )


@require_GET
@kept_for_anonymous()
def group_list(request: HttpRequest) -> HttpResponse:
    return render(request, "members/group_list.html", {"groups": selectors.group_list()})


@require_GET
@kept_for_anonymous()
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        group = selectors.group_get(slug=slug)
    except Group.DoesNotExist:
        raise Http404(_("No group has this address.")) from None
    return render(request, "members/group_detail.html", {"group": group})
