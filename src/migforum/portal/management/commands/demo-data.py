from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Fill the platform with generated demonstration data: `demo-data practices N` adds N "
        "realistic practices in the six languages, at every stage of review (most published), "
        "with countries, partners, versions, reviewers' assessments, one audit event each and "
        "their full-text index rows. It only adds: running it again adds N more (the same seed "
        "gives the same texts again; pass another --seed for others). Needs the reference data "
        "(`migforum init`). Not for a production database."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        # The generator and its phrases load only when this command runs: the server never
        # imports them.
        from migforum.demo.practices import BATCH_SIZE, DEFAULT_SEED

        parser.add_argument("kind", choices=["practices"], help="What to generate.")
        parser.add_argument("count", type=int, help="How many to add.")
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the random choices (default {DEFAULT_SEED}); "
            "a seed always gives the same texts.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Practices written per transaction (default {BATCH_SIZE}).",
        )

    def handle(self, *args: object, **options: object) -> None:
        from migforum.demo.practices import DemoReport, practices_generate

        count = options["count"]
        assert isinstance(count, int)
        if count < 1:
            raise CommandError("Give a positive number of practices.")

        def progress(report: DemoReport) -> None:
            self.stdout.write(
                f"  {report.practices:,}/{count:,} practices "
                f"({report.seconds:.0f} s, {report.practices / max(report.seconds, 1e-9):,.0f}/s)"
            )

        try:
            report = practices_generate(
                count=count,
                seed=options["seed"],  # type: ignore[arg-type]
                batch_size=options["batch_size"],  # type: ignore[arg-type]
                progress=progress,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        stages = ", ".join(f"{stage} {n:,}" for stage, n in report.by_stage.most_common())
        languages = ", ".join(f"{lang} {n:,}" for lang, n in report.by_language.most_common())
        self.stdout.write(f"  review stages: {stages}")
        self.stdout.write(f"  languages: {languages}")
        self.stdout.write(
            f"  {report.translations:,} translations, {report.versions:,} versions, "
            f"{report.assignments:,} review assignments, {report.reviews:,} reviews, "
            f"{report.audit_events:,} audit events, {report.search_documents:,} search entries"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {report.practices:,} practices (ids {report.first_id}–{report.last_id}) "
                f"in {report.seconds:.1f} s."
            )
        )
