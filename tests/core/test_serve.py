"""`migforum serve` on an installation whose static files were never collected: it collects
them, or says how to, instead of answering 500 on every page."""

import os
import socket
import subprocess
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command

from migforum.core.management.commands.serve import static_files_stale

from .installation import BIN, stop, wait_for


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(installation, log, port):
    return subprocess.Popen(  # noqa: S603
        [str(BIN / "migforum"), "serve", "--no-worker", "--port", str(port), "--workers", "1"],
        env=installation.env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  our own server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def test_serve_collects_static_files_that_were_never_collected(make_installation, tmp_path):
    installation = make_installation("serve")
    static_root = installation.var_dir / "static"
    assert not static_root.exists()
    port = free_port()
    log = tmp_path / "serve.log"

    server = serve(installation, log, port)
    try:
        status = wait_for(lambda: status_of(f"http://127.0.0.1:{port}/"), 120, "the home page")
        output = log.read_text()
    finally:
        stop(server)

    assert status == 200, output
    assert "Static files are not ready (there is no manifest of collected files" in output
    assert "Static files collected." in output
    assert (static_root / "staticfiles.json").is_file()


def test_serve_says_how_when_static_files_cannot_be_collected(make_installation, tmp_path):
    installation = make_installation("serve_readonly")
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    installation.env["MIGFORUM_STATIC_ROOT"] = str(blocked / "static")

    result = subprocess.run(  # noqa: S603
        [str(BIN / "migforum"), "serve", "--no-worker", "--port", str(free_port())],
        env=installation.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 1
    assert "The static files could not be collected into" in result.stderr
    assert "Run `migforum collectstatic --noinput`" in result.stderr


@pytest.fixture
def collected(tmp_path, settings):
    """A static directory of one file, collected with a manifest as in production."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text("body {}")
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert static_files_stale() == ""
    return source


def test_a_static_file_changed_since_collection_is_seen(collected):
    changed = collected / "site.css"
    later = changed.stat().st_mtime + 60
    os.utime(changed, (later, later))

    assert static_files_stale() == "site.css changed since it was collected"


def test_a_static_file_added_since_collection_is_seen(collected):
    (collected / "new.js").write_text("")

    assert static_files_stale() == "new.js is not collected"
