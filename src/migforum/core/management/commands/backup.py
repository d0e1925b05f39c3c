from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from migforum.core.backup import BackupError, backup_create
from migforum.core.formats import grouped


class Command(BaseCommand):
    help = (
        "Back up this installation into a new directory: a consistent copy of the database "
        "(SQLite's online backup, or pg_dump on PostgreSQL) and of the media files, with a "
        "manifest of checksums and row counts. The site may keep serving meanwhile."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("directory", type=Path, help="A new or empty directory.")

    def handle(self, *args: object, **options: object) -> None:
        directory = options["directory"]
        assert isinstance(directory, Path)
        try:
            manifest = backup_create(directory=directory, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backed up into %(directory)s: %(tables)s tables, %(rows)s rows, "
                    "%(files)s media files."
                )
                % {
                    "directory": directory,
                    "tables": len(manifest["tables"]),
                    "rows": grouped(sum(manifest["tables"].values())),
                    "files": grouped(len(manifest["media"])),
                }
            )
        )
