"""Accounts by invitation, sign-in with rate limiting, a second factor for the secretariat."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from migforum.accounts.models import ApiToken, Invitation, User
from migforum.accounts.services import api_token_create, invitation_create
from migforum.core.audit import history_for
from migforum.core.choices import RoleKind

from ..factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough passphrase 2006"


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_there_is_no_open_sign_up(client):
    assert client.get("/accounts/signup/").status_code == 404
    assert client.get("/accounts/register/").status_code == 404


def test_an_invitation_opens_an_account_with_its_role(client, morocco):
    invitation, token = invitation_create(
        email="Focal.Point@Example.org", kind=RoleKind.FOCAL_POINT, state=morocco, by=None
    )
    page = client.get(f"/accounts/invitation/{token}/")
    assert page.status_code == 200
    assert "focal.point@example.org" in page.content.decode()
    response = client.post(
        f"/accounts/invitation/{token}/",
        {"display_name": "Amina", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(username="focal.point@example.org")
    assert [(r.kind, r.state_id) for r in user.roles.all()] == [("focal_point", morocco.pk)]
    assert history_for(user).exists()
    # the link works once only
    assert client.get(f"/accounts/invitation/{token}/").status_code == 404


def test_a_weak_password_is_refused_and_the_invitation_stays_open(client, morocco):
    invitation, token = invitation_create(
        email="a@example.org", kind=RoleKind.FOCAL_POINT, state=morocco, by=None
    )
    response = client.post(
        f"/accounts/invitation/{token}/",
        {"display_name": "A", "password": "password", "password_again": "password"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="a@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.is_open


def test_an_expired_invitation_is_refused(client, morocco):
    invitation, token = invitation_create(
        email="b@example.org", kind=RoleKind.FOCAL_POINT, state=morocco, by=None
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert client.get(f"/accounts/invitation/{token}/").status_code == 404


def test_a_focal_point_invitation_needs_a_state():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        invitation_create(email="c@example.org", kind=RoleKind.FOCAL_POINT, by=None)


def test_only_the_secretariat_invites(as_user, focal_point_of_morocco, secretariat_client):
    assert as_user(focal_point_of_morocco).get("/accounts/invitations/new/").status_code == 403
    response = secretariat_client.post(
        "/accounts/invitations/new/",
        {"email": "new@example.org", "kind": "analyst", "organization": "unhcr"},
    )
    assert response.status_code == 200
    assert "/accounts/invitation/" in response.content.decode()
    assert Invitation.objects.get(email="new@example.org").organization.slug == "unhcr"


def test_the_invitation_is_sent_by_email(secretariat_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            "/accounts/invitations/new/",
            {"email": "mail@example.org", "kind": "observer", "organization": "funglode"},
        )
    assert mail.outbox[-1].to == ["mail@example.org"]
    assert "/accounts/invitation/" in mail.outbox[-1].body


def test_invite_command_prints_a_working_link(client, capsys):
    call_command(
        "invite",
        "chair@example.org",
        "--role",
        "secretariat",
        "--organization",
        "gfmd-support-unit",
    )
    link = capsys.readouterr().out.strip()
    assert link.startswith("http://127.0.0.1:8000/accounts/invitation/")
    assert client.get(link.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_sign_in_and_out(client):
    UserFactory(username="reader@example.org")
    response = client.post(
        "/accounts/login/",
        {"username": "reader@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get("/accounts/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/accounts/").status_code == 302


def test_a_failed_sign_in_speaks_of_the_email_address_not_a_username(client):
    UserFactory(username="reader@example.org")
    response = client.post(
        "/accounts/login/", {"username": "reader@example.org", "password": "wrong"}
    )
    html = response.content.decode()
    assert "This e-mail address and password do not match an account." in html
    assert "username" not in " ".join(response.context["form"].non_field_errors()).lower()


def test_the_sign_in_page_links_to_the_password_reset(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password-reset/"' in html
    assert "Forgot password?" in html


def test_repeated_failed_sign_ins_are_locked_out(client):
    UserFactory(username="target@example.org")
    for _attempt in range(3):  # the test settings allow 3 failures
        client.post("/accounts/login/", {"username": "target@example.org", "password": "wrong"})
    response = client.post(
        "/accounts/login/",
        {"username": "target@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_secretariat_must_set_up_a_second_factor_first(client, db):
    from migforum.members.models import Organization

    from ..factories import RoleFactory

    unit = Organization.objects.get(slug="gfmd-support-unit")
    user = RoleFactory(kind=RoleKind.SECRETARIAT, organization=unit).user
    client.force_login(user)
    response = client.get("/states/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/second-factor/setup/")
    setup = client.get("/accounts/second-factor/setup/")
    assert 'src="data:image/svg+xml' in setup.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/accounts/second-factor/setup/", {"token": current_code(device)})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10  # the recovery codes, shown once
    assert client.get("/states/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post("/accounts/second-factor/", {"token": "000000"})
    assert "not valid" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_secretariat_with_a_device_must_enter_a_code(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/second-factor/?next=/admin/")
    device = TOTPDevice.objects.get(user=secretariat_user)
    response = client.post(
        "/accounts/second-factor/", {"token": current_code(device), "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_is_for_the_secretariat_only(as_user, focal_point_of_morocco):
    response = as_user(focal_point_of_morocco).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_changes_are_audited(secretariat_client, secretariat_user, france):
    page = secretariat_client.get(f"/admin/members/state/{france.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(
        {
            "website": "https://www.diplomatie.gouv.fr",
            "status": "member",
            "admission_date": "1945-10-24",
        }
    )
    for flag in ("is_ldc", "is_lldc", "is_sids"):
        data.pop(flag)
    response = secretariat_client.post(f"/admin/members/state/{france.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = history_for(france).first()
    assert event.actor == secretariat_user
    assert event.after["website"] == "https://www.diplomatie.gouv.fr"


def test_api_tokens_are_shown_once_and_revocable(as_user, focal_point_of_morocco):
    client = as_user(focal_point_of_morocco)
    role = focal_point_of_morocco.roles.get()
    html = client.post("/accounts/", {"name": "CI script", "role": role.pk}).content.decode()
    assert "mf_" in html
    token = focal_point_of_morocco.api_tokens.get()
    assert "mf_" not in client.get("/accounts/").content.decode().replace(token.prefix, "")
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_account_page_shows_each_tokens_role_creation_expiry_and_last_use(
    as_user, focal_point_of_morocco, iom
):
    # given an account with two roles, each with a token, one of them used
    analyst = RoleFactory(user=focal_point_of_morocco, kind=RoleKind.ANALYST, organization=iom)
    client = as_user(focal_point_of_morocco)
    client.post(
        "/accounts/", {"name": "State record", "role": focal_point_of_morocco.roles.first().pk}
    )
    client.post("/accounts/", {"name": "Evidence import", "role": analyst.pk})
    used = focal_point_of_morocco.api_tokens.get(name="Evidence import")
    assert used.role == analyst
    ApiToken.objects.filter(pk=used.pk).update(
        created_at=datetime.datetime(2031, 1, 2, 9, 0, tzinfo=datetime.UTC),
        expires_at=datetime.datetime(2032, 1, 2, 9, 0, tzinfo=datetime.UTC),
        last_used_at=datetime.datetime(2031, 5, 6, 10, 0, tzinfo=datetime.UTC),
    )

    # when its owner opens the account page
    page = client.get("/accounts/")

    # then each token shows the role it acts with, when it was created, expires and was used
    rows = re.findall(r"<tr><td>(.*?)</tr>", page.content.decode(), re.DOTALL)
    state_row = next(row for row in rows if "State record" in row)
    import_row = next(row for row in rows if "Evidence import" in row)
    assert "Focal point — Morocco" in state_row
    assert "Analyst — International Organization for Migration" in import_row
    assert "Jan. 2, 2031" in import_row
    assert "Jan. 2, 2032" in import_row
    assert "May 6, 2031" in import_row
    assert "expired" not in import_row


def test_a_token_for_one_of_several_roles_must_name_it(focal_point_of_morocco, iom):
    RoleFactory(user=focal_point_of_morocco, kind=RoleKind.ANALYST, organization=iom)
    with pytest.raises(ValidationError, match="Choose the role"):
        api_token_create(user=focal_point_of_morocco, name="script")


def test_a_token_acts_with_one_of_its_owners_roles_only(
    as_user, focal_point_of_morocco, analyst_of_iom
):
    someone_elses = analyst_of_iom.roles.get()
    with pytest.raises(ValidationError):
        api_token_create(user=focal_point_of_morocco, name="script", role=someone_elses)
    response = as_user(focal_point_of_morocco).post(
        "/accounts/", {"name": "script", "role": someone_elses.pk}
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not focal_point_of_morocco.api_tokens.exists()


def test_signing_in_ignores_the_case_of_the_address(client):
    UserFactory(username="focal@example.org")
    response = client.post(
        "/accounts/login/",
        {"username": "Focal@Example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get("/accounts/").context["user"].username == "focal@example.org"


def test_the_lockout_counts_every_spelling_of_an_address_together(client):
    UserFactory(username="target@example.org")
    # the test settings allow 3 failures
    for spelling in ("Target@Example.org", "target@example.org", "TARGET@EXAMPLE.ORG"):
        client.post("/accounts/login/", {"username": spelling, "password": "wrong"})
    response = client.post(
        "/accounts/login/",
        {"username": "target@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 429


def test_accounts_are_stored_under_the_address_in_lower_case(db):
    user = User.objects.create_user("Mixed.Case@Example.ORG", password=PASSWORD)
    assert user.username == "mixed.case@example.org"
    assert User.objects.get_by_natural_key("MIXED.case@example.org") == user
