from django.core.management.base import BaseCommand

from migforum.core.search import index_is_empty, rebuild
from migforum.documents.reference import load_seed_report, load_statements
from migforum.evidence.reference import load_evidence
from migforum.meetings.reference import load_summits
from migforum.meetings.services import document_import_with_meetings
from migforum.members.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Load or refresh the reference data (States, organizations, groups, the Forum's "
        "Summits), the sample documents and the shipped evidence; idempotent."
    )

    def handle(self, *args: object, **options: object) -> None:
        report = load_reference_data(progress=lambda step: self.stdout.write(f"Loading {step}…"))
        for kind, total in report.total.items():
            changed = report.created_or_changed.get(kind, 0)
            self.stdout.write(f"  {kind}: {total} in the reference data, {changed} new or changed")
        self.stdout.write(f"Loading Summits… {len(load_summits())}")
        seed = load_seed_report(importer=document_import_with_meetings)
        self.stdout.write(
            f"Loading the 2006 report… {len(seed.meetings)} meetings in its annex, "
            f"{len(seed.citations)} symbols cited"
        )
        statements = load_statements()
        self.stdout.write(
            f"Loading the 2006 General Debate… {statements.imported} new or "
            f"changed, {statements.unchanged} unchanged"
        )
        evidence = load_evidence(progress=lambda name: self.stdout.write(f"Loading {name}…"))
        self.stdout.write(
            f"Loading the evidence… {len(evidence.imported)} files imported, "
            f"{len(evidence.unchanged)} unchanged, {len(evidence.skipped)} skipped"
        )
        if index_is_empty():
            rows = rebuild(progress=lambda label, n: self.stdout.write(f"  indexed {n} {label}"))
            self.stdout.write(f"Search index built: {rows} entries.")
        self.stdout.write(self.style.SUCCESS("Reference data is up to date."))
