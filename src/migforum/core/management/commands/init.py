from django.core.management.base import BaseCommand

from migforum.core.search import index_is_empty, rebuild
from migforum.members.reference import load_reference_data


class Command(BaseCommand):
    help = "Load or refresh the reference data (States, organizations, groups); idempotent."

    def handle(self, *args: object, **options: object) -> None:
        report = load_reference_data(progress=lambda step: self.stdout.write(f"Loading {step}…"))
        for kind, total in report.total.items():
            changed = report.created_or_changed.get(kind, 0)
            self.stdout.write(f"  {kind}: {total} in the reference data, {changed} new or changed")
        if index_is_empty():
            rows = rebuild(progress=lambda label, n: self.stdout.write(f"  indexed {n} {label}"))
            self.stdout.write(f"Search index built: {rows} entries.")
        self.stdout.write(self.style.SUCCESS("Reference data is up to date."))
