"""Background work on practices, run by `migforum db_worker`."""

from django_tasks import task


@task()
def import_practices_file(practice_import_id: int) -> None:
    """Import a requested catalogue of practices, recording progress on the request."""
    from .imports import practice_import_run
    from .models import PracticeImport

    practice_import_run(practice_import=PracticeImport.objects.get(pk=practice_import_id))
