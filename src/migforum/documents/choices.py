from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    SG_REPORT = "sg_report", _("Report of the Secretary-General")
    REPORT = "report", _("Report")
    RESOLUTION = "resolution", _("Resolution")
    DRAFT_RESOLUTION = "draft_resolution", _("Draft resolution")
    LETTER = "letter", _("Letter")
    NOTE = "note", _("Note")
    NOTE_VERBALE = "note_verbale", _("Note verbale")
    CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")
    BACKGROUND_PAPER = "background_paper", _("Background paper")
    CONCEPT_PAPER = "concept_paper", _("Concept paper")
    MINUTES = "minutes", _("Minutes")
    STATEMENT = "statement", _("Statement")
    OTHER = "other", _("Other document")


class Markup(models.TextChoices):
    """How a version's text is written, and so how its page shows it."""

    TEXT = "text", _("Plain text")
    MARKDOWN = "markdown", _("Markdown")
