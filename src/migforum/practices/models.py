"""Promising policy practices, the calls that ask for them and their review by qualified bodies.

A practice belongs to the State or organization that submits it (its owner), which alone edits
it while it is a draft or when changes are requested. The secretariat assigns reviewers from
qualified bodies; each declares any conflict of interest and assesses the practice against
stated criteria. Every submitted text is kept as a version.
"""

import datetime
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from migforum.core.models import ImportRequest, StateOrOrganization, state_or_organization_check
from migforum.core.versioning import Version, numbered_once
from migforum.members.choices import OrganizationKind

from .choices import (
    CompactObjective,
    CountryRole,
    Decision,
    ImplementationStatus,
    Level,
    ReviewStatus,
    SdgTarget,
    Theme,
)

# Declared in `fields`; the demo-data generator still reads the list of editable fields here.
from .errors import PracticeError
from .fields import PUBLIC_FIELDS, TEXT_FIELDS

#: The vocabularies' values, computed once (an import checks thousands of practices).
THEMES = tuple(Theme.values)
OBJECTIVES = tuple(CompactObjective.values)
SDG_TARGETS = tuple(SdgTarget.values)
#: value → label (lazy, in the reader's language when shown): read for every result listed,
#: where building the enum member and its list of values each time cost more than the rest.
THEME_LABELS = dict(Theme.choices)
SDG_TARGET_LABELS = dict(SdgTarget.choices)
LEVEL_LABELS = dict(Level.choices)
REVIEW_STATUS_LABELS = dict(ReviewStatus.choices)


def theme_labels(themes: Iterable[str]) -> list[str]:
    """The labels of these themes in the reader's language, unknown ones left out."""
    return [str(THEME_LABELS[t]) for t in themes if t in THEME_LABELS]


def attachment_path(instance: "PracticeAttachment", filename: str) -> str:
    return f"practices/{instance.practice_id}/{filename}"


class OwnedByStateOrOrganization(StateOrOrganization):
    """A practice, or a request to import practices, belongs to the State or organization
    that writes it (its owner), whose people edit it."""

    STATE_FIELD = "owner_state"
    ORGANIZATION_FIELD = "owner_organization"

    class Meta:
        abstract = True

    # What the permission rules read (see migforum.core.permissions).
    @property
    def scope_state_id(self) -> int | None:
        return self.owner_state_id  # type: ignore[attr-defined, no-any-return]

    @property
    def scope_organization_id(self) -> int | None:
        return self.owner_organization_id  # type: ignore[attr-defined, no-any-return]

    @property
    def owner(self) -> Any:
        return self.state_or_organization


class PracticeText(models.Model):
    """The practice's own words (`fields.TEXT_FIELDS`): written by its owner in the practice's
    language, and by translators in the others."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=2000)
    context = models.TextField(_("context"), blank=True, max_length=20000)
    description = models.TextField(_("description"), blank=True, max_length=20000)
    results = models.TextField(_("results and evidence"), blank=True, max_length=20000)
    lessons = models.TextField(_("lessons learned"), blank=True, max_length=20000)
    replication = models.TextField(_("how to replicate"), blank=True, max_length=20000)

    class Meta:
        abstract = True


class CallForPractices(models.Model):
    """The secretariat asks for practices on a theme by a deadline."""

    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"))
    #: Set when the secretariat closes the call before its deadline.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:call_detail", args=[self.pk])

    def clean(self) -> None:
        if self.deadline and self.opens_at and self.deadline <= self.opens_at:
            raise ValidationError(
                {
                    "deadline": ValidationError(
                        _("The deadline must come after the opening."),
                        code=PracticeError.DEADLINE_BEFORE_OPENING,
                    )
                }
            )

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.closed_at is None and self.opens_at <= now < self.deadline


class Practice(OwnedByStateOrOrganization, PracticeText):
    """A policy practice as its owner describes it, with where it stands in review."""

    # Whose it is: exactly one of the two.
    owner_state = models.ForeignKey(
        "members.State",
        verbose_name=_("submitted by (State)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    owner_organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("submitted by (organization)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    call = models.ForeignKey(
        CallForPractices,
        verbose_name=_("in answer to the call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )

    language = models.CharField(_("language of the text"), max_length=10)

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    #: A practice of worldwide reach names no particular countries.
    is_global = models.BooleanField(_("global"), default=False)
    implementer_name = models.CharField(_("implementing organization"), max_length=300)
    implementer_kind = models.CharField(
        _("type of implementing organization"), max_length=20, choices=OrganizationKind.choices
    )
    implementer = models.ForeignKey(
        "members.Organization",
        verbose_name=_("implementing organization (if registered)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_practices",
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    objectives = models.JSONField(_("Global Compact objectives"), default=list, blank=True)
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from (year)"))
    end_year = models.PositiveSmallIntegerField(_("until (year)"), null=True, blank=True)
    implementation_status = models.CharField(
        _("implementation"), max_length=10, choices=ImplementationStatus.choices
    )
    #: Each entry: {"name", "function", "email"}.
    contacts = models.JSONField(_("contacts"), default=list, blank=True)
    #: Each entry: {"title", "url"}.
    links = models.JSONField(_("links"), default=list, blank=True)

    review_status = models.CharField(
        _("review"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    #: What the public history of a practice shows: the fields its page publishes. The review
    #: (stage and dates) is the reviewers' and the owner's, and the contacts are people's
    #: addresses, shown while they are current but not kept in public once replaced; a field
    #: added later stays out of the public history until it is named here.
    #: Its owner, and what the owner wrote, but for its contacts' addresses; not its review.
    history_public_fields = (
        "owner_state",
        "owner_organization",
        *PUBLIC_FIELDS,
    )

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-updated_at", "-id"]
        constraints = [
            state_or_organization_check(
                name="practice_has_one_owner",
                state="owner_state",
                organization="owner_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:practice_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.end_year and self.start_year and self.end_year < self.start_year:
            errors["end_year"] = ValidationError(
                _("The practice cannot end before it starts."),
                code=PracticeError.ENDS_BEFORE_START,
            )
        if not self.themes:
            errors["themes"] = ValidationError(
                _("Choose at least one theme."), code=PracticeError.THEMES_NEEDED
            )
        elif any(theme not in THEMES for theme in self.themes):
            errors["themes"] = ValidationError(
                _("Unknown theme."), code=PracticeError.UNKNOWN_THEME
            )
        if any(objective not in OBJECTIVES for objective in self.objectives):
            errors["objectives"] = ValidationError(
                _("The Global Compact has objectives 1 to 23."),
                code=PracticeError.UNKNOWN_OBJECTIVE,
            )
        if any(target not in SDG_TARGETS for target in self.sdg_targets):
            errors["sdg_targets"] = ValidationError(
                _("Unknown SDG target."), code=PracticeError.UNKNOWN_SDG_TARGET
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return self.review_status == ReviewStatus.PUBLISHED

    @property
    def open_for_changes(self) -> bool:
        """Its owner edits it only before submission and when a reviewer asks for changes."""
        return self.review_status in (ReviewStatus.DRAFT, ReviewStatus.CHANGES_REQUESTED)

    @property
    def reviewer_user_ids(self) -> set[int]:
        return {a.reviewer_id for a in self.assignments.all() if a.withdrawn_at is None}

    @property
    def country_roles(self) -> list[tuple[str, str]]:
        """(ISO3, role) of each of its countries."""
        return [(c.state.iso3, c.role) for c in self.countries.all()]

    @property
    def implementer_slug(self) -> str | None:
        return self.implementer.slug if self.implementer_id else None

    @property
    def theme_labels(self) -> list[str]:
        return theme_labels(self.themes)

    @property
    def objective_labels(self) -> list[str]:
        return [
            f"{o}. {CompactObjective(o).label}"
            for o in self.objectives
            if o in CompactObjective.values
        ]

    @property
    def sdg_labels(self) -> list[str]:
        return [str(SDG_TARGET_LABELS[t]) for t in self.sdg_targets if t in SDG_TARGET_LABELS]

    def translation_for(self, language: str | None = None) -> "PracticeTranslation | None":
        language = language or get_language() or ""
        if language == self.language:
            return None
        for translation in self.translations.all():
            if translation.language == language:
                return translation
        return None

    def text_in(self, language: str | None = None) -> dict[str, str]:
        """The practice's words in `language` where translated, else in its own."""
        translation = self.translation_for(language)
        return {
            name: (getattr(translation, name, "") if translation else "") or getattr(self, name)
            for name in TEXT_FIELDS
        }


class PracticeCountry(models.Model):
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="countries"
    )
    state = models.ForeignKey(
        "members.State", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=12, choices=CountryRole.choices)

    class Meta:
        verbose_name = _("country involved")
        verbose_name_plural = _("countries involved")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "state", "role"], name="practice_country_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} ({self.get_role_display()})"


class PracticePartner(models.Model):
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("type"), max_length=20, choices=OrganizationKind.choices)
    organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("registered organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class PracticeTranslation(PracticeText):
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=10)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language"], name="practice_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class PracticeAttachment(models.Model):
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=attachment_path)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class PracticeVersion(Version):
    """The practice as it was submitted (or resubmitted): what reviewers assessed."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="versions"
    )
    #: What `version_content` gives: the practice's fields, countries, partners, translations.
    content = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    record_field = "practice"

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["practice", "number"]
        constraints = [numbered_once("practice", name="practice_version_unique")]

    def as_text(self) -> dict[str, str]:
        """Each field as text, each translated text field apart, lists one item a line."""
        flat = {}
        for key, value in self.content.items():
            if key == "translations":
                for language, words in (value or {}).items():
                    for name in TEXT_FIELDS:
                        flat[f"{name} ({language})"] = words.get(name, "")
            elif isinstance(value, list):
                flat[key] = "\n".join(
                    json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v)
                    for v in value
                )
            else:
                flat[key] = "" if value is None else str(value)
        return flat


#: The time a reviewer is given to assess a practice, unless the secretariat says otherwise.
REVIEW_DAYS = 28


def review_due_on() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=REVIEW_DAYS)


class ReviewAssignment(models.Model):
    """A reviewer from a qualified body, assigned by the secretariat to one practice."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="practice_assignments",
    )
    organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("qualified body"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    #: The day by which the secretariat expects the assessment.
    due_on = models.DateField(_("assessment due"), default=review_due_on)
    #: None until the reviewer declares; True means they may not assess this practice.
    has_conflict = models.BooleanField(_("conflict of interest"), null=True, blank=True)
    conflict_statement = models.TextField(_("declaration"), blank=True, max_length=5000)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "reviewer"], name="review_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.practice}"

    @property
    def may_assess(self) -> bool:
        return self.withdrawn_at is None and self.has_conflict is False


class Review(models.Model):
    """One assessment of one version: a rating per criterion, an analysis and a decision."""

    assignment = models.ForeignKey(
        ReviewAssignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    version = models.ForeignKey(
        PracticeVersion,
        verbose_name=_("version assessed"),
        # A version is never deleted under its review, except with the whole practice.
        on_delete=models.RESTRICT,
        related_name="reviews",
    )
    #: Criterion value → Rating value.
    ratings = models.JSONField(_("ratings"))
    analysis = models.TextField(_("analysis"), max_length=20000)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.assignment} ({self.get_decision_display()})"


class PracticeImport(ImportRequest, OwnedByStateOrOrganization):
    """One request to import a catalogue of practices (CSV or JSON) as drafts of one owner:
    the background task's progress and its outcome."""

    # Whose drafts the practices become: exactly one of the two.
    owner_state = models.ForeignKey(
        "members.State",
        verbose_name=_("for (State)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    owner_organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("for (organization)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    #: The uploaded copy, removed once the import has ended.
    file = models.FileField(_("file"), upload_to="practices/imports/%Y/", blank=True)
    #: The language of the request: the errors are written in it.
    language = models.CharField(_("language"), max_length=10, default="en")
    #: Each: {"row", "field", "message"}; a row of None is about the file as a whole. Any
    #: error means that nothing was imported.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created = models.PositiveIntegerField(_("practices created"), default=0)
    #: Each: {"row", "title", "reason"}: practices the owner already had.
    skipped = models.JSONField(_("rows skipped"), default=list, blank=True)

    class Meta:
        verbose_name = _("practice import")
        verbose_name_plural = _("practice imports")
        ordering = ["-requested_at", "-id"]
        constraints = [
            state_or_organization_check(
                name="practice_import_has_one_owner",
                state="owner_state",
                organization="owner_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("practices:practice_import_detail", args=[self.pk])
