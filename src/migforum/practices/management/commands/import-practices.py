from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from migforum.core.choices import ImportStatus
from migforum.members.models import Organization, State
from migforum.practices.imports import (
    import_errors,
    import_skipped,
    practice_import_request,
    practice_import_run,
)


class Command(BaseCommand):
    help = (
        "Import a CSV or JSON file of practices as drafts of one State or organization, in "
        "this process. Every row is checked first; a file with errors imports nothing. "
        "Practices the owner already has (same title and start year) are skipped."
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
        last_step = [""]

        def progress(step: str, done: int, total: int) -> None:
            if step != last_step[0]:
                last_step[0] = step
                self.stdout.write(f"  {step}…")
            elif total and (done == total or done % 5_000 == 0):
                self.stdout.write(f"  {step}: {done:,}/{total:,}")

        with path.open("rb") as handle:
            practice_import = practice_import_request(
                file=File(handle, name=path.name),
                name=path.name,
                by=None,
                owner=owner,
                enqueue=False,
            )
        practice_import = practice_import_run(practice_import=practice_import, progress=progress)
        if practice_import.status == ImportStatus.FAILED:
            errors = import_errors(practice_import)
            for problem in errors:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)d error(s) in %(file)s; nothing was imported.")
                % {"count": len(errors), "file": path.name}
            )
        for skipped in import_skipped(practice_import):
            self.stdout.write("  " + _("skipped %(row)s") % {"row": skipped})
        self.stdout.write(
            self.style.SUCCESS(
                _("Practices of %(owner)s: %(created)d created, %(skipped)d skipped.")
                % {
                    "owner": owner,
                    "created": practice_import.created,
                    "skipped": len(practice_import.skipped),
                }
            )
        )
