"""`migforum backup` and `migforum restore`: a copy taken while the site writes restores into a
fresh installation with every row and every media file it counted."""

import hashlib
import json
import shutil
import subprocess
import time

import pytest

from migforum.evidence.reference import DATA_DIR

from .installation import BIN, stop, suite_postgres_url, wait_for

#: Writes as the site does while the backup runs: a stored file, its row and an audit event,
#: one after another, printing the time of each.
WRITER = """
import os, time
from pathlib import Path
from migforum.evidence.services import data_import_request
folder, stop = Path(os.environ["UPLOADS"]), Path(os.environ["STOP"])
number = 0
while not stop.exists():
    number += 1
    upload = folder / f"upload-{number}.csv"
    upload.write_text(f"destination,year,value\\nMAR,2020,{number}\\n")
    data_import_request(path=upload, by=None, enqueue=False)
    print(time.time(), flush=True)
"""

pytestmark = pytest.mark.skipif(
    bool(suite_postgres_url()) and shutil.which("pg_dump") is None,
    reason="PostgreSQL's client programs (pg_dump, pg_restore) are not installed",
)


def upload(site, tmp_path, label):
    """A file stored with its row, as the import page does."""
    path = tmp_path / f"{label}.csv"
    path.write_text(f"destination,year,value\nMAR,2020,{len(label)}\n")
    site.migforum(
        "shell",
        "--no-imports",
        "-c",
        "from pathlib import Path\n"
        "from migforum.evidence.services import data_import_request\n"
        f"data_import_request(path=Path({str(path)!r}), by=None, enqueue=False)\n",
    )


def writes_at(log):
    return [float(line) for line in log.read_text().split()]


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def media_files(root):
    return {
        path.relative_to(root).as_posix(): sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_a_backup_taken_while_the_site_writes_restores_into_a_fresh_installation(
    make_installation, tmp_path
):
    # given a site with evidence imported, and a process writing to it
    source = make_installation("backup_source")
    source.migforum(
        "import-data", str(DATA_DIR / "wb_rpw_corridors_databank_2011Q1_2020Q3_raw.csv")
    )
    uploads, stop_file = tmp_path / "uploads", tmp_path / "stop"
    uploads.mkdir()
    times = tmp_path / "writes.txt"
    writer = subprocess.Popen(  # noqa: S603
        [str(BIN / "migforum"), "shell", "--no-imports", "-c", WRITER],
        env={**source.env, "UPLOADS": str(uploads), "STOP": str(stop_file)},
        stdout=times.open("w"),
        stderr=(tmp_path / "writer.log").open("w"),
    )
    backup = tmp_path / "backup"
    try:
        wait_for(lambda: len(writes_at(times)) >= 5, 60, "the writer to start")
        # when the backup is taken meanwhile
        started = time.time()
        output = source.migforum("backup", str(backup))
        finished = time.time()
        wait_for(
            lambda: any(t > finished for t in writes_at(times)),
            60,
            "a write after the backup",
        )
    finally:
        stop_file.touch()
        stop(writer)
    writes = writes_at(times)
    during = [t for t in writes if started <= t <= finished]
    print(f"{len(writes)} writes in all, {len(during)} while the backup ran")
    assert during, "the backup should run while the site writes"
    assert "Backed up into" in output
    manifest = json.loads((backup / "manifest.json").read_text())
    # the copy is a moment of the writing: more than before it, less than after
    backed_up = manifest["tables"]["evidence_dataimport"]
    assert 1 + 5 <= backed_up < source.table_counts()["evidence_dataimport"]

    # then it restores into a fresh installation: a dry run first, changing nothing
    target = make_installation("backup_target", migrate=False)
    told = target.migforum("restore", str(backup))
    assert "Nothing was changed; add --apply to restore it." in told
    assert target.table_counts() == {}
    restored = target.migforum("restore", str(backup), "--apply")
    assert "Restored the backup of" in restored

    # with every table's rows and every media file as the backup counted them
    counts = target.table_counts()
    assert counts == manifest["tables"]
    assert counts["evidence_dataimport"] == backed_up
    assert media_files(target.media_root) == {
        name: facts["sha256"] for name, facts in manifest["media"].items()
    }
    # and every file a restored row names is there
    for (name,) in target.query("SELECT file FROM evidence_dataimport WHERE file <> ''"):
        assert (target.media_root / name).is_file(), name
    print(
        f"{len(counts)} tables, {sum(counts.values()):,} rows and "
        f"{len(manifest['media'])} media files restored"
    )


def test_restore_refuses_an_installation_that_holds_data_unless_forced(make_installation, tmp_path):
    site = make_installation("backup_forced")
    site.migforum(
        "import-data", str(DATA_DIR / "wdi_SI.RMT.COST.OB.ZS_cost_from_country_2023-05-10_long.csv")
    )
    backup = tmp_path / "backup"
    site.migforum("backup", str(backup))
    site.migforum(
        "import-data", str(DATA_DIR / "wdi_SI.RMT.COST.IB.ZS_cost_to_country_2023-05-10_long.csv")
    )
    after = site.table_counts()

    refused = site.attempt("restore", str(backup), "--apply")

    assert refused.returncode == 1
    assert "This installation holds data" in refused.stderr
    assert "add --force" in refused.stderr
    assert site.table_counts() == after

    site.migforum("restore", str(backup), "--apply", "--force")

    manifest = json.loads((backup / "manifest.json").read_text())
    assert site.table_counts() == manifest["tables"]
    assert media_files(site.media_root) == {
        name: facts["sha256"] for name, facts in manifest["media"].items()
    }


def test_a_damaged_backup_is_refused_before_anything_is_touched(make_installation, tmp_path):
    site = make_installation("backup_damaged")
    site.migforum(
        "import-data", str(DATA_DIR / "wdi_SI.RMT.COST.OB.ZS_cost_from_country_2023-05-10_long.csv")
    )
    backup = tmp_path / "backup"
    site.migforum("backup", str(backup))
    (stored,) = [path for path in (backup / "media").rglob("*") if path.is_file()]
    stored.write_bytes(stored.read_bytes() + b"\n")
    target = make_installation("backup_damaged_target", migrate=False)

    refused = target.attempt("restore", str(backup), "--apply")

    assert refused.returncode == 1
    assert "is damaged, nothing was restored" in refused.stderr
    assert "does not match its checksum" in refused.stderr
    assert target.table_counts() == {}
    assert not target.media_root.exists()


def test_a_backup_goes_into_a_new_directory(make_installation, tmp_path):
    site = make_installation("backup_occupied", migrate=False)
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "something").write_text("")

    refused = site.attempt("backup", str(occupied))

    assert refused.returncode == 1
    assert "is not an empty directory" in refused.stderr
