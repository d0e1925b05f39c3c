"""A real server, set up as the README's first command does, driven by Debian's Chromium."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

CHROMIUM = os.environ.get("MIGFORUM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browser_database_url() -> str | None:
    """On PostgreSQL, a database of the browser tests' own, made afresh."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS migforum_browser WITH (FORCE)")
        connection.execute("CREATE DATABASE migforum_browser")
    return urlunsplit(parts._replace(path="/migforum_browser"))


def migforum(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "migforum"), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.stdout


@pytest.fixture(scope="session")
def platform():
    """The platform served by `migforum serve`, with its reference data and one invitation."""
    var_dir = tempfile.mkdtemp(prefix="migforum-browser-")
    env = {
        **os.environ,
        "MIGFORUM_VAR_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "migforum.settings.base",
    }
    env.pop("DATABASE_URL", None)
    if database_url := browser_database_url():
        env["DATABASE_URL"] = database_url
    for command in (
        ["migrate", "--noinput"],
        ["init"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
    ):
        migforum(env, *command)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    invite = ("invite", "--base-url", base_url)
    invitation = migforum(
        env, *invite, "focal.point@example.org", "--role", "focal_point", "--state", "MAR"
    ).strip()
    registrar = migforum(
        env, *invite, "registrar@example.org", "--role", "focal_point", "--state", "MAR"
    ).strip()
    secretariat = migforum(
        env,
        *invite,
        "chair@example.org",
        "--role",
        "secretariat",
        "--organization",
        "gfmd-support-unit",
    ).strip()
    # The people of the practice review cycle.
    practice_owner = migforum(
        env, *invite, "practices@morocco.example", "--role", "focal_point", "--state", "MAR"
    ).strip()
    practice_reviewer = migforum(
        env, *invite, "analyst@ilo.example", "--role", "analyst", "--organization", "ilo"
    ).strip()
    practice_secretariat = migforum(
        env,
        *invite,
        "practices@secretariat.example",
        "--role",
        "secretariat",
        "--organization",
        "gfmd-support-unit",
    ).strip()
    second_registrar = migforum(
        env, *invite, "protocol@morocco.example", "--role", "focal_point", "--state", "MAR"
    ).strip()
    server = subprocess.Popen(
        [str(BIN / "migforum"), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base_url}/health/live", timeout=1)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        yield {
            "url": base_url,
            "invitation": invitation,
            "registrar": registrar,
            "second_registrar": second_registrar,
            "secretariat": secretariat,
            "practice_owner": practice_owner,
            "practice_reviewer": practice_reviewer,
            "practice_secretariat": practice_secretariat,
        }
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("MIGFORUM_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required for the browser tests and missing at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, platform):
    context = browser.new_context(base_url=platform["url"])
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser, platform):
    """A page on a phone's screen (390×844), as `test_phone.PHONE`."""
    from .test_phone import PHONE

    context = browser.new_context(base_url=platform["url"], viewport=PHONE, is_mobile=True)
    yield context.new_page()
    context.close()
