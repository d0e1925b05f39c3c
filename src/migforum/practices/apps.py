from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "migforum.practices"
    label = "practices"
    verbose_name = _("Practices")

    def ready(self) -> None:
        from . import search_documents  # noqa: F401  registers practices with the search
