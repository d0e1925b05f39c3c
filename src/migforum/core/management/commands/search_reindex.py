from django.core.management.base import BaseCommand

from migforum.core.search import rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every registered record."

    def handle(self, *args: object, **options: object) -> None:
        total = rebuild(progress=lambda label, n: self.stdout.write(f"  {label}: {n} entries"))
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {total} entries."))
