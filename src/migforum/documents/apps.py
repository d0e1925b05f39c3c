from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "migforum.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from . import search_documents  # noqa: F401  registers documents with the search
