from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "migforum.members"
    label = "members"
    verbose_name = _("Members and bodies")

    def ready(self) -> None:
        from . import search_documents  # noqa: F401  registers States, organizations, groups
