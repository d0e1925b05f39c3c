"""A short run of the API fuzzer (`bench/fuzz_api.py`): schemathesis against a live server on a
throw-away installation of the engine the suite runs on, as an anonymous reader, a focal point
and the secretariat. No response may be a 5xx, nor break the OpenAPI description."""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

FUZZ = Path(__file__).resolve().parents[2] / "bench" / "fuzz_api.py"


def engine_arguments() -> list[str]:
    """On PostgreSQL, a database of this test's own beside the suite's, created and dropped by
    the fuzzer."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return ["--engines", "sqlite"]
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'migforum'}_fuzz"
    own = urlunsplit(parts._replace(path=f"/{name}"))
    return ["--engines", "postgresql", "--database-url", own]


def test_a_short_fuzz_of_the_api_finds_no_server_error_and_no_schema_violation():
    result = subprocess.run(
        [
            sys.executable,
            str(FUZZ),
            *engine_arguments(),
            "--phases",
            "fuzzing,stateful",
            "--max-examples",
            "4",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]
    rows = re.findall(
        r"^(\w+)\s+(anonymous|focal_point|secretariat)\s+([\d,]+)\s+(\d+)\s+(\d+)$",
        result.stdout,
        re.MULTILINE,
    )
    assert {role for _engine, role, *_ in rows} == {"anonymous", "focal_point", "secretariat"}
    requests = sum(int(count.replace(",", "")) for *_, count, _errors, _violations in rows)
    assert requests >= 300
    assert all(errors == "0" and violations == "0" for *_, errors, violations in rows)
