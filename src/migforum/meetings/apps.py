from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "migforum.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from migforum.core import permissions

        from . import search_documents  # noqa: F401  registers meetings with the search
        from .models import Minutes, Registration
        from .permissions import (
            minutes_rule,
            registration_rule,
            visible_minutes,
            visible_registrations,
        )

        permissions.register(Minutes, rule=minutes_rule, visible=visible_minutes)
        permissions.register(Registration, rule=registration_rule, visible=visible_registrations)
