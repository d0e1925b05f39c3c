"""Real documents every installation starts with, so that there is something to read and search:
the report on the 2006 High-level Dialogue and the General Debate statements of 2006."""

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from migforum.core.loaders import Say

from .choices import DocumentKind, Markup
from .extract import text_of_bytes
from .services import ImportReport, document_import_text
from .statements import StatementsReport, statements_import_folder


def data_path(name: str) -> Path:
    return Path(str(resources.files("migforum.documents").joinpath("data", name)))


#: The report's own heading is in capitals; its title as the list and search show it.
SEED_REPORT_TITLE = "The High-level Dialogue on International Migration and Development and beyond"


def load_seed_report(
    importer: Callable[..., ImportReport] = document_import_text,
) -> ImportReport:
    """The 2006 report, imported by `importer`: as a document alone, or by an app that reads
    more from it (the meetings app reads its annex)."""
    path = data_path("hld_2006_and_beyond.txt")
    return importer(
        text=text_of_bytes(path.read_bytes()),
        by=None,
        kind=DocumentKind.REPORT,
        title=SEED_REPORT_TITLE,
        markup=Markup.MARKDOWN,
        extra={"year": 2006},
    )


def load_statements() -> StatementsReport:
    return statements_import_folder(data_path("ungdc_session61_2006"), by=None)


def load_statements_at_init(say: Say) -> None:
    statements = load_statements()
    say(
        f"Loading the 2006 General Debate… {statements.imported} new or "
        f"changed, {statements.unchanged} unchanged"
    )
