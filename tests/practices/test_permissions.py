"""Who may do what to a practice, at every stage of review; and who sees an unpublished one,
in the pages, the exports and the site-wide search alike."""

import json

import pytest
from django.test import Client

from migforum.accounts.services import api_token_create, api_token_user
from migforum.core.choices import RoleKind
from migforum.core.permissions import Action, can
from migforum.core.search import search
from migforum.members.models import Organization, State
from migforum.practices import finder
from migforum.practices.choices import ReviewStatus
from migforum.practices.models import Practice
from migforum.practices.services import (
    conflict_declare,
    practice_publish,
    practice_submit,
    review_submit,
    reviewer_assign,
)

from ..conftest import verified_client
from ..factories import RoleFactory
from .test_workflow import ALL_MET

pytestmark = pytest.mark.django_db

STAGES = [
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.UNDER_REVIEW,
    ReviewStatus.CHANGES_REQUESTED,
    ReviewStatus.APPROVED,
    ReviewStatus.PUBLISHED,
    ReviewStatus.WITHDRAWN,
]


@pytest.fixture
def people(focal_point_of_morocco, analyst_of_ilo, secretariat_user):
    secretariat_user.is_verified = lambda: True
    unverified = RoleFactory(
        kind=RoleKind.SECRETARIAT, organization=Organization.objects.get(slug="gfmd-support-unit")
    ).user
    return {
        "anonymous": None,
        "owner": focal_point_of_morocco,
        "other_state": RoleFactory(
            kind=RoleKind.FOCAL_POINT, state=State.objects.get(iso3="FRA"), organization=None
        ).user,
        "reviewer": analyst_of_ilo,
        "other_analyst": RoleFactory(
            kind=RoleKind.ANALYST, organization=Organization.objects.get(slug="iom")
        ).user,
        "secretariat_without_second_factor": unverified,
        "secretariat": secretariat_user,
    }


def at_stage(draft, stage, people):
    """The practice taken through the real steps up to `stage`."""
    owner, reviewer, secretariat = people["owner"], people["reviewer"], people["secretariat"]
    practice = draft
    if stage == ReviewStatus.DRAFT:
        return practice
    if stage == ReviewStatus.WITHDRAWN:
        from migforum.practices.services import practice_withdraw

        return practice_withdraw(practice=practice, by=owner)
    practice = practice_submit(practice=practice, by=owner)
    if stage == ReviewStatus.SUBMITTED:
        return practice
    assignment = reviewer_assign(practice=practice, reviewer=reviewer, by=secretariat)
    conflict_declare(assignment=assignment, by=reviewer, has_conflict=False, statement="")
    practice = Practice.objects.get(pk=practice.pk)
    if stage == ReviewStatus.UNDER_REVIEW:
        return practice
    decision = "request_changes" if stage == ReviewStatus.CHANGES_REQUESTED else "approve"
    review_submit(practice=practice, by=reviewer, ratings=ALL_MET, analysis="A.", decision=decision)
    practice = Practice.objects.get(pk=practice.pk)
    if stage == ReviewStatus.PUBLISHED:
        practice = practice_publish(practice=practice, by=secretariat)
    return practice


def expected(person, action, stage):
    published = stage == ReviewStatus.PUBLISHED
    open_for_changes = stage in (ReviewStatus.DRAFT, ReviewStatus.CHANGES_REQUESTED)
    reviewing = stage not in (ReviewStatus.DRAFT, ReviewStatus.SUBMITTED, ReviewStatus.WITHDRAWN)
    is_reviewer = person == "reviewer" and reviewing
    if action == Action.VIEW:
        return published or person in ("owner", "secretariat") or is_reviewer
    if action == Action.CHANGE:
        return person == "owner" and open_for_changes
    if action == Action.REVIEW:
        return is_reviewer
    if action == Action.WITHDRAW:
        return person in ("owner", "secretariat")
    if action == Action.MANAGE_PRACTICES:
        return person == "secretariat"
    raise AssertionError(action)


@pytest.mark.parametrize("stage", STAGES)
def test_the_permission_matrix(draft, people, stage):
    practice = at_stage(draft, stage, people)
    assert practice.review_status == stage
    from django.contrib.auth.models import AnonymousUser

    wrong = []
    for person, user in people.items():
        for action in (
            Action.VIEW,
            Action.CHANGE,
            Action.REVIEW,
            Action.WITHDRAW,
            Action.MANAGE_PRACTICES,
        ):
            allowed = can(user or AnonymousUser(), action, practice)
            if allowed != expected(person, action, stage):
                wrong.append((person, action.value, allowed))
    assert wrong == []


def client_for(person, user):
    if user is None:
        return Client()
    if person == "secretariat":
        return verified_client(user)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("stage", [ReviewStatus.DRAFT, ReviewStatus.UNDER_REVIEW])
def test_an_unpublished_practice_is_seen_only_by_its_circle_everywhere(draft, people, stage):
    practice = at_stage(draft, stage, people)
    finder.reset_facet_index()
    circle = {"owner", "secretariat"} | (
        {"reviewer"} if stage == ReviewStatus.UNDER_REVIEW else set()
    )
    for person, user in people.items():
        client = client_for(person, user)
        sees = person in circle
        page = client.get(practice.get_absolute_url())
        assert (page.status_code == 200) is sees, person
        listed = client.get("/practices/", {"q": "housing"}).content.decode()
        assert ("for development accounts" in listed) is sees, person
        counted = client.get("/practices/").content.decode()
        assert ('data-value="remittances"' in counted) is sees, person
        export = client.get("/practices/export.json")
        # A secretariat account without its second factor is sent to enter it first.
        exported = (
            json.loads(b"".join(export.streaming_content)) if export.status_code == 200 else {}
        )
        assert (exported.get("total") == 1) is sees, person
        history = client.get(f"/history/practice/{practice.pk}/")
        assert (history.status_code == 200) is sees, person
    # The site-wide search holds published practices only, whoever asks.
    assert all(hit.kind != "practices.practice" for hit in search("accounts", language="en").hits)


def test_an_observer_organization_shares_practices_and_only_its_members_answer_for_them(
    observer, analyst_of_ilo
):
    from migforum.practices.services import (
        practice_create,
        practice_reopen,
        practice_update,
        practice_withdraw,
    )

    from .conftest import remittance_content

    ngo = Organization.objects.get(slug="funglode")
    colleague = RoleFactory(kind=RoleKind.OBSERVER, organization=ngo).user
    outsider = RoleFactory(
        kind=RoleKind.OBSERVER, organization=Organization.objects.get(slug="iom")
    ).user

    practice = practice_create(by=observer, owner=ngo, content=remittance_content())
    practice_update(
        practice=practice, by=colleague, content=remittance_content(title="Diaspora bonds")
    )

    assert Practice.objects.get(pk=practice.pk).title == "Diaspora bonds"
    assert can(colleague, Action.VIEW, practice)
    assert not can(outsider, Action.VIEW, practice)
    assert not can(outsider, Action.CHANGE, practice)
    assert not can(analyst_of_ilo, Action.CHANGE, practice)
    practice_withdraw(practice=practice, by=observer)
    assert practice_reopen(practice=practice, by=colleague).review_status == ReviewStatus.DRAFT


@pytest.fixture
def everyone(focal_point_of_morocco, analyst_of_iom, observer, analyst_of_ilo, secretariat_user):
    """One person in each position a practice can be seen from."""
    from django.contrib.auth.models import AnonymousUser

    secretariat_user.is_verified = lambda: True
    unverified = RoleFactory(
        kind=RoleKind.SECRETARIAT, organization=Organization.objects.get(slug="gfmd-support-unit")
    ).user
    unverified.is_verified = lambda: False
    return {
        "anonymous": AnonymousUser(),
        "focal_point_of_the_owner_state": focal_point_of_morocco,
        "focal_point_of_another_state": RoleFactory(
            kind=RoleKind.FOCAL_POINT, state=State.objects.get(iso3="FRA"), organization=None
        ).user,
        "analyst_of_the_owner_organization": analyst_of_iom,
        "analyst_of_another_organization": RoleFactory(
            kind=RoleKind.ANALYST, organization=Organization.objects.get(slug="unhcr")
        ).user,
        "observer_of_the_submitting_organization": observer,
        "observer_of_another_organization": RoleFactory(
            kind=RoleKind.OBSERVER, organization=Organization.objects.get(slug="segib")
        ).user,
        "assigned_reviewer": analyst_of_ilo,
        "secretariat": secretariat_user,
        "secretariat_without_second_factor": unverified,
        "secretariat_signed_in_with_a_token": api_token_user(
            api_token_create(user=secretariat_user, name="script", second_factor=True)[1]
        ),
    }


def test_the_finder_the_queryset_and_the_object_rule_agree_on_who_sees_which_practice(everyone):
    from migforum.practices.bitsets import bits_to_ids
    from migforum.practices.permissions import visible_practices
    from migforum.practices.services import practice_create

    from .conftest import remittance_content

    # given a practice of a State, of a qualified body and of an observer, at every stage
    owners = {
        "state": (everyone["focal_point_of_the_owner_state"], State.objects.get(iso3="MAR")),
        "analysts": (
            everyone["analyst_of_the_owner_organization"],
            Organization.objects.get(slug="iom"),
        ),
        "observers": (
            everyone["observer_of_the_submitting_organization"],
            Organization.objects.get(slug="funglode"),
        ),
    }
    practices = {}
    for owned_by, (owner_user, owner) in owners.items():
        for stage in STAGES:
            draft = practice_create(by=owner_user, owner=owner, content=remittance_content())
            steps = {
                "owner": owner_user,
                "reviewer": everyone["assigned_reviewer"],
                "secretariat": everyone["secretariat"],
            }
            practices[(owned_by, stage)] = at_stage(draft, stage, steps).pk
    reviewed = {ReviewStatus.UNDER_REVIEW, ReviewStatus.CHANGES_REQUESTED}
    reviewed |= {ReviewStatus.APPROVED, ReviewStatus.PUBLISHED}
    circles = {
        "focal_point_of_the_owner_state": lambda owned_by, stage: owned_by == "state",
        "analyst_of_the_owner_organization": lambda owned_by, stage: owned_by == "analysts",
        "observer_of_the_submitting_organization": lambda owned_by, stage: owned_by == "observers",
        "assigned_reviewer": lambda owned_by, stage: stage in reviewed,
        "secretariat": lambda owned_by, stage: True,
        "secretariat_signed_in_with_a_token": lambda owned_by, stage: True,
    }
    index = finder.facet_index()
    assert index.everything.bit_count() == len(practices) == 3 * len(STAGES)

    for person, user in everyone.items():
        # when each asks which practices they see, in each of the three ways
        by_rule = {
            pk for pk in practices.values() if can(user, Action.VIEW, Practice.objects.get(pk=pk))
        }
        by_queryset = set(
            Practice.objects.filter(visible_practices(user)).values_list("pk", flat=True)
        )
        by_finder = set(bits_to_ids(finder.visible_bits(user, index)))

        # then the three agree, and name the practices of the person's circle
        circle = circles.get(person, lambda owned_by, stage: False)
        expected = {
            pk
            for (owned_by, stage), pk in practices.items()
            if stage == ReviewStatus.PUBLISHED or circle(owned_by, stage)
        }
        assert (by_rule, by_queryset, by_finder) == (expected, expected, expected), person
