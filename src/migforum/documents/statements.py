"""Importing General Debate statements, one text file per speaker: <ISO3>_<session>_<year>.txt.

That is the naming of the United Nations General Debate Corpus (Jankin, Baturo, Dasandi), which
holds every session's statements; a folder may hold thousands.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from migforum.members.models import State

from .choices import DocumentKind
from .extract import text_of_bytes
from .services import document_import_text
from .titles import statement_title

STATEMENT_FILE = re.compile(r"^(?P<iso3>[A-Z]{3})_(?P<session>\d{1,3})_(?P<year>\d{4})\.txt$")


@dataclass
class StatementsReport:
    imported: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


def statement_title_stored(state: State, session: int, year: int) -> str:
    """The title a statement is stored under: the platform's, in English."""
    return statement_title(state.iso3, state.name, session, year, "en")


def statements_import_folder(
    folder: Path, *, by: Any, progress: Callable[[int, int], None] | None = None
) -> StatementsReport:
    """Import every statement file of a folder; each file is its own transaction, so one bad
    file is reported and skipped without losing the others."""
    report = StatementsReport()
    files = sorted(p for p in folder.iterdir() if p.is_file())
    states = {s.iso3: s for s in State.objects.all()}
    for count, path in enumerate(files, start=1):
        match = STATEMENT_FILE.match(path.name)
        if not match:
            report.skipped.append(f"{path.name}: not named <ISO3>_<session>_<year>.txt")
            continue
        state = states.get(match["iso3"])
        if state is None:
            report.skipped.append(f"{path.name}: no State has the code {match['iso3']}")
            continue
        session, year = int(match["session"]), int(match["year"])
        try:
            result = document_import_text(
                text=text_of_bytes(path.read_bytes()),
                by=by,
                kind=DocumentKind.STATEMENT,
                title=statement_title_stored(state, session, year),
                source=f"United Nations General Debate Corpus: {path.name}",
                identity={"kind": DocumentKind.STATEMENT, "state": state, "session": session},
                extra={"state": state, "session": session, "year": year},
            )
        except (ValidationError, OSError) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            report.skipped.append(f"{path.name}: {message}")
            continue
        if result.changed:
            report.imported += 1
        else:
            report.unchanged += 1
        if progress:
            progress(count, len(files))
    return report
