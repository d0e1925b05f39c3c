"""API tokens: what a token may do is what its role allowed when it was created, never more;
a role change follows into existing tokens; secretariat tokens need the second factor and
expire; using a token does not write on every request."""

import datetime
import runpy

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from migforum.accounts.models import ApiToken, Role
from migforum.accounts.services import api_token_create, api_token_user, role_grant, role_revoke
from migforum.core.audit import history_for
from migforum.core.choices import RoleKind
from migforum.core.models import AuditAction
from migforum.core.permissions import is_secretariat, second_factor_verified, signed_in_with_token
from migforum.members.models import Organization, State
from migforum.practices.services import PracticeContent, practice_create
from migforum.settings import base as base_settings

from ..admin_forms import admin_change_form, admin_errors

pytestmark = pytest.mark.django_db

MEETING = {
    "kind": "regional",
    "title": "Regional meeting on labour mobility",
    "start_date": "2031-03-02",
    "end_date": "2031-03-03",
}


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def moroccan_draft(focal_point_of_morocco, morocco):
    return practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=PracticeContent(
            fields={
                "language": "en",
                "title": "Unpublished plan against trafficking in persons",
                "summary": "A confidential draft about smuggling routes.",
                "description": "Not for other States' eyes.",
                "level": "national",
                "implementer_name": "Ministry of the Interior",
                "implementer_kind": "government",
                "themes": ["trafficking"],
                "start_year": 2030,
                "implementation_status": "planned",
            },
            countries=[(State.objects.get(iso3="NER"), "origin"), (morocco, "transit")],
            partners=[],
        ),
    )


@pytest.fixture
def focal_point_of_france(france):
    from ..factories import RoleFactory

    return RoleFactory(kind=RoleKind.FOCAL_POINT, state=france, organization=None).user


def user_change_url(user) -> str:
    return f"/admin/accounts/user/{user.pk}/change/"


#: The admin names the role inline's fields after the model: `accounts-role-0-kind`, ….
ROLE_FORMSET_PREFIX = "roles"


def admin_add_role(client, user, *, kind: str, organization: Organization) -> None:
    url, data = admin_change_form(client, user_change_url(user))
    prefix = ROLE_FORMSET_PREFIX
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data[f"{prefix}-{total}-kind"] = kind
    data[f"{prefix}-{total}-organization"] = str(organization.pk)
    data[f"{prefix}-{total}-user"] = str(user.pk)
    response = client.post(url, data)
    assert response.status_code == 302, admin_errors(response)


def test_a_token_made_before_the_secretariat_role_was_granted_in_the_admin_gains_nothing(
    client, secretariat_client, focal_point_of_france, moroccan_draft
):
    # given a focal point's token, created before the account becomes secretariat
    _token, key = api_token_create(user=focal_point_of_france, name="script")
    unit = Organization.objects.get(slug="gfmd-support-unit")
    admin_add_role(
        secretariat_client, focal_point_of_france, kind=RoleKind.SECRETARIAT, organization=unit
    )
    assert Role.objects.filter(user=focal_point_of_france, kind=RoleKind.SECRETARIAT).exists()

    # when the token is used for what only the secretariat may do
    created = client.post(
        "/api/v1/meetings", MEETING, content_type="application/json", headers=bearer(key)
    )
    draft = client.get(f"/api/v1/practices/{moroccan_draft.pk}", headers=bearer(key))

    # then it is refused, as it was before the role was granted
    assert created.status_code == 403, created.content
    assert draft.status_code == 404
    listed = client.get("/api/v1/practices", headers=bearer(key)).json()
    assert moroccan_draft.pk not in {p["id"] for p in listed["results"]}


def admin_remove_role(client, user, role: Role) -> None:
    url, data = admin_change_form(client, user_change_url(user))
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith(f"{ROLE_FORMSET_PREFIX}-")
        and key.endswith("-id")
        and value == str(role.pk)
    )
    data[f"{ROLE_FORMSET_PREFIX}-{index}-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, admin_errors(response)


def test_removing_a_role_in_the_admin_takes_its_power_from_the_token(
    client, secretariat_client, secretariat_user, focal_point_of_morocco
):
    # given a focal point's token that changes its State's record
    token, key = api_token_create(user=focal_point_of_morocco, name="script")
    change = {"summary": "Updated by the delegation."}
    before = client.patch(
        "/api/v1/states/MAR", change, content_type="application/json", headers=bearer(key)
    )
    assert before.status_code == 200
    role = focal_point_of_morocco.roles.get()

    # when the secretariat takes the role away in the admin
    admin_remove_role(secretariat_client, focal_point_of_morocco, role)

    # then the token no longer works, and the trail says who removed what
    after = client.patch(
        "/api/v1/states/MAR", change, content_type="application/json", headers=bearer(key)
    )
    assert after.status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert history_for(token).first().actor == secretariat_user
    removal = history_for(role).first()
    assert (removal.action, removal.actor) == (AuditAction.DELETE, secretariat_user)


def test_changing_a_role_in_the_admin_ends_the_tokens_of_the_old_role(
    client, secretariat_client, focal_point_of_france, moroccan_draft
):
    # given a focal point's token, and the role then turned into the secretariat's in place
    token, key = api_token_create(user=focal_point_of_france, name="script")
    url, data = admin_change_form(secretariat_client, user_change_url(focal_point_of_france))
    data[f"{ROLE_FORMSET_PREFIX}-0-kind"] = RoleKind.SECRETARIAT
    data.pop(f"{ROLE_FORMSET_PREFIX}-0-state")
    data[f"{ROLE_FORMSET_PREFIX}-0-organization"] = str(
        Organization.objects.get(slug="gfmd-support-unit").pk
    )
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, admin_errors(response)
    assert [r.kind for r in focal_point_of_france.roles.all()] == [RoleKind.SECRETARIAT]

    # then the token neither works as before nor as the secretariat
    draft = client.get(f"/api/v1/practices/{moroccan_draft.pk}", headers=bearer(key))
    assert draft.status_code == 401
    created = client.post(
        "/api/v1/meetings", MEETING, content_type="application/json", headers=bearer(key)
    )
    assert created.status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_token_keeps_working_with_its_own_role_when_another_is_removed(
    client, secretariat_user, focal_point_of_morocco, iom
):
    secretariat_user.is_verified = lambda: True  # what django-otp sets after the second factor
    analyst = role_grant(
        user=focal_point_of_morocco, kind=RoleKind.ANALYST, organization=iom, by=secretariat_user
    )
    focal_point = focal_point_of_morocco.roles.get(kind=RoleKind.FOCAL_POINT)
    _token, state_key = api_token_create(user=focal_point_of_morocco, name="a", role=focal_point)
    _token, analyst_key = api_token_create(user=focal_point_of_morocco, name="b", role=analyst)
    change = {"summary": "Updated."}

    # the analyst's token acts as an analyst only, not for the State
    refused = client.patch(
        "/api/v1/states/MAR", change, content_type="application/json", headers=bearer(analyst_key)
    )
    assert refused.status_code == 403

    role_revoke(role=analyst, by=secretariat_user)

    assert client.get("/api/v1/practices", headers=bearer(analyst_key)).status_code == 401
    kept = client.patch(
        "/api/v1/states/MAR", change, content_type="application/json", headers=bearer(state_key)
    )
    assert kept.status_code == 200


def test_a_role_granted_after_the_token_was_created_never_reaches_it(
    client, secretariat_user, focal_point_of_morocco, france
):
    _token, key = api_token_create(user=focal_point_of_morocco, name="script")
    secretariat_user.is_verified = lambda: True  # what django-otp sets after the second factor
    role_grant(
        user=focal_point_of_morocco, kind=RoleKind.FOCAL_POINT, state=france, by=secretariat_user
    )
    change = {"summary": "Updated."}
    french = client.patch(
        "/api/v1/states/FRA", change, content_type="application/json", headers=bearer(key)
    )
    moroccan = client.patch(
        "/api/v1/states/MAR", change, content_type="application/json", headers=bearer(key)
    )
    assert (french.status_code, moroccan.status_code) == (403, 200)


def test_roles_are_granted_and_removed_by_the_secretariat_only(
    focal_point_of_morocco, focal_point_of_france
):
    role = focal_point_of_france.roles.get()
    with pytest.raises(PermissionDenied):
        role_revoke(role=role, by=focal_point_of_morocco)
    with pytest.raises(PermissionDenied):
        role_grant(
            user=focal_point_of_morocco,
            kind=RoleKind.SECRETARIAT,
            organization=Organization.objects.get(slug="gfmd-support-unit"),
            by=focal_point_of_morocco,
        )
    assert Role.objects.filter(pk=role.pk).exists()


# The second factor and expiry


def test_a_secretariat_token_is_refused_without_the_second_factor(secretariat_user, client):
    with pytest.raises(ValidationError, match="second factor"):
        api_token_create(user=secretariat_user, name="script")
    assert not ApiToken.objects.filter(user=secretariat_user).exists()

    # a session that has not passed the second factor is sent to it first
    client.force_login(secretariat_user)
    response = client.post(
        "/accounts/", {"name": "script", "role": secretariat_user.roles.get().pk}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/second-factor/")
    assert not ApiToken.objects.filter(user=secretariat_user).exists()


def test_a_secretariat_token_created_with_the_second_factor_works_until_it_expires(
    client, secretariat_client, secretariat_user, monkeypatch
):
    # given a token created from a session that passed the second factor
    role = secretariat_user.roles.get()
    page = secretariat_client.post("/accounts/", {"name": "calendar sync", "role": role.pk})
    key = page.context["new_key"]
    token = ApiToken.objects.get(user=secretariat_user)
    assert token.second_factor
    assert token.expires_at - token.created_at == datetime.timedelta(days=90)

    # it acts for the secretariat until its expiry
    monkeypatch.setattr(timezone, "now", lambda: token.created_at + datetime.timedelta(days=89))
    created = client.post(
        "/api/v1/meetings", MEETING, content_type="application/json", headers=bearer(key)
    )
    assert created.status_code == 201, created.content

    # and answers 401 after, saying why
    monkeypatch.setattr(timezone, "now", lambda: token.created_at + datetime.timedelta(days=91))
    expired = client.post(
        "/api/v1/meetings", MEETING, content_type="application/json", headers=bearer(key)
    )
    assert expired.status_code == 401
    assert expired.json() == {
        "code": "token_expired",
        "message": f"This API token expired on {token.expires_at.date().isoformat()}. "
        "Create a new one on your account page.",
    }
    # reading with it too: a token that is sent must work
    listed = client.get("/api/v1/practices", headers=bearer(key))
    assert (listed.status_code, listed.json()["code"]) == (401, "token_expired")


def test_a_secretariat_token_without_the_second_factor_has_no_secretariat_power(
    client, secretariat_user
):
    token, key = api_token_create(user=secretariat_user, name="script", second_factor=True)
    ApiToken.objects.filter(pk=token.pk).update(second_factor=False)
    created = client.post(
        "/api/v1/meetings", MEETING, content_type="application/json", headers=bearer(key)
    )
    assert created.status_code == 403


def test_a_token_user_is_marked_as_signed_in_with_the_token_and_only_it_answers_for_the_factor(
    secretariat_user, focal_point_of_morocco
):
    # given a secretariat token made after the second factor, and a focal point's token
    token, key = api_token_create(user=secretariat_user, name="script", second_factor=True)
    _other, other_key = api_token_create(
        user=focal_point_of_morocco, name="script", second_factor=True
    )

    # when each is used
    user, focal_point = api_token_user(key), api_token_user(other_key)

    # then each user says which token signed them in, and the token answers for the factor
    assert (signed_in_with_token(user), user.api_token) == (True, token)
    assert second_factor_verified(user)
    assert is_secretariat(user)
    assert signed_in_with_token(focal_point)
    assert not second_factor_verified(focal_point)
    # a session's verification does not reach a token made without the second factor
    ApiToken.objects.filter(pk=token.pk).update(second_factor=False)
    user = api_token_user(key)
    user.is_verified = lambda: True
    assert not second_factor_verified(user)
    assert not is_secretariat(user)
    assert not signed_in_with_token(secretariat_user)


def test_other_tokens_expire_too(client, focal_point_of_morocco, monkeypatch):
    token, key = api_token_create(user=focal_point_of_morocco, name="script")
    assert token.expires_at - token.created_at == datetime.timedelta(days=365)
    monkeypatch.setattr(timezone, "now", lambda: token.expires_at + datetime.timedelta(seconds=1))
    response = client.patch(
        "/api/v1/states/MAR", {"summary": "x"}, content_type="application/json", headers=bearer(key)
    )
    assert (response.status_code, response.json()["code"]) == (401, "token_expired")


def test_how_long_tokens_work_is_a_setting(
    settings, secretariat_user, focal_point_of_morocco, monkeypatch
):
    settings.API_TOKEN_SECRETARIAT_VALID_DAYS = 7
    settings.API_TOKEN_VALID_DAYS = 30
    short, _key = api_token_create(user=secretariat_user, name="a", second_factor=True)
    other, _key = api_token_create(user=focal_point_of_morocco, name="b")
    assert short.expires_at - short.created_at == datetime.timedelta(days=7)
    assert other.expires_at - other.created_at == datetime.timedelta(days=30)

    # the settings come from the environment
    monkeypatch.setenv("MIGFORUM_SECRET_KEY", "not-a-secret")
    monkeypatch.setenv("MIGFORUM_API_TOKEN_SECRETARIAT_DAYS", "30")
    monkeypatch.setenv("MIGFORUM_API_TOKEN_DAYS", "180")
    configured = runpy.run_path(base_settings.__file__)
    assert configured["API_TOKEN_SECRETARIAT_VALID_DAYS"] == 30
    assert configured["API_TOKEN_VALID_DAYS"] == 180


# Recording a token's use


def token_updates(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "accounts_apitoken"')]


def test_a_token_used_twice_within_an_hour_records_its_use_once(
    client, focal_point_of_morocco, monkeypatch, django_capture_on_commit_callbacks
):
    token, key = api_token_create(user=focal_point_of_morocco, name="script")
    start = timezone.now()

    def read_at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            assert client.get("/api/v1/practices", headers=bearer(key)).status_code == 200
        token.refresh_from_db()
        return token_updates(queries.captured_queries)

    assert len(read_at(start)) == 1
    assert token.last_used_at == start
    assert read_at(start + datetime.timedelta(minutes=59)) == []
    assert token.last_used_at == start
    assert len(read_at(start + datetime.timedelta(minutes=61))) == 1
    assert token.last_used_at == start + datetime.timedelta(minutes=61)


def test_a_failure_to_record_a_tokens_use_does_not_fail_the_request(
    client, focal_point_of_morocco, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    token, key = api_token_create(user=focal_point_of_morocco, name="script")
    update = QuerySet.update

    def locked(queryset, **values):
        if queryset.model is ApiToken and "last_used_at" in values:
            raise OperationalError("database is locked")
        return update(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", locked)
    with django_capture_on_commit_callbacks(execute=True):
        read = client.get("/api/v1/practices", headers=bearer(key))
        written = client.patch(
            "/api/v1/states/MAR",
            {"summary": "Updated."},
            content_type="application/json",
            headers=bearer(key),
        )
    assert (read.status_code, written.status_code) == (200, 200)
    token.refresh_from_db()
    assert token.last_used_at is None
    assert "database is locked" in caplog.text
