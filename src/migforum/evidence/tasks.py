"""Background work on evidence, run by `migforum db_worker`."""

from django_tasks import task

from migforum.core.jobs import InterruptedTask


@task()
def import_file(data_import_id: int) -> None:
    """Import a requested file, recording progress on the request."""
    from .models import DataImport
    from .services import data_import_run

    data_import_run(data_import=DataImport.objects.get(pk=data_import_id))


def import_file_interrupted(task: InterruptedTask, reason: str) -> None:
    """The worker importing a file died: the import ends failed, saying so, without its copy."""
    from .services import data_import_interrupt

    data_import_interrupt(
        data_import_id=task.args[0] if task.args else task.kwargs["data_import_id"]
    )
