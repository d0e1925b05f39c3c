from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "migforum.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from migforum.core import history, loaders, panels

        from . import search_documents  # noqa: F401  registers meetings with the search
        from .models import Meeting, Minutes
        from .panels import state_panel
        from .reference import load_seed_report_at_init, load_summits_at_init

        history.register("meeting", Meeting)
        history.register("minutes", Minutes)
        loaders.register("summits", order=20, load=load_summits_at_init)
        loaders.register("seed-report", order=30, load=load_seed_report_at_init)
        panels.register(
            "state",
            place="activity",
            order=30,
            template="meetings/_state_panel.html",
            context=state_panel,
        )
