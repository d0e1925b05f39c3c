from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from migforum.documents.choices import DocumentKind
from migforum.documents.extract import text_of_file
from migforum.documents.services import document_import_text
from migforum.meetings.services import document_import_with_meetings


class Command(BaseCommand):
    help = (
        "Import a document (text or PDF): its text and the UN symbols it cites; with "
        "--meetings-from-annex, also the meetings its annex lists. Importing the same file "
        "again changes nothing."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("file", type=Path)
        parser.add_argument("--symbol", default="", help="The document's own UN symbol.")
        parser.add_argument("--language", default="en")
        parser.add_argument("--kind", default=DocumentKind.REPORT, choices=DocumentKind.values)
        parser.add_argument("--title", default="")
        parser.add_argument(
            "--meetings-from-annex",
            action="store_true",
            help="Create or update the meetings the document's annex lists (a report like "
            "the 2006 one: date, venue, organizers and letter of each meeting).",
        )

    def progress(self, done: int, total: int) -> None:
        if done == total or done % 10 == 0:
            self.stdout.write(f"  read {done} of {total} pages")

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        importer = (
            document_import_with_meetings
            if options["meetings_from_annex"]
            else document_import_text
        )
        try:
            text = text_of_file(path.name, path.read_bytes(), progress=self.progress)
            report = importer(
                text=text,
                by=None,
                symbol=str(options["symbol"]),
                language=str(options["language"]),
                kind=str(options["kind"]),
                title=str(options["title"]),
                source=path.name,
            )
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        document = report.document
        self.stdout.write(f"{'Imported' if report.changed else 'Unchanged'}: {document}")
        self.stdout.write(
            f"  cites {len(report.citations)} symbols: " + ", ".join(report.citations)
        )
        for meeting in report.meetings:
            self.stdout.write(f"  meeting: {meeting} ({meeting.start_date:%Y-%m-%d})")
        for note in report.skipped:
            self.stderr.write(f"  skipped {note}")
