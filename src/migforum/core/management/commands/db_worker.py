"""`migforum db_worker`: django-tasks-db's worker, which also says it is alive and cleans up
after dead workers.

- A thread of its own, on a database connection of its own, writes the worker's heartbeat
  (`core.models.WorkerHeartbeat`) every `WORKER_HEARTBEAT_SECONDS` under the id the worker
  claims tasks with, and every `WORKER_REAP_SECONDS` marks interrupted the tasks that dead
  workers left running (`core.jobs`). A database error (SQLite locked, PostgreSQL gone) is
  logged and tried again at the next beat; the thread never stops before the worker does.
- The loop that claims and runs tasks outlives database errors too: it waits (1 s, doubling
  to 30 s) and starts again, instead of ending the process.
- `--replaces ID` names a worker known to be dead (the supervisor of `migforum serve` passes
  the one it restarts): what it left running is marked interrupted at once, without waiting
  for its heartbeat to go stale.

This command takes the place of django-tasks-db's own `db_worker` (the core app comes first in
INSTALLED_APPS) and accepts the same options.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from migforum.core.jobs import (
    interrupted_tasks_fail,
    worker_beat,
    worker_forget,
    workers_forget_long_dead,
)

logger = logging.getLogger("migforum.worker")

#: After a database error, the task loop waits this long, doubling up to the maximum.
RETRY_FIRST_SECONDS = 1.0
RETRY_MAX_SECONDS = 30.0
#: What django-tasks-db writes when a task ends.
OUTCOME_FIELDS = ["status", "return_value", "finished_at", "exception_class_path", "traceback"]


def _close_connection() -> None:
    """Drop this thread's database connection, which may be the broken one."""
    try:
        connection.close()
    except DatabaseError:
        pass


class Heartbeat(threading.Thread):
    """Writes the worker's heartbeat and marks interrupted what dead workers left running."""

    def __init__(self, worker_id: str, replaces: list[str]) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        #: Workers known dead; cleared once their tasks are marked.
        self.replaces = list(replaces)
        self.stopping = threading.Event()
        #: Set once the first heartbeat and the first clean-up are written.
        self.started_beating = threading.Event()
        self.failing_since: float | None = None

    def run(self) -> None:
        next_reap = 0.0
        try:
            while not self.stopping.is_set():
                try:
                    worker_beat(worker_id=self.worker_id)
                    if time.monotonic() >= next_reap:
                        interrupted_tasks_fail(dead=self.replaces, alive=[self.worker_id])
                        worker_forget(worker_ids=self.replaces)
                        workers_forget_long_dead()
                        self.replaces = []
                        next_reap = time.monotonic() + settings.WORKER_REAP_SECONDS
                    self.started_beating.set()
                    if self.failing_since is not None:
                        logger.warning(
                            "Worker %s: heartbeat written again after %.0f s of database errors.",
                            self.worker_id,
                            time.monotonic() - self.failing_since,
                        )
                        self.failing_since = None
                except (
                    Exception
                ) as error:  # a heartbeat thread that dies leaves a live worker for dead
                    if self.failing_since is None:
                        self.failing_since = time.monotonic()
                        logger.warning(
                            "Worker %s: the heartbeat could not be written (%s); trying again.",
                            self.worker_id,
                            error,
                        )
                    _close_connection()
                self.stopping.wait(settings.WORKER_HEARTBEAT_SECONDS)
        finally:
            _close_connection()

    def stop(self) -> None:
        """Stop beating and remove the heartbeat: a worker that stops says so at once."""
        self.stopping.set()
        self.join(timeout=settings.WORKER_HEARTBEAT_SECONDS + 30)
        try:
            worker_forget(worker_ids=[self.worker_id])
        except DatabaseError as error:  # it goes stale instead
            logger.warning("Worker %s: heartbeat not removed (%s).", self.worker_id, error)


class Worker(db_worker.Worker):
    """django-tasks-db's worker with a heartbeat, surviving database errors."""

    def __init__(self, *, replaces: list[str], **options: Any) -> None:
        super().__init__(**options)
        self.heartbeat = Heartbeat(self.worker_id, replaces)

    def run(self) -> None:
        logger.info("Worker %s starts (pid %d).", self.worker_id, os.getpid())
        self.heartbeat.start()
        delay = RETRY_FIRST_SECONDS
        try:
            while True:
                try:
                    super().run()
                    return
                except DatabaseError as error:
                    if not self.running:
                        return
                    logger.warning(
                        "Worker %s: database error (%s); looking for tasks again in %.0f s.",
                        self.worker_id,
                        error,
                        delay,
                    )
                    _close_connection()
                    time.sleep(delay)
                    delay = min(delay * 2, RETRY_MAX_SECONDS)
                    self.startup_delay = False
        finally:
            self.heartbeat.stop()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        except DatabaseError as error:
            # django-tasks-db tried three times to record how the task ended and gave up:
            # unrecorded, the task would stay "running" under a worker that is alive.
            logger.warning(
                "Worker %s: the outcome of task %s could not be recorded (%s); trying again.",
                self.worker_id,
                db_task_result.pk,
                error,
            )
            self.outcome_save(db_task_result)

    def outcome_save(self, db_task_result: DBTaskResult) -> None:
        """Record how a task ended (as django-tasks-db left it on the row), waiting for the
        database as long as it takes, unless the worker is asked to stop."""
        delay = RETRY_FIRST_SECONDS
        while True:
            time.sleep(delay)
            _close_connection()
            try:
                db_task_result.save(update_fields=OUTCOME_FIELDS)
                return
            except DatabaseError:
                if not self.running:
                    raise
                delay = min(delay * 2, RETRY_MAX_SECONDS)


class Command(db_worker.Command):
    help = (
        "Run the background worker: it reads uploaded PDFs and imports data files queued by "
        "the site, writes a heartbeat, and marks interrupted what dead workers left running."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        super().add_arguments(parser)
        parser.add_argument(
            "--replaces",
            action="append",
            default=[],
            metavar="WORKER_ID",
            help="A worker known to have died: what it left running is marked interrupted "
            "at once. May be given several times.",
        )

    def handle(self, *args: object, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        logger.setLevel(logging.getLogger("django_tasks_db").level)
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        reload = options["reload"] and not options["batch"]
        worker = Worker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
            replaces=options["replaces"],
        )
        close_old_connections()
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
