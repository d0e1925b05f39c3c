from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from migforum.core.search import rebuild, registered


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from every registered record, type by type, "
        "while the site serves (each type is replaced in one transaction)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind",
            action="append",
            help="Rebuild only this record type (e.g. documents.document); may be repeated.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        known = [spec.key for spec in registered()]
        kinds = options["kind"]
        unknown = [k for k in kinds or [] if k not in known]
        if unknown:
            raise CommandError(
                f"Unknown record type: {', '.join(unknown)}. Known: {', '.join(known)}."
            )
        shown: dict[str, int] = {}

        def progress(label: str, count: int) -> None:
            # A line per type as it starts, then one per 10,000 records.
            if label not in shown or count - shown[label] >= 10_000:
                shown[label] = count
                self.stdout.write(f"  {label}: {count:,} records…")

        total = rebuild(progress, kinds=kinds)
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {total:,} records."))
