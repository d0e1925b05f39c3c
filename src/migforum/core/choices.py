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


class RoleKind(models.TextChoices):
    """What a role lets an account do; the permissions read it, so it lives on the ground floor."""

    #: The Chair's support unit: runs the Forum, manages accounts; must use a second factor.
    SECRETARIAT = "secretariat", _("Secretariat")
    #: A State's delegation: edits only its own State's records.
    FOCAL_POINT = "focal_point", _("Focal point")
    #: An agency or other qualified body that analyses what is shared.
    ANALYST = "analyst", _("Analyst")
    #: Civil society, business, local authorities and other observers.
    OBSERVER = "observer", _("Observer")
