from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from migforum.core.formats import grouped
from migforum.evidence.indicators import prices_recompute
from migforum.evidence.models import Dataset


class Command(BaseCommand):
    help = (
        "Recompute every price indicator (corridor averages from quotes, global, regional and "
        "weighted averages, SmaRT, shares of corridors, SDG 10.c.1) of every Remittance "
        "Prices Worldwide dataset, or of one (--dataset), in one transaction."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("--dataset", type=int, help="the id of one dataset")

    def handle(self, *args: object, **options: object) -> None:
        dataset = None
        if options["dataset"] is not None:
            dataset = Dataset.objects.filter(pk=options["dataset"]).first()
            if dataset is None:
                raise CommandError(_("There is no dataset %(id)s.") % {"id": options["dataset"]})

        def progress(step: str, done: int, total: int) -> None:
            self.stdout.write(f"  {step}")

        computed = prices_recompute(by=None, dataset=dataset, progress=progress)
        names = dict(Dataset.objects.filter(pk__in=computed).values_list("pk", "title"))
        for pk, count in computed.items():
            self.stdout.write(
                self.style.SUCCESS(
                    _("“%(dataset)s”: %(count)s values computed.")
                    % {"dataset": names[pk], "count": grouped(count)}
                )
            )
