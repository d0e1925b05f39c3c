"""What every app shares: the audit trail, the search index, and the shapes records of several
apps take (a request to import a file, a record that belongs to a State or an organization)."""

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import IMPORT_FINISHED, ImportStatus


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")


class AuditEvent(models.Model):
    """One change to one record: who, when, what, before and after."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Kept as text so the trail still names the actor after the account is gone; for changes
    #: made by the platform itself (reference data) it names the command.
    actor_label = models.CharField(_("actor"), max_length=200)
    #: The State or organization the account acted for when it made the change (the role it
    #: held then), so that the public history can name it rather than the account.
    acting_for_type = models.ForeignKey(
        ContentType,
        verbose_name=_("acting for (type)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acting_for_id = models.CharField(
        _("acting for (record)"), max_length=64, blank=True, db_default=""
    )
    #: Who the public history names, as written at the time of the change: the State's or
    #: organization's name, or for the platform's own changes the command that made them;
    #: empty for an account that acted for no one.
    acting_for_label = models.CharField(_("acting for"), max_length=300, blank=True, db_default="")
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("record"), max_length=64)
    object_repr = models.CharField(_("record name"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """The fields whose values differ between before and after, with both values."""
        before, after = self.before or {}, self.after or {}
        names = sorted(set(before) | set(after))
        return [(n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n)]


class SearchKind(models.Model):
    """A type of record in the search index ("documents.document", "evidence.corridor"). Its
    number travels with every record's row in the SQLite index, so that counts by type are
    read from the index alone."""

    key = models.CharField(_("record type"), max_length=100, unique=True)
    #: Every record of the type was indexed at once since the index was made (`reindex_kind`);
    #: `init` builds the types that were not.
    complete = models.BooleanField(_("complete"), default=False)

    class Meta:
        verbose_name = _("search record type")
        verbose_name_plural = _("search record types")

    def __str__(self) -> str:
        return self.key


class SearchRecord(models.Model):
    """One record of the search index, with what a search may filter it by.

    Its words, in every language it has, are in the full-text index beside this table (an FTS5
    table on SQLite, a tsvector column on PostgreSQL); see `migforum.core.search`.
    """

    kind = models.ForeignKey(
        SearchKind, verbose_name=_("record type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("record"), max_length=64)
    year = models.SmallIntegerField(_("year"), null=True, blank=True)
    #: ISO3 codes, space-separated and space-padded: " MAR ESP ".
    states = models.CharField(_("States"), max_length=2000, blank=True)
    #: Language codes, as `states`: " en fr ".
    languages = models.CharField(_("languages"), max_length=100, blank=True)
    #: Shown by the site-wide search; a draft practice is indexed for the practice finder
    #: alone, which applies its own rules of who sees what.
    public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("search record")
        verbose_name_plural = _("search records")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_record_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind_id}:{self.object_id}"


class SearchText(models.Model):
    """A record's title, text and address in one language: what a result shows, and where its
    highlighted passage is read from."""

    record = models.ForeignKey(
        SearchRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="texts"
    )
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")
        constraints = [
            models.UniqueConstraint(fields=["record", "language"], name="search_text_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class SearchWord(models.Model):
    """A word found in the indexed texts, as typed (folded), for "Did you mean"."""

    word = models.CharField(_("word"), max_length=60, primary_key=True)
    length = models.SmallIntegerField(_("length"), db_index=True)
    #: How many records held it when they were indexed.
    records = models.IntegerField(_("records"), default=0)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word


class WorkerHeartbeat(models.Model):
    """A background worker that is alive says so here every few seconds.

    A worker whose heartbeat is stale is dead: what it was running is marked interrupted, and
    `/health/ready` reports it. Several workers on several machines each have their own row.
    """

    #: The id the worker claims its tasks under (django-tasks' `worker_ids`).
    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    seen_at = models.DateTimeField(_("last seen"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class ImportRequest(models.Model):
    """A request to import a file, run by the background worker: who asked, and the progress
    and outcome its page shows (`core.import_requests.JobProgress` writes them). Each app adds the
    stored file and what the import produced."""

    file_name = models.CharField(_("file name"), max_length=255)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    #: What the import is doing now, for the progress bar: "Table 1, row 120".
    step = models.CharField(_("step"), max_length=300, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in IMPORT_FINISHED


def state_or_organization_check(
    *, name: str, state: str = "state", organization: str = "organization"
) -> models.CheckConstraint:
    """The database's check that a record names a State or an organization, never both nor
    neither (see `StateOrOrganization`)."""
    return models.CheckConstraint(
        name=name,
        condition=Q(**{f"{state}__isnull": False, f"{organization}__isnull": True})
        | Q(**{f"{state}__isnull": True, f"{organization}__isnull": False}),
    )


class StateOrOrganization(models.Model):
    """A record that belongs to a State or to an organization: a practice and a request to
    import practices (their owner), a group membership (its participant).

    Each model declares its two foreign keys its own way (their wording, what deleting the
    State does, their reverse names), names them in `STATE_FIELD` and `ORGANIZATION_FIELD`,
    and lists `state_or_organization_check` with those names among its constraints."""

    STATE_FIELD: ClassVar[str] = "state"
    ORGANIZATION_FIELD: ClassVar[str] = "organization"

    class Meta:
        abstract = True

    @property
    def state_or_organization(self) -> Any:
        """The State or the organization it belongs to."""
        return getattr(self, self.STATE_FIELD) or getattr(self, self.ORGANIZATION_FIELD)
