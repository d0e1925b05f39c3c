"""Background work on documents, run by `migforum db_worker`."""

from django_tasks import task

from migforum.core.jobs import InterruptedTask


@task()
def extract_version_text(version_id: int) -> None:
    """Read the pages of an uploaded PDF into the document's text, recording progress."""
    from .services import version_extract_text

    version_extract_text(version_id=version_id)


def extract_version_text_interrupted(task: InterruptedTask, reason: str) -> None:
    """The worker reading a PDF died: its extraction ends failed, saying so."""
    from .services import version_extraction_interrupt

    version_extraction_interrupt(
        version_id=task.args[0] if task.args else task.kwargs["version_id"]
    )
