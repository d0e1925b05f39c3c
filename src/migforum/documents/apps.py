from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "migforum.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from migforum.core.jobs import on_interrupted

        from . import search_documents  # noqa: F401  registers documents with the search
        from .tasks import extract_version_text, extract_version_text_interrupted

        on_interrupted(extract_version_text.module_path, extract_version_text_interrupted)
