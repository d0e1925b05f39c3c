"""API fuzzing: schemathesis against a live server, as three kinds of caller, on each engine.

What it does
    For each engine (SQLite, and PostgreSQL with ``--database-url``) it prepares a throw-away
    installation as ``make run`` does (``migrate``, ``init`` with the shipped reference data
    and evidence, ``collectstatic``), adds a focal point of Morocco and a member of the
    secretariat with an API token each, serves it with ``migforum serve`` and runs schemathesis
    (``st run``) against ``/api/v1/openapi.json`` three times: anonymously, with the focal
    point's token and with the secretariat's. Every phase schemathesis offers runs (its
    coverage phase, which sends the boundary and the hostile values of every parameter, random
    fuzzing in positive and negative mode, and stateful sequences that reuse what one operation
    answers in the next), with these checks:

    * ``not_a_server_error``: no response is a 5xx;
    * ``status_code_conformance``: every status is one the description lists for the operation;
    * ``content_type_conformance``: every response has a content type the description lists;
    * ``response_schema_conformance``: every body matches the schema listed for its status.

    It prints, per engine and role, the requests sent (counted from schemathesis's HAR
    record of every exchange), the responses of status 500 or more, and the schema violations
    (failures of the last three checks, counted as schemathesis counts unique failures); the
    failures themselves, with a command reproducing each, follow when there are any. The exit
    status is 1 if any response was a 5xx, any check failed or schemathesis itself failed to
    run; 0 otherwise.

    The installations are temporary: the directory, and the PostgreSQL database (created
    afresh under the name given, then dropped), are gone at the end. The tests run a shorter
    fuzz through the same code (``tests/api/test_fuzz.py``).

How to run it
    .venv/bin/python bench/fuzz_api.py                        # SQLite: about 5,000 requests
    .venv/bin/python bench/fuzz_api.py --database-url postgres://postgres@127.0.0.1:5432/migforum_fuzz
                                                              # SQLite, then PostgreSQL
    .venv/bin/python bench/fuzz_api.py --engines postgresql --database-url …
    .venv/bin/python bench/fuzz_api.py --phases fuzzing,stateful --max-examples 5   # a short run
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_load  # noqa: E402  (the benchmark helpers beside this file)
import scratch_database  # noqa: E402

ROLES = ("anonymous", "focal_point", "secretariat")
ENGINES = ("sqlite", "postgresql")
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)
#: schemathesis's failure types that are not about the description (the 5xx are counted from
#: the responses themselves).
SERVER_ERROR_TYPES = {"ServerError"}
OPENAPI_PATH = "/api/v1/openapi.json"
#: A workaround for the tool on this interpreter, loaded into schemathesis (see the file).
HOOKS = Path(__file__).resolve().parent / "fuzz_hooks.py"


@dataclass
class RoleRun:
    """What one schemathesis run sent and found."""

    engine: str
    role: str
    requests: int = 0
    server_errors: int = 0
    violations: int = 0
    failures: list[dict] = field(default_factory=list)
    run_errors: list[str] = field(default_factory=list)
    exit_code: int = 0

    @property
    def clean(self) -> bool:
        return not (self.server_errors or self.violations or self.run_errors)


# --- Command line ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Fuzz the API with schemathesis (see the module docstring).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="a PostgreSQL database to create afresh, fuzz and drop (its name is used as is)",
    )
    parser.add_argument(
        "--engines",
        default=None,
        help="comma-separated, among: sqlite, postgresql (default: sqlite, and postgresql "
        "when --database-url is given)",
    )
    parser.add_argument(
        "--roles", default=",".join(ROLES), help=f"comma-separated, among: {', '.join(ROLES)}"
    )
    parser.add_argument(
        "--max-examples",
        type=int,
        default=10,
        help="examples per operation and phase (the coverage phase sends its own ~2,000 "
        "requests per run whatever this is)",
    )
    parser.add_argument(
        "--phases",
        default="examples,coverage,fuzzing,stateful",
        help="schemathesis's phases: examples, coverage, fuzzing, stateful",
    )
    parser.add_argument("--seed", type=int, default=20061129, help="schemathesis's seed")
    parser.add_argument("--st-workers", type=int, default=2, help="schemathesis's workers")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--server-threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--startup-timeout", type=float, default=60.0)
    parser.add_argument("--keep", type=Path, default=None, help="keep reports and logs here")
    parser.add_argument("--accounts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    engines = args.engines or ("sqlite,postgresql" if args.database_url else "sqlite")
    args.engines = [e.strip() for e in engines.split(",") if e.strip()]
    args.roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    if unknown := set(args.engines) - set(ENGINES):
        parser.error(f"unknown engines: {', '.join(sorted(unknown))}")
    if unknown := set(args.roles) - set(ROLES):
        parser.error(f"unknown roles: {', '.join(sorted(unknown))}")
    if "postgresql" in args.engines and not args.database_url:
        parser.error("--engines postgresql needs --database-url")
    return args


# --- The installation's accounts ------------------------------------------------------------


def create_accounts() -> dict[str, str]:
    """Inside the installation (Django set up): a focal point of Morocco and a member of the
    secretariat with an authenticator, each with an API token; their keys by role."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from migforum.accounts.models import Role, User
    from migforum.accounts.services import api_token_create
    from migforum.members.models import Organization, State

    focal_point = User.objects.create_user(
        username="fuzz.focal@example.org", email="fuzz.focal@example.org"
    )
    Role.objects.create(user=focal_point, kind="focal_point", state=State.objects.get(iso3="MAR"))
    secretariat = User.objects.create_user(
        username="fuzz.chair@example.org", email="fuzz.chair@example.org"
    )
    Role.objects.create(
        user=secretariat,
        kind="secretariat",
        organization=Organization.objects.get(slug="gfmd-support-unit"),
    )
    TOTPDevice.objects.create(user=secretariat, name="phone", confirmed=True)
    keys = {}
    for role, user in (("focal_point", focal_point), ("secretariat", secretariat)):
        # As from a session that passed the second factor, which the secretariat's token needs.
        _token, keys[role] = api_token_create(user=user, name="fuzz", second_factor=True)
    return keys


def installation_accounts(env: dict[str, str]) -> dict[str, str]:
    completed = subprocess.run(
        [sys.executable, __file__, "--accounts"],
        env={**env, "DJANGO_SETTINGS_MODULE": "migforum.settings.base"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if completed.returncode != 0:
        raise http_load.ServerError(f"the fuzzing accounts were not created:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- schemathesis ---------------------------------------------------------------------------


def st_executable() -> str:
    beside_python = Path(sys.executable).parent / "st"
    found = str(beside_python) if beside_python.exists() else shutil.which("st")
    if found is None:
        raise http_load.ServerError("schemathesis is not installed: pip install -e '.[test]'")
    return found


def run_schemathesis(
    args: argparse.Namespace, port: int, engine: str, role: str, key: str | None, out: Path
) -> RoleRun:
    out.mkdir(parents=True, exist_ok=True)
    command = [
        st_executable(),
        "run",
        f"http://{http_load.HOST}:{port}{OPENAPI_PATH}",
        "--checks",
        ",".join(CHECKS),
        "--phases",
        args.phases,
        "--max-examples",
        str(args.max_examples),
        "--seed",
        str(args.seed),
        "--workers",
        str(args.st_workers),
        "--request-timeout",
        "60",
        "--no-shrink",
        "--suppress-health-check",
        "all",
        "--report",
        "har,json",
        "--report-dir",
        str(out),
    ]
    if key:
        command += ["--header", f"Authorization: Bearer {key}"]
    http_load.progress(f"{engine}, {role}: schemathesis, {args.max_examples} examples")
    with (out / "schemathesis.log").open("w") as log:
        completed = subprocess.run(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
            env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": str(HOOKS)},
            cwd=out,  # where schemathesis keeps its cache of failures to replay
        )
    run = RoleRun(engine=engine, role=role, exit_code=completed.returncode)
    har = next(out.glob("har-*.json"), None)
    report = next(out.glob("json-*.json"), None)
    if har is None or report is None:
        run.run_errors.append(f"schemathesis wrote no report (exit {completed.returncode})")
        return run
    entries = json.loads(har.read_text())["log"]["entries"]
    run.requests = len(entries)
    run.server_errors = sum(1 for e in entries if e["response"]["status"] >= 500)
    summary = json.loads(report.read_text())
    run.failures = summary.get("failures", [])
    run.violations = sum(
        f["count"] for f in run.failures if f.get("type") not in SERVER_ERROR_TYPES
    )
    run.run_errors += [str(e)[:300] for e in summary.get("errors", [])]
    if not summary.get("complete", False):
        run.run_errors.append(f"the run did not complete: {summary.get('stop_reason')}")
    return run


# --- One engine -----------------------------------------------------------------------------


def fuzz_engine(args: argparse.Namespace, engine: str, work_dir: Path) -> list[RoleRun]:
    database_url = args.database_url if engine == "postgresql" else None
    engine_dir = work_dir / engine
    engine_dir.mkdir(parents=True, exist_ok=True)
    log_path = engine_dir / "server.log"
    env = http_load.server_environment(engine_dir / "var", database_url)
    migforum = http_load.migforum_executable()
    if database_url:
        scratch_database.fresh_postgres(database_url)
    try:
        started = time.perf_counter()
        http_load.prepare_installation(migforum, env, log_path)
        keys: dict[str, str | None] = {"anonymous": None, **installation_accounts(env)}
        http_load.progress(
            f"{engine}: installation prepared in {time.perf_counter() - started:.0f} s"
        )
        port = http_load.free_port()
        with http_load.running_server(migforum, env, args, port, log_path) as server:
            http_load.wait_until_live(server, port, args.startup_timeout)
            return [
                run_schemathesis(args, port, engine, role, keys[role], engine_dir / role)
                for role in args.roles
            ]
    finally:
        if database_url:
            scratch_database.drop_postgres(database_url)


# --- Report ---------------------------------------------------------------------------------


def report(runs: list[RoleRun], work_dir: Path) -> None:
    print(f"\nschemathesis {schemathesis_version()} against {OPENAPI_PATH}")
    print(f"checks: {', '.join(CHECKS)}")
    print(f"{'engine':<11} {'role':<12} {'requests':>9} {'5xx':>6} {'schema violations':>18}")
    for run in runs:
        print(
            f"{run.engine:<11} {run.role:<12} {run.requests:>9,} {run.server_errors:>6} "
            f"{run.violations:>18}"
        )
    print(
        f"{'all':<11} {'':<12} {sum(r.requests for r in runs):>9,} "
        f"{sum(r.server_errors for r in runs):>6} {sum(r.violations for r in runs):>18}"
    )
    for run in runs:
        if run.clean:
            continue
        print(f"\n{run.engine}, {run.role}:")
        for failure in run.failures:
            operations = ", ".join(failure.get("operations", []))
            print(
                f"  {failure.get('code')} {failure.get('title')} × {failure['count']}: {operations}"
            )
        for error in run.run_errors:
            print(f"  error: {error}")
        log = work_dir / run.engine / run.role / "schemathesis.log"
        print(http_load.log_tail(log, 80))


def schemathesis_version() -> str:
    from importlib.metadata import version

    return version("schemathesis")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.accounts:
        import django

        django.setup()
        print(json.dumps(create_accounts()))
        return 0
    signal.signal(signal.SIGTERM, http_load.exit_on_sigterm)
    work_dir = args.keep or Path(tempfile.mkdtemp(prefix="migforum-fuzz-"))
    runs: list[RoleRun] = []
    try:
        for engine in args.engines:
            runs += fuzz_engine(args, engine, work_dir)
        report(runs, work_dir)
    except http_load.ServerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work_dir, ignore_errors=True)
    return 0 if runs and all(run.clean for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
