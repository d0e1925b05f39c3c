from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from migforum.documents.statements import statements_import_folder


class Command(BaseCommand):
    help = (
        "Import a folder of General Debate statements named <ISO3>_<session>_<year>.txt, "
        "each as a statement of that State at that session of the General Assembly."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("folder", type=Path)

    def handle(self, *args: object, **options: object) -> None:
        folder = options["folder"]
        assert isinstance(folder, Path)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")

        def progress(done: int, total: int) -> None:
            if done % 100 == 0 or done == total:
                self.stdout.write(f"  {done}/{total} files")

        report = statements_import_folder(folder, by=None, progress=progress)
        for note in report.skipped:
            self.stderr.write(f"  skipped {note}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Statements: {report.imported} imported or changed, {report.unchanged} unchanged, "
                f"{len(report.skipped)} skipped."
            )
        )
