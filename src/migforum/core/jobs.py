"""Background jobs that a dead worker left unfinished, and the heartbeat that tells a live
worker from a dead one.

A task's own row (a data import, a practice import, a PDF being read) shows its progress on a
page. When the worker running it dies (`kill -9`, a crash, a machine lost), the task never
finishes, so a live worker marks it interrupted. Each app registers, in its
`AppConfig.ready()`, what "interrupted" means for its tasks: a status and a reason on the page,
and the clean-up of any stray copy of an upload. The ground floor knows no app's models.

    from migforum.core.jobs import on_interrupted

    class PracticesConfig(AppConfig):
        def ready(self) -> None:
            from .tasks import import_practices, import_practices_interrupted

            on_interrupted(import_practices.module_path, import_practices_interrupted)

A handler is called with the task (its id, path and arguments, as queued) and the reason to
show; it runs in the same transaction that marks the queued task failed, so it should write
its own row and leave files to `transaction.on_commit`. It is called at most once per task.

Every worker (`migforum db_worker`) writes a heartbeat under the id it claims tasks with. A
worker whose heartbeat is older than `WORKER_STALE_SECONDS`, or missing, or that its supervisor
reports dead (`--replaces`), is dead: the tasks it left `RUNNING` become failed.

This module is imported by apps' `ready()` and even at the top of their `apps.py`, so it
imports no models at the top.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InterruptedTask:
    """A task that was running when its worker died, as the queue recorded it."""

    task_id: str
    #: The task function's dotted path, as the queue stores it (`task.module_path`).
    task_path: str
    args: Sequence[Any]
    kwargs: Mapping[str, Any]


#: Called with the task and the reason shown to people ("Interrupted: the background worker
#: stopped…").
InterruptHandler = Callable[[InterruptedTask, str], None]

_handlers: dict[str, InterruptHandler] = {}

#: The heartbeat of a worker dead for this long is removed.
FORGET_AFTER = timedelta(days=1)


class WorkerInterrupted(Exception):  # noqa: N818  named as the queue shows it
    """Recorded on a queued task as its error when its worker died while running it."""


def on_interrupted(task_path: str, handler: InterruptHandler) -> None:
    """Register what to do when a task of this path is found interrupted."""
    _handlers[task_path] = handler


def handler_for(task_path: str) -> InterruptHandler | None:
    return _handlers.get(task_path)


def stale_before() -> datetime:
    """Heartbeats older than this are those of dead workers."""
    return timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)


def worker_beat(*, worker_id: str) -> None:
    """Say that this worker is alive: one row per worker, updated in place."""
    from .models import WorkerHeartbeat

    now = timezone.now()
    seen = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now, pid=os.getpid())
    if not seen:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=now,
            seen_at=now,
        )


def worker_forget(*, worker_ids: Collection[str]) -> None:
    """Remove the heartbeats of workers that stopped (or are known dead)."""
    from .models import WorkerHeartbeat

    if worker_ids:
        WorkerHeartbeat.objects.filter(worker_id__in=list(worker_ids)).delete()


def workers_forget_long_dead() -> None:
    """Remove the heartbeats of workers dead for a day (until then `/health/ready` shows when
    the last worker was seen)."""
    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - FORGET_AFTER).delete()


def interrupted_tasks_fail(
    *, dead: Collection[str] = (), alive: Collection[str] = ()
) -> list[InterruptedTask]:
    """Mark failed ("interrupted") every task left running by a dead worker, then let its app
    say what that means for its own row. A worker is dead when it is named in `dead`, or when
    its heartbeat is stale or missing, unless it is named in `alive` (the caller itself)."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .models import WorkerHeartbeat

    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list(
            "id", "task_path", "args_kwargs", "worker_ids"
        )
    )
    reason = _("Interrupted: the background worker stopped while running this task.")
    interrupted = []
    for task_id, task_path, args_kwargs, worker_ids in running:
        claimed_by = worker_ids[-1] if worker_ids else ""
        if claimed_by in alive:
            continue
        task = InterruptedTask(
            task_id=str(task_id),
            task_path=task_path,
            args=args_kwargs.get("args", []),
            kwargs=args_kwargs.get("kwargs", {}),
        )
        try:
            with transaction.atomic():
                # Asked again inside the transaction (which holds SQLite's write lock): a
                # worker that was only waiting for the lock may have written its heartbeat.
                if claimed_by not in dead and (
                    WorkerHeartbeat.objects.filter(
                        worker_id=claimed_by, seen_at__gte=stale_before()
                    ).exists()
                ):
                    continue
                marked = DBTaskResult.objects.filter(
                    pk=task_id, status=TaskResultStatus.RUNNING
                ).update(
                    status=TaskResultStatus.FAILED,
                    finished_at=timezone.now(),
                    return_value=None,
                    exception_class_path=(
                        f"{WorkerInterrupted.__module__}.{WorkerInterrupted.__qualname__}"
                    ),
                    traceback=reason,
                )
                if not marked:  # another worker got there first
                    continue
                if handler := handler_for(task_path):
                    handler(task, reason)
        except Exception:
            logger.exception(
                "Task %s (%s) was left running by the dead worker %s and could not be marked "
                "interrupted; trying again later.",
                task_id,
                task_path,
                claimed_by,
            )
            continue
        logger.warning(
            "Task %s (%s), left running by the dead worker %s, is marked interrupted.",
            task_id,
            task_path,
            claimed_by or "(none)",
        )
        interrupted.append(task)
    return interrupted
