"""Importing a catalogue of practices from a CSV or JSON file, as drafts of one owner.

Every row is read and checked before anything is written, and every error is reported with
its row and column; only a file without errors is written, in one transaction, each practice
through `practice_create` and so through the audit trail. Rows whose practice the owner
already has (same title and start year) are skipped, so importing a file again is harmless.
"""

import csv
import io
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import translation
from django.utils.translation import gettext as _

from migforum.core.permissions import is_secretariat
from migforum.members.choices import OrganizationKind
from migforum.members.models import Organization, State

from . import text_index
from .choices import CountryRole, ImplementationStatus, Level, SdgTarget, Theme
from .forms import PracticeForm
from .models import TEXT_FIELDS, Practice, PracticeCountry, PracticePartner
from .services import COUNTRIES_NEEDED, PracticeContent, owner_choices, practice_create

logger = logging.getLogger(__name__)

#: More rows than this is a whole database, not a catalogue: split the file.
MAX_ROWS = 20_000

#: The columns of a CSV file (and keys of a JSON object), in the template's order.
COLUMNS = (
    "title",
    "summary",
    "language",
    "level",
    "is_global",
    "implementer_name",
    "implementer_kind",
    "themes",
    "objectives",
    "sdg_targets",
    "start_year",
    "end_year",
    "implementation_status",
    "countries",
    "partners",
    "context",
    "description",
    "results",
    "lessons",
    "replication",
    "contacts",
    "links",
)
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


def import_practices(
    *,
    data: bytes,
    filename: str,
    by: Any,
    owner: State | Organization,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import a CSV or JSON file of practices as drafts of `owner`: all rows or none."""
    # The command (no user) and the secretariat import for anyone; others for their own.
    check_owner = by is not None and not is_secretariat(by)
    if check_owner and owner not in owner_choices(by):
        raise PermissionDenied(_("You may import practices only for your own State or body."))
    records = read_records(data, filename)
    reader = _RowReader()
    rows: list[tuple[int, PracticeContent]] = []
    errors: list[RowError] = []
    for number, record in records:
        content, row_errors = reader.read(number, record)
        rows.append((number, content))
        errors += row_errors
    errors = reader.unknown_keys + errors
    if errors:
        raise PracticeImportError(errors)

    report = ImportReport()
    row = 0
    try:
        with transaction.atomic():
            # Two imports for one owner at once would both see a practice as new: one waits.
            type(owner)._default_manager.select_for_update().filter(pk=owner.pk).exists()
            wanted = _new_rows(rows, owner, report)
            for done, (row, content) in enumerate(wanted, start=1):  # noqa: B007  kept for errors
                practice = practice_create(
                    by=by, owner=owner, content=content, check_owner=check_owner, index_text=False
                )
                report.practice_ids.append(practice.pk)
                if progress:
                    progress(done, len(wanted))
            text_index.index(report.practice_ids)
    except ValidationError as error:
        # What the checks above cannot see (a rule added to the services since, a race).
        raise PracticeImportError(_model_errors(row, error, set()), _unsaved(report)) from error
    except Exception as error:
        logger.exception("Importing practices for %s failed at row %s", owner, row)
        message = _("Saving failed at this row, so nothing was imported: %(error)s") % {
            "error": error
        }
        raise PracticeImportError([RowError(row, None, message)], _unsaved(report)) from error
    report.created = len(report.practice_ids)
    return report


def _unsaved(report: ImportReport) -> ImportReport:
    return ImportReport(created=0, practice_ids=[], skipped=report.skipped)


def _new_rows(
    rows: list[tuple[int, PracticeContent]], owner: State | Organization, report: ImportReport
) -> list[tuple[int, PracticeContent]]:
    """The rows whose practice `owner` does not have yet; the others go to the report."""
    ownership = (
        {"owner_state": owner} if isinstance(owner, State) else {"owner_organization": owner}
    )
    existing = {
        (title.strip().casefold(), year)
        for title, year in Practice.objects.filter(**ownership).values_list("title", "start_year")
    }
    seen: dict[tuple[str, int], int] = {}
    wanted = []
    for number, content in rows:
        title = content.fields["title"]
        key = (title.casefold(), content.fields["start_year"])
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


# Reading the file


def _file_error(message: str) -> PracticeImportError:
    return PracticeImportError([RowError(None, None, message)])


def _too_many() -> PracticeImportError:
    return _file_error(
        _("The file holds more than %(max)s practices; split it into several files.")
        % {"max": f"{MAX_ROWS:,}"}
    )


def read_records(data: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {column: value}) for every row of a CSV or JSON file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(
            _(
                "The file is not UTF-8 text. Save it as “CSV UTF-8 (comma delimited)” "
                "or as JSON, and try again."
            )
        ) from None
    if not text.strip():
        raise _file_error(_("The file is empty."))
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "json" or (extension != "csv" and text.lstrip()[:1] in ("[", "{")):
        return _json_records(text)
    return _csv_records(text)


def _json_records(text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _file_error(
            _("The file is not valid JSON (line %(line)d, column %(column)d: %(error)s).")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
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


def _csv_records(text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
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
    except csv.Error as error:
        raise _file_error(
            _("The file is not valid CSV (line %(line)d: %(error)s).")
            % {"line": reader.line_num, "error": error}
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
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, bool | int | float):
        return str(raw)
    raise _Invalid(_("Expected text, not a list or an object."))


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


def _year(name: str) -> Callable[[Any], int | None]:
    def read(raw: Any) -> int | None:
        text = _text(raw)
        if text.endswith(".0"):  # spreadsheets write whole numbers so
            text = text[:-2]
        if not text:
            return None
        if not DIGITS.match(text):
            raise _Invalid(_("%(value)s is not a year.") % {"value": _quoted(text)})
        # The years the practice form accepts (the model takes any small number).
        try:
            return PracticeForm.base_fields[name].clean(text)
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
        self.themes = _Choices(Theme.choices)
        self.levels = _Choices(Level.choices)
        self.statuses = _Choices(ImplementationStatus.choices)
        self.kinds = _Choices(OrganizationKind.choices)
        self.roles = _Choices(CountryRole.choices)
        self.sdg_targets = _Choices(SdgTarget.choices)
        self.languages = _Choices((code, code) for code, _name in settings.LANGUAGES)
        #: Unknown columns of a JSON file, each reported once: (row first seen, key).
        self.unknown_keys: list[RowError] = []
        self._seen_keys: set[Any] = set()

    def read(self, number: int, record: dict[Any, Any]) -> tuple[PracticeContent, list[RowError]]:
        errors: list[RowError] = []
        if None in record and not isinstance(record[None], list):
            errors.append(RowError(number, None, _("Each practice must be a JSON object.")))
            return PracticeContent(fields={}), errors
        self._check_keys(number, record, errors)

        def read(name: str, parse: Callable[[Any], Any], default: Any = "") -> Any:
            try:
                return parse(record.get(name))
            except _Invalid as invalid:
                errors.extend(RowError(number, name, message) for message in invalid.messages)
                return default

        fields: dict[str, Any] = {name: read(name, _text) for name in TEXT_FIELDS}
        fields["language"] = read("language", self.languages) or DEFAULT_LANGUAGE
        fields["level"] = read("level", self.levels)
        fields["is_global"] = read("is_global", _boolean, False)
        fields["implementer_name"] = read("implementer_name", _text)
        fields["implementer_kind"] = read("implementer_kind", self.kinds)
        fields["themes"] = read("themes", lambda raw: _each(raw, self.themes), [])
        fields["objectives"] = read("objectives", lambda raw: _each(raw, _objective), [])
        fields["sdg_targets"] = read("sdg_targets", lambda raw: _each(raw, self.sdg_targets), [])
        fields["start_year"] = read("start_year", _year("start_year"), None)
        fields["end_year"] = read("end_year", _year("end_year"), None)
        fields["implementation_status"] = read("implementation_status", self.statuses)
        fields["contacts"] = read("contacts", lambda raw: _each(raw, _contact), [])
        fields["links"] = read("links", lambda raw: _each(raw, _link), [])
        countries = read("countries", lambda raw: _each(raw, self._country), [])
        partners = read("partners", lambda raw: _each(raw, self._partner), [])
        content = PracticeContent(fields=fields, countries=countries, partners=partners)

        bad = {error.field for error in errors if error.field}
        try:
            # The owner is set when writing; the model checks everything else.
            Practice(**fields).full_clean(exclude=["owner_state", "owner_organization", *bad])
        except ValidationError as error:
            errors += _model_errors(number, error, bad)
        if "countries" not in bad and "is_global" not in bad:
            if not fields["is_global"] and not countries:
                errors.append(RowError(number, "countries", str(COUNTRIES_NEEDED)))
        return content, errors

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
