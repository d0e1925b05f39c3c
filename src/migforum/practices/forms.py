"""The forms owners, reviewers and the secretariat fill in."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from migforum.core.languages import language_choices
from migforum.core.widgets import SearchableSelectMultiple
from migforum.members.choices import OrganizationKind
from migforum.members.models import State

from .choices import (
    CompactObjective,
    CountryRole,
    Criterion,
    Decision,
    ImplementationStatus,
    Level,
    Rating,
    SdgTarget,
    Theme,
)
from .errors import PracticeError
from .fields import FORM_FIELDS, TEXT_FIELDS, YEARS
from .models import CallForPractices, Practice
from .services import COUNTRIES_NEEDED, PracticeContent, calls_open_now, unrated_message

CURRENT_YEAR = timezone.now().year


def states() -> Any:
    return State.objects.order_by("name")


class StateChoiceField(forms.ModelMultipleChoiceField):
    """Countries of one role, chosen by typing their names (every State is listed)."""

    def __init__(self, *args: Any, search_label: str, **kwargs: Any) -> None:
        super().__init__(
            *args, widget=SearchableSelectMultiple(search_label=search_label), **kwargs
        )

    def label_from_instance(self, obj: State) -> str:
        return obj.localized_name


#: How the forms name the practice's own words (`fields.TEXT_FIELDS`): the practice form and
#: the translation form ask for the same things in the same words.
TEXT_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "context": _("Context"),
    "description": _("Description"),
    "results": _("Results and evidence"),
    "lessons": _("Lessons learned"),
    "replication": _("How to replicate"),
}


def text_field(name: str, *, rows: int | None = None, **options: Any) -> forms.CharField:
    """A field for one of the practice's own words, required and as long as the model says
    (the API takes the same limits from the model); `rows` makes it a text area."""
    stored = Practice._meta.get_field(name)
    return forms.CharField(
        label=TEXT_LABELS[name],
        max_length=stored.max_length,
        required=not stored.blank,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else None,
        **options,
    )


class PracticeForm(forms.ModelForm):
    """A practice's fields (`fields.FORM_FIELDS`) and its countries, partners and contacts,
    in one page. A field whose form is not the model's own is declared here; the others
    the model gives."""

    language = forms.ChoiceField(label=_("Language of the text"), choices=language_choices())
    title = text_field("title")
    summary = text_field(
        "summary",
        rows=4,
        help_text=_("Two or three sentences: what the practice does, for whom, with what result."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    origin = StateChoiceField(
        label=_("Countries of origin"),
        search_label=_("Add a country of origin"),
        queryset=State.objects.none(),
        required=False,
    )
    transit = StateChoiceField(
        label=_("Countries of transit"),
        search_label=_("Add a country of transit"),
        queryset=State.objects.none(),
        required=False,
    )
    destination = StateChoiceField(
        label=_("Countries of destination"),
        search_label=_("Add a country of destination"),
        queryset=State.objects.none(),
        required=False,
    )
    is_global = forms.BooleanField(
        label=_("Global: the practice is not tied to particular countries"), required=False
    )
    implementer_name = forms.CharField(label=_("Implementing organization"), max_length=300)
    implementer_kind = forms.ChoiceField(
        label=_("Type of implementing organization"), choices=OrganizationKind.choices
    )
    partners = forms.CharField(
        label=_("Partners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: name, then its type in brackets, e.g. “Banque Populaire "
            "(private_sector)”. Types: %(kinds)s."
        )
        % {"kinds": ", ".join(OrganizationKind.values)},
    )
    objectives = forms.TypedMultipleChoiceField(
        label=_("Global Compact objectives"),
        choices=CompactObjective.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_targets = forms.MultipleChoiceField(
        label=_("SDG targets"),
        choices=SdgTarget.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_year = forms.IntegerField(label=_("Started in (year)"), **YEARS)
    end_year = forms.IntegerField(label=_("Ended in (year)"), required=False, **YEARS)
    implementation_status = forms.ChoiceField(
        label=_("Implementation"), choices=ImplementationStatus.choices
    )
    context = text_field("context", rows=5)
    description = text_field("description", rows=8)
    results = text_field("results", rows=5)
    lessons = text_field("lessons", rows=5)
    replication = text_field("replication", rows=5)
    contacts = forms.CharField(
        label=_("Contacts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: name | function | e-mail address."),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: title | address (https://…)."),
    )
    call = forms.ModelChoiceField(
        label=_("In answer to a call for practices"),
        queryset=CallForPractices.objects.none(),
        required=False,
    )
    attachment = forms.FileField(label=_("Attach a file (report, leaflet)"), required=False)
    attachment_title = forms.CharField(
        label=_("Title of the attached file"), max_length=300, required=False
    )

    class Meta:
        model = Practice
        fields = FORM_FIELDS

    def __init__(self, *args: Any, practice: Practice | None = None, **kwargs: Any) -> None:
        # The form never writes the practice (the services do): it is not given it as its
        # instance, only the practice's values as initial ones.
        super().__init__(*args, **kwargs)
        for name in ("origin", "transit", "destination"):
            self.fields[name].queryset = states()  # type: ignore[attr-defined]
        open_calls = [c.pk for c in calls_open_now()]
        if practice is not None and practice.call_id:
            open_calls.append(practice.call_id)
        self.fields["call"].queryset = CallForPractices.objects.filter(pk__in=open_calls)  # type: ignore[attr-defined]
        if practice is not None and not self.is_bound:
            self.initial.update(initial_from(practice))

    def clean_partners(self) -> list[dict[str, str]]:
        partners = []
        for number, line in enumerate(self.cleaned_data["partners"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            name, kind = line, OrganizationKind.CIVIL_SOCIETY.value
            if line.endswith(")") and "(" in line:
                name, _sep, kind = line[:-1].rpartition("(")
                name, kind = name.strip(), kind.strip()
            if kind not in OrganizationKind.values:
                raise ValidationError(
                    _("Line %(line)d: “%(kind)s” is not a type of organization.")
                    % {"line": number, "kind": kind},
                    code=PracticeError.UNKNOWN_PARTNER_KIND,
                )
            partners.append({"name": name, "kind": kind})
        return partners

    def clean_contacts(self) -> list[dict[str, str]]:
        contacts = []
        for number, line in enumerate(self.cleaned_data["contacts"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            name, function, email = parts[:3]
            if email:
                try:
                    forms.EmailField().clean(email)
                except ValidationError:
                    raise ValidationError(
                        _("Line %(line)d: “%(email)s” is not an e-mail address.")
                        % {"line": number, "email": email},
                        code=PracticeError.INVALID_CONTACT_EMAIL,
                    ) from None
            contacts.append({"name": name, "function": function, "email": email})
        return contacts

    def clean_links(self) -> list[dict[str, str]]:
        links = []
        for number, line in enumerate(self.cleaned_data["links"].splitlines(), start=1):
            if not line.strip():
                continue
            title, _sep, url = line.rpartition("|")
            url = url.strip()
            try:
                forms.URLField(assume_scheme="https").clean(url)
            except ValidationError:
                raise ValidationError(
                    _("Line %(line)d: “%(url)s” is not a web address.")
                    % {"line": number, "url": url},
                    code=PracticeError.INVALID_LINK,
                ) from None
            links.append({"title": title.strip() or url, "url": url})
        return links

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        places = [data.get(n) for n in ("origin", "transit", "destination")]
        if not data.get("is_global") and not any(p and p.exists() for p in places):
            self.add_error("origin", COUNTRIES_NEEDED)
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The practice cannot end before it starts."))
        return data

    def _post_clean(self) -> None:
        """Nothing more: the services check the practice as they write it, with its owner
        and countries, and the view shows what they refuse beside the fields."""

    def content(self) -> PracticeContent:
        data = self.cleaned_data
        countries = [
            (state, role) for role in CountryRole.values for state in (data.get(role) or [])
        ]
        return PracticeContent(
            fields={name: data[name] for name in FORM_FIELDS},
            countries=countries,
            partners=data["partners"],
        )


def initial_from(practice: Practice) -> dict[str, Any]:
    """The form's values for an existing practice: its fields as stored, and those the form
    writes as lines of text."""
    initial: dict[str, Any] = model_to_dict(practice, fields=FORM_FIELDS)
    for role in CountryRole.values:
        initial[role] = [c.state_id for c in practice.countries.all() if c.role == role]
    initial["partners"] = "\n".join(f"{p.name} ({p.kind})" for p in practice.partners.all())
    initial["contacts"] = "\n".join(
        " | ".join([c.get("name", ""), c.get("function", ""), c.get("email", "")])
        for c in practice.contacts
    )
    initial["links"] = "\n".join(f"{link['title']} | {link['url']}" for link in practice.links)
    return initial


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=get_user_model().objects.none())
    due_on = forms.DateField(
        label=_("Assessment due by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Left blank, four weeks from today."),
    )

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        users = get_user_model().objects.filter(pk__in=[u.pk for u in candidates])
        field.queryset = users.prefetch_related("roles__organization")  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: " — ".join(  # type: ignore[attr-defined]
            [str(user)] + [str(r.organization) for r in user.roles.all() if r.organization]
        )


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you, or the body you work for, have any interest in this practice?"),
        choices=[
            ("no", _("No conflict of interest")),
            ("yes", _("I have a conflict of interest")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    conflict_statement = forms.CharField(
        label=_("If so, describe it"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewForm(forms.Form):
    """A rating per criterion, the analysis published beside the practice, and a decision.
    Every criterion starts unrated: the reviewer rates each one, never approves by default."""

    analysis = forms.CharField(
        label=_("Analysis"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Published beside the practice once it is approved."),
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            self.fields[f"rating_{criterion.value}"] = forms.ChoiceField(
                label=criterion.label,
                choices=[("", _("Not rated yet")), *Rating.choices],
                error_messages={"required": unrated_message(criterion)},
            )
        order = [f"rating_{c.value}" for c in Criterion] + ["analysis", "decision"]
        self.order_fields(order)

    def ratings(self) -> dict[str, str]:
        return {c.value: self.cleaned_data[f"rating_{c.value}"] for c in Criterion}


class CallForm(forms.ModelForm):
    class Meta:
        model = CallForPractices
        fields = ["title", "theme", "description", "opens_at", "deadline"]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it withdrawn?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TranslationForm(forms.Form):
    """The practice's own words in another language: the practice form's text fields."""

    #: The height of each text area; the title is one line.
    ROWS = {
        "summary": 4,
        "context": 4,
        "description": 6,
        "results": 4,
        "lessons": 4,
        "replication": 4,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            self.fields[name] = text_field(name, rows=self.ROWS.get(name))


class PracticeImportForm(forms.Form):
    """A catalogue of practices to import: a CSV or JSON file, checked by size only here (the
    file is read in the background, never in the request)."""

    file = forms.FileField(
        label=_("CSV or JSON file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.PRACTICE_IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB; split it into several files.")
                % {"size": settings.PRACTICE_IMPORT_MAX_BYTES >> 20},
                code=PracticeError.IMPORT_FILE_TOO_LARGE,
            )
        return upload
