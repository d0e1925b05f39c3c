"""The evidence shipped with the platform (`evidence/data/`), imported at setup.

`migforum init` imports every shipped file not imported yet, so that a fresh installation
shows migrant stocks, remittances and prices at once. A file is known by its SHA-256, so a
second run changes nothing; a file whose format no importer recognises is skipped and named,
never half-imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from migforum.core.choices import ImportStatus
from migforum.core.loaders import Say
from migforum.core.search import reindex_kind

from .importers import DataFileError, importer_for
from .importers.base import Progress, no_progress
from .models import Dataset
from .search_documents import TOOL_KIND, refresh_once
from .services import data_import_request, data_import_run, file_digest

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class EvidenceLoad:
    """What `load_evidence` did with each shipped file."""

    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: File name → why it was not imported (format not recognised, or an error in the file).
    skipped: dict[str, str] = field(default_factory=dict)


def shipped_files() -> list[Path]:
    """The data files shipped in the package, smallest first so that a quick look at the
    platform has something to show early."""
    files = [path for path in DATA_DIR.iterdir() if path.is_file() and path.suffix != ".md"]
    return sorted(files, key=lambda path: (path.stat().st_size, path.name))


def load_evidence(
    progress: Callable[[str], None] = lambda message: None,
    file_progress: Progress = no_progress,
) -> EvidenceLoad:
    """Import every shipped data file that is not imported yet; report each file's outcome."""
    report = EvidenceLoad()
    known = set(Dataset.objects.values_list("sha256", flat=True))
    with refresh_once():  # the index follows once, after the last file
        for path in shipped_files():
            if file_digest(path) in known:
                report.unchanged.append(path.name)
                continue
            try:
                importer_for(path)
            except DataFileError as error:
                # No importer reads this format (yet): the rest of the evidence still loads.
                report.skipped[path.name] = str(error)
                progress(f"{path.name}: skipped ({error})")
                continue
            progress(path.name)
            data_import = data_import_request(path=path, by=None, enqueue=False)
            data_import = data_import_run(data_import=data_import, progress=file_progress)
            if data_import.status == ImportStatus.FAILED:
                report.skipped[path.name] = data_import.error
                progress(f"{path.name}: {data_import.error}")
            elif data_import.status == ImportStatus.UNCHANGED:
                report.unchanged.append(path.name)
            else:
                report.imported.append(path.name)
    return report


def load_at_init(say: Say) -> None:
    evidence = load_evidence(progress=lambda name: say(f"Loading {name}…"))
    # The tools' records change with the platform, not with the data: each init writes them
    # (an import rebuilds the records its data change).
    reindex_kind(TOOL_KIND)
    say(
        f"Loading the evidence… {len(evidence.imported)} files imported, "
        f"{len(evidence.unchanged)} unchanged, {len(evidence.skipped)} skipped"
    )
