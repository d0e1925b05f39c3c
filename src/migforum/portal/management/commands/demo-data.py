from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Fill the platform with generated demonstration data. `demo-data practices N` adds N "
        "realistic practices in the six languages, at every stage of review (most published), "
        "with countries, partners, versions, reviewers' assessments, one audit event each and "
        "their full-text index rows. `demo-data statements N` adds N General Debate statements "
        "of the years after 2006, one per State per year, each made of sentences of the real "
        "statements of 2006, with one audit event each and their index rows. It only adds: "
        "running it again adds N more (the same seed gives the same texts again; pass another "
        "--seed for others). Needs the reference data (`migforum init`). Not for a production "
        "database."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        # The generators and their phrases load only when this command runs: the server never
        # imports them.
        from migforum.demo import practices, statements

        parser.add_argument("kind", choices=["practices", "statements"], help="What to generate.")
        parser.add_argument("count", type=int, help="How many to add.")
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="Seed of the random choices (default: "
            f"{practices.DEFAULT_SEED} for practices, {statements.DEFAULT_SEED} for statements); "
            "a seed always gives the same texts.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help="Records written per transaction (default: "
            f"{practices.BATCH_SIZE} practices, {statements.BATCH_SIZE} statements).",
        )

    def handle(self, *args: object, **options: object) -> None:
        count = options["count"]
        assert isinstance(count, int)
        if count < 1:
            raise CommandError(f"Give a positive number of {options['kind']}.")
        chosen = {key: options[key] for key in ("seed", "batch_size") if options[key] is not None}
        try:
            if options["kind"] == "practices":
                self.add_practices(count, chosen)
            else:
                self.add_statements(count, chosen)
        except ValueError as error:
            raise CommandError(str(error)) from error

    def add_practices(self, count: int, chosen: dict) -> None:
        from migforum.demo.practices import DemoReport, practices_generate

        def progress(report: DemoReport) -> None:
            self.stdout.write(
                f"  {report.practices:,}/{count:,} practices "
                f"({report.seconds:.0f} s, {report.practices / max(report.seconds, 1e-9):,.0f}/s)"
            )

        report = practices_generate(count=count, progress=progress, **chosen)
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

    def add_statements(self, count: int, chosen: dict) -> None:
        from migforum.demo.statements import StatementsReport, statements_generate

        def progress(report: StatementsReport) -> None:
            self.stdout.write(
                f"  {report.statements:,}/{count:,} statements "
                f"({report.seconds:.0f} s, up to {report.last_year})"
            )

        report = statements_generate(count=count, progress=progress, **chosen)
        self.stdout.write(
            f"  {report.citations:,} citations, {report.audit_events:,} audit events, "
            f"{report.search_documents:,} search entries"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {report.statements:,} statements of {report.first_year}–"
                f"{report.last_year} (ids {report.first_id}–{report.last_id}) "
                f"in {report.seconds:.1f} s."
            )
        )
