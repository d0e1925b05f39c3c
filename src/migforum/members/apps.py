from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "migforum.members"
    label = "members"
    verbose_name = _("Members and bodies")

    def ready(self) -> None:
        from migforum.core import history, loaders

        from . import search_documents  # noqa: F401  registers States, organizations, groups
        from .models import Group, Organization, State
        from .reference import load_at_init

        history.register("state", State, field="iso3", read=str.upper)
        history.register("organization", Organization, field="slug")
        history.register("group", Group, field="slug")
        loaders.register("members", order=10, load=load_at_init)
