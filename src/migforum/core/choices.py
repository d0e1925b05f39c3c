from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    """Where a requested import stands (evidence files, catalogues of practices)."""

    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    #: The file was imported before: nothing changed.
    UNCHANGED = "unchanged", _("Already imported")
    FAILED = "failed", _("Failed")


#: An import in one of these has ended: it is never run again.
IMPORT_FINISHED = frozenset({ImportStatus.DONE, ImportStatus.UNCHANGED, ImportStatus.FAILED})
