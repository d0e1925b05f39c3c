"""Every write is in the audit trail, and a record's history is visible with it."""

import pytest

from migforum.core.audit import history_for
from migforum.core.models import AuditAction
from migforum.members.services import state_update

pytestmark = pytest.mark.django_db


def test_a_change_records_who_when_what_before_and_after(focal_point_of_morocco, morocco):
    state_update(state=morocco, by=focal_point_of_morocco, data={"website": "https://www.maroc.ma"})
    event = history_for(morocco).first()
    assert event.actor == focal_point_of_morocco
    assert event.actor_label == focal_point_of_morocco.username
    assert event.action == AuditAction.UPDATE
    assert event.changed_fields() == [("website", "", "https://www.maroc.ma")]
    assert event.at is not None


def test_saving_the_same_values_records_nothing(focal_point_of_morocco, morocco):
    before = history_for(morocco).count()
    state_update(state=morocco, by=focal_point_of_morocco, data={"website": ""})
    assert history_for(morocco).count() == before


def test_the_history_page_shows_the_change(client, focal_point_of_morocco, morocco):
    state_update(
        state=morocco,
        by=focal_point_of_morocco,
        data={"summary": "Morocco hosted the Euro-African ministerial conference."},
    )
    page = client.get("/history/state/MAR/")
    assert page.status_code == 200
    html = page.content.decode()
    assert focal_point_of_morocco.username in html
    assert "Euro-African ministerial conference" in html
    assert "migforum init" in html  # the record's creation by the reference data


def test_history_of_an_unknown_record_is_404(client):
    assert client.get("/history/state/XYZ/").status_code == 404
    assert client.get("/history/meeting/1/").status_code == 404


def test_secrets_never_enter_the_trail(db):
    from migforum.accounts.services import api_token_create

    from ..factories import RoleFactory

    user = RoleFactory().user
    token, key = api_token_create(user=user, name="script")
    event = history_for(token).first()
    assert key not in str(event.after)
    assert event.after["key_hash"].startswith("secret:")
