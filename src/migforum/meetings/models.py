"""Meetings: when and where, who organized and chaired them, and their documents."""

import datetime
import zoneinfo

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from migforum.core.languages import TranslationsValidator, in_reader_language
from migforum.core.versioning import Version, numbered_once
from migforum.members.models import state_and_organization_keys

from .choices import DocumentRole, HostRole, MeetingKind, MeetingMode
from .titles import shown_title

#: Delegates one State may register unless the secretariat says otherwise, and the most it may
#: allow: a form of a hundred rows is already more than any delegation sends.
DEFAULT_DELEGATION_QUOTA = 6
MAX_DELEGATION_QUOTA = 100


def zone_named(name: str) -> datetime.tzinfo:
    """The IANA zone of that name; UTC for a zone not (or no longer) known."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


class MeetingSeries(models.Model):
    """A recurring meeting, such as the yearly Summit of the Forum."""

    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    kind = models.CharField(_("type"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=500)
    #: The title in the other languages, where the secretariat gave it: `{"fr": "…"}`.
    titles = models.JSONField(
        _("title in other languages"),
        default=dict,
        blank=True,
        validators=[TranslationsValidator(500)],
    )
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    #: Position in its series: the 1st Summit, the 2nd…
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    theme = models.CharField(_("theme"), max_length=500, blank=True)
    #: The theme in the other languages, where the secretariat gave it: `{"fr": "…"}`.
    themes = models.JSONField(
        _("theme in other languages"),
        default=dict,
        blank=True,
        validators=[TranslationsValidator(500)],
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    #: The IANA time zone of the venue; times of sessions are in it.
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    city = models.CharField(_("city"), max_length=200, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    country = models.ForeignKey(
        "members.State",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_hosted",
    )
    mode = models.CharField(
        _("mode"), max_length=10, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=1000, blank=True)
    #: Registration, opened by the secretariat: how many delegates in all, until when, and
    #: whether the list of participants is published.
    registration_open = models.BooleanField(_("registration open"), default=False)
    registration_capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    participants_public = models.BooleanField(_("list of participants published"), default=False)
    #: How many delegates one State may register.
    delegation_quota = models.PositiveSmallIntegerField(
        _("delegates per delegation"),
        default=DEFAULT_DELEGATION_QUOTA,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DELEGATION_QUOTA)],
    )

    #: How many places registration offers is the secretariat's to manage; the public history
    #: leaves it out.
    history_internal_fields = ("registration_capacity",)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                name="meeting_dates_ordered", condition=Q(end_date__gte=models.F("start_date"))
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def localized_name(self) -> str:
        """The title in the reader's language: as the secretariat translated it, else as the
        platform writes it (a Summit's, a meeting named by its type and city), else as
        entered."""
        return self.titles.get(get_language() or "en") or shown_title(
            self.title, self.kind, self.city
        )

    @property
    def localized_name_language(self) -> str:
        """The language of `localized_name`: a title entered by people and not translated is
        in English, the language the Forum's secretariat records meetings in."""
        language = get_language() or "en"
        return language if language == "en" or self.localized_name != self.title else "en"

    @property
    def localized_theme(self) -> str:
        return in_reader_language(self.theme, self.themes)[0]

    @property
    def localized_theme_language(self) -> str:
        return in_reader_language(self.theme, self.themes)[1]

    @property
    def zone(self) -> datetime.tzinfo:
        return zone_named(self.timezone)

    def outcome_links(self) -> list["MeetingDocument"]:
        """The documents that record what the meeting did: its outcome and its report."""
        return [
            link
            for link in self.meeting_documents.all()
            if link.role in (DocumentRole.OUTCOME, DocumentRole.REPORT)
        ]

    @property
    def ends_at(self) -> datetime.datetime:
        """The end of its last day, at the venue."""
        return datetime.datetime.combine(
            self.end_date + datetime.timedelta(days=1), datetime.time(), tzinfo=self.zone
        )

    @property
    def is_over(self) -> bool:
        return timezone.now() >= self.ends_at

    def at_venue(self, moment: datetime.datetime) -> str:
        """A moment as the venue's clock shows it, naming the zone: "20 February 2027, 17:00
        (Europe/Zurich)"."""
        shown = formats.date_format(timezone.localtime(moment, self.zone), "DATETIME_FORMAT")
        return f"{shown} ({self.timezone})"

    @property
    def deadline_at_venue(self) -> str:
        return self.at_venue(self.registration_deadline) if self.registration_deadline else ""


class MeetingSession(models.Model):
    """One session of a meeting's timetable, at times in the meeting's own time zone."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=500)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    #: Speakers and moderators as the programme lists them, one per line.
    speakers = models.TextField(_("speakers"), blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["meeting", "starts_at"]
        constraints = [
            models.CheckConstraint(
                name="session_times_ordered", condition=Q(ends_at__gt=models.F("starts_at"))
            )
        ]

    def __str__(self) -> str:
        return self.title

    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class MeetingHost(models.Model):
    """A State or an organization that organized or chaired a meeting; the name as the source
    gives it is kept when it matches neither."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="hosts"
    )
    role = models.CharField(_("role"), max_length=10, choices=HostRole.choices)
    state, organization = state_and_organization_keys(on_delete=models.PROTECT)
    name = models.CharField(_("name as given"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("organizer or chair")
        verbose_name_plural = _("organizers and chairs")
        ordering = ["role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "role", "name"], name="meeting_host_unique")
        ]

    def __str__(self) -> str:
        return str(self.participant or self.name)

    @property
    def participant(self):  # noqa: ANN201
        return self.state or self.organization


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="meeting_documents",
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="meeting_links",
    )
    role = models.CharField(_("role"), max_length=20, choices=DocumentRole.choices)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "document", "role"], name="meeting_document_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.document} ({self.get_role_display()})"


class RegistrationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: A returned or withdrawn registration holds no places.
STATUSES_HOLDING_PLACES = (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)


class Registration(models.Model):
    """A State's delegation to a meeting, with the note verbale that accredits it: one per
    State and meeting, which its focal point edits, resubmits or withdraws."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registrations"
    )
    state = models.ForeignKey(
        "members.State",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.SUBMITTED,
    )
    #: The credential: a note verbale from the State's mission, as a PDF.
    credential = models.FileField(_("note verbale"), upload_to="credentials/%Y/")
    submitted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    #: Why the secretariat returned the registration, for the delegation to put right.
    return_reason = models.TextField(_("reason for returning"), blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "state"], name="registration_one_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.state} — {self.meeting}"

    @property
    def reference(self) -> str:
        """What the badges' QR codes hold and the secretariat quotes: meeting, State and
        registration, e.g. "MF-16-MAR-42"."""
        return f"MF-{self.meeting_id}-{self.state.iso3}-{self.pk}"

    @property
    def is_editable(self) -> bool:
        """A delegation changes its registration until the secretariat approves it; a change
        after a return or a withdrawal resubmits it."""
        return self.status != RegistrationStatus.APPROVED

    @property
    def scope_state_id(self) -> int:
        """The State whose focal points may see and change this registration."""
        return self.state_id


class Delegate(models.Model):
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="delegates",
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    is_head = models.BooleanField(_("head of delegation"), default=False)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["registration", "-is_head", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"], condition=Q(is_head=True), name="delegate_one_head"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.function}"


class MinutesKind(models.TextChoices):
    MINUTES = "minutes", _("Minutes")
    CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated for comments")
    APPROVED = "approved", _("Approved")


class Minutes(models.Model):
    """Minutes or a Chair's summary: drafted in versions, circulated to the participants for
    comments, then approved, which locks them and publishes them as a document."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )
    kind = models.CharField(_("type"), max_length=20, choices=MinutesKind.choices)
    title = models.CharField(_("title"), max_length=500)
    status = models.CharField(
        _("status"), max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    #: Once approved: the published document.
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("published as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes",
    )

    #: The history is public once the minutes are approved; what it shows is on their page.
    history_internal_fields = ()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:minutes_detail", args=[self.pk])

    @property
    def localized_name(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == MinutesStatus.APPROVED

    @property
    def is_locked(self) -> bool:
        return self.status == MinutesStatus.APPROVED

    @property
    def open_for_comments(self) -> bool:
        return self.status == MinutesStatus.CIRCULATED

    @property
    def reader_state_ids(self) -> set[int]:
        """The States whose delegations read the drafts once circulated: the participants."""
        if self.status == MinutesStatus.DRAFT:
            return set()
        return set(
            self.meeting.registrations.filter(status=RegistrationStatus.APPROVED).values_list(
                "state_id", flat=True
            )
        )

    def latest_version(self) -> "MinutesVersion | None":
        return MinutesVersion.latest(self)


class MinutesVersion(Version):
    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="versions"
    )
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        "accounts.User",
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    record_field = "minutes"
    #: Minutes run to many pages: a change is shown with two lines around it, not the whole.
    diff_context = 2

    class Meta:
        verbose_name = _("version of the minutes")
        verbose_name_plural = _("versions of the minutes")
        ordering = ["minutes", "number"]
        constraints = [numbered_once("minutes", name="minutes_version_unique")]

    def as_text(self) -> dict[str, str]:
        return {"": self.text}


class MinutesComment(models.Model):
    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="comments"
    )
    version = models.ForeignKey(
        MinutesVersion,
        verbose_name=_("on version"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        "accounts.User",
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The State the author commented for, when a delegation commented.
    state = models.ForeignKey(
        "members.State",
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")
        ordering = ["minutes", "created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:50]}"
