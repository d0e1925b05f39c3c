import zoneinfo
from functools import lru_cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from migforum.core.languages import language_codes
from migforum.core.search.registry import state_choices
from migforum.core.widgets import QuickSelect

from .choices import DocumentRole, HostRole, MeetingKind, MeetingMode
from .models import MAX_DELEGATION_QUOTA, Meeting, MeetingSeries
from .registration import DelegateEntry, delegation_problems
from .services import MAX_DOCUMENTS, MAX_HOSTS, MAX_SESSIONS, SessionEntry


class RegistrationSettingsForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Places (delegates in all)"), min_value=1, max_value=100_000, required=False
    )
    delegation_quota = forms.IntegerField(
        label=_("Delegates per delegation"), min_value=1, max_value=MAX_DELEGATION_QUOTA
    )
    #: Read and shown at the venue's time: the view activates the meeting's time zone.
    deadline = forms.DateTimeField(
        label=_("Deadline (time at the venue)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    participants_public = forms.BooleanField(
        label=_("Publish the list of participants"), required=False
    )


class CredentialForm(forms.Form):
    #: Not required here: the service asks for one on the first registration, saying why.
    credential = forms.FileField(
        label=_("Note verbale accrediting the delegation (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class RowForm(forms.Form):
    """One row of a list (a delegate, a session): a row left blank is no row; a row begun
    must be finished, each missing field saying what it needs."""

    #: The fields a row is begun by, and what each field a begun row needs says when missing.
    begun_by: tuple[str, ...] = ()
    needs: dict[str, Any] = {}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(name) for name in self.begun_by):
            return data
        for name, message in self.needs.items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data


class DelegateForm(RowForm):
    """One delegate."""

    # Names and functions may be in any script; an address reads left to right.
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
    function = forms.CharField(
        label=_("Function"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    is_head = forms.BooleanField(label=_("Head of delegation"), required=False)

    begun_by = ("name", "function", "email")
    needs = {
        "name": _("Give the delegate's name."),
        "function": _("Give the delegate's function."),
        "email": _("Give the delegate's e-mail."),
    }

    def entry(self) -> DelegateEntry | None:
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return DelegateEntry(
            name=data["name"],
            function=data.get("function", ""),
            email=data.get("email", ""),
            is_head=bool(data.get("is_head")),
        )


class BaseDelegateFormSet(forms.BaseFormSet):
    """The delegates of one registration, checked as a whole by the same rules the service
    applies (`delegation_problems`), so that every problem shows at once."""

    def __init__(self, *args, quota: int, **kwargs) -> None:  # noqa: ANN002, ANN003
        self.quota = quota
        super().__init__(*args, **kwargs)

    def entries(self) -> list[DelegateEntry]:
        return [
            entry
            for form in self.forms
            if hasattr(form, "cleaned_data") and (entry := form.entry()) is not None
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        problems = delegation_problems(self.entries(), self.quota)
        if problems:
            raise ValidationError(problems)


DelegateFormSet = formset_factory(
    DelegateForm,
    formset=BaseDelegateFormSet,
    extra=0,
    # A posted form count is believed up to this, whatever the meeting's quota.
    max_num=MAX_DELEGATION_QUOTA,
    absolute_max=MAX_DELEGATION_QUOTA,
)

#: The prefix of the delegates' fields: `delegates-0-name`, …
DELEGATES_PREFIX = "delegates"


def delegate_rows_posted(data: dict) -> list[dict[str, object]]:
    """The rows a posted form holds, as initial values, to show them again with one more (the
    "Add another" button) without judging them yet."""
    try:
        count = int(data.get(f"{DELEGATES_PREFIX}-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        count = 0
    rows = []
    for row in range(max(0, min(count, MAX_DELEGATION_QUOTA))):
        field = f"{DELEGATES_PREFIX}-{row}-"
        rows.append(
            {
                "name": str(data.get(field + "name", ""))[:200],
                "function": str(data.get(field + "function", ""))[:200],
                "email": str(data.get(field + "email", ""))[:254],
                "is_head": bool(data.get(field + "is_head")),
            }
        )
    return rows


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is returned"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


# The secretariat's form of a meeting, with its timetable and documents.


@lru_cache(maxsize=1)
def timezone_choices() -> list[tuple[str, str]]:
    return [(zone, zone) for zone in sorted(zoneinfo.available_timezones()) if "/" in zone]


#: The fields entered in English and translated by the secretariat, stored in `<field>s`.
TRANSLATED_FIELDS = {
    "title": _("Title in %(language)s"),
    "theme": _("Theme in %(language)s"),
}


class MeetingForm(forms.Form):
    """What the secretariat says of a meeting. The title in the other languages is optional:
    a title left blank is shown as the platform writes it, else in English."""

    kind = forms.ChoiceField(label=_("Type"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title (English)"), max_length=500)
    series = forms.ModelChoiceField(
        label=_("Series"), queryset=MeetingSeries.objects.order_by("name"), required=False
    )
    number = forms.IntegerField(
        label=_("Number in the series"), min_value=1, max_value=999, required=False
    )
    theme = forms.CharField(label=_("Theme (English)"), max_length=500, required=False)
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=MeetingMode.choices)
    city = forms.CharField(label=_("City"), max_length=200, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=QuickSelect)
    timezone = forms.ChoiceField(
        label=_("Time zone of the venue"),
        required=False,
        widget=QuickSelect,
        help_text=_("Left blank, it is the zone of the city."),
    )
    description = forms.CharField(
        label=_("Description"), max_length=20_000, required=False, widget=forms.Textarea
    )
    organizers = forms.CharField(
        label=_("Organizers, one per line"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    chairs = forms.CharField(
        label=_("Chairs, one per line"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.fields["country"].choices = [("", _("None (online)")), *state_choices(language)]
        self.fields["timezone"].choices = [("", "—"), *timezone_choices()]
        for field, label in TRANSLATED_FIELDS.items():
            for code in language_codes():
                if code != "en":
                    info = get_language_info(code)
                    self.fields[f"{field}_{code}"] = forms.CharField(
                        label=label % {"language": info["name_translated"]},
                        max_length=500,
                        required=False,
                        # Typed in that language: its direction and the browser's spelling.
                        widget=forms.TextInput(
                            attrs={"lang": code, "dir": "rtl" if info["bidi"] else "ltr"}
                        ),
                    )
        # Each translation right after the English it translates.
        translations = {
            field: [f"{field}_{code}" for code in language_codes() if code != "en"]
            for field in TRANSLATED_FIELDS
        }
        order = []
        for name in self.fields:
            if not any(name in names for names in translations.values()):
                order += [name, *translations.get(name, [])]
        self.order_fields(order)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot come before the first."))
        return data

    def meeting_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = ("kind", "title", "series", "number", "theme", "start_date", "end_date")
        values = {name: data[name] for name in fields}
        values.update(
            {name: data[name] for name in ("mode", "city", "venue", "country", "description")}
        )
        for field in TRANSLATED_FIELDS:
            values[f"{field}s"] = {
                code: data[f"{field}_{code}"].strip()
                for code in language_codes()
                if code != "en" and data.get(f"{field}_{code}", "").strip()
            }
        if data.get("timezone"):
            values["timezone"] = data["timezone"]
        return values

    def host_names(self, field: str) -> list[str]:
        return [line.strip() for line in self.cleaned_data[field].splitlines() if line.strip()][
            :MAX_HOSTS
        ]

    @classmethod
    def initial_of(cls, meeting: Meeting) -> dict[str, Any]:
        initial = {
            name: getattr(meeting, name)
            for name in (
                "kind",
                "title",
                "series",
                "number",
                "theme",
                "start_date",
                "end_date",
                "mode",
                "city",
                "venue",
                "timezone",
                "description",
            )
        }
        initial["country"] = meeting.country.iso3 if meeting.country else ""
        for field in TRANSLATED_FIELDS:
            for code, text in getattr(meeting, f"{field}s").items():
                initial[f"{field}_{code}"] = text
        for role, field in ((HostRole.ORGANIZER, "organizers"), (HostRole.CHAIR, "chairs")):
            initial[field] = "\n".join(
                host.name for host in meeting.hosts.all() if host.role == role
            )
        return initial


class SessionForm(RowForm):
    """One session of the timetable, at the venue's time."""

    title = forms.CharField(label=_("Session"), max_length=500, required=False)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    room = forms.CharField(label=_("Room"), max_length=200, required=False)
    speakers = forms.CharField(
        label=_("Speakers, one per line"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    begun_by = ("title", "starts_at", "ends_at", "room")
    needs = {
        "title": _("Give the session a title."),
        "starts_at": _("Say when the session starts."),
        "ends_at": _("Say when the session ends."),
    }

    def entry(self) -> SessionEntry | None:
        data = self.cleaned_data
        if not data.get("title"):
            return None
        return SessionEntry(
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            room=data.get("room", ""),
            speakers=data.get("speakers", ""),
        )


class DocumentLinkForm(forms.Form):
    symbol = forms.CharField(label=_("Document symbol"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=DocumentRole.choices, required=False)

    def entry(self) -> tuple[str, str] | None:
        symbol = self.cleaned_data.get("symbol", "").strip()
        if not symbol:
            return None
        return symbol, self.cleaned_data.get("role") or DocumentRole.BACKGROUND


class EntriesFormSet(forms.BaseFormSet):
    def entries(self) -> list[Any]:
        return [
            entry
            for form in self.forms
            if hasattr(form, "cleaned_data") and (entry := form.entry()) is not None
        ]


SessionFormSet = formset_factory(
    SessionForm, formset=EntriesFormSet, extra=2, max_num=MAX_SESSIONS, absolute_max=MAX_SESSIONS
)
DocumentLinkFormSet = formset_factory(
    DocumentLinkForm,
    formset=EntriesFormSet,
    extra=2,
    max_num=MAX_DOCUMENTS,
    absolute_max=MAX_DOCUMENTS,
)
