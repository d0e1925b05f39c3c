from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from migforum.members.models import Organization, State
from migforum.practices.imports import PracticeImportError, import_practices


class Command(BaseCommand):
    help = (
        "Import a CSV or JSON file of practices as drafts of one State or organization. "
        "Every row is checked first; a file with errors imports nothing. Practices the owner "
        "already has (same title and start year) are skipped."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("file", type=Path)
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--state", metavar="ISO3", help="the owner State's ISO3 code")
        owner.add_argument("--organization", metavar="SLUG", help="the owner organization")

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.is_file():
            raise CommandError(_("%(path)s is not a file.") % {"path": path})
        if options["state"]:
            owner: State | Organization | None = State.objects.filter(
                iso3=str(options["state"]).upper()
            ).first()
        else:
            owner = Organization.objects.filter(slug=options["organization"]).first()
        if owner is None:
            raise CommandError(
                _("There is no State or organization “%(code)s”.")
                % {"code": options["state"] or options["organization"]}
            )

        def progress(done: int, total: int) -> None:
            if done % 500 == 0 or done == total:
                self.stdout.write(f"  {done}/{total} practices")

        try:
            report = import_practices(
                data=path.read_bytes(), filename=path.name, by=None, owner=owner, progress=progress
            )
        except PracticeImportError as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)d error(s) in %(file)s; nothing was imported.")
                % {"count": len(error.errors), "file": path.name}
            ) from None
        for skipped in report.skipped:
            self.stdout.write("  " + _("skipped %(row)s") % {"row": skipped})
        self.stdout.write(
            self.style.SUCCESS(
                _("Practices of %(owner)s: %(created)d created, %(skipped)d skipped.")
                % {"owner": owner, "created": report.created, "skipped": len(report.skipped)}
            )
        )
