"""Requests to import a file, run by the background worker: how they are queued, and how the
work tells where it is.

A request's row (an evidence import, a practice import) inherits `core.models.ImportRequest`.
`import_request_queue` stores the upload, saves the request with its audit event and queues its
task; `JobProgress` writes its step, done and total as the work goes, at most twice a second,
and its outcome at the end. Progress is telemetry: it is written straight to the row, outside
the audit trail, which records the request and what it produced.
"""

import time
from collections.abc import Callable
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import audit_event_record, snapshot
from .models import AuditAction, ImportRequest

#: Told the step ("Table 1"), how much of it is done and its total (0 when unknown).
Progress = Callable[[str, int, int], None]

#: Progress is written to the row at most this often, to keep the database for the work itself.
WRITE_EVERY_SECONDS = 0.5


def no_progress(step: str, done: int, total: int) -> None:
    """Progress told to no one."""


def import_request_queue(
    *, request: ImportRequest, file: File, by: Any, task: Any | None
) -> ImportRequest:
    """Store the request's file, save the request with its audit event, and queue `task` with
    the request's id once that commits (`task=None`: the caller runs the import itself). The
    file is stored before the transaction, since copying a large one must not hold the write
    lock, and removed again if the request cannot be saved. `by=None` is the operator of the
    installation at the command line."""
    request.requested_by = by if getattr(by, "is_authenticated", False) else None
    request.file.save(request.file_name, file, save=False)  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            request.save()
            audit_event_record(
                instance=request,
                action=AuditAction.CREATE,
                actor=by,
                before=None,
                after=snapshot(request),
            )
            if task is not None:
                transaction.on_commit(lambda: task.enqueue(request.pk))
    except BaseException:
        default_storage.delete(request.file.name or "")  # type: ignore[attr-defined]
        raise
    return request


def unexpected_error(error: BaseException) -> str:
    """An error no reader foresaw, in words for the request's page."""
    return _("Unexpected error: %(error)s") % {"error": str(error) or type(error).__name__}


class JobProgress:
    """Writes a job's progress to its row (throttled) and to an extra callback (the command)."""

    def __init__(self, job: models.Model, also: Progress = no_progress) -> None:
        self.job, self.also, self.last = job, also, 0.0

    def __call__(self, step: str, done: int, total: int) -> None:
        self.also(step, done, total)
        now = time.monotonic()
        if now - self.last >= WRITE_EVERY_SECONDS or done == total:
            self.last = now
            self.update(step=step[:300], done=done, total=total)

    def stage(self, status: str, step: str) -> None:
        """A new stage of the work, its count started afresh."""
        self.also(step, 0, 0)
        self.update(status=status, step=step[:300], done=0, total=0)

    def end(self, status: str, **fields: Any) -> Any:
        """Record the outcome with the fields that describe it; returns the job."""
        self.update(status=status, finished_at=timezone.now(), **fields)
        return self.job

    def update(self, **fields: Any) -> None:
        type(self.job)._default_manager.filter(pk=self.job.pk).update(**fields)
        for name, value in fields.items():
            setattr(self.job, name, value)
