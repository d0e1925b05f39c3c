"""Mail servers for the tests, named in `EMAIL_BACKEND`."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class UnreachableServer(BaseEmailBackend):
    """A mail server that cannot be reached, as smtplib reports it; `attempts` lists the
    address of every message tried."""

    attempts: list[str] = []

    def send_messages(self, email_messages):
        for message in email_messages:
            self.attempts.extend(message.to)
        raise smtplib.SMTPConnectError(421, "mail.example.org: connection refused")
