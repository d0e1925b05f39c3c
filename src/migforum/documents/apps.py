from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "migforum.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from migforum.core import history, loaders, panels
        from migforum.core.jobs import on_interrupted

        from . import search_documents  # noqa: F401  registers documents with the search
        from .models import Document
        from .panels import state_panel
        from .reference import load_statements_at_init
        from .tasks import extract_version_text, extract_version_text_interrupted

        on_interrupted(extract_version_text.module_path, extract_version_text_interrupted)
        history.register("document", Document)
        # After the seed report (meetings, 30), whose letters are documents too.
        loaders.register("statements", order=40, load=load_statements_at_init)
        panels.register(
            "state",
            place="activity",
            order=20,
            template="documents/_state_panel.html",
            context=state_panel,
        )
