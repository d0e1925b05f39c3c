"""A catalogue of 20,000 practices imported on SQLite leaves the site writable throughout.

A throw-away installation in a temporary directory is served over HTTP by `migforum serve
--no-worker` (granian) while `migforum import-practices` imports the largest file allowed in a
process of its own, against the same SQLite file. Meanwhile a delegate signs in, changes a
draft and creates another through the API with a token, again and again: every request is
timed, none may fail, and none may wait anywhere near the 20 s after which SQLite gives up.
"""

import csv
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from migforum.practices.imports import COLUMNS, MAX_ROWS

from .catalogue import good_row

BIN = Path(sys.executable).parent
EMAIL, PASSWORD = "delegate@morocco.example", "correct horse battery staple"
#: Generous for a shared two-core machine: the import's longest write holds the lock for
#: well under a second; before, a request waited 20 s and failed.
BOUND_SECONDS = 10.0
#: Enough rounds of sign-in and writes to be sure they ran while the import wrote.
MIN_ROUNDS = 5
#: A pause between rounds, so that the requests leave the import its share of two cores.
PAUSE_SECONDS = 0.5

SETUP = """
import json
from django.core.management import call_command
from migforum.core.choices import RoleKind
from migforum.accounts.models import Role, User
from migforum.accounts.services import api_token_create
from migforum.members.models import State
from migforum.members.reference import load_reference_data

call_command("migrate", "--noinput", verbosity=0)
load_reference_data()
user = User(username={email!r}, email={email!r}, display_name="Delegate of Morocco")
user.set_password({password!r})
user.save()
Role.objects.create(user=user, kind=RoleKind.FOCAL_POINT, state=State.objects.get(iso3="MAR"))
_token, key = api_token_create(user=user, name="load test")
print(json.dumps({{"token": key}}))
"""

DRAFT = {
    "language": "en",
    "title": "Savings accounts for Moroccans abroad",
    "summary": "Migrants in Spain open savings accounts that finance homes at home.",
    "level": "national",
    "implementer_name": "Ministry of Moroccans Living Abroad",
    "implementer_kind": "government",
    "themes": ["remittances"],
    "start_year": 2004,
    "implementation_status": "ongoing",
    "countries": [{"iso3": "MAR", "role": "origin"}, {"iso3": "ESP", "role": "destination"}],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """The served installation, asked over HTTP as a browser and a script would ask it."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, str, bytes]:
        """The status, the cookies set and the body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            cookies = "; ".join(
                value for name, value in response.getheaders() if name.lower() == "set-cookie"
            )
            return response.status, cookies, response.read()
        finally:
            connection.close()

    def sign_in(self) -> int:
        status, cookies, page = self.request("GET", "/accounts/login/")
        assert status == 200, page[:500]
        csrf = re.search(r"csrftoken=([^;]+)", cookies)
        field = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert csrf, cookies
        assert field, page[:500]
        form = {"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": field[1].decode()}
        status, cookies, _page = self.request(
            "POST",
            "/accounts/login/",
            urlencode(form).encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf[1]}",
            },
        )
        if status == 302:
            assert "sessionid=" in cookies
        return status

    def api(self, method: str, path: str, data: dict) -> tuple[int, dict]:
        status, _headers, body = self.request(
            method,
            "/api/v1" + path,
            json.dumps(data).encode(),
            {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        return status, json.loads(body or b"{}")


def write_catalogue(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for number in range(1, MAX_ROWS + 1):
            writer.writerow(good_row(number))


@pytest.fixture
def installation():
    """An installation in a temporary directory on SQLite, whatever the suite runs on."""
    var_dir = Path(tempfile.mkdtemp(prefix="migforum-import-load-"))
    env = {
        **os.environ,
        "MIGFORUM_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "migforum.settings.base",
        "MIGFORUM_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DATABASE_URL", None)
    try:
        static = subprocess.Popen(  # noqa: S603
            [str(BIN / "migforum"), "collectstatic", "--noinput", "--verbosity", "0"], env=env
        )
        setup = subprocess.run(  # noqa: S603
            [str(BIN / "migforum"), "shell", "-c", SETUP.format(email=EMAIL, password=PASSWORD)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        assert static.wait(timeout=300) == 0
        token = json.loads(setup.stdout.strip().splitlines()[-1])["token"]
        yield var_dir, env, token
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture
def site(installation):
    var_dir, env, token = installation
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "migforum"), "serve", "--no-worker", "--port", str(port)]
        + ["--workers", "1", "--threads", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        site = Site(port, token)
        deadline = time.monotonic() + 60
        while True:
            try:
                if site.request("GET", "/health/live")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield site
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def one_round(site: Site, draft_id: int, number: int) -> list[tuple[str, int, float]]:
    """Sign in, change the draft, create another: (what, status, seconds) for each."""
    calls = {
        "sign-in": site.sign_in,
        "PATCH draft": lambda: site.api(
            "PATCH", f"/practices/{draft_id}", {"title": f"Savings accounts, take {number}"}
        )[0],
        "POST draft": lambda: site.api(
            "POST", "/practices", {**DRAFT, "title": f"Another draft ({number})"}
        )[0],
    }
    timings = []
    for name, call in calls.items():
        started = time.monotonic()
        status = call()
        timings.append((name, status, time.monotonic() - started))
    return timings


def test_sign_in_and_api_writes_keep_working_while_20000_practices_are_imported(installation, site):
    # given: a draft to change, and the largest catalogue one file may hold
    var_dir, env, _token = installation
    status, draft = site.api("POST", "/practices", DRAFT)
    assert status == 201, draft
    catalogue = var_dir / "catalogue.csv"
    write_catalogue(catalogue)

    # when: the import runs in its own process while the delegate works
    importer = subprocess.Popen(  # noqa: S603
        [str(BIN / "migforum"), "import-practices", str(catalogue), "--state", "MAR"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    timings: list[tuple[str, int, float]] = []
    rounds = 0
    try:
        while importer.poll() is None:
            rounds += 1
            timings += one_round(site, draft["id"], rounds)
            time.sleep(PAUSE_SECONDS)
        out, err = importer.communicate(timeout=60)
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.wait()

    # then: the import succeeded, and every request during it too, promptly
    assert importer.returncode == 0, err[-3000:]
    assert f"{MAX_ROWS} created, 0 skipped" in out
    expected = {"sign-in": 302, "PATCH draft": 200, "POST draft": 201}
    failures = [t for t in timings if t[1] != expected[t[0]]]
    assert failures == []
    slow = [t for t in timings if t[2] > BOUND_SECONDS]
    assert slow == [], f"slower than {BOUND_SECONDS} s: {slow}"
    assert rounds >= MIN_ROUNDS, f"only {rounds} rounds of requests during the import"
    longest = max(timings, key=lambda t: t[2])
    print(f"\n{len(timings)} requests during the import, the slowest: {longest}")
