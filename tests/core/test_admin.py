"""The admin is the secretariat's: its inlines show to a secretariat account that is not a
superuser, and what they add, change or delete is saved and in the audit trail."""

import pytest

from migforum.core.audit import history_for
from migforum.core.models import AuditAction
from migforum.members.models import Group, GroupMembership

from ..admin_forms import admin_change_form, admin_errors

pytestmark = pytest.mark.django_db


def membership_prefix(data: dict[str, str]) -> str:
    return next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")


def test_the_secretariat_sees_and_saves_an_inline_deleting_a_row_of_it(secretariat_client):
    # given a group with members, opened in the admin by a secretariat account
    group = Group.objects.filter(memberships__isnull=False).distinct().first()
    url, data = admin_change_form(secretariat_client, f"/admin/members/group/{group.pk}/change/")
    prefix = membership_prefix(data)
    assert int(data[f"{prefix}-TOTAL_FORMS"]) == group.memberships.count()
    removed = GroupMembership.objects.get(pk=int(data[f"{prefix}-0-id"]))

    # when one membership is deleted in the inline
    data[f"{prefix}-0-DELETE"] = "on"
    response = secretariat_client.post(url, data)

    # then it is gone, and the trail says who removed it
    assert response.status_code == 302, admin_errors(response)
    assert not GroupMembership.objects.filter(pk=removed.pk).exists()
    newest = history_for(removed).first()
    assert newest.action == AuditAction.DELETE
    assert newest.actor_id == int(secretariat_client.session["_auth_user_id"])


def test_an_inline_row_added_in_the_admin_is_saved_and_audited(secretariat_client, morocco):
    group = Group.objects.exclude(memberships__state=morocco).first()
    url, data = admin_change_form(secretariat_client, f"/admin/members/group/{group.pk}/change/")
    prefix = membership_prefix(data)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data[f"{prefix}-{total}-state"] = str(morocco.pk)
    data[f"{prefix}-{total}-role"] = "observer"
    data[f"{prefix}-{total}-group"] = str(group.pk)

    response = secretariat_client.post(url, data)

    assert response.status_code == 302, admin_errors(response)
    added = GroupMembership.objects.get(group=group, state=morocco, role="observer")
    assert [e.action for e in history_for(added)] == [AuditAction.CREATE]


def test_someone_without_the_secretariat_role_is_kept_out_of_the_admin(
    client, focal_point_of_morocco
):
    client.force_login(focal_point_of_morocco)
    group = Group.objects.first()
    response = client.get(f"/admin/members/group/{group.pk}/change/")
    assert response.status_code in (302, 403)
