"""Importing a catalogue of practices from a CSV or JSON file, as drafts of one owner.

The site and the command keep a copy of the file and record a `PracticeImport`; the import
itself runs in the background task queue (`tasks.py`), or in the command's own process, and
reports its progress on that record.

Every row is read from the file as it streams from disk and checked before anything is
written, and every error is reported with its row and column; only a file without errors is
written. Each new practice gets what `practice_create` gives it (its countries and partners,
an audit event for each row, its entry in the practices' text index), but they are written in
batches into staging tables and then made to appear together in one short transaction (see
`staging.py`): the import holds SQLite's write lock for moments, not minutes, and readers see
all the practices or none. Rows whose practice the owner already has (same title and start
year) are skipped, so importing a file again is harmless.
"""

import csv
import io
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, models, transaction
from django.db.models import Model
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from migforum.core.audit import audit_event_build, snapshot
from migforum.core.cells import cell_text
from migforum.core.choices import ImportStatus
from migforum.core.formats import grouped
from migforum.core.import_requests import (
    JobProgress,
    Progress,
    import_request_queue,
    no_progress,
    unexpected_error,
)
from migforum.core.jobs import InterruptedTask
from migforum.core.models import AuditAction, AuditEvent
from migforum.core.permissions import is_secretariat
from migforum.core.search import Prepared
from migforum.core.search import prepare as prepare_search
from migforum.core.search import write as search_write
from migforum.members.choices import OrganizationKind
from migforum.members.models import Organization, State

from .choices import CountryRole
from .fields import BY_NAME, IMPORT_COLUMNS, PracticeField
from .models import (
    Practice,
    PracticeCountry,
    PracticeImport,
    PracticePartner,
    PracticeTranslation,
)
from .permissions import owns_practice
from .search_documents import PRACTICE_KIND, practice_entries
from .services import COUNTRIES_NEEDED, PracticeContent, new_practice_rows, owner_choices
from .staging import StagingTable, reserve_ids, roomy_cache

logger = logging.getLogger(__name__)

#: More rows than this is a whole database, not a catalogue: split the file.
MAX_ROWS = 20_000
#: Rows built, staged and forgotten at a time: each batch is one short write.
BATCH = 1_000
#: The columns of a CSV file (and keys of a JSON object): the owner's fields (`fields`).
COLUMNS = IMPORT_COLUMNS
COLUMN_LIST = {"columns": ", ".join(COLUMNS)}
REQUIRED_COLUMNS = ("title", "summary")
DEFAULT_LANGUAGE = "en"

#: Several values in one CSV cell are separated by this.
SEPARATOR = ";"

TRUE = frozenset({"true", "yes", "1", "y"})
FALSE = frozenset({"false", "no", "0", "n", ""})
COUNTRY = re.compile(r"^\s*(?P<iso3>[^:()\s]+)\s*(?::\s*(?P<role>.*?)\s*)?$")
DIGITS = re.compile(r"^\d+$")


@dataclass(frozen=True)
class RowError:
    """One problem in the file: its row (None for the file as a whole) and column."""

    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.field is None:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, %(field)s: %(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True)
class SkippedRow:
    row: int
    title: str
    reason: str

    def __str__(self) -> str:
        return _("Row %(row)d (%(title)s): %(reason)s") % {
            "row": self.row,
            "title": self.title,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    created: int = 0
    practice_ids: list[int] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)


class PracticeImportError(Exception):
    """The file has errors, or writing failed; in both cases nothing was imported."""

    def __init__(self, errors: list[RowError], report: ImportReport | None = None) -> None:
        self.errors = errors
        self.report = report or ImportReport()
        super().__init__("\n".join(str(error) for error in errors))


# The import as a request: stored, queued, run, its outcome recorded


def practice_import_request(
    *,
    file: File,
    name: str,
    by: Any,
    owner: State | Organization,
    enqueue: bool = True,
) -> PracticeImport:
    """Keep a copy of the file (streamed into storage, never read whole) and queue its import
    as drafts of `owner`; the background task runs it. `by=None` is the operator of the
    installation at the command line, who imports for anyone; the secretariat too, and the
    others for their own State or body."""
    if by is not None and not is_secretariat(by) and owner not in owner_choices(by):
        raise PermissionDenied(_("You may import practices only for your own State or body."))
    from .tasks import import_practices_file

    practice_import = PracticeImport(
        file_name=Path(name).name[-255:] or "practices",
        language=translation.get_language() or settings.LANGUAGE_CODE,
        **_ownership(owner),
    )
    import_request_queue(
        request=practice_import, file=file, by=by, task=import_practices_file if enqueue else None
    )
    return practice_import


def practice_import_run(
    *, practice_import: PracticeImport, progress: Progress = no_progress
) -> PracticeImport:
    """Import the stored file and record the outcome on the import: what was created and
    skipped, or every error (and then nothing was imported). The stored copy goes at the end."""
    if practice_import.is_finished:  # run once only (an interrupted one is failed already)
        return practice_import
    record = _ImportProgress(practice_import, also=progress)
    record.stage(ImportStatus.RUNNING, _("Reading the file"))
    stored = practice_import.file.name or ""

    def publish(report: ImportReport) -> None:
        # Inside the transaction that adds the practices: both appear, or neither.
        record.finish(ImportStatus.DONE, report=report)

    try:
        with translation.override(practice_import.language):
            with default_storage.open(stored, "rb") as source:
                import_practices(
                    source=source,
                    filename=practice_import.file_name,
                    by=practice_import.requested_by,
                    owner=practice_import.owner,
                    progress=record,
                    on_publish=publish,
                )
    except PracticeImportError as error:
        record.finish(ImportStatus.FAILED, report=error.report, errors=error.errors)
    except Exception as error:
        logger.exception("Importing practices failed: %s", practice_import)
        message = unexpected_error(error)
        record.finish(ImportStatus.FAILED, errors=[RowError(None, None, message)])
        raise
    finally:
        _forget_file(practice_import, stored)
    return practice_import


def practice_import_interrupted(task: InterruptedTask, reason: str) -> None:
    """What an import left unfinished by a dead worker becomes: failed, with the reason on its
    page, and its stored copy removed once that is committed. Nothing was imported: the
    practices appear only in the transaction that also marks the import done, and the staging
    tables went with the worker's connection."""
    pk = task.args[0] if task.args else task.kwargs.get("practice_import_id")
    if pk is None:
        return
    practice_import = PracticeImport.objects.filter(
        pk=pk, status__in=(ImportStatus.QUEUED, ImportStatus.RUNNING)
    ).first()
    if practice_import is None:
        return
    _ImportProgress(practice_import).finish(
        ImportStatus.FAILED, errors=[RowError(None, None, reason)]
    )
    _forget_file(practice_import, practice_import.file.name or "")


def _forget_file(practice_import: PracticeImport, stored: str) -> None:
    """The import no longer names its stored copy, and the copy goes once that holds."""
    PracticeImport.objects.filter(pk=practice_import.pk).update(file="")
    practice_import.file.name = ""
    if stored:
        transaction.on_commit(lambda: default_storage.delete(stored))


def practice_import_visible(*, pk: int, user: Any) -> PracticeImport:
    """The import, for the owner's people and the secretariat; Http404 for anyone else."""
    practice_import = (
        PracticeImport.objects.select_related("owner_state", "owner_organization")
        .filter(pk=pk)
        .first()
    )
    if practice_import is None or not (
        is_secretariat(user) or owns_practice(user, practice_import)
    ):
        raise Http404(_("There is no such import."))
    return practice_import


def recent_imports(*, owner: State | Organization, limit: int = 10) -> list[PracticeImport]:
    """The owner's latest imports, newest first."""
    return list(PracticeImport.objects.filter(**_ownership(owner))[:limit])


def import_errors(practice_import: PracticeImport) -> list[RowError]:
    """The errors recorded on an import, to show."""
    return [RowError(e["row"], e["field"], e["message"]) for e in practice_import.errors]


def import_skipped(practice_import: PracticeImport) -> list[SkippedRow]:
    """The rows an import skipped, to show."""
    return [SkippedRow(s["row"], s["title"], s["reason"]) for s in practice_import.skipped]


class _ImportProgress(JobProgress):
    """A practice import's progress; its outcome is what was created and skipped, or every
    error."""

    job: PracticeImport

    def finish(
        self,
        status: str,
        *,
        report: ImportReport | None = None,
        errors: Iterable[RowError] = (),
    ) -> PracticeImport:
        report = report or ImportReport()
        return self.end(
            status,
            created=report.created,
            skipped=[{"row": s.row, "title": s.title, "reason": s.reason} for s in report.skipped],
            errors=[{"row": e.row, "field": e.field, "message": e.message} for e in errors],
        )


def _ownership(owner: State | Organization) -> dict[str, Any]:
    return {"owner_state": owner} if isinstance(owner, State) else {"owner_organization": owner}


# The import itself


def import_practices(
    *,
    source: IO[bytes],
    filename: str,
    by: Any,
    owner: State | Organization,
    progress: Progress = no_progress,
    on_publish: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import a CSV or JSON file of practices as drafts of `owner`: all rows or none.

    `source` is the file open for reading; `by` the account the practices and their audit
    events are attributed to (whose right to import for `owner` `practice_import_request`
    checked); `on_publish` runs inside the transaction that makes the practices appear."""
    rows = checked_rows(source, filename, progress)
    report = ImportReport()
    checked_at = timezone.now()
    wanted = _new_rows(rows, owner, report)
    del rows
    staging = _Staging()
    try:
        with roomy_cache():
            staging.write(wanted, by=by, owner=owner, report=report, progress=progress)
            with transaction.atomic():
                staging.publish(wanted, owner=owner, since=checked_at)
                report.created = len(report.practice_ids)
                if on_publish:
                    on_publish(report)
    except PracticeImportError as error:
        error.report = _unsaved(report)
        raise
    except Exception as error:
        logger.exception("Importing practices for %s failed", owner)
        message = _("Saving failed, so nothing was imported: %(error)s") % {"error": error}
        raise PracticeImportError([RowError(None, None, message)], _unsaved(report)) from error
    finally:
        staging.drop()
    return report


def checked_rows(
    source: IO[bytes], filename: str, progress: Progress = no_progress
) -> list[tuple[int, PracticeContent]]:
    """(row number, what it holds) for every row of the file, or `PracticeImportError` with
    every error of every row."""
    records = read_records(source, filename)
    reader = _RowReader()
    rows: list[tuple[int, PracticeContent]] = []
    errors: list[RowError] = []
    for done, (number, record) in enumerate(records, start=1):
        content, row_errors = reader.read(number, record)
        rows.append((number, content))
        errors += row_errors
        progress(_("Checking the rows"), done, len(records))
    errors = reader.unknown_keys + errors
    if errors:
        raise PracticeImportError(errors)
    return rows


def _unsaved(report: ImportReport) -> ImportReport:
    return ImportReport(created=0, practice_ids=[], skipped=report.skipped)


def _new_rows(
    rows: list[tuple[int, PracticeContent]], owner: State | Organization, report: ImportReport
) -> list[tuple[int, PracticeContent]]:
    """The rows whose practice `owner` does not have yet; the others go to the report."""
    existing = {
        _key(title, year)
        for title, year in Practice.objects.filter(**_ownership(owner)).values_list(
            "title", "start_year"
        )
    }
    seen: dict[tuple[str, int], int] = {}
    wanted = []
    for number, content in rows:
        title = content.fields["title"]
        key = _key(title, content.fields["start_year"])
        if key in existing:
            reason = _("already imported (same title and start year).")
        elif key in seen:
            reason = _("repeats row %(row)d (same title and start year).") % {"row": seen[key]}
        else:
            seen[key] = number
            wanted.append((number, content))
            continue
        report.skipped.append(SkippedRow(number, title, reason))
    return wanted


def _key(title: str, year: int) -> tuple[str, int]:
    return title.strip().casefold(), year


# Writing: staged in batches, then published at once

#: The tables an import writes, staged in this order; audit events take the real table's ids.
STAGED_MODELS: tuple[type[models.Model], ...] = (
    Practice,
    PracticeCountry,
    PracticePartner,
    PracticeTranslation,
    AuditEvent,
)
#: The rows that hang from a practice, by the name the practice reads them under.
CHILD_MODELS = {
    "countries": PracticeCountry,
    "partners": PracticePartner,
    "translations": PracticeTranslation,
}


class _Staging:
    """The import's staging tables (see `staging.py`) and the text index's."""

    def __init__(self) -> None:
        self.tables: dict[type[models.Model], StagingTable] = {}

    def write(
        self,
        wanted: list[tuple[int, PracticeContent]],
        *,
        by: Any,
        owner: State | Organization,
        report: ImportReport,
        progress: Progress,
    ) -> None:
        """Build every new practice with its rows and audit events, and stage them batch by
        batch; nothing is visible to anyone yet."""
        self.tables = {
            model: StagingTable(model, keep_ids=model is not AuditEvent) for model in STAGED_MODELS
        }
        self.search_entries: list[Prepared] = []
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start : start + BATCH]
            built = [new_practice_rows(owner=owner, content=content) for _row, content in batch]
            rows = _with_ids(built)
            events = [
                audit_event_build(
                    instance=row,
                    action=AuditAction.CREATE,
                    actor=by,
                    before=None,
                    after=snapshot(row),
                )
                for row in rows
            ]
            staged = {
                model: self.tables[model].rows(row for row in rows if type(row) is model)
                for model in STAGED_MODELS[:-1]
            }
            staged[AuditEvent] = self.tables[AuditEvent].rows(events)
            # The index entries are made here, outside the transaction that publishes them.
            self.search_entries += prepare_search(
                practice_entries(practice for practice, _children in built)
            )
            with transaction.atomic():
                for model, values in staged.items():
                    self.tables[model].add(values)
            report.practice_ids += [practice.pk for practice, _children in built]
            progress(_("Saving the practices"), start + len(batch), len(wanted))

    def publish(
        self, wanted: list[tuple[int, PracticeContent]], *, owner: State | Organization, since: Any
    ) -> None:
        """Make the staged practices appear: one `INSERT … SELECT` per table, inside the
        caller's transaction. A practice the owner added meanwhile with the same title and
        start year (an import running at the same time) stops the import rather than being
        added twice."""
        # Two imports for one owner publish one after the other.
        type(owner)._default_manager.select_for_update().filter(pk=owner.pk).exists()
        changed = {
            _key(title, year)
            for title, year in Practice.objects.filter(
                updated_at__gte=since, **_ownership(owner)
            ).values_list("title", "start_year")
        }
        clashes = [
            number
            for number, content in wanted
            if _key(content.fields["title"], content.fields["start_year"]) in changed
        ]
        if clashes:
            message = _(
                "This practice was added meanwhile (same title and start year), so nothing was "
                "imported. Import the file again to add the others."
            )
            raise PracticeImportError([RowError(number, "title", message) for number in clashes])
        for table in self.tables.values():
            table.publish()
        search_write(PRACTICE_KIND, self.search_entries)

    def drop(self) -> None:
        """Drop the staging tables; a connection that broke took them with it already."""
        try:
            for table in self.tables.values():
                table.drop()
        except DatabaseError:
            logger.warning("The staging tables could not be dropped", exc_info=True)
        self.tables = {}


def _with_ids(built: list[tuple[Practice, list[Any]]]) -> list[Model]:
    """Give the practices and their rows ids reserved in their tables; the rows in the order
    `practice_create` writes them (each practice, then what hangs from it)."""
    practices = [practice for practice, _children in built]
    for practice, pk in zip(practices, reserve_ids(Practice, len(practices)), strict=True):
        practice.pk = pk
    for model in CHILD_MODELS.values():
        rows: list[tuple[Practice, Any]] = [
            (p, row) for p, children in built for row in children if type(row) is model
        ]
        for (practice, row), pk in zip(rows, reserve_ids(model, len(rows)), strict=True):
            row.pk = pk
            row.practice = practice  # sets practice_id, now that the practice has one
    ordered: list[Model] = []
    for practice, children in built:
        # The text index reads the practice's rows as if they had been fetched with it.
        practice._prefetched_objects_cache = {  # type: ignore[attr-defined]
            name: [row for row in children if type(row) is model]
            for name, model in CHILD_MODELS.items()
        }
        ordered += [practice, *children]
    return ordered


# Reading the file


def _file_error(message: str) -> PracticeImportError:
    return PracticeImportError([RowError(None, None, message)])


def _too_many() -> PracticeImportError:
    return _file_error(
        _("The file holds more than %(max)s practices; split it into several files.")
        % {"max": grouped(MAX_ROWS)}
    )


def _not_utf8() -> PracticeImportError:
    return _file_error(
        _(
            "The file is not UTF-8 text. Save it as “CSV UTF-8 (comma delimited)” "
            "or as JSON, and try again."
        )
    )


WHITESPACE = b" \t\r\n\f\v"
BOM = b"\xef\xbb\xbf"


def read_records(source: IO[bytes], filename: str) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {column: value}) for every row of a CSV or JSON file, read from `source`
    as it streams (a JSON file, which is parsed whole, first has its size and depth checked)."""
    size = source.seek(0, io.SEEK_END)
    source.seek(0)
    if size > settings.PRACTICE_IMPORT_MAX_BYTES:
        raise _file_error(
            _("The file is larger than %(size)s MB; split it into several files.")
            % {"size": settings.PRACTICE_IMPORT_MAX_BYTES >> 20}
        )
    first = _first_character(source)
    if not first:
        raise _file_error(_("The file is empty."))
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "json" or (extension != "csv" and first in b"[{"):
        return _json_records(source)
    return _csv_records(source)


def _first_character(source: IO[bytes]) -> bytes:
    """The first byte of the file that is not white space (b"" if none), the file rewound."""
    found = b""
    at_start = True
    for chunk in iter(lambda: source.read(1 << 16), b""):
        if at_start and chunk.startswith(BOM):
            chunk = chunk[len(BOM) :]
        at_start = False
        stripped = chunk.lstrip(WHITESPACE)
        if stripped:
            found = stripped[:1]
            break
    source.seek(0)
    return found


#: The bytes that matter for nesting: brackets, and the quotes and escapes of strings.
_NESTING = re.compile(rb'[\[\]{}"\\]')


def _check_depth(source: IO[bytes], limit: int) -> None:
    """Refuse a JSON file that nests lists and objects deeper than `limit`, reading it in
    chunks before it is parsed (a parser recursing 100,000 levels deep would crash)."""
    depth, in_string, offset, skip = 0, False, 0, -1
    for chunk in iter(lambda: source.read(1 << 16), b""):
        for match in _NESTING.finditer(chunk):
            at = offset + match.start()
            if at == skip:  # the character after a backslash
                continue
            char = match.group()
            if in_string:
                if char == b"\\":
                    skip = at + 1
                elif char == b'"':
                    in_string = False
            elif char == b'"':
                in_string = True
            elif char in b"[{":
                depth += 1
                if depth > limit:
                    raise _file_error(
                        _(
                            "The JSON file nests lists or objects more than %(limit)d levels "
                            "deep; a catalogue of practices needs four."
                        )
                        % {"limit": limit}
                    )
            else:
                depth -= 1
        offset += len(chunk)
    source.seek(0)


def _json_records(source: IO[bytes]) -> list[tuple[int, dict[str, Any]]]:
    _check_depth(source, settings.JSON_IMPORT_MAX_DEPTH)
    try:
        text = source.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_utf8() from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _file_error(
            _("The file is not valid JSON (line %(line)d, column %(column)d: %(error)s).")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
    del text
    if isinstance(data, dict) and isinstance(data.get("practices"), list):
        data = data["practices"]
    if not isinstance(data, list):
        raise _file_error(
            _('A JSON file holds a list of practices, or an object {"practices": [...]}.')
        )
    if not data:
        raise _file_error(_("The file holds no practices."))
    if len(data) > MAX_ROWS:
        raise _too_many()
    records = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            item = {None: item}
        records.append((number, {_column(k) if k else k: v for k, v in item.items()}))
    return records


def _column(name: str) -> str:
    return str(name).strip().lower().replace(" ", "_")


def _csv_records(source: IO[bytes]) -> list[tuple[int, dict[str, Any]]]:
    text = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        return _csv_rows(csv.reader(text, strict=True))
    except UnicodeDecodeError:
        raise _not_utf8() from None
    finally:
        text.detach()  # the caller closes the file


def _csv_rows(reader: Iterator[list[str]]) -> list[tuple[int, dict[str, Any]]]:
    records: list[tuple[int, dict[str, Any]]] = []
    try:
        header = [_column(name) for name in next(reader)]
        if len(header) == 1 and (SEPARATOR in header[0] or "\t" in header[0]):
            raise _file_error(_("Separate the columns with commas, not semicolons or tabs."))
        _check_header(header)
        # Spreadsheets number the header 1: the first practice is row 2.
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(records) == MAX_ROWS:
                raise _too_many()
            record: dict[Any, Any] = dict(zip(header, cells, strict=False))
            if any(cell.strip() for cell in cells[len(header) :]):
                record[None] = cells[len(header) :]
            records.append((number, record))
    except StopIteration:
        raise _file_error(_("The file is empty.")) from None
    except csv.Error as error:
        raise _file_error(
            _("The file is not valid CSV (line %(line)d: %(error)s).")
            % {"line": reader.line_num, "error": error}  # type: ignore[attr-defined]
        ) from None
    if not records:
        raise _file_error(_("The file holds no practices."))
    return records


def _check_header(header: list[str]) -> None:
    problems = [
        RowError(1, name, _("This column is missing; the first row must name the columns."))
        for name in REQUIRED_COLUMNS
        if name not in header
    ]
    problems += [
        RowError(1, name, _("This column appears more than once."))
        for name in sorted({name for name in header if name and header.count(name) > 1})
    ]
    unknown = [name for name in dict.fromkeys(header) if name and name not in COLUMNS]
    if unknown:
        message = _("Unknown columns: %(unknown)s. The columns are: %(columns)s.") % {
            "unknown": ", ".join(unknown),
            **COLUMN_LIST,
        }
        problems.append(RowError(1, None, message))
    if problems:
        raise PracticeImportError(problems)


# Reading one row


class _Invalid(Exception):
    def __init__(self, *messages: str) -> None:
        self.messages = list(messages)


def _quoted(value: Any) -> str:
    return '"' + str(value) + '"'


class _Choices:
    """A vocabulary, read by value or by English label, whatever the case."""

    def __init__(self, choices: Iterable[tuple[Any, Any]]) -> None:
        self.values: list[str] = []
        self.lookup: dict[str, Any] = {}
        with translation.override("en"):
            for value, label in choices:
                self.values.append(str(value))
                self.lookup[str(value).casefold()] = value
                self.lookup.setdefault(str(label).casefold(), value)

    def __call__(self, raw: Any) -> Any:
        text = _text(raw)
        if not text:
            return ""
        try:
            return self.lookup[text.casefold()]
        except KeyError:
            raise _Invalid(
                _("%(value)s is not one of: %(choices)s.")
                % {"value": _quoted(text), "choices": ", ".join(self.values)}
            ) from None


def _text(raw: Any) -> str:
    if isinstance(raw, list | dict):
        raise _Invalid(_("Expected text, not a list or an object."))
    return cell_text(raw)


def _items(raw: Any) -> list[Any]:
    """A multi-valued cell: a JSON list, or values separated by semicolons."""
    if raw is None:
        return []
    if isinstance(raw, list):
        return [item for item in raw if item not in (None, "")]
    if isinstance(raw, dict):
        return [raw]
    return [item.strip() for item in _text(raw).split(SEPARATOR) if item.strip()]


def _each(raw: Any, read: Callable[[Any], Any]) -> list[Any]:
    """Read every item, collecting the problems of all of them."""
    values, problems = [], []
    for item in _items(raw):
        try:
            value = read(item)
        except _Invalid as invalid:
            problems += invalid.messages
            continue
        if value not in values:
            values.append(value)
    if problems:
        raise _Invalid(*problems)
    return values


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _text(raw).casefold()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise _Invalid(_("%(value)s is not true or false (yes/no, 1/0).") % {"value": _quoted(raw)})


def _year(declared: PracticeField) -> Callable[[Any], int | None]:
    # The years the practice form accepts (the model takes any small number).
    years = forms.IntegerField(min_value=declared.min_value, max_value=declared.max_value)

    def read(raw: Any) -> int | None:
        text = _text(raw)
        if text.endswith(".0"):  # spreadsheets write whole numbers so
            text = text[:-2]
        if not text:
            return None
        if not DIGITS.match(text):
            raise _Invalid(_("%(value)s is not a year.") % {"value": _quoted(text)})
        try:
            return years.clean(text)  # type: ignore[no-any-return]
        except ValidationError as error:
            raise _Invalid(*error.messages) from None

    return read


def _objective(raw: Any) -> int:
    text = _text(raw)
    if not DIGITS.match(text):
        raise _Invalid(
            _("%(value)s is not an objective of the Global Compact (1 to 23).")
            % {"value": _quoted(text)}
        )
    # Whether it is one of the 23 the model's validation says.
    return int(text)


def _split(text: str, count: int) -> list[str]:
    parts = [part.strip() for part in text.split("|")]
    return (parts + [""] * count)[:count]


def _contact(raw: Any) -> dict[str, str]:
    if isinstance(raw, dict):
        name, function, email = (_text(raw.get(k)) for k in ("name", "function", "email"))
    else:
        name, function, email = _split(_text(raw), 3)
    if email:
        try:
            forms.EmailField().clean(email)
        except ValidationError:
            raise _Invalid(
                _("%(value)s is not an e-mail address.") % {"value": _quoted(email)}
            ) from None
    if not (name or email):
        raise _Invalid(_("Write each contact as “name | function | e-mail address”."))
    return {"name": name, "function": function, "email": email}


def _link(raw: Any) -> dict[str, str]:
    if isinstance(raw, dict):
        title, url = _text(raw.get("title")), _text(raw.get("url"))
    else:
        title, _sep, url = _text(raw).rpartition("|")
        title, url = title.strip(), url.strip()
    try:
        url = forms.URLField(assume_scheme="https").clean(url)
    except ValidationError:
        raise _Invalid(_("%(value)s is not a web address.") % {"value": _quoted(url)}) from None
    return {"title": title or url, "url": url}


class _RowReader:
    """Turns one row's cells into a `PracticeContent`, or says what is wrong with them."""

    def __init__(self) -> None:
        self.states = {state.iso3: state for state in State.objects.all()}
        self.kinds = _Choices(OrganizationKind.choices)
        self.roles = _Choices(CountryRole.choices)
        self.languages = _Choices((code, code) for code, _name in settings.LANGUAGES)
        #: Per column, how its cell is read and what the row holds when it cannot be.
        self.readers = {name: self._reader(BY_NAME[name]) for name in COLUMNS}
        #: Unknown columns of a JSON file, each reported once: (row first seen, key).
        self.unknown_keys: list[RowError] = []
        self._seen_keys: set[Any] = set()

    def read(self, number: int, record: dict[Any, Any]) -> tuple[PracticeContent, list[RowError]]:
        errors: list[RowError] = []
        if None in record and not isinstance(record[None], list):
            errors.append(RowError(number, None, _("Each practice must be a JSON object.")))
            return PracticeContent(fields={}), errors
        self._check_keys(number, record, errors)

        def read(name: str, parse: Callable[[Any], Any], default: Any) -> Any:
            try:
                return parse(record.get(name))
            except _Invalid as invalid:
                errors.extend(RowError(number, name, message) for message in invalid.messages)
                return default

        cells = {name: read(name, *self.readers[name]) for name in COLUMNS}
        countries, partners = cells.pop("countries"), cells.pop("partners")
        fields: dict[str, Any] = {**cells, "language": cells["language"] or DEFAULT_LANGUAGE}
        content = PracticeContent(fields=fields, countries=countries, partners=partners)

        bad = {error.field for error in errors if error.field}
        try:
            # The owner is set when writing; the model checks everything else. Its only
            # constraint is about the owner (and costs a query's compilation per row).
            Practice(**fields).full_clean(
                exclude=["owner_state", "owner_organization", *bad], validate_constraints=False
            )
        except ValidationError as error:
            errors += _model_errors(number, error, bad)
        if "countries" not in bad and "is_global" not in bad:
            if not fields["is_global"] and not countries:
                errors.append(RowError(number, "countries", str(COUNTRIES_NEEDED)))
        return content, errors

    def _reader(self, declared: PracticeField) -> tuple[Callable[[Any], Any], Any]:
        """How a column's cell is read, and what the row holds when it cannot be: by the
        column's own rule where it has one, else by the kind of field it fills."""
        own_rules = {
            "language": (self.languages, ""),
            "objectives": (lambda raw: _each(raw, _objective), []),
            "contacts": (lambda raw: _each(raw, _contact), []),
            "links": (lambda raw: _each(raw, _link), []),
            "countries": (lambda raw: _each(raw, self._country), []),
            "partners": (lambda raw: _each(raw, self._partner), []),
        }
        if declared.name in own_rules:
            return own_rules[declared.name]
        kind = Practice._meta.get_field(declared.name).get_internal_type()
        if declared.choices is not None:
            choices = _Choices(declared.choices.choices)
            if kind == "JSONField":
                return (lambda raw: _each(raw, choices), [])
            return (choices, "")
        if kind == "BooleanField":
            return (_boolean, False)
        if declared.min_value is not None:
            return (_year(declared), None)
        return (_text, "")

    def _check_keys(self, number: int, record: dict[Any, Any], errors: list[RowError]) -> None:
        if None in record:
            message = _("This row has more cells than the header has columns.")
            errors.append(RowError(number, None, message))
        for key in record:
            # A CSV file's columns are checked with its header; here a JSON object's keys.
            if key is not None and key not in COLUMNS and key not in self._seen_keys:
                self._seen_keys.add(key)
                message = _("Unknown column; the columns are: %(columns)s.") % COLUMN_LIST
                self.unknown_keys.append(RowError(number, key, message))

    def _country(self, raw: Any) -> tuple[State, str]:
        if isinstance(raw, dict):
            iso3, role = _text(raw.get("iso3")), _text(raw.get("role"))
        else:
            match = COUNTRY.match(_text(raw))
            if not match:
                raise _Invalid(
                    _("Write each country as ISO3:role, e.g. “MAR:origin”; not %(value)s.")
                    % {"value": _quoted(raw)}
                )
            iso3, role = match["iso3"], match["role"] or ""
        state = self.states.get(iso3.upper())
        if state is None:
            raise _Invalid(
                _("%(value)s is not the ISO3 code of a State.") % {"value": _quoted(iso3)}
            )
        if not role:
            raise _Invalid(
                _("Give the role of %(value)s: %(roles)s.")
                % {"value": _quoted(iso3), "roles": ", ".join(self.roles.values)}
            )
        role = self.roles(role)
        _check_related(PracticeCountry(state=state, role=role), exclude=["practice", "state"])
        return state, role

    def _partner(self, raw: Any) -> dict[str, Any]:
        if isinstance(raw, dict):
            name, kind = _text(raw.get("name")), _text(raw.get("kind"))
        else:
            # As on the practice form: "Name (kind)", a civil society organization by default.
            name, kind = _text(raw), OrganizationKind.CIVIL_SOCIETY.value
            if name.endswith(")") and "(" in name:
                name, _sep, kind = name[:-1].rpartition("(")
                name = name.strip()
        kind = self.kinds(kind)
        _check_related(PracticePartner(name=name, kind=kind), exclude=["practice", "organization"])
        return {"name": name, "kind": kind, "organization": None}


def _check_related(instance: Model, *, exclude: list[str]) -> None:
    """The model's own validation of a row that hangs from the practice."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise _Invalid(*_messages(error)) from None


REQUIRED_CODES = frozenset({"blank", "null", "required"})


def _messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, problems in error.error_dict.items():
        for problem in problems:
            text = " ".join(problem.messages)
            messages.append(text if name == NON_FIELD_ERRORS else f"{name}: {text}")
    return messages


def _model_errors(number: int, error: ValidationError, bad: set[str]) -> list[RowError]:
    """The model's validation errors as row errors, leaving out columns already reported."""
    if not hasattr(error, "error_dict"):
        return [RowError(number, None, message) for message in error.messages]
    errors = []
    for name, problems in error.error_dict.items():
        if name in bad:
            continue
        column = None if name == NON_FIELD_ERRORS else name
        for problem in problems:
            if problem.code in REQUIRED_CODES:
                message = _("This field is required.")
            else:
                message = " ".join(problem.messages)
            errors.append(RowError(number, column, message))
    return errors
