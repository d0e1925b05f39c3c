"""Pages of the registration of delegations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from migforum.core.choices import RoleKind
from migforum.core.csv_export import csv_chunks, download
from migforum.core.permissions import Action, can, require, roles_as

from . import registration as service
from .forms import RegistrationForm, RegistrationSettingsForm, ReturnForm
from .models import Meeting, Registration


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def registration_settings(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    require(request.user, Action.MANAGE_MEETINGS, meeting)
    form = RegistrationSettingsForm(
        request.POST or None,
        initial={
            "capacity": meeting.registration_capacity,
            "deadline": meeting.registration_deadline,
            "participants_public": meeting.participants_public,
        },
    )
    if request.method == "POST" and "close" in request.POST:
        service.registration_close(meeting=meeting, by=request.user)
        messages.success(request, _("Registration is closed."))
        return redirect(meeting)
    if request.method == "POST" and form.is_valid():
        service.registration_open(
            meeting=meeting,
            by=request.user,
            capacity=form.cleaned_data["capacity"],
            deadline=form.cleaned_data["deadline"],
            participants_public=form.cleaned_data["participants_public"],
        )
        messages.success(request, _("Registration is open."))
        return redirect("meetings:registration_list", pk=meeting.pk)
    return render(
        request, "meetings/registration_settings.html", {"meeting": meeting, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """A focal point registers its State's delegation."""
    meeting = _meeting(pk)
    states = [role.state for role in roles_as(request.user, RoleKind.FOCAL_POINT)]
    if not states:
        raise PermissionDenied(_("Only a State's focal point registers a delegation."))
    state = states[0]
    form = RegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.registration_submit(
                meeting=meeting,
                state=state,
                by=request.user,
                delegates=form.delegates(),
                credential=form.cleaned_data["credential"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The delegation is registered; the secretariat will confirm it.")
            )
            return redirect("meetings:registration_list", pk=meeting.pk)
    return render(
        request,
        "meetings/register.html",
        {
            "meeting": meeting,
            "form": form,
            "state": state,
            "places_left": service.places_left(meeting),
        },
    )


@login_required
@require_GET
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    return render(
        request,
        "meetings/registration_list.html",
        {
            "meeting": meeting,
            "registrations": service.registrations_for(meeting=meeting, user=request.user),
            "manages": can(request.user, Action.MANAGE_MEETINGS, meeting),
            "places_left": service.places_left(meeting),
            "return_form": ReturnForm(),
        },
    )


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
    rows = service.badge_rows(meeting=meeting, by=request.user)
    return download(
        csv_chunks(service.BADGE_COLUMNS, rows), filename=f"badges-meeting-{meeting.pk}.csv"
    )


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
