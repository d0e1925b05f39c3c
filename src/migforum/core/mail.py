"""Every e-mail the platform sends goes through here.

Each recipient gets a message of their own, so that nobody learns who else was told. Subjects
are made one line (`header_line`). Messages are composed once the change that causes them has
committed and are sent by the background worker (`mail_deliver`), never inside the request. A
message that cannot be sent is logged in one line and tried again later, a few times, after
longer and longer pauses; a failure never reaches the request or the change that caused it.
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .text import one_line

logger = logging.getLogger(__name__)

#: The pauses before each new attempt after a failure, in seconds: a minute, five, half an
#: hour, two hours. A message that still fails after the last is given up, and logged.
RETRY_DELAYS = (60, 300, 1800, 7200)
#: Failures that trying again cannot mend: the message itself is wrong.
PERMANENT_ERRORS: tuple[type[Exception], ...] = (ValueError, TypeError)


@dataclass(frozen=True)
class Mail:
    """One notification: each address in `to` receives a message of its own."""

    subject: str
    body: str
    to: Iterable[str]


def header_line(text: str) -> str:
    """Text fit for a header: one line by the rule every stored title follows, with runs of
    spaces made one."""
    return " ".join(one_line(str(text)).split())


def _described(error: BaseException) -> str:
    return f"{type(error).__name__}: {header_line(str(error))}"


def mail_queue(mails: Iterable[Mail]) -> None:
    """Queue one message per recipient of each mail (an address told twice is told once).
    Never raises: what cannot be queued is logged."""
    for mail in mails:
        subject = header_line(mail.subject)
        for address in sorted({address.strip() for address in mail.to if address.strip()}):
            try:
                _enqueue(subject=subject, body=mail.body, to=address, attempt=1)
            except Exception as error:
                logger.error(
                    "E-mail “%s” to %s not queued: %s", subject, address, _described(error)
                )


def mail_on_commit(compose: Callable[[], Iterable[Mail]]) -> None:
    """Once the current transaction commits, compose the e-mails and queue them: what they
    say is read from what was committed, and nothing is sent for a change rolled back.
    Outside a transaction, at once. Never raises: a failure is logged in one line."""

    def queue() -> None:
        try:
            mails = list(compose())
        except Exception as error:
            logger.error("E-mail not composed: %s", _described(error))
            return
        mail_queue(mails)

    transaction.on_commit(queue)


def _enqueue(*, subject: str, body: str, to: str, attempt: int, delay: int = 0) -> None:
    deliver = mail_deliver
    # A queue that runs tasks at once (the tests', by default) cannot wait: it tries again now.
    if delay and deliver.get_backend().supports_defer:
        deliver = deliver.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    deliver.enqueue(subject=subject, body=body, to=to, attempt=attempt)


@task()
def mail_deliver(*, subject: str, body: str, to: str, attempt: int = 1) -> None:
    """Send one message to one address. If it fails, log one line and queue the next attempt
    after a pause, until the attempts run out."""
    try:
        EmailMessage(
            subject=header_line(subject),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
        ).send()
    except Exception as error:
        attempts = len(RETRY_DELAYS) + 1
        if attempt >= attempts or isinstance(error, PERMANENT_ERRORS):
            logger.error(
                "E-mail “%s” to %s failed (attempt %d of %d), given up: %s",
                header_line(subject),
                to,
                attempt,
                attempts,
                _described(error),
            )
            return
        delay = RETRY_DELAYS[attempt - 1]
        logger.warning(
            "E-mail “%s” to %s failed (attempt %d of %d), next attempt in %d s: %s",
            header_line(subject),
            to,
            attempt,
            attempts,
            delay,
            _described(error),
        )
        try:
            _enqueue(subject=subject, body=body, to=to, attempt=attempt + 1, delay=delay)
        except Exception as queue_error:
            logger.error(
                "E-mail “%s” to %s not queued again: %s",
                header_line(subject),
                to,
                _described(queue_error),
            )
