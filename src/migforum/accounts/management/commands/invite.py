from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from migforum.accounts.services import invitation_create
from migforum.core.choices import RoleKind
from migforum.members.models import Organization, State


class Command(BaseCommand):
    help = (
        "Invite someone to open an account with a role, and print the invitation link. "
        "This is how the first secretariat account of an installation is made."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=RoleKind.values)
        parser.add_argument("--state", help="ISO3 code of the State, for a focal point.")
        parser.add_argument("--organization", help="Identifier (slug) of the organization.")
        parser.add_argument(
            "--base-url",
            help="Where the platform is served, to build the link (by default SITE_URL).",
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            state = (
                State.objects.get(iso3=str(options["state"]).upper()) if options["state"] else None
            )
            organization = (
                Organization.objects.get(slug=options["organization"])
                if options["organization"]
                else None
            )
        except (State.DoesNotExist, Organization.DoesNotExist) as error:
            raise CommandError(f"Unknown State or organization: {error}") from None
        try:
            _invitation, token = invitation_create(
                email=str(options["email"]),
                kind=str(options["role"]),
                by=None,
                state=state,
                organization=organization,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        base = str(options["base_url"] or settings.SITE_URL).rstrip("/")
        self.stdout.write(f"{base}/accounts/invitation/{token}/")
