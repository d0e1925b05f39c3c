from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleKind(models.TextChoices):
    #: The Chair's support unit: runs the Forum, manages accounts; must use a second factor.
    SECRETARIAT = "secretariat", _("Secretariat")
    #: A State's delegation: edits only its own State's records.
    FOCAL_POINT = "focal_point", _("Focal point")
    #: An agency or other qualified body that analyses what is shared.
    ANALYST = "analyst", _("Analyst")
    #: Civil society, business, local authorities and other observers.
    OBSERVER = "observer", _("Observer")
