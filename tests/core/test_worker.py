"""The background worker: supervised and restarted, alive by its heartbeat, and what a dead
worker left running marked interrupted."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from migforum.core import jobs
from migforum.core.management.commands import db_worker
from migforum.core.models import WorkerHeartbeat
from migforum.core.worker import restart_delay
from migforum.evidence.reference import DATA_DIR

from .installation import process_gone, stop, wait_for

#: The largest file shipped: its import takes seconds, time enough to kill its worker.
LONG_IMPORT = DATA_DIR / "undesa_ims2020_bilateral_by_sex_1990_2020_iso3.csv"
QUEUE_IMPORT = (
    "from pathlib import Path\n"
    "from migforum.evidence.services import data_import_request\n"
    f"print(data_import_request(path=Path({str(LONG_IMPORT)!r}), by=None).pk)\n"
)


def supervise(installation, parent_pid, log_path):
    """The worker supervisor as `migforum serve` starts it, for the server `parent_pid`."""
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "migforum.core.worker", str(parent_pid)],
        env=installation.env,
        stdout=log_path.open("wb"),
        stderr=subprocess.STDOUT,
    )


def fresh_worker(installation, other_than=()):
    """(worker id, pid) of a worker that wrote its heartbeat in the last 10 s."""
    for worker_id, pid, age in installation.heartbeats():
        if pid not in other_than and age < 10:
            return worker_id, pid
    return None


def test_a_killed_worker_is_started_again_and_its_import_marked_interrupted(
    make_installation, tmp_path
):
    installation = make_installation("worker")
    log = tmp_path / "supervisor.log"
    supervisor = supervise(installation, os.getpid(), log)
    first_pid = second_pid = None
    try:
        _first_id, first_pid = wait_for(
            lambda: fresh_worker(installation), 60, "the first worker's heartbeat"
        )
        # given an import that the worker is running
        data_import = int(installation.migforum("shell", "-c", QUEUE_IMPORT).split()[-1])
        wait_for(
            lambda: installation.query(
                "SELECT 1 FROM evidence_dataimport WHERE id = %s AND status = 'running'",
                (data_import,),
            ),
            60,
            "the import to start",
        )
        (stored,) = installation.query(
            "SELECT file FROM evidence_dataimport WHERE id = %s", (data_import,)
        )[0]
        assert (installation.media_root / stored).is_file()

        # when the worker is killed outright
        os.kill(first_pid, signal.SIGKILL)
        killed_at = time.monotonic()

        # then another worker takes its place within seconds
        _second_id, second_pid = wait_for(
            lambda: fresh_worker(installation, other_than={first_pid}),
            30,
            "a new worker's heartbeat",
        )
        assert second_pid != first_pid
        # and the import it was running ends as interrupted, its copy of the file removed
        status, error, file = wait_for(
            lambda: [
                row
                for row in installation.query(
                    "SELECT status, error, file FROM evidence_dataimport WHERE id = %s",
                    (data_import,),
                )
                if row[0] != "running"
            ],
            30,
            "the import to be marked interrupted",
        )[0]
        took = time.monotonic() - killed_at
        assert status == "failed"
        assert error.startswith("Interrupted: the background worker stopped")
        assert file == ""
        assert not (installation.media_root / stored).exists()
        assert installation.query("SELECT status FROM django_tasks_database_dbtaskresult") == [
            ("FAILED",)
        ]
        assert "killed by SIGKILL" in log.read_text()
        print(f"worker replaced and import marked interrupted {took:.1f} s after kill -9")
    finally:
        stop(supervisor)
    # and a stopped supervisor leaves no worker behind
    assert process_gone(first_pid)
    assert process_gone(second_pid)


def test_the_worker_stops_when_its_server_goes(make_installation, tmp_path):
    installation = make_installation("worker_server")
    # A stand-in for the server: it starts the supervisor as `migforum serve` does, then waits.
    script = (
        "import os, subprocess, sys, time\n"
        "subprocess.Popen([sys.executable, '-m', 'migforum.core.worker', str(os.getpid())])\n"
        "time.sleep(600)\n"
    )
    server = subprocess.Popen([sys.executable, "-c", script], env=installation.env)  # noqa: S603
    try:
        _worker_id, pid = wait_for(lambda: fresh_worker(installation), 60, "the worker")
        server.kill()
        server.wait()
        wait_for(lambda: process_gone(pid), 40, "the worker to stop")
        # a worker that stops says so: its heartbeat is gone
        assert installation.heartbeats() == []
    finally:
        stop(server)


def test_restarts_wait_longer_while_the_worker_keeps_failing_and_afresh_after_a_stable_run():
    delays, delay = [], None
    for _ in range(9):
        delay = restart_delay(delay, ran_for=2)
        delays.append(delay)

    assert delays == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert restart_delay(60, ran_for=120) == 1


def pdf_bytes(text):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


# --- Tasks left running by dead workers ----------------------------------------------------


def running_task(task_path, worker_id, args=(1,)):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": list(args), "kwargs": {}},
        task_path=task_path,
        worker_ids=[worker_id],
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
    )


@pytest.fixture
def told(monkeypatch):
    """Handlers registered for two made-up task paths; what they were told."""
    calls = []
    monkeypatch.setattr(jobs, "_handlers", {})
    jobs.on_interrupted("app.tasks.work", lambda task, reason: calls.append((task, reason)))

    def refuse(task, reason):
        raise RuntimeError("the app's row cannot be written now")

    jobs.on_interrupted("app.tasks.refused", refuse)
    return calls


def test_a_task_whose_worker_has_no_fresh_heartbeat_is_marked_interrupted(db, told):
    WorkerHeartbeat.objects.create(
        worker_id="gone", hostname="h", pid=1, seen_at=timezone.now() - timedelta(hours=1)
    )
    task = running_task("app.tasks.work", "gone", args=(42,))
    unknown = running_task("app.tasks.work", "never-seen", args=(43,))

    found = jobs.interrupted_tasks_fail()

    assert {t.task_id for t in found} == {str(task.pk), str(unknown.pk)}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "migforum.core.jobs.WorkerInterrupted"
    assert import_string(task.exception_class_path) is jobs.WorkerInterrupted
    assert sorted(call[0].args[0] for call in told) == [42, 43]
    assert told[0][1].startswith("Interrupted: the background worker stopped")


def test_a_task_of_a_live_worker_is_left_running(db, told):
    WorkerHeartbeat.objects.create(worker_id="alive", hostname="h", pid=1)
    task = running_task("app.tasks.work", "alive")

    assert jobs.interrupted_tasks_fail() == []

    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING
    assert told == []


def test_a_worker_its_supervisor_reports_dead_is_not_waited_for(db, told):
    WorkerHeartbeat.objects.create(worker_id="killed", hostname="h", pid=1)
    task = running_task("app.tasks.work", "killed")

    jobs.interrupted_tasks_fail(dead=["killed"])

    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED


def test_a_worker_never_marks_its_own_tasks_interrupted(db, told):
    task = running_task("app.tasks.work", "me")  # its heartbeat is late: the database was busy

    jobs.interrupted_tasks_fail(alive=["me"])

    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_each_interrupted_task_is_reported_to_its_app_once(db, told):
    running_task("app.tasks.work", "gone")

    jobs.interrupted_tasks_fail()
    jobs.interrupted_tasks_fail()

    assert len(told) == 1


def test_a_handler_that_fails_leaves_its_task_for_the_next_round_and_the_others_go_on(db, told):
    refused = running_task("app.tasks.refused", "gone")
    other = running_task("app.tasks.work", "gone")

    jobs.interrupted_tasks_fail()

    refused.refresh_from_db()
    other.refresh_from_db()
    assert refused.status == TaskResultStatus.RUNNING
    assert other.status == TaskResultStatus.FAILED


def test_heartbeats_of_workers_dead_for_a_day_are_removed(db):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="long-dead", hostname="h", pid=1, seen_at=now - timedelta(days=2)
    )
    WorkerHeartbeat.objects.create(
        worker_id="recent", hostname="h", pid=2, seen_at=now - timedelta(hours=1)
    )

    jobs.workers_forget_long_dead()

    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["recent"]


# --- The worker process, in this process ---------------------------------------------------


@override_settings(WORKER_HEARTBEAT_SECONDS=0.05)
def test_the_heartbeat_keeps_trying_through_a_locked_database(transactional_db, monkeypatch):
    failures = [OperationalError("database is locked")] * 3
    real_beat = db_worker.worker_beat

    def beat(*, worker_id):
        if failures:
            raise failures.pop()
        real_beat(worker_id=worker_id)

    monkeypatch.setattr(db_worker, "worker_beat", beat)
    heartbeat = db_worker.Heartbeat("w1", replaces=[])
    heartbeat.start()
    try:
        assert heartbeat.started_beating.wait(timeout=30)
        assert heartbeat.is_alive()
        assert WorkerHeartbeat.objects.filter(worker_id="w1").exists()
    finally:
        heartbeat.stop()
    assert not WorkerHeartbeat.objects.filter(worker_id="w1").exists()


def test_the_worker_outlives_a_locked_database_and_runs_the_task(
    committed_reference_data, secretariat_user, monkeypatch
):
    """The failure seen in service: the worker ended on "database is locked" while claiming
    a task, and nothing ran afterwards."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django_tasks_db.management.commands import db_worker as library

    from migforum.documents.models import ExtractionStatus
    from migforum.documents.services import document_import_upload

    claims = library.exclusive_transaction
    locked = [True]

    def claim_once_locked(using):
        if locked:
            locked.pop()
            raise OperationalError("database is locked")
        return claims(using)

    monkeypatch.setattr(library, "exclusive_transaction", claim_once_locked)
    monkeypatch.setattr(db_worker, "RETRY_FIRST_SECONDS", 0.01)
    secretariat_user.is_verified = lambda: True
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=queue):
        result = document_import_upload(
            upload=SimpleUploadedFile("queued.pdf", pdf_bytes("Read after the lock.")),
            by=secretariat_user,
            kind="report",
        )
        call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", "w2")

    assert locked == []
    version = result.document.versions.get()
    assert version.extraction_status == ExtractionStatus.DONE


def test_a_task_whose_outcome_cannot_be_recorded_at_first_does_not_stay_running(
    committed_reference_data, secretariat_user, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from migforum.documents.services import document_import_upload

    save = DBTaskResult.save
    refusals = [OperationalError("database is locked")] * 6  # django-tasks-db's own retries

    def locked_when_ending(self, *args, update_fields=None, **kwargs):
        if update_fields and "finished_at" in update_fields and refusals:
            raise refusals.pop()
        return save(self, *args, update_fields=update_fields, **kwargs)

    monkeypatch.setattr(DBTaskResult, "save", locked_when_ending)
    monkeypatch.setattr(db_worker, "RETRY_FIRST_SECONDS", 0.01)
    secretariat_user.is_verified = lambda: True
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=queue):
        document_import_upload(
            upload=SimpleUploadedFile("late.pdf", pdf_bytes("Recorded late.")),
            by=secretariat_user,
            kind="report",
        )
        call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", "w3")

    assert refusals == []
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.FAILED
    assert "database is locked" in task.traceback
