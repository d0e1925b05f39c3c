"""Recovery codes for a lost authenticator, and the secretariat's reset of a member's second
factor."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from migforum.accounts.services import RECOVERY_CODE_COUNT, recovery_codes_create
from migforum.core.audit import history_for
from migforum.core.choices import RoleKind
from migforum.core.models import AuditAction, AuditEvent
from migforum.members.models import Organization

from ..conftest import secretariat_member, verified_client
from ..factories import RoleFactory

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def other_secretariat_member(db):
    return secretariat_member()


@pytest.fixture(autouse=True)
def no_pause_after_a_wrong_code(settings):
    """django-otp makes each device wait a moment after a wrong code (1 s, then longer); these
    tests try codes one after the other."""
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def signed_in_with_password(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_setting_up_the_authenticator_shows_recovery_codes_once(client, db):
    # given a new secretariat member setting up their authenticator
    unit = Organization.objects.get(slug="gfmd-support-unit")
    user = RoleFactory(kind=RoleKind.SECRETARIAT, organization=unit).user
    client.force_login(user)
    client.get("/accounts/second-factor/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    # when they confirm it with a code from the app
    response = client.post(
        "/accounts/second-factor/setup/", {"token": current_code(device), "next": "/states/"}
    )

    # then the answer shows their recovery codes, which are theirs and work
    html = response.content.decode()
    codes = response.context["codes"]
    assert len(set(codes)) == RECOVERY_CODE_COUNT == 10
    assert all(code in html for code in codes)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == (
        set(codes)
    )
    assert 'href="/states/"' in html
    # and no later page shows them again
    account = client.get("/accounts/").content.decode()
    assert not any(code in account for code in codes)
    assert "10 recovery codes left" in account


def test_a_recovery_code_signs_in_instead_of_the_authenticator_once(secretariat_user):
    codes = recovery_codes_create(user=secretariat_user)

    # a member without their phone signs in with a recovery code, as printed or typed
    client = signed_in_with_password(secretariat_user)
    spaced = f"{codes[0][:4].upper()} {codes[0][4:].upper()}"
    response = client.post("/accounts/second-factor/", {"token": spaced, "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("9 are left" in message for message in messages)

    # the same code does not work a second time
    again = signed_in_with_password(secretariat_user)
    response = again.post("/accounts/second-factor/", {"token": codes[0]})
    assert response.status_code == 200
    assert "not valid" in response.content.decode()
    assert again.get("/admin/").status_code == 302

    # another one does; each use is in the trail, the code itself never
    third = signed_in_with_password(secretariat_user)
    assert third.post("/accounts/second-factor/", {"token": codes[1]}).status_code == 302
    device = StaticDevice.objects.get(user=secretariat_user)
    uses = history_for(device).filter(action=AuditAction.UPDATE)
    assert [event.after for event in uses] == [
        {"recovery_codes_left": 8},
        {"recovery_codes_left": 9},
    ]
    assert not any(
        code in str(event.before) + str(event.after)
        for event in AuditEvent.objects.all()
        for code in codes
    )


def test_the_authenticator_code_still_works_beside_the_recovery_codes(secretariat_user):
    recovery_codes_create(user=secretariat_user)
    client = signed_in_with_password(secretariat_user)
    device = TOTPDevice.objects.get(user=secretariat_user)
    response = client.post("/accounts/second-factor/", {"token": current_code(device)})
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=secretariat_user).count() == 10


def test_new_recovery_codes_replace_the_old(secretariat_user):
    old = recovery_codes_create(user=secretariat_user)
    client = verified_client(secretariat_user)
    response = client.post("/accounts/second-factor/recovery-codes/")
    new = response.context["codes"]
    assert len(new) == 10
    assert not set(old) & set(new)
    stale = signed_in_with_password(secretariat_user)
    assert stale.post("/accounts/second-factor/", {"token": old[0]}).status_code == 200
    assert stale.post("/accounts/second-factor/", {"token": new[0]}).status_code == 302


def test_new_recovery_codes_need_a_session_that_passed_the_second_factor(
    focal_point_of_morocco,
):
    client = signed_in_with_password(focal_point_of_morocco)
    assert client.post("/accounts/second-factor/recovery-codes/").status_code == 403
    assert not StaticDevice.objects.filter(user=focal_point_of_morocco).exists()


def test_a_member_replaces_their_own_authenticator(secretariat_user):
    recovery_codes_create(user=secretariat_user)
    client = verified_client(secretariat_user)
    response = client.post("/accounts/second-factor/replace/")
    assert response["Location"] == "/accounts/second-factor/setup/"
    assert not TOTPDevice.objects.filter(user=secretariat_user, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=secretariat_user).exists()
    # the session no longer counts as having passed the second factor
    assert client.get("/admin/")["Location"].startswith("/accounts/second-factor/setup/")


def test_the_secretariat_resets_a_members_second_factor(
    secretariat_client, secretariat_user, other_secretariat_member
):
    # given a member who lost their phone and their recovery codes
    recovery_codes_create(user=other_secretariat_member)
    totp_device = TOTPDevice.objects.get(user=other_secretariat_member)
    static_device = StaticDevice.objects.get(user=other_secretariat_member)

    # when another secretariat member resets their second factor from the page
    page = secretariat_client.get("/accounts/second-factors/")
    assert page.status_code == 200
    reset_url = f"/accounts/second-factors/{other_secretariat_member.pk}/reset/"
    assert f'action="{reset_url}"' in page.content.decode()
    response = secretariat_client.post(reset_url)

    # then both are gone, and the trail says who did it
    assert response["Location"] == "/accounts/second-factors/"
    assert not TOTPDevice.objects.filter(user=other_secretariat_member).exists()
    assert not StaticDevice.objects.filter(user=other_secretariat_member).exists()
    for device in (totp_device, static_device):
        event = AuditEvent.objects.get(
            content_type=ContentType.objects.get_for_model(device),
            object_id=str(device.pk),
            action=AuditAction.DELETE,
        )
        assert event.actor == secretariat_user
        assert event.before["user_id"] == other_secretariat_member.pk

    # and the member sets up a new authenticator at their next sign-in
    client = signed_in_with_password(other_secretariat_member)
    assert client.get("/admin/")["Location"].startswith("/accounts/second-factor/setup/")


def test_the_secretariat_page_is_linked_from_the_account_page(secretariat_client):
    html = secretariat_client.get("/accounts/").content.decode()
    assert 'href="/accounts/second-factors/"' in html


def test_nobody_but_the_secretariat_resets_a_second_factor(
    as_user, focal_point_of_morocco, other_secretariat_member
):
    client = as_user(focal_point_of_morocco)
    assert client.get("/accounts/second-factors/").status_code == 403
    response = client.post(f"/accounts/second-factors/{other_secretariat_member.pk}/reset/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=other_secretariat_member).exists()
    assert 'href="/accounts/second-factors/"' not in client.get("/accounts/").content.decode()


def test_a_reset_without_the_csrf_token_is_refused(secretariat_user, other_secretariat_member):
    client = verified_client(secretariat_user)
    client.handler.enforce_csrf_checks = True
    response = client.post(f"/accounts/second-factors/{other_secretariat_member.pk}/reset/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=other_secretariat_member).exists()


def test_resetting_an_account_without_a_second_factor_says_so(
    secretariat_client, focal_point_of_morocco
):
    response = secretariat_client.post(
        f"/accounts/second-factors/{focal_point_of_morocco.pk}/reset/", follow=True
    )
    assert "has no second factor to reset" in response.content.decode()


def test_recovery_codes_are_not_listed_in_the_administration(secretariat_client):
    assert secretariat_client.get("/admin/otp_static/staticdevice/").status_code == 404
