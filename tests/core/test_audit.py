"""Every write is in the audit trail, and a record's history is visible with it: to the
public as changes to public fields made by a State or an organization, never by an account;
whole to the verified secretariat."""

import datetime
import re

import pytest
from django.apps import apps

from migforum.accounts.models import User
from migforum.core.audit import history_for, public_fields, record_create
from migforum.core.choices import RoleKind
from migforum.core.models import AuditAction
from migforum.meetings.choices import MeetingKind
from migforum.meetings.services import meeting_create, meeting_update
from migforum.members.services import state_update
from migforum.practices.models import Practice

from ..conftest import verified_client
from ..factories import RoleFactory

pytestmark = pytest.mark.django_db


def actors_named(html: str) -> set[str]:
    """Who each event of a history page says acted."""
    return {re.sub(r"<[^>]+>", "", name) for name in re.findall(r"<strong>(.*?)</strong>", html)}


def fields_shown(html: str) -> set[str]:
    return set(re.findall(r'<th scope="row">(.*?)</th>', html))


def accounts_in(html: str) -> list[str]:
    """Every account's e-mail address or name that the page shows."""
    return [
        text
        for email, name in User.objects.values_list("email", "display_name")
        for text in (email, name)
        if text and text in html
    ]


def test_a_change_records_who_when_what_before_and_after(focal_point_of_morocco, morocco):
    state_update(state=morocco, by=focal_point_of_morocco, data={"website": "https://www.maroc.ma"})
    event = history_for(morocco).first()
    assert event.actor == focal_point_of_morocco
    assert event.actor_label == focal_point_of_morocco.username
    assert event.action == AuditAction.UPDATE
    assert event.changed_fields() == [("website", "", "https://www.maroc.ma")]
    assert event.at is not None
    assert (event.acting_for_label, event.acting_for_id) == ("Morocco", str(morocco.pk))


def test_saving_the_same_values_records_nothing(focal_point_of_morocco, morocco):
    before = history_for(morocco).count()
    state_update(state=morocco, by=focal_point_of_morocco, data={"website": ""})
    assert history_for(morocco).count() == before


def test_the_history_page_shows_the_change_by_the_state_not_the_account(
    client, focal_point_of_morocco, morocco
):
    state_update(
        state=morocco,
        by=focal_point_of_morocco,
        data={"summary": "Morocco hosted the Euro-African ministerial conference."},
    )
    page = client.get("/history/state/MAR/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Euro-African ministerial conference" in html
    assert "summary by the delegation" in fields_shown(html)
    assert actors_named(html) == {"Morocco", "migforum init"}  # and the reference data
    assert accounts_in(html) == []


def test_the_state_acted_for_is_named_in_the_readers_language(
    client, focal_point_of_morocco, morocco
):
    state_update(state=morocco, by=focal_point_of_morocco, data={"website": "https://maroc.ma"})
    html = client.get("/fr/history/state/MAR/").content.decode()
    assert "Maroc" in actors_named(html)


def test_the_history_shows_values_as_the_reader_reads_them_not_as_stored(client):
    # given Morocco's record as the reference data created it (a date, yes/no flags, an id)
    html = client.get("/fr/history/state/MAR/").content.decode()
    shown = fields_shown(html)

    # then a date is in the reader's format, a flag is yes or no, and the row id is not shown
    assert "12 novembre 1956" in html
    assert "1956-11-12" not in html
    assert "False" not in html
    assert "True" not in html
    assert "Non" in html
    assert "ID" not in shown
    assert "id" not in shown


def test_what_the_account_acted_for_is_kept_as_it_was_when_it_acted(
    focal_point_of_morocco, morocco, france
):
    # given a change made for Morocco
    state_update(state=morocco, by=focal_point_of_morocco, data={"website": "https://maroc.ma"})
    # when the account later acts for France instead
    focal_point_of_morocco.roles.update(state=france)
    # then the trail still says the change was Morocco's
    assert history_for(morocco).first().acting_for_label == "Morocco"


def test_an_account_with_several_roles_acts_for_the_records_own_body(morocco, iom):
    # given an analyst of IOM who is also Morocco's focal point
    person = RoleFactory(kind=RoleKind.ANALYST, organization=iom).user
    RoleFactory(user=person, kind=RoleKind.FOCAL_POINT, state=morocco)
    # when they change Morocco's page
    state_update(state=morocco, by=person, data={"website": "https://maroc.ma"})
    # then they did so for Morocco
    assert history_for(morocco).first().acting_for_label == "Morocco"


def test_the_verified_secretariat_sees_the_account_and_every_field(
    secretariat_client, secretariat_user, focal_point_of_morocco, morocco
):
    state_update(state=morocco, by=focal_point_of_morocco, data={"website": "https://maroc.ma"})
    html = secretariat_client.get("/history/state/MAR/").content.decode()
    assert focal_point_of_morocco.username in html
    # without the second factor, the secretariat reads what the public reads
    unverified = verified_client(RoleFactory(kind=RoleKind.SECRETARIAT, organization=None).user)
    assert (
        focal_point_of_morocco.username
        not in unverified.get("/history/state/MAR/").content.decode()
    )


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


def test_a_practices_public_history_names_the_state_and_bodies_and_hides_the_review(
    client, published_practice
):
    # when anyone reads the history of the published practice
    page = client.get(f"/history/practice/{published_practice.pk}/")

    # then it shows the practice's public fields as Morocco wrote them; the review's steps
    # changed no public field and are not listed
    assert page.status_code == 200
    html = page.content.decode()
    assert {"title", "summary", "level"} <= fields_shown(html)
    assert actors_named(html) == {"Morocco"}
    # and no account, no stage of the review, no dates of it, no contact's address
    assert accounts_in(html) == []
    assert "@" not in html
    assert fields_shown(html).isdisjoint(
        {"review", "submitted", "published", "updated", "created", "contacts"}
    )
    for internal in ("under_review", "approved", "published_at", "review_status"):
        assert internal not in html
    # a State or organization a field points to is named, not numbered
    assert re.search(r"submitted by \(State\)</th><td>—</td><td>Morocco</td>", html)
    published_at = Practice.objects.get(pk=published_practice.pk).published_at
    assert published_at.isoformat() not in html


def test_the_secretariat_sees_a_practices_review_in_its_history(
    secretariat_client, published_practice, analyst_of_ilo
):
    html = secretariat_client.get(f"/history/practice/{published_practice.pk}/").content.decode()
    # the review's stages, by their names
    assert "Under review" in html
    assert "Published" in html
    assert analyst_of_ilo.email in html


def test_a_meetings_public_history_names_the_secretariats_body_not_its_people(
    client, secretariat_user
):
    # given a meeting the secretariat created, renamed and opened for 40 delegates
    secretariat_user.is_verified = lambda: True
    meeting = meeting_create(
        by=secretariat_user,
        data={
            "kind": MeetingKind.ROUND_TABLE,
            "title": "Round table on remittances",
            "start_date": datetime.date(2030, 5, 4),
            "end_date": datetime.date(2030, 5, 5),
            "city": "Geneva",
        },
    )
    meeting_update(
        meeting=meeting,
        by=secretariat_user,
        data={"title": "Round table on the cost of remittances", "registration_capacity": 40},
    )

    # when anyone reads its history
    html = client.get(f"/history/meeting/{meeting.pk}/").content.decode()

    # then it names the secretariat's body, never a person or an address, nor the places
    assert actors_named(html) == {"Support Unit of the Global Forum on Migration and Development"}
    assert "Round table on the cost of remittances" in html
    assert accounts_in(html) == []
    assert "@" not in html
    assert "places" not in fields_shown(html)


def test_a_change_without_an_account_is_named_after_the_command_unless_it_is_an_address(
    client, morocco
):
    from migforum.meetings.models import Meeting

    data = {
        "kind": MeetingKind.ROUND_TABLE,
        "title": "Imported",
        "start_date": datetime.date(2030, 5, 4),
        "end_date": datetime.date(2030, 5, 4),
    }
    by_command = record_create(model=Meeting, data=data, by=None, actor_name="migforum init")
    by_address = record_create(model=Meeting, data=data, by=None, actor_name="someone@example.org")
    assert actors_named(client.get(f"/history/meeting/{by_command.pk}/").content.decode()) == {
        "migforum init"
    }
    html = client.get(f"/history/meeting/{by_address.pk}/").content.decode()
    assert "someone@example.org" not in html


def test_every_declaration_of_internal_or_public_fields_names_real_fields():
    declaring = [
        model
        for model in apps.get_models()
        if hasattr(model, "history_public_fields") or hasattr(model, "history_internal_fields")
    ]
    assert Practice in declaring
    for model in declaring:
        public_fields.cache_clear()
        public_fields(model)  # raises on a name that is not a field, or on both declarations


def test_a_model_that_declares_nothing_shows_no_values_in_public():
    from migforum.accounts.models import ApiToken

    assert public_fields(ApiToken) == frozenset()
    assert "review_status" not in public_fields(Practice)
    assert "title" in public_fields(Practice)
