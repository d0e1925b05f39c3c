"""Writes to the evidence: requesting an import, running it, removing a dataset.

An import is two steps. Reading the file happens outside any transaction, reporting progress
on the `DataImport` as it goes; nothing is written but the progress. Writing the release then
happens in one transaction: the dataset, its areas, observations and quotes, and the
indicators computed from them. A file that fails at either step leaves the evidence as it was.
Once the release is written, the search index follows (`search_documents.refresh_after`).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migforum.core.audit import record_create, record_delete
from migforum.core.choices import ImportStatus
from migforum.core.import_requests import (
    JobProgress,
    Progress,
    import_request_queue,
    no_progress,
    unexpected_error,
)
from migforum.core.permissions import Action, require

from .choices import Indicator
from .importers import DataFileError, Obs, Release, importer_for
from .indicators import computed_indicators, prices_recompute
from .models import Area, DataImport, Dataset, Observation, RemittanceQuote
from .search_documents import refresh_after

BATCH = 5_000


def file_digest(path: Path | str) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def data_import_request(
    *,
    path: Path,
    by: Any,
    kind: str = "",
    name: str = "",
    vintage_date: datetime.date | None = None,
    enqueue: bool = True,
) -> DataImport:
    """Keep a copy of the file and queue its import; the background task runs it. `by=None`
    is the operator of the installation at the command line, who needs no account.
    `vintage_date` is the release date of a file that does not say which release it is."""
    if by is not None:
        require(by, Action.IMPORT_DATA)
    from .tasks import import_file

    data_import = DataImport(
        file_name=(name or path.name)[-255:],
        sha256=file_digest(path),
        kind=kind,
        vintage_date=vintage_date,
    )
    with path.open("rb") as handle:
        import_request_queue(
            request=data_import, file=File(handle), by=by, task=import_file if enqueue else None
        )
    return data_import


def data_import_run(*, data_import: DataImport, progress: Progress = no_progress) -> DataImport:
    """Read the requested file and write it as a dataset; a file already imported changes
    nothing. Any error ends the import as failed, with the error saved for the page; an
    unexpected one is raised again for the task queue's record."""
    report = _ProgressReport(data_import, also=progress)
    try:
        report.stage(ImportStatus.RUNNING, _("Reading the file"))
        existing = Dataset.objects.filter(sha256=data_import.sha256).first()
        if existing is not None:
            return report.finish(ImportStatus.UNCHANGED, dataset=existing)
        with _local_copy(data_import) as path:
            importer = importer_for(path, data_import.kind)
            release = importer.read(path, report)
        if not release.observations and not release.quotes:
            raise DataFileError(_("The file holds no values."))
        _place_in_series(release, data_import.vintage_date)
        report.stage(ImportStatus.RUNNING, _("Saving"))
        dataset = _write(data_import=data_import, importer=importer, release=release, report=report)
    except DataFileError as error:
        return report.finish(ImportStatus.FAILED, error=str(error))
    except Exception as error:
        report.finish(ImportStatus.FAILED, error=unexpected_error(error))
        raise
    except BaseException:
        # The worker is being stopped in the middle of the import.
        report.finish(ImportStatus.FAILED, error=str(INTERRUPTED))
        raise
    return report.finish(ImportStatus.DONE, dataset=dataset)


#: Why an import that its worker dropped ended.
INTERRUPTED = gettext_lazy(
    "Interrupted: the background worker stopped while importing this file. Import it again."
)


def data_import_interrupt(*, data_import_id: int) -> None:
    """End as failed an import whose worker died while it was waiting or running, and remove
    its copy of the upload. An import that ended meanwhile is left as it is, and one whose
    dataset was written before the worker died is done."""
    data_import = DataImport.objects.filter(
        pk=data_import_id, status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]
    ).first()
    if data_import is None:
        return
    report = _ProgressReport(data_import, also=no_progress)
    written = _dataset_holding(data_import.file.name)
    if written is not None:
        report.finish(ImportStatus.DONE, dataset=written)
    else:
        report.finish(ImportStatus.FAILED, error=str(INTERRUPTED))


def _dataset_holding(stored: str | None) -> Dataset | None:
    return Dataset.objects.filter(file=stored).first() if stored else None


def _place_in_series(release: Release, given: datetime.date | None) -> None:
    """Which release of its series the file is: what the file says (a release date, or the
    year or period the publisher names it for), else the release date the person importing
    gave. Import order never decides it, so a file that says nothing needs that date."""
    if release.vintage_date or release.named_period_end:
        if given is not None and given != release.vintage_date:
            release.notes.append(
                _(
                    "The release date given at import (%(date)s) was not used: the file says "
                    "which release it is."
                )
                % {"date": given.isoformat()}
            )
        return
    if given is None:
        raise DataFileError(
            _(
                "The file does not say which release it is: it gives no release date and names "
                "no revision. Give its release date: --vintage-date YYYY-MM-DD with "
                "“migforum import-data”, or “Release date” on the import form."
            )
        )
    release.vintage_date = given
    release.vintage = release.vintage or given.isoformat()


@transaction.atomic
def _write(
    *, data_import: DataImport, importer: Any, release: Release, report: _ProgressReport
) -> Dataset:
    dataset = record_create(
        model=Dataset,
        by=data_import.requested_by,
        data={
            "kind": importer.kind,
            "publisher": importer.publisher,
            "title": importer.title,
            "vintage": release.vintage,
            "vintage_date": release.vintage_date,
            "named_period_end": release.named_period_end,
            "licence": importer.licence,
            "source_url": importer.source_url,
            "citation": importer.citation,
            "file": data_import.file.name,
            "file_name": data_import.file_name,
            "sha256": data_import.sha256,
            "imported_by": data_import.requested_by,
            "imported_at": timezone.now(),
            "notes": "\n".join(release.notes),
        },
    )
    areas_save(release.areas)
    count = observations_save(dataset, release.observations, report)
    if release.quotes:
        quotes = [RemittanceQuote(dataset=dataset, **quote) for quote in release.quotes]
        for start in range(0, len(quotes), BATCH):
            RemittanceQuote.objects.bulk_create(quotes[start : start + BATCH])
            report(_("Saving quotes"), min(start + BATCH, len(quotes)), len(quotes))
    report.stage(ImportStatus.RUNNING, _("Computing indicators"))
    derived = importer.derive(dataset) + computed_indicators(dataset)
    count += observations_save(dataset, derived, report)
    Dataset.objects.filter(pk=dataset.pk).update(observation_count=count)
    dataset.observation_count = count
    refresh_after(dataset)
    return dataset


def observations_save(
    dataset: Dataset, rows: Iterable[Obs], progress: Progress = no_progress
) -> int:
    """Write observations of a dataset in batches; returns how many. A release holds hundreds
    of thousands of values: they go to the database as plain rows (PostgreSQL's COPY, or one
    prepared INSERT), not as model instances."""
    rows = list(rows)
    columns = ("dataset_id", *Obs._fields)
    table = Observation._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = [(dataset.pk, *row) for row in rows[start : start + BATCH]]
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for values in batch:
                        copy.write_row(values)
            else:
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608  constant names
                    f"VALUES ({', '.join(['%s'] * len(columns))})",
                    batch,
                )
            progress(_("Saving values"), min(start + BATCH, len(rows)), len(rows))
    return len(rows)


def areas_save(areas: dict[str, tuple[str, bool, str]]) -> None:
    """Add the areas a file names; a known area keeps its first name."""
    known = set(Area.objects.filter(code__in=list(areas)).values_list("code", flat=True))
    Area.objects.bulk_create(
        [
            Area(code=code, name=name[:200], is_aggregate=aggregate, m49=m49)
            for code, (name, aggregate, m49) in areas.items()
            if code not in known
        ]
    )


@transaction.atomic
def dataset_delete(*, dataset: Dataset, by: Any) -> None:
    """Remove a dataset and everything read from it, keeping the record in the audit trail.
    Without a release of bilateral remittances, the weighted average cost of sending money
    falls back on the release before it (or is gone), as on the day it was imported."""
    if by is not None:
        require(by, Action.IMPORT_DATA)
    weighs_prices, stored = dataset.weighs_prices, dataset.file.name
    refresh_after(dataset)
    record_delete(instance=dataset, by=by)
    if weighs_prices:
        prices_recompute(by=by, only={Indicator.REMITTANCE_COST_WEIGHTED})
    if stored:
        # The copy of the publisher's file goes once the deletion holds (the import request
        # keeps its own copy of the upload).
        transaction.on_commit(lambda: default_storage.delete(stored))


@contextlib.contextmanager
def _local_copy(data_import: DataImport) -> Iterator[Path]:
    """The stored file as a local path (the readers need one), copied out of remote storage
    into a temporary file when the storage has no local paths."""
    name = data_import.file.name or ""
    try:
        yield Path(default_storage.path(name))
        return
    except NotImplementedError:
        pass
    suffix = Path(data_import.file_name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        with default_storage.open(name, "rb") as handle:
            shutil.copyfileobj(handle, copy)
        copy.flush()
        yield Path(copy.name)


class _ProgressReport(JobProgress):
    """An evidence import's progress; its outcome names the dataset, or the error."""

    job: DataImport

    def finish(self, status: str, *, dataset: Dataset | None = None, error: str = "") -> DataImport:
        """Record the outcome. A file that did not become a dataset (it failed, or it was
        imported before) leaves no copy behind: the dataset keeps the only one."""
        fields: dict[str, Any] = {"dataset": dataset, "error": error}
        stray = self.job.file.name if status != ImportStatus.DONE else ""
        if stray and _dataset_holding(stray) is not None:
            stray = ""
        if stray:
            fields["file"] = ""
        self.end(status, **fields)
        if stray:
            transaction.on_commit(lambda: default_storage.delete(stray))
        return self.job
