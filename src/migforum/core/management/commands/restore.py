from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from migforum.core.backup import BackupError, backup_restore
from migforum.core.formats import grouped


class Command(BaseCommand):
    help = (
        "Restore a backup made by `migforum backup` into this installation: its database and "
        "media files. Checks the backup's checksums first; says what it would do unless "
        "--apply is given; replaces an installation that holds data only with --force. Stop "
        "the server and the worker first."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("directory", type=Path, help="A directory made by `migforum backup`.")
        parser.add_argument(
            "--apply", action="store_true", help="Restore (without it, only check and tell)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the data this installation holds (all of it).",
        )

    def handle(self, *args: object, **options: object) -> None:
        directory = options["directory"]
        assert isinstance(directory, Path)
        try:
            report = backup_restore(
                directory=directory,
                force=bool(options["force"]),
                apply=bool(options["apply"]),
                progress=self.stdout.write,
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        for table, rows in sorted(report.tables.items()):
            self.stdout.write(f"  {table}: {rows:,}")
        figures = {
            "created": report.manifest["created_at"],
            "tables": len(report.tables),
            "rows": grouped(sum(report.tables.values())),
            "files": grouped(report.media_files),
        }
        if not report.applied:
            self.stdout.write(
                _(
                    "The backup of %(created)s is sound: %(tables)s tables, %(rows)s rows, "
                    "%(files)s media files. Nothing was changed; add --apply to restore it."
                )
                % figures
            )
            if report.replaced:
                self.stdout.write(
                    _("It would replace what this installation holds: %(contents)s.")
                    % {"contents": ", ".join(report.replaced)}
                )
            return
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup of %(created)s: %(tables)s tables, %(rows)s rows (as "
                    "counted in the backup), %(files)s media files."
                )
                % figures
            )
        )
