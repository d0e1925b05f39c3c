from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "migforum.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from migforum.core import history, panels
        from migforum.core.jobs import on_interrupted

        from . import search_documents  # noqa: F401  registers documents with the search
        from .models import Document
        from .panels import state_panel
        from .tasks import extract_version_text, extract_version_text_interrupted

        on_interrupted(extract_version_text.module_path, extract_version_text_interrupted)
        history.register("document", Document)
        panels.register(
            "state",
            place="activity",
            order=20,
            template="documents/_state_panel.html",
            context=state_panel,
        )
