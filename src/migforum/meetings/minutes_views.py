"""Pages for minutes and the Chair's summary."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from migforum.core.params import int_param
from migforum.core.permissions import Action, can, require
from migforum.core.versioning import version_changes

from . import minutes as service
from .models import Meeting, Minutes, MinutesKind

#: No minutes are revised this often; a larger version number is a mistake.
VERSION_MAX = 100_000


class MinutesForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=MinutesKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=500)
    text = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 16}))


class ReviseForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 16}))


class CommentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ApproveForm(forms.Form):
    symbol = forms.CharField(
        label=gettext_lazy("UN symbol, if it has one"), max_length=200, required=False
    )


def _minutes(pk: int, user) -> Minutes:  # noqa: ANN001
    minutes = get_object_or_404(Minutes.objects.select_related("meeting"), pk=pk)
    if not can(user, Action.VIEW, minutes):
        raise Http404(_("No minutes are published at this address."))
    return minutes


@login_required
@require_http_methods(["GET", "POST"])
def minutes_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    require(request.user, Action.MANAGE_MEETINGS, meeting)
    form = MinutesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        minutes = service.minutes_create(meeting=meeting, by=request.user, **form.cleaned_data)
        return redirect(minutes)
    return render(request, "meetings/minutes_new.html", {"meeting": meeting, "form": form})


@require_GET
def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = _minutes(pk, request.user)
    versions = list(minutes.versions.order_by("number"))
    by_number = {v.number: v for v in versions}
    version, old, new = (
        int_param(request.GET.get(name), name=name, maximum=VERSION_MAX)
        for name in ("version", "from", "to")
    )
    shown = by_number.get(version or 0) or versions[-1]
    diff = None
    if old in by_number and new in by_number:
        diff = version_changes(by_number[old], by_number[new])
    manages = can(request.user, Action.MANAGE_MEETINGS, minutes.meeting)
    return render(
        request,
        "meetings/minutes_detail.html",
        {
            "minutes": minutes,
            "versions": versions,
            "shown": shown,
            "diff": diff,
            "diff_from": old,
            "diff_to": new,
            "manages": manages,
            "may_comment": can(request.user, Action.COMMENT, minutes),
            "comments": minutes.comments.select_related("author", "state", "version"),
            "revise_form": ReviseForm(initial={"text": versions[-1].text}),
            "comment_form": CommentForm(),
            "approve_form": ApproveForm(),
        },
    )


def _act(
    request: HttpRequest, pk: int, action: Callable[[Minutes], object], done: str
) -> HttpResponse:
    """Run one step of the workflow; a refusal becomes a message on the minutes' page."""
    minutes = _minutes(pk, request.user)
    try:
        action(minutes)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(minutes)


@login_required
@require_POST
def minutes_revise(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReviseForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return _act(
        request,
        pk,
        lambda m: service.minutes_revise(minutes=m, text=text, by=request.user),
        _("A new version is saved."),
    )


@login_required
@require_POST
def minutes_circulate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda m: service.minutes_circulate(minutes=m, by=request.user),
        _("The draft is circulated to the participants for comments."),
    )


@login_required
@require_POST
def minutes_comment(request: HttpRequest, pk: int) -> HttpResponse:
    form = CommentForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return _act(
        request,
        pk,
        lambda m: service.minutes_comment(minutes=m, text=text, by=request.user),
        _("Your comment is recorded."),
    )


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    form = ApproveForm(request.POST)
    symbol = form.cleaned_data["symbol"] if form.is_valid() else ""
    return _act(
        request,
        pk,
        lambda m: service.minutes_approve(minutes=m, by=request.user, symbol=symbol),
        _("Approved and published; the text is now locked."),
    )
