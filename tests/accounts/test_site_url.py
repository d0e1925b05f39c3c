"""Links in e-mails name the address `migforum serve` listens on, unless the operator set the
public address (`MIGFORUM_SITE_URL`)."""

import importlib.util
import os

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from migforum.core.management.commands import serve
from migforum.core.management.commands.serve import served_site_url
from migforum.settings import base


class ServerStarted(Exception):
    """Stands for granian replacing the `serve` process."""


@pytest.fixture
def started_server(monkeypatch):
    """Run `migforum serve` up to the moment granian would replace it; return the environment
    granian (and the worker) would start with."""
    # Unset for the test, and restored after it whatever `serve` sets.
    monkeypatch.setenv("MIGFORUM_SITE_URL", "placeholder")
    monkeypatch.delenv("MIGFORUM_SITE_URL")
    monkeypatch.setattr(serve.Command, "static_files_collect", lambda self: None)
    monkeypatch.setattr(serve.shutil, "which", lambda *args, **kwargs: "/usr/bin/granian")
    started: dict[str, str] = {}

    def execv(path: str, argv: list[str]) -> None:
        started.update(os.environ)
        raise ServerStarted(argv)

    monkeypatch.setattr(serve.os, "execv", execv)

    def start(*args: str) -> dict[str, str]:
        with pytest.raises(ServerStarted):
            call_command("serve", "--no-worker", *args)
        return started

    return start


def site_url_as_settings_load() -> str:
    """SITE_URL as the server's settings read it from the environment it starts with: the
    settings module run again, apart from the one the tests loaded."""
    spec = importlib.util.spec_from_file_location("settings_as_served", base.__file__)
    assert spec is not None
    assert spec.loader is not None
    settings_as_served = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(settings_as_served)
    return settings_as_served.SITE_URL


@pytest.mark.django_db
def test_invitation_links_carry_the_port_serve_listens_on(
    started_server, secretariat_client, capsys, django_capture_on_commit_callbacks
):
    # given the server started on a port of the operator's choosing
    environment = started_server("--port", "8765")
    assert environment["MIGFORUM_SITE_URL"] == "http://127.0.0.1:8765"

    with override_settings(SITE_URL=site_url_as_settings_load()):
        # when an invitation is made at the command line, and on the site
        call_command(
            "invite", "chair@example.org", "--role", "observer", "--organization", "funglode"
        )
        with django_capture_on_commit_callbacks(execute=True):
            secretariat_client.post(
                "/accounts/invitations/new/",
                {"email": "mail@example.org", "kind": "observer", "organization": "funglode"},
            )

    # then both links point to that port
    printed = capsys.readouterr().out
    assert "http://127.0.0.1:8765/accounts/invitation/" in printed
    assert "http://127.0.0.1:8765/accounts/invitation/" in mail.outbox[-1].body


def test_the_address_set_by_the_operator_wins(started_server, monkeypatch):
    monkeypatch.setenv("MIGFORUM_SITE_URL", "https://forum.example.org")
    environment = started_server("--port", "8765")
    assert environment["MIGFORUM_SITE_URL"] == "https://forum.example.org"


def test_the_host_serve_listens_on_is_in_the_address(started_server):
    environment = started_server("--host", "forum.internal", "--port", "9000")
    assert environment["MIGFORUM_SITE_URL"] == "http://forum.internal:9000"


@pytest.mark.parametrize(
    ("host", "port", "address"),
    [
        ("127.0.0.1", 8000, "http://127.0.0.1:8000"),
        ("0.0.0.0", 8080, "http://127.0.0.1:8080"),  # noqa: S104
        ("::", 8080, "http://[::1]:8080"),
        ("::1", 8080, "http://[::1]:8080"),
        ("forum.internal", 80, "http://forum.internal:80"),
    ],
)
def test_a_server_on_every_interface_is_reached_at_the_loopback_address(host, port, address):
    assert served_site_url(host, port) == address
