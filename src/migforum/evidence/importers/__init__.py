"""The publishers' formats the platform reads, and how a file's format is recognised."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from . import spreadsheet
from .base import DataFileError, FileSample, Importer, Obs, Progress, Release, no_progress

#: DatasetKind value → importer class; filled by `register`.
IMPORTERS: dict[str, type[Importer]] = {}


def register(importer: type[Importer]) -> type[Importer]:
    """Class decorator: make an importer known to detection and to `--kind`."""
    IMPORTERS[importer.kind] = importer
    return importer


def importer_for(path: Path, kind: str = "") -> Importer:
    """The importer for this file: the one named by `kind`, else the only one that recognises
    it; a clear error if none or several do."""
    _load_importers()
    if kind:
        if kind not in IMPORTERS:
            raise DataFileError(
                _("There is no importer for the format “%(kind)s”.") % {"kind": kind}
            )
        return IMPORTERS[kind]()
    sample = spreadsheet.sample(path)
    matches = [cls for cls in IMPORTERS.values() if cls.recognises(sample)]
    if len(matches) == 1:
        return matches[0]()
    if not matches:
        raise DataFileError(
            _(
                "This file is not in a format the platform recognises. Choose its format "
                "explicitly if it is one of the publishers' files."
            )
        )
    raise DataFileError(
        _("This file looks like several formats (%(kinds)s): choose one.")
        % {"kinds": ", ".join(sorted(cls.kind for cls in matches))}
    )


def _load_importers() -> None:
    # Importing the modules runs their @register decorators.
    from . import prices, undesa, worldbank  # noqa: F401


__all__ = [
    "IMPORTERS",
    "DataFileError",
    "FileSample",
    "Importer",
    "Obs",
    "Progress",
    "Release",
    "importer_for",
    "no_progress",
    "register",
]
