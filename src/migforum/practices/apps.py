from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "migforum.practices"
    label = "practices"
    verbose_name = _("Practices")

    def ready(self) -> None:
        from migforum.core import history, jobs, panels, permissions, warmup

        from . import search_documents  # noqa: F401  registers practices with the search
        from .finder import load_facet_index_in_background
        from .imports import practice_import_interrupted
        from .models import Practice
        from .panels import state_panel, work_panel
        from .permissions import practice_rule, visible_practices
        from .tasks import import_practices_file

        jobs.on_interrupted(import_practices_file.module_path, practice_import_interrupted)
        permissions.register(Practice, rule=practice_rule, visible=visible_practices)
        history.register("practice", Practice)
        panels.register(
            "state",
            place="activity",
            order=10,
            template="practices/_state_panel.html",
            context=state_panel,
        )
        panels.register(
            "work",
            place="main",
            order=20,
            template="practices/_work_panel.html",
            context=work_panel,
        )
        # The facet index takes seconds to load at a hundred thousand practices: a server
        # loads it as it starts, sparing its first visitor the wait.
        warmup.register(load_facet_index_in_background)
