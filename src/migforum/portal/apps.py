from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top floor: the pages and commands that join the domain apps (the home page, the
    history of a record, the State page, `init`)."""

    name = "migforum.portal"
    label = "portal"
    verbose_name = _("Portal")
