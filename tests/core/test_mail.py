"""E-mail: one message per recipient, one-line subjects, sent from the task queue after the
change commits, and a failure logged in one line and tried again later, never raised."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from migforum.core.mail import RETRY_DELAYS, Mail, header_line, mail_on_commit, mail_queue

from .mail_servers import UnreachableServer

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def unreachable(settings):
    settings.EMAIL_BACKEND = "tests.core.mail_servers.UnreachableServer"
    UnreachableServer.attempts = []
    return UnreachableServer.attempts


def test_each_recipient_gets_a_message_of_their_own():
    mail_queue(
        [
            Mail(
                subject="Practice “Savings”: Under review",
                body="The practice went under review.",
                to=["state@example.org", "reviewer@example.org", "state@example.org", " "],
            )
        ]
    )
    assert sorted(m.to for m in mail.outbox) == [["reviewer@example.org"], ["state@example.org"]]
    for message in mail.outbox:
        assert (message.cc, message.bcc) == ([], [])
    to_the_state = next(m for m in mail.outbox if m.to == ["state@example.org"])
    assert "reviewer@example.org" not in to_the_state.message().as_string()


def test_a_subject_with_line_breaks_is_sent_on_one_line():
    mail_queue([Mail(subject="Savings\r\nfor Moroccans\u2028abroad\x00", body="x", to=["a@b.org"])])
    assert mail.outbox[0].subject == "Savings for Moroccans abroad"


def test_a_header_line_keeps_right_to_left_marks_and_other_text():
    assert header_line("  مدخرات\u200f  المهاجرين\n") == "مدخرات\u200f المهاجرين"


def test_mail_waits_for_the_commit_and_is_dropped_with_a_rollback(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_on_commit(lambda: [Mail(subject="Kept", body="x", to=["a@b.org"])])
        assert mail.outbox == []  # not before the commit
    assert [m.subject for m in mail.outbox] == ["Kept"]

    def rolled_back() -> None:
        with transaction.atomic():
            mail_on_commit(lambda: [Mail(subject="Rolled back", body="x", to=["a@b.org"])])
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            rolled_back()
    assert callbacks == []
    assert [m.subject for m in mail.outbox] == ["Kept"]


def test_a_failure_to_compose_is_logged_in_one_line_and_not_raised(
    caplog, django_capture_on_commit_callbacks
):
    def broken() -> list[Mail]:
        raise LookupError("no such practice\nany more")

    with (
        caplog.at_level(logging.WARNING, logger="migforum.core.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        mail_on_commit(broken)

    assert [r.getMessage() for r in caplog.records] == [
        "E-mail not composed: LookupError: no such practice any more"
    ]
    assert all(r.exc_info is None for r in caplog.records)


def test_an_unreachable_server_is_tried_again_then_given_up_each_failure_in_one_line(
    unreachable, caplog
):
    with caplog.at_level(logging.WARNING, logger="migforum.core.mail"):
        mail_queue([Mail(subject="Under review", body="x", to=["state@example.org"])])

    # The tests' queue runs tasks at once, so the attempts follow one another.
    assert unreachable == ["state@example.org"] * (len(RETRY_DELAYS) + 1)
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0] == (
        "E-mail “Under review” to state@example.org failed (attempt 1 of 5), next attempt in "
        "60 s: SMTPConnectError: (421, 'mail.example.org: connection refused')"
    )
    assert "(attempt 4 of 5), next attempt in 7200 s" in lines[3]
    assert lines[4].startswith(
        "E-mail “Under review” to state@example.org failed (attempt 5 of 5), given up"
    )
    assert [r.levelname for r in caplog.records] == ["WARNING"] * 4 + ["ERROR"]
    assert all("\n" not in line for line in lines)
    assert all(r.exc_info is None for r in caplog.records)


def test_a_message_the_server_cannot_take_is_not_tried_again(settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with caplog.at_level(logging.WARNING, logger="migforum.core.mail"):
        mail_queue([Mail(subject="x", body="x", to=["two\nlines@example.org"])])
    assert mail.outbox == []
    assert len(caplog.records) == 1
    assert "(attempt 1 of 5), given up" in caplog.records[0].getMessage()


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
def test_the_worker_sends_the_mail_and_queues_a_failed_one_again_for_later(settings, unreachable):
    # given the platform's own queue, in the database
    settings.TASKS = DATABASE_QUEUE

    # when a notification is queued and the worker runs what is due
    mail_queue([Mail(subject="Under review", body="x", to=["state@example.org"])])
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "migforum.core.mail.mail_deliver"
    assert unreachable == []  # nothing is sent until the worker runs
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    # then the first attempt failed, without failing its task, and the second waits a minute
    assert unreachable == ["state@example.org"]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    again = DBTaskResult.objects.exclude(pk=queued.pk).get()
    assert again.status == "READY"
    assert again.args_kwargs["kwargs"]["attempt"] == 2
    wait = again.run_after - timezone.now()
    assert datetime.timedelta(seconds=30) < wait <= datetime.timedelta(seconds=60)
