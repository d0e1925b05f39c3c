from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "migforum.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from . import search_documents  # noqa: F401  registers meetings with the search
