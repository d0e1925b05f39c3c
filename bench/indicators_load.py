"""Price indicators at scale: recomputing every price indicator over millions of quotes, against
the same aggregations written directly in DuckDB over the same data.

What it measures
    A fresh installation (``migforum migrate``) receives the shipped World Bank–KNOMAD bilateral
    remittance estimates (through the import, so they weigh the weighted average) and one
    Remittance Prices Worldwide quote dataset of ``--quotes`` generated quotes. The corridors
    are the 367 the shipped DataBank export prices in 2020Q3, each around its real average
    cost, over the 40 quarters 2011Q1–2020Q4; each quote falls in a corridor and quarter drawn
    at random, so a corridor and quarter has ``quotes / 14,680`` services on average (seeded,
    so runs are repeatable). About 7% of the services do not disclose their exchange rate
    (their total is unknown, as the importer stores it) and three in four are priced for
    USD 500 as well.

    The quotes are written by the database's own bulk path, outside the ORM: on SQLite one
    ``executemany`` of prepared inserts per 100,000 rows in one transaction, with
    the model's indexes created after the load; on PostgreSQL ``COPY … FROM STDIN``. The same
    rows go to a CSV file that DuckDB reads into a table of its own (not timed).

    Timed, ``--runs`` times each, medians printed:

    - ``prices_recompute``: the platform deletes and recomputes every price indicator of every
      price dataset in one transaction (corridor averages for USD 200 and 500, the global
      average over quotes, SmaRT, regional, weighted, shares, SDG 10.c.1) and writes them;
      its computation alone (``price_indicators``, no writes) is timed too;
    - DuckDB: the same aggregations in SQL over the same quotes, results fetched into Python.

    Last, every value DuckDB computed is compared with what the platform stored.

How to run it
    .venv/bin/python bench/indicators_load.py                      # 10,000,000 quotes, SQLite
    .venv/bin/python bench/indicators_load.py --quotes 200000 --runs 1
    .venv/bin/python bench/indicators_load.py \\
        --database-url postgres://postgres@127.0.0.1:5432/migforum_bench_indicators

    Everything happens in a temporary directory, deleted at the end (10,000,000 quotes take
    about 3 GB in SQLite and 1.5 GB as CSV). With ``--database-url`` the named PostgreSQL
    database (its name must contain "bench") is created afresh and dropped at the end; it is
    vacuumed and analysed after the load, as autovacuum would.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_database import database_name, scratch_installation  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "migforum" / "evidence" / "data"
CORRIDORS_FILE = DATA / "wb_rpw_corridors_databank_2011Q1_2020Q3_raw.csv"
BILATERAL_FILE = DATA / "wb_knomad_bilateral_remittance_estimates_2017_apr2018.xlsx"
QUARTERS = [f"{year}Q{quarter}" for year in range(2011, 2021) for quarter in range(1, 5)]
CHUNK = 100_000
FIRM_TYPES = ["Bank", "Money Transfer Operator", "Post office", "Mobile operator"]
PRODUCTS = ["Cash to cash", "Account to account", "Online to cash", "Mobile to mobile"]
SPEEDS = ["Less than one hour", "Same day", "Next day", "2 days", "3-5 days", "6 days or more"]


def real_corridors() -> list[tuple[str, str, float]]:
    """(sending, receiving, average cost over the quarters surveyed) of every corridor the
    DataBank export prices in 2020Q3."""
    corridors = []
    with CORRIDORS_FILE.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        last = next(i for i, name in enumerate(header) if name.startswith("2020Q3"))
        for row in rows:
            if len(row) <= last or row[3] != "ATCR.CORR" or row[last] == "..":
                continue
            costs = [float(cell) for cell in row[6:] if cell not in ("", "..")]
            corridors.append((row[1], row[5], sum(costs) / len(costs)))
    return corridors


def generate(count: int, seed: int, dataset_id: int) -> Iterator[list[tuple]]:
    """`count` quotes in chunks, as tuples: the dataset id, then the quote's fields in the
    order of the open data (`migforum.evidence.opendata.QUOTE_FIELDS`)."""
    rng = random.Random(seed)  # noqa: S311  generated data, not a secret
    corridors = real_corridors()
    # One currency per sending country: the amount of USD 200 in it.
    rates = {sender: rng.choice([0.8, 0.9, 1.0, 3.7, 20.0, 75.0]) for sender, _r, _c in corridors}
    firms = [f"Service {number:02d}" for number in range(60)]
    chunk: list[tuple] = []
    for _number in range(count):
        sender, receiver, level = corridors[rng.randrange(len(corridors))]
        quarter = rng.randrange(len(QUARTERS))
        period = QUARTERS[quarter]
        # Prices fall over the decade, about 2% of their level a year.
        typical = level * (1 + 0.005 * (len(QUARTERS) // 2 - quarter))
        transparent = rng.random() > 0.07
        amount_200 = 200 * rates[sender]
        total_200 = max(0.2, typical * rng.uniform(0.3, 1.9))
        margin_200 = total_200 * rng.uniform(0.0, 0.6)
        fee_200 = (total_200 - margin_200) / 100 * amount_200
        priced_500 = rng.random() < 0.75
        if priced_500:
            amount_500 = 500 * rates[sender]
            total_500 = total_200 * rng.uniform(0.5, 0.9)
            margin_500 = min(margin_200, total_500)
            fee_500 = (total_500 - margin_500) / 100 * amount_500
        chunk.append(
            (
                dataset_id,
                period,
                int(period[:4]),
                sender,
                receiver,
                rng.choice(firms),
                rng.choice(FIRM_TYPES),
                rng.choice(PRODUCTS),
                round(amount_200, 2),
                round(fee_200, 2),
                round(margin_200, 4) if transparent else None,
                round(total_200, 4) if transparent else None,
                round(amount_500, 2) if priced_500 else None,
                round(fee_500, 2) if priced_500 else None,
                round(margin_500, 4) if priced_500 and transparent else None,
                round(total_500, 4) if priced_500 and transparent else None,
                transparent,
                rng.choice(SPEEDS),
            )
        )
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def load_quotes(args: argparse.Namespace, dataset_id: int, csv_path: Path) -> float:
    """Write the generated quotes to the platform's database and to a CSV file for DuckDB;
    returns the seconds taken."""
    from django.db import connection, transaction

    from migforum.evidence.models import RemittanceQuote
    from migforum.evidence.opendata import QUOTE_FIELDS

    columns = ["dataset_id", *QUOTE_FIELDS]
    table = RemittanceQuote._meta.db_table
    indexes = RemittanceQuote._meta.indexes
    started = time.perf_counter()
    written = 0
    with connection.schema_editor() as editor:
        # Building the indexes once after the load is faster than keeping them up to date.
        for index in indexes:
            editor.remove_index(RemittanceQuote, index)
    with transaction.atomic(), csv_path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(columns)
        raw = connection.connection
        for chunk in generate(args.quotes, args.seed, dataset_id):
            if connection.vendor == "postgresql":
                with raw.cursor() as cursor:
                    names = ", ".join(columns)
                    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # noqa: S608
                        for row in chunk:
                            copy.write_row(row)
            else:
                marks = ", ".join("?" for _column in columns)
                raw.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                    chunk,
                )
            out.writerows(chunk)
            written += len(chunk)
            if written % 1_000_000 == 0 or written == args.quotes:
                seconds = time.perf_counter() - started
                print(f"  {written:,} quotes ({seconds:.0f} s)", flush=True)
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.add_index(RemittanceQuote, index)
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load on PostgreSQL: besides the statistics, the
        # visibility map, without which no index answers a query alone.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


def duckdb_load(csv_path: Path, duck_path: Path) -> object:
    """The quotes, the M49 regions and the bilateral weights as DuckDB tables."""
    import duckdb

    from migforum.evidence.indicators import bilateral_weights, m49_regions

    con = duckdb.connect(str(duck_path))
    con.execute(
        "CREATE TABLE quotes AS SELECT row_number() OVER () AS id, * FROM read_csv(?, "
        "header = true, nullstr = '', columns = {"
        "'dataset_id': 'INTEGER', 'period': 'VARCHAR', 'year': 'INTEGER', "
        "'source_code': 'VARCHAR', 'destination_code': 'VARCHAR', 'firm': 'VARCHAR', "
        "'firm_type': 'VARCHAR', 'product': 'VARCHAR', 'amount_200_lcu': 'DOUBLE', "
        "'fee_200_lcu': 'DOUBLE', 'fx_margin_200': 'DOUBLE', 'total_cost_200': 'DOUBLE', "
        "'amount_500_lcu': 'DOUBLE', 'fee_500_lcu': 'DOUBLE', 'fx_margin_500': 'DOUBLE', "
        "'total_cost_500': 'DOUBLE', 'transparent': 'BOOLEAN', 'speed': 'VARCHAR'})",
        [str(csv_path)],
    )
    regions, weights = duck_path.with_name("regions.csv"), duck_path.with_name("weights.csv")
    with regions.open("w", newline="") as handle:
        csv.writer(handle).writerows(
            [("iso3", "code")] + [(iso3, region.code) for iso3, region in m49_regions().items()]
        )
    with weights.open("w", newline="") as handle:
        csv.writer(handle).writerows(
            [("s", "d", "w")] + [(s, d, w) for (s, d), w in bilateral_weights().items()]
        )
    con.execute("CREATE TABLE regions AS SELECT * FROM read_csv(?, header = true)", [str(regions)])
    con.execute("CREATE TABLE weights AS SELECT * FROM read_csv(?, header = true)", [str(weights)])
    return con


#: The platform's price indicators over quotes, in DuckDB's SQL: indicator → query giving
#: (country, partner, period, value) rows.
DUCKDB_QUERIES = {
    "remittance_cost": "SELECT s, d, period, c200 FROM corridor WHERE c200 IS NOT NULL",
    "remittance_cost_500": "SELECT s, d, period, c500 FROM corridor WHERE c500 IS NOT NULL",
    "remittance_cost_global": (
        "SELECT 'WLD', '', period, avg(total_cost_200) FROM quotes "
        "WHERE total_cost_200 IS NOT NULL GROUP BY period"
    ),
    "smart_cost": (
        "SELECT s, d, period, avg(t) FROM ("
        "  SELECT source_code s, destination_code d, period, total_cost_200 t, row_number() "
        "  OVER (PARTITION BY source_code, destination_code, period "
        "        ORDER BY total_cost_200, id) AS rank"
        "  FROM quotes WHERE transparent AND total_cost_200 IS NOT NULL"
        ") WHERE rank <= 3 GROUP BY s, d, period HAVING count(*) = 3"
    ),
    "remittance_cost_by_sending_region": (
        "SELECT r.code, '', period, avg(c200) FROM corridor JOIN regions r ON r.iso3 = s "
        "WHERE c200 IS NOT NULL GROUP BY r.code, period"
    ),
    "remittance_cost_by_receiving_region": (
        "SELECT r.code, '', period, avg(c200) FROM corridor JOIN regions r ON r.iso3 = d "
        "WHERE c200 IS NOT NULL GROUP BY r.code, period"
    ),
    "remittance_cost_weighted": (
        "SELECT 'WLD', '', period, sum(c200 * w) / sum(w) FROM corridor JOIN weights "
        "USING (s, d) WHERE c200 IS NOT NULL AND w > 0 GROUP BY period"
    ),
    "corridors_above_5": (
        "SELECT 'WLD', '', period, 100 * avg(CASE WHEN c200 > 5 THEN 1 ELSE 0 END) "
        "FROM corridor WHERE c200 IS NOT NULL GROUP BY period"
    ),
    "corridors_below_3": (
        "SELECT 'WLD', '', period, 100 * avg(CASE WHEN c200 < 3 THEN 1 ELSE 0 END) "
        "FROM corridor WHERE c200 IS NOT NULL GROUP BY period"
    ),
    "remittance_cost_to_country": (
        "SELECT d, '', CAST(year AS VARCHAR), avg(c200) FROM corridor "
        "WHERE period LIKE '%Q3' AND c200 IS NOT NULL GROUP BY d, year"
    ),
}


def duckdb_indicators(con: object) -> dict[str, list[tuple]]:
    """Every price indicator computed by DuckDB, fetched into Python."""
    con.execute(  # type: ignore[attr-defined]
        "CREATE OR REPLACE TEMP TABLE corridor AS SELECT source_code s, destination_code d, "
        "period, year, avg(total_cost_200) c200, avg(total_cost_500) c500 FROM quotes "
        "GROUP BY ALL"
    )
    return {
        indicator: con.execute(query).fetchall()  # type: ignore[attr-defined]
        for indicator, query in DUCKDB_QUERIES.items()
    }


def compare(platform: dict[tuple, float], duck: dict[str, list[tuple]]) -> tuple[int, int]:
    """How many of DuckDB's values the platform stored alike (to 1e-9), out of how many."""
    agree = total = 0
    for indicator, rows in duck.items():
        for country, partner, period, value in rows:
            total += 1
            stored = platform.get((indicator, country, partner, period))
            agree += stored is not None and abs(stored - value) <= 1e-9 * max(1.0, abs(value))
    return agree, total


def timed(function: object, runs: int) -> tuple[float, object]:
    seconds, result = [], None
    for _run in range(runs):
        began = time.perf_counter()
        result = function()  # type: ignore[operator]
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each side")
    parser.add_argument("--seed", type=int, default=2006)
    parser.add_argument("--database-url", default="", help="a PostgreSQL database to use")
    args = parser.parse_args()
    if args.database_url and "bench" not in database_name(args.database_url):
        parser.error("the database is dropped afterwards: its name must contain 'bench'")

    with scratch_installation("migforum-bench-indicators-", args.database_url) as var_dir:
        return run(args, var_dir)


def run(args: argparse.Namespace, var_dir: Path) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from migforum.core.choices import ImportStatus
    from migforum.evidence.choices import DatasetKind
    from migforum.evidence.indicators import price_indicators, prices_recompute
    from migforum.evidence.models import Dataset, Observation
    from migforum.evidence.services import data_import_request, data_import_run

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    flows = data_import_run(
        data_import=data_import_request(path=BILATERAL_FILE, by=None, enqueue=False)
    )
    assert flows.status == ImportStatus.DONE, flows.error
    print(
        f"installation ready with the bilateral remittances in "
        f"{time.perf_counter() - started:.0f} s ({connection.vendor})"
    )
    dataset = Dataset.objects.create(
        kind=DatasetKind.PRICE_QUOTES,
        publisher="World Bank",
        title="Remittance Prices Worldwide: prices of remittance services (generated)",
        vintage="2011Q1–2020Q4",
        licence="CC BY 4.0",
        file="evidence/generated.csv",
        file_name="generated.csv",
        sha256="0" * 64,
        imported_at=timezone.now(),
    )
    csv_path = var_dir / "quotes.csv"
    print(f"writing {args.quotes:,} quotes")
    seconds = load_quotes(args, dataset.pk, csv_path)
    print(f"wrote {args.quotes:,} quotes in {seconds:.0f} s ({args.quotes / seconds:,.0f}/s)")
    started = time.perf_counter()
    duck = duckdb_load(csv_path, var_dir / "quotes.duckdb")
    print(f"DuckDB read the same quotes in {time.perf_counter() - started:.0f} s (not timed)\n")

    platform_seconds, computed = timed(lambda: prices_recompute(by=None), args.runs)
    compute_seconds, _rows = timed(lambda: price_indicators(dataset), args.runs)
    duck_seconds, duck_rows = timed(lambda: duckdb_indicators(duck), args.runs)

    stored = {
        (indicator, country, partner, period): value
        for indicator, country, partner, period, value in Observation.objects.filter(
            dataset=dataset
        ).values_list("indicator", "country", "partner", "period", "value")
    }
    agree, total = compare(stored, duck_rows)  # type: ignore[arg-type]
    values = computed[dataset.pk]  # type: ignore[index]
    print(f"{'':<44} {'median s':>9}")
    print(f"{'prices_recompute (compute, delete, write)':<44} {platform_seconds:>9.2f}")
    print(f"{'  of which computing (price_indicators)':<44} {compute_seconds:>9.2f}")
    print(f"{'DuckDB, the same aggregations':<44} {duck_seconds:>9.2f}")
    print(
        f"\n{args.quotes:,} quotes, {connection.vendor}, median of {args.runs} runs: "
        f"prices_recompute {platform_seconds:.2f} s for {values:,} values; DuckDB "
        f"{duck_seconds:.2f} s; ratio {platform_seconds / duck_seconds:.1f}× "
        f"(computing alone {compute_seconds / duck_seconds:.1f}×)"
    )
    print(f"DuckDB's {total:,} values agree with the platform's: {agree:,}")
    return 0 if agree == total == values else 1


if __name__ == "__main__":
    sys.exit(main())
