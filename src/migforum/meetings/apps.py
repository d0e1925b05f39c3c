from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "migforum.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from migforum.core import history, panels

        from . import search_documents  # noqa: F401  registers meetings with the search
        from .models import Meeting, Minutes
        from .panels import state_panel

        history.register("meeting", Meeting)
        history.register("minutes", Minutes)
        panels.register(
            "state",
            place="activity",
            order=30,
            template="meetings/_state_panel.html",
            context=state_panel,
        )
