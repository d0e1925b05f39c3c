"""Background work on documents, run by `migforum db_worker`."""

from django_tasks import task


@task()
def extract_version_text(version_id: int) -> None:
    """Read the pages of an uploaded PDF into the document's text, recording progress."""
    from .services import version_extract_text

    version_extract_text(version_id=version_id)
