"""Background work on evidence, run by `migforum db_worker`."""

from django_tasks import task


@task()
def import_file(data_import_id: int) -> None:
    """Import a requested file, recording progress on the request."""
    from .models import DataImport
    from .services import data_import_run

    data_import_run(data_import=DataImport.objects.get(pk=data_import_id))
