import argparse
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from migforum.core.choices import ImportStatus
from migforum.core.formats import grouped
from migforum.evidence.choices import DatasetKind
from migforum.evidence.services import data_import_request, data_import_run


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“%(value)s” is not a date such as 2023-06-30.") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Import a publisher's data file into the evidence: UN DESA migrant stock, World "
        "Bank–KNOMAD remittances, Remittance Prices Worldwide, WDI cost series. The format is "
        "recognised from the file; --kind names it. A file that does not say which release it "
        "is needs --vintage-date. A file already imported changes nothing; a file with an error "
        "imports nothing."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", choices=DatasetKind.values, default="")
        parser.add_argument(
            "--vintage-date",
            type=_date,
            default=None,
            metavar="YYYY-MM-DD",
            help=_(
                "The release date of a file that does not say which release it is (no release "
                "date, no revision named)."
            ),
        )

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.is_file():
            raise CommandError(_("%(path)s is not a file.") % {"path": path})
        last_step = [""]

        def progress(step: str, done: int, total: int) -> None:
            if step != last_step[0]:
                last_step[0] = step
                self.stdout.write(f"  {step}…")
            elif total and (done == total or done % 20_000 < 5_000):
                self.stdout.write(f"  {step}: {done:,}/{total:,}")

        vintage_date = options["vintage_date"]
        assert vintage_date is None or isinstance(vintage_date, datetime.date)
        data_import = data_import_request(
            path=path,
            by=None,
            kind=str(options["kind"]),
            vintage_date=vintage_date,
            enqueue=False,
        )
        data_import = data_import_run(data_import=data_import, progress=progress)
        if data_import.status == ImportStatus.FAILED:
            raise CommandError(
                _("%(file)s: %(error)s Nothing was imported.")
                % {"file": path.name, "error": data_import.error}
            )
        dataset = data_import.dataset
        assert dataset is not None
        if data_import.status == ImportStatus.UNCHANGED:
            message = _("%(file)s was imported already as “%(dataset)s”; nothing changed.")
        else:
            message = _("%(file)s imported as “%(dataset)s”: %(count)s values.")
        self.stdout.write(
            self.style.SUCCESS(
                message
                % {
                    "file": path.name,
                    "dataset": dataset,
                    "count": grouped(dataset.observation_count),
                }
            )
        )
