"""Documents identified by their UN symbol, their language versions and what they cite."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import DocumentKind, Markup
from .titles import statement_title


class Document(models.Model):
    """A document: a UN document with its symbol, or one without (a statement, a summary)."""

    #: The canonical UN symbol (A/61/230); empty for documents that have none.
    symbol = models.CharField(_("symbol"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=1000)
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    #: The year, also where the exact date is not known (a statement at a session).
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    #: For a statement: the State that made it.
    state = models.ForeignKey(
        "members.State",
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    #: For a statement: the session of the General Assembly it was made at.
    session = models.PositiveSmallIntegerField(_("session"), null=True, blank=True)
    #: Identifies a document without a symbol across imports: the digest of its source text.
    source_digest = models.CharField(_("source digest"), max_length=64, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    #: The digest only tells imports apart; the public history leaves it out.
    history_internal_fields = ("source_digest",)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "symbol", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol"], condition=~Q(symbol=""), name="document_symbol_unique"
            ),
            models.UniqueConstraint(
                fields=["source_digest"],
                condition=~Q(source_digest=""),
                name="document_source_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} — {self.title}" if self.symbol else self.title

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if self.date and not self.year:
            self.year = self.date.year
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", args=[self.pk])

    @property
    def localized_name(self) -> str:
        """The title in the reader's language where the platform wrote it (a statement's)."""
        if not self._title_is_generated():
            return self.title
        state = self.state
        return statement_title(state.iso3, state.name, self.session, self.year)

    @property
    def localized_name_language(self) -> str:
        """The language of `localized_name`: titles are recorded as the UN gives them in
        English."""
        return (get_language() or "en") if self._title_is_generated() else "en"

    def _title_is_generated(self) -> bool:
        if self.kind != DocumentKind.STATEMENT or not (
            self.state_id and self.session and self.year
        ):
            return False
        state = self.state
        return self.title == statement_title(state.iso3, state.name, self.session, self.year, "en")

    def version_for(self, language: str | None = None) -> "DocumentVersion | None":
        """The version in the reader's language, else English, else any."""
        versions = {v.language: v for v in self.versions.all()}
        language = language or get_language() or "en"
        return versions.get(language) or versions.get("en") or next(iter(versions.values()), None)


class ExtractionStatus(models.TextChoices):
    NONE = "", _("Not needed")
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Reading the pages")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class DocumentVersion(models.Model):
    """One language version of a document, with its full text."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("full text"), blank=True)
    markup = models.CharField(
        _("written as"), max_length=10, choices=Markup.choices, default=Markup.TEXT
    )
    file = models.FileField(_("file"), upload_to="documents/%Y/", blank=True)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Text extraction from the file runs in the background; these say how far it is.
    extraction_status = models.CharField(
        _("text extraction"), max_length=10, blank=True, choices=ExtractionStatus.choices
    )
    pages_done = models.PositiveIntegerField(_("pages read"), default=0)
    pages_total = models.PositiveIntegerField(_("pages"), default=0)
    extraction_error = models.CharField(_("extraction error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="document_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} [{self.language}]"


class Citation(models.Model):
    """A symbol a document cites; linked to the cited document once it is known."""

    citing = models.ForeignKey(
        Document,
        verbose_name=_("citing document"),
        on_delete=models.CASCADE,
        related_name="citations",
    )
    symbol = models.CharField(_("cited symbol"), max_length=200)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["symbol"]
        constraints = [models.UniqueConstraint(fields=["citing", "symbol"], name="citation_unique")]

    def __str__(self) -> str:
        return f"{self.citing} → {self.symbol}"
