from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "migforum.practices"
    label = "practices"
    verbose_name = _("Practices")

    def ready(self) -> None:
        from migforum.core import jobs, permissions

        from . import search_documents  # noqa: F401  registers practices with the search
        from .imports import practice_import_interrupted
        from .models import Practice
        from .permissions import practice_rule, visible_practices
        from .tasks import import_practices_file

        jobs.on_interrupted(import_practices_file.module_path, practice_import_interrupted)
        permissions.register(Practice, rule=practice_rule, visible=visible_practices)
