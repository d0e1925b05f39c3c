from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "migforum.evidence"
    label = "evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from migforum.core import loaders, panels
        from migforum.core.jobs import on_interrupted
        from migforum.core.permissions import Action, register_action

        from . import search_documents  # noqa: F401  registers the evidence with the search
        from .panels import state_panel
        from .permissions import may_import_data
        from .reference import load_at_init
        from .tasks import import_file, import_file_interrupted

        on_interrupted(import_file.module_path, import_file_interrupted)
        register_action(Action.IMPORT_DATA, may_import_data)
        loaders.register("evidence", order=50, load=load_at_init)
        panels.register(
            "state",
            place="facts",
            order=10,
            template="evidence/_state_panel.html",
            context=state_panel,
            stylesheet="migforum/css/evidence.css",
        )
