from django.core.management.base import BaseCommand

from migforum.core import loaders
from migforum.core.search import incomplete_kinds, rebuild


class Command(BaseCommand):
    help = (
        "Load or refresh the reference data (States, organizations, groups, the Forum's "
        "Summits), the sample documents and the shipped evidence; idempotent."
    )

    def handle(self, *args: object, **options: object) -> None:
        # Each app registered what it loads, in an order where later data refers to earlier.
        for loader in loaders.registered():
            loader.load(self.stdout.write)
        if missing := incomplete_kinds():
            rows = rebuild(
                progress=lambda label, n: self.stdout.write(f"  indexed {n} {label}"),
                kinds=missing,
            )
            self.stdout.write(f"Search index built: {rows} records.")
        self.stdout.write(self.style.SUCCESS("Reference data is up to date."))
