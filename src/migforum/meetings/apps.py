from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "migforum.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from migforum.core import history, loaders, panels, permissions

        from . import search_documents  # noqa: F401  registers meetings with the search
        from .models import Meeting, Minutes, Registration
        from .panels import state_panel, work_panel
        from .permissions import (
            minutes_rule,
            registration_rule,
            visible_minutes,
            visible_registrations,
        )
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
        panels.register(
            "work", place="main", order=10, template="meetings/_work_panel.html", context=work_panel
        )
        permissions.register(Minutes, rule=minutes_rule, visible=visible_minutes)
        permissions.register(Registration, rule=registration_rule, visible=visible_registrations)
