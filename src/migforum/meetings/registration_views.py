"""Pages of the registration of delegations."""

from dataclasses import astuple
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from migforum.core.choices import RoleKind
from migforum.core.csv_export import csv_chunks, download
from migforum.core.formats import grouped
from migforum.core.permissions import Action, can, require, roles_as

from . import registration as service
from .badges import badges_pdf
from .forms import (
    DELEGATES_PREFIX,
    CredentialForm,
    DelegateFormSet,
    RegistrationSettingsForm,
    ReturnForm,
    delegate_rows_posted,
)
from .models import Meeting, Registration, RegistrationStatus


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def registration_settings(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    require(request.user, Action.MANAGE_MEETINGS, meeting)
    if request.method == "POST" and "close" in request.POST:
        service.registration_close(meeting=meeting, by=request.user)
        messages.success(request, _("Registration is closed."))
        return redirect(meeting)
    # The deadline is read and shown at the venue's time, which the page says.
    with timezone.override(meeting.zone):
        form = RegistrationSettingsForm(
            request.POST or None,
            initial={
                "capacity": meeting.registration_capacity,
                "delegation_quota": meeting.delegation_quota,
                "deadline": meeting.registration_deadline,
                "participants_public": meeting.participants_public,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                service.registration_open(
                    meeting=meeting,
                    by=request.user,
                    capacity=form.cleaned_data["capacity"],
                    deadline=form.cleaned_data["deadline"],
                    participants_public=form.cleaned_data["participants_public"],
                    delegation_quota=form.cleaned_data["delegation_quota"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Registration is open."))
                return redirect("meetings:registration_list", pk=meeting.pk)
        return render(
            request,
            "meetings/registration_settings.html",
            {
                "meeting": meeting,
                "form": form,
                "closed_reasons": service.opening_problems(meeting, None),
            },
        )


def _delegation_state(request: HttpRequest) -> Any:
    states = [role.state for role in roles_as(request.user, RoleKind.FOCAL_POINT)]
    if not states:
        raise PermissionDenied(_("Only a State's focal point registers a delegation."))
    return states[0]


def _rows_of(registration: Registration | None) -> list[dict[str, Any]]:
    if registration is None:
        return [{"is_head": True}]
    return [
        {
            "name": delegate.name,
            "function": delegate.function,
            "email": delegate.email,
            "is_head": delegate.is_head,
        }
        for delegate in registration.delegates.all()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """A focal point registers its State's delegation, and comes back to change, complete,
    resubmit or withdraw it. "Add another" shows the form again with one more row: by htmx,
    only the rows; without script, the whole page."""
    meeting = _meeting(pk)
    state = _delegation_state(request)
    registration = service.registration_of(meeting=meeting, state=state)
    quota = meeting.delegation_quota
    credential_form = CredentialForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and "add_delegate" in request.POST:
        rows = delegate_rows_posted(request.POST)
        if len(rows) < quota:
            rows.append({})
        delegates = DelegateFormSet(initial=rows, prefix=DELEGATES_PREFIX, quota=quota)
        credential_form = CredentialForm()
    elif request.method == "POST":
        delegates = DelegateFormSet(request.POST, prefix=DELEGATES_PREFIX, quota=quota)
        if delegates.is_valid() and credential_form.is_valid():
            try:
                service.registration_save(
                    meeting=meeting,
                    state=state,
                    by=request.user,
                    delegates=delegates.entries(),
                    credential=credential_form.cleaned_data["credential"],
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(
                    request, _("The delegation is registered; the secretariat will confirm it.")
                )
                return redirect("meetings:register", pk=meeting.pk)
    else:
        delegates = DelegateFormSet(
            initial=_rows_of(registration), prefix=DELEGATES_PREFIX, quota=quota
        )
    return render(
        request,
        "meetings/register.html",
        {
            "meeting": meeting,
            "state": state,
            "registration": registration,
            "delegates": delegates,
            "credential_form": credential_form,
            "errors": errors,
            "closed_reasons": service.registration_problems(meeting),
            "quota": quota,
            "can_add": delegates.total_form_count() < quota,
            "places_left": service.places_left(meeting, besides=registration),
        },
    )


@login_required
@require_POST
def registration_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("meeting", "state"), pk=pk)
    require(request.user, Action.VIEW, registration)
    service.registration_withdraw(registration=registration, by=request.user)
    messages.success(
        request,
        _("The registration of %(state)s is withdrawn; its places are freed.")
        % {"state": registration.state.localized_name},
    )
    return redirect("meetings:register", pk=registration.meeting_id)


@login_required
@require_GET
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    status = request.GET.get("status", "")
    status = status if status in RegistrationStatus.values else ""
    registrations = service.registrations_for(
        meeting=meeting, user=request.user, status=status or None
    )
    return render(
        request,
        "meetings/registration_list.html",
        {
            "meeting": meeting,
            "registrations": registrations,
            "status": status,
            "statuses": RegistrationStatus.choices,
            "manages": can(request.user, Action.MANAGE_MEETINGS, meeting),
            "places_left": service.places_left(meeting),
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_POST
def registrations_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the registrations ticked in the list, all at once."""
    meeting = _meeting(pk)
    ids = [int(value) for value in request.POST.getlist("registration")[:1000] if value.isdigit()]
    try:
        approved = service.registrations_approve(meeting=meeting, ids=ids, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if approved:
            messages.success(
                request,
                ngettext(
                    "%(count)s registration is approved.",
                    "%(count)s registrations are approved.",
                    len(approved),
                )
                % {"count": grouped(len(approved))},
            )
        else:
            messages.error(request, _("Tick the registrations to approve."))
    return redirect("meetings:registration_list", pk=meeting.pk)


@login_required
@require_POST
def registration_decide(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("meeting"), pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            service.registration_approve(registration=registration, by=request.user)
            messages.success(
                request,
                _("The registration of %(state)s is approved.")
                % {"state": registration.state.localized_name},
            )
        else:
            form = ReturnForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            service.registration_return(registration=registration, by=request.user, reason=reason)
            messages.success(
                request,
                _("The registration of %(state)s is returned.")
                % {"state": registration.state.localized_name},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("meetings:registration_list", pk=registration.meeting_id)


@login_required
@require_GET
def badges(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    meeting = _meeting(pk)
    rows = [astuple(badge) for badge in service.badges_of(meeting=meeting, by=request.user)]
    return download(
        csv_chunks(service.BADGE_COLUMNS, rows), filename=f"badges-meeting-{meeting.pk}.csv"
    )


@login_required
@require_GET
def badges_printable(request: HttpRequest, pk: int) -> HttpResponse:
    """The badges to print, eight to an A4 sheet."""
    meeting = _meeting(pk)
    badges_of_meeting = service.badges_of(meeting=meeting, by=request.user)
    response = HttpResponse(
        badges_pdf(
            badges_of_meeting, title=_("Badges: %(meeting)s") % {"meeting": meeting.localized_name}
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="badges-meeting-{meeting.pk}.pdf"'
    return response


@login_required
@require_GET
def credential(request: HttpRequest, pk: int) -> FileResponse:
    """The note verbale, to the secretariat and to the delegation that sent it."""
    registration = get_object_or_404(Registration, pk=pk)
    require(request.user, Action.VIEW, registration)
    if not registration.credential:
        raise Http404
    return FileResponse(
        registration.credential.open("rb"),
        content_type="application/pdf",
        filename=f"note-verbale-{registration.state.iso3}.pdf",
    )


@require_GET
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    if not (meeting.participants_public or can(request.user, Action.MANAGE_MEETINGS, meeting)):
        raise Http404(_("The list of participants of this meeting is not published."))
    return render(
        request,
        "meetings/participants.html",
        {"meeting": meeting, "delegates": service.approved_delegates(meeting)},
    )
