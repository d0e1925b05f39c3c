"""Per-page profile: where one request to each public page spends its time.

What it measures
    For every URL of ``bench/pages_load.py`` (a rotating one with its first value), requested
    in-process through Django's test client by an anonymous reader, after one warm-up request:

    * the wall time of a request (median of ``--repeat``), and the warm-up's;
    * the SQL queries of one request: how many, and their total time (executing them and
      fetching their rows);
    * the time spent rendering templates (outermost `Template.render` calls, so an include is
      counted once), and how much of it was SQL run from the templates (querysets evaluated
      while rendering);
    * the ``--top`` functions by own time, or with ``--by cumulative`` by the time spent in
      them and what they call (cProfile, over ``--repeat`` more requests, per
      request).

    One block per URL, then a table of the figures side by side: for each page, what
    dominated. Pages are served as the server serves them, from the cache where the platform
    caches them; ``--cold`` empties the cache before every request, to see what building the
    page costs.

How it works
    The installation is the one ``bench/pages_load.py`` prepares, in the same layout: with
    ``--keep-var-dir PATH`` an installation that benchmark prepared is reused (or prepared
    there, if PATH is empty); without it a temporary one is prepared and removed at the end.
    ``--database-url`` uses PostgreSQL as pages_load does. Django is then set up in this
    process on that installation, with the server's environment; nothing else is started.

How to run it
    .venv/bin/python bench/page_profile.py --keep-var-dir /tmp/pages-var
    .venv/bin/python bench/page_profile.py --keep-var-dir /tmp/pages-var --only /evidence/ --cold
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_load  # noqa: E402  (the benchmark helpers beside this file)
import pages_load  # noqa: E402

#: Where the profiled code lives, shortened in the listing.
PATH_PREFIXES = (str(pages_load.ROOT / "src") + "/", "/site-packages/", "/lib/python3.11/")


@dataclass
class Meter:
    """SQL and template time of the requests made while it is installed."""

    queries: int = 0
    sql_s: float = 0.0
    template_s: float = 0.0
    sql_in_templates_s: float = 0.0
    #: How many template renders are running: only the outermost one is timed.
    depth: int = 0

    def reset(self) -> None:
        self.queries = 0
        self.sql_s = self.template_s = self.sql_in_templates_s = 0.0

    def sql(self, execute, sql, params, many, context):  # noqa: ANN001, ANN201  Django's signature
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries += 1
            self.add_sql_time(time.perf_counter() - started)

    def add_sql_time(self, elapsed: float) -> None:
        self.sql_s += elapsed
        if self.depth:
            self.sql_in_templates_s += elapsed


@dataclass
class Profile:
    path: str
    kind: str
    status: int
    size: int
    warmup_ms: float
    wall_ms: float
    queries: int
    sql_ms: float
    template_ms: float
    sql_in_templates_ms: float
    #: What `top` is ranked by: "own" or "cumulative" time.
    by: str
    #: (ms per request, calls per request, where)
    top: list[tuple[float, float, str]]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Profile one request to each public page (see the module docstring).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--keep-var-dir",
        type=Path,
        default=None,
        help="the installation prepared by bench/pages_load.py (prepared there if empty)",
    )
    parser.add_argument("--database-url", default=None, help="PostgreSQL, as pages_load takes it")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="SUBSTRING",
        help="profile only the URLs whose label holds this (repeatable)",
    )
    parser.add_argument("--repeat", type=http_load.positive_int, default=5, help="requests timed")
    parser.add_argument("--top", type=http_load.positive_int, default=8, help="functions listed")
    parser.add_argument(
        "--by",
        choices=("own", "cumulative"),
        default="own",
        help="rank functions by their own time or by their time with what they call",
    )
    parser.add_argument("--cold", action="store_true", help="empty the cache before every request")
    return parser.parse_args(argv)


def start_django(env: dict[str, str]) -> None:
    """Django in this process, on the installation, with the server's environment."""
    for name in list(os.environ):
        if name.startswith(http_load.DROPPED_ENV_PREFIXES) or name in http_load.DROPPED_ENV_NAMES:
            del os.environ[name]
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "migforum.settings.base"
    import django

    django.setup()


def install_meter(meter: Meter) -> None:
    """Time every outermost template render, counting the SQL run inside it, and the
    fetching of rows, where SQLite does much of a query's work."""
    from django.db.backends.utils import CursorWrapper
    from django.template.base import Template

    def timed_fetch(name: str):  # noqa: ANN202
        def fetch(cursor: CursorWrapper, *args: object) -> object:
            started = time.perf_counter()
            try:
                with cursor.db.wrap_database_errors:
                    return getattr(cursor.cursor, name)(*args)
            finally:
                meter.add_sql_time(time.perf_counter() - started)

        return fetch

    for name in ("fetchone", "fetchmany", "fetchall"):
        setattr(CursorWrapper, name, timed_fetch(name))

    render = Template.render

    def timed_render(template, context):  # noqa: ANN001, ANN202
        if meter.depth:
            return render(template, context)
        meter.depth += 1
        started = time.perf_counter()
        try:
            return render(template, context)
        finally:
            meter.depth -= 1
            meter.template_s += time.perf_counter() - started

    Template.render = timed_render


def short(where: tuple[str, int, str]) -> str:
    file, line, function = where
    for prefix in PATH_PREFIXES:
        if prefix in file:
            file = file.split(prefix, 1)[1]
            break
    return f"{file}:{line} {function}" if line else function


def profile_page(page: pages_load.Page, args: argparse.Namespace, meter: Meter) -> Profile:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST=http_load.HOST)
    path = page.paths[0]

    def get():  # noqa: ANN202
        if args.cold:
            cache.clear()
        return client.get(path)

    with connection.execute_wrapper(meter.sql):
        started = time.perf_counter()
        response = get()
        warmup_ms = (time.perf_counter() - started) * 1e3
        walls, figures = [], []
        for _ in range(args.repeat):
            meter.reset()
            started = time.perf_counter()
            response = get()
            walls.append((time.perf_counter() - started) * 1e3)
            figures.append((meter.queries, meter.sql_s, meter.template_s, meter.sql_in_templates_s))
        profiler = cProfile.Profile()
        for _ in range(args.repeat):
            if args.cold:
                cache.clear()
            profiler.enable()
            client.get(path)
            profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    # Each entry is (primitive calls, calls, own time, cumulative time, callers).
    column = 3 if args.by == "cumulative" else 2
    by_time = sorted(stats.items(), key=lambda item: item[1][column], reverse=True)
    return Profile(
        path=path,
        kind=page.kind,
        status=response.status_code,
        size=len(response.content),
        warmup_ms=warmup_ms,
        wall_ms=statistics.median(walls),
        queries=round(statistics.median(f[0] for f in figures)),
        sql_ms=statistics.median(f[1] for f in figures) * 1e3,
        template_ms=statistics.median(f[2] for f in figures) * 1e3,
        sql_in_templates_ms=statistics.median(f[3] for f in figures) * 1e3,
        by=args.by,
        top=[
            (entry[column] * 1e3 / args.repeat, entry[1] / args.repeat, short(where))
            for where, entry in by_time[: args.top]
        ],
    )


def print_block(p: Profile) -> None:
    print(f"== {p.path}  [{p.kind}]  HTTP {p.status}, {p.size / 1024:.1f} kB")
    print(f"   wall {p.wall_ms:.1f} ms (median; the warm-up request took {p.warmup_ms:.1f} ms)")
    print(
        f"   SQL: {p.queries} queries, {p.sql_ms:.1f} ms   templates: {p.template_ms:.1f} ms "
        f"(of which SQL run from them: {p.sql_in_templates_ms:.1f} ms)"
    )
    print(f"   {p.by} time per request (cProfile):")
    for own_ms, calls, where in p.top:
        print(f"   {own_ms:>8.2f} ms {calls:>9,.0f} calls  {where}")
    print()


def print_table(profiles: list[Profile]) -> None:
    width = max(len("URL"), *(len(p.path) for p in profiles))
    header = (
        f"{'URL':<{width}}  {'wall ms':>8}  {'queries':>7}  {'SQL ms':>7}  {'tmpl ms':>7}  "
        f"{'tmpl SQL ms':>11}  {'other ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for p in profiles:
        other = p.wall_ms - p.sql_ms - p.template_ms + p.sql_in_templates_ms
        print(
            f"{p.path:<{width}}  {p.wall_ms:>8.1f}  {p.queries:>7}  {p.sql_ms:>7.1f}  "
            f"{p.template_ms:>7.1f}  {p.sql_in_templates_ms:>11.1f}  {other:>8.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="migforum-page-profile-") as temp:
        try:
            with pages_load.installation(args, Path(temp)) as var_dir:
                env = http_load.server_environment(var_dir, args.database_url)
                ids = pages_load.ask_installation(env)
                measured = pages_load.chosen(
                    pages_load.pages(ids, pages_load.search_words()), args.only
                )
                start_django(env)
                meter = Meter()
                install_meter(meter)
                profiles = []
                for page in measured:
                    http_load.progress(f"profiling {page.paths[0]}")
                    profiles.append(profile_page(page, args, meter))
                from django.db import connections

                connections.close_all()
        except http_load.ServerError as error:
            print(f"bench/page_profile.py: {error}", file=sys.stderr)
            return 1
    print(
        f"database: {pages_load.describe_installation(args)}; cache: "
        + ("emptied before every request" if args.cold else "as served")
        + f"; {args.repeat} requests per figure, after one warm-up"
    )
    print()
    for p in profiles:
        print_block(p)
    print_table(profiles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
