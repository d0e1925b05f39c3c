"""How long work tells where it is: on the row of its request, for the page's progress bar,
and to whoever else listens (the command line prints it).

A job's row (an evidence import, a practice import) inherits `core.models.ImportRequest`;
`JobProgress` writes its step, done and total as the work goes, at most twice a second, and
its outcome at the end. Progress is telemetry: it is written straight to the row, outside the
audit trail, which records the request and what it produced.
"""

import time
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

#: Told the step ("Table 1"), how much of it is done and its total (0 when unknown).
Progress = Callable[[str, int, int], None]

#: Progress is written to the row at most this often, to keep the database for the work itself.
WRITE_EVERY_SECONDS = 0.5


def no_progress(step: str, done: int, total: int) -> None:
    """Progress told to no one."""


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
