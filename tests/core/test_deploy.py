"""Behind TLS (`MIGFORUM_HTTPS=1`) the platform passes Django's deployment checks, HSTS preload
aside (a decision for the operator), and HSTS covers the subdomains unless told otherwise."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

MIGFORUM = str(Path(sys.executable).parent / "migforum")


def migforum(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MIGFORUM_")},
        "DJANGO_SETTINGS_MODULE": "migforum.settings.base",
        "MIGFORUM_VAR_DIR": str(tmp_path),
        "MIGFORUM_ALLOWED_HOSTS": "testserver,forum.example.org",
        **env,
    }
    return subprocess.run(
        [MIGFORUM, *args], env=environment, capture_output=True, text=True, timeout=120
    )


def check_ids(result: subprocess.CompletedProcess) -> set[str]:
    return set(re.findall(r"\((\w+\.[A-Z]\d+)\)", result.stdout + result.stderr))


HSTS = (
    "from django.test import Client; "
    "print(Client().get('/health/live', secure=True).headers['Strict-Transport-Security'])"
)


def test_check_deploy_with_https_warns_only_about_hsts_preload(tmp_path):
    result = migforum(tmp_path, "check", "--deploy", MIGFORUM_HTTPS="1")
    assert result.returncode == 0, result.stderr
    assert check_ids(result) == {"security.W021"}


def test_check_deploy_without_https_says_what_is_missing(tmp_path):
    """The check above could not pass by saying nothing: without TLS it warns."""
    result = migforum(tmp_path, "check", "--deploy")
    assert {"security.W004", "security.W008", "security.W012"} <= check_ids(result)


@pytest.mark.parametrize(
    ("setting", "header"),
    [
        (None, "max-age=31536000; includeSubDomains"),
        ("1", "max-age=31536000; includeSubDomains"),
        ("0", "max-age=31536000"),
    ],
)
def test_hsts_includes_subdomains_unless_turned_off(tmp_path, setting, header):
    env = {"MIGFORUM_HTTPS": "1"}
    if setting is not None:
        env["MIGFORUM_HSTS_INCLUDE_SUBDOMAINS"] = setting
    result = migforum(tmp_path, "shell", "-c", HSTS, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == header
