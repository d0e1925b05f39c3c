"""The review cycle: draft, submission, assignment, conflicts, review, publication, versions,
notifications, and who may do each step."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from migforum.core.audit import history_for
from migforum.core.permissions import Action, can
from migforum.practices.choices import Criterion, ReviewStatus
from migforum.practices.services import (
    PracticeContent,
    conflict_declare,
    practice_publish,
    practice_submit,
    practice_update,
    practice_withdraw,
    review_submit,
    reviewer_assign,
)

from .conftest import remittance_content

ALL_MET = dict.fromkeys(Criterion.values, "met")

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_whole_cycle_keeps_versions_and_tells_everyone(
    django_capture_on_commit_callbacks,
    draft,
    focal_point_of_morocco,
    secretariat_user,
    analyst_of_ilo,
):
    focal_point_of_morocco.email = "focal@morocco.example"
    focal_point_of_morocco.save()
    secretariat_user.is_verified = lambda: True
    assert draft.review_status == ReviewStatus.DRAFT
    assert draft.countries.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        practice = practice_submit(practice=draft, by=focal_point_of_morocco)
    assert practice.review_status == ReviewStatus.SUBMITTED
    assert "focal@morocco.example" in mail.outbox[-1].to

    with django_capture_on_commit_callbacks(execute=True):
        assignment = reviewer_assign(
            practice=practice, reviewer=analyst_of_ilo, by=secretariat_user
        )
    practice.refresh_from_db()
    assert practice.review_status == ReviewStatus.UNDER_REVIEW
    assert any(analyst_of_ilo.email in m.to for m in mail.outbox)

    # No assessment before the reviewer declares their interests.
    with pytest.raises(PermissionDenied):
        review_submit(
            practice=practice, by=analyst_of_ilo, ratings=ALL_MET, analysis="x", decision="approve"
        )
    conflict_declare(assignment=assignment, by=analyst_of_ilo, has_conflict=False, statement="")
    practice.refresh_from_db()
    assert not can(analyst_of_ilo, Action.CHANGE, practice)

    review_submit(
        practice=practice,
        by=analyst_of_ilo,
        ratings={**ALL_MET, "evidence": "partly_met"},
        analysis="Say how many accounts were opened.",
        decision="request_changes",
    )
    practice.refresh_from_db()
    assert practice.review_status == ReviewStatus.CHANGES_REQUESTED

    content = remittance_content(results="12,000 accounts opened by 2006; transfers cost 2%.")
    practice = practice_update(practice=practice, by=focal_point_of_morocco, content=content)
    practice = practice_submit(practice=practice, by=focal_point_of_morocco)
    assert practice.review_status == ReviewStatus.UNDER_REVIEW
    assert list(practice.versions.values_list("number", flat=True)) == [1, 2]
    assert "12,000" in practice.versions.get(number=2).content["results"]

    review_submit(
        practice=practice, by=analyst_of_ilo, ratings=ALL_MET, analysis="Sound.", decision="approve"
    )
    practice.refresh_from_db()
    assert practice.review_status == ReviewStatus.APPROVED
    practice = practice_publish(practice=practice, by=secretariat_user)
    assert practice.is_published
    assert practice.published_at
    actions = [e.after.get("review_status") for e in history_for(practice) if e.after]
    assert "published" in actions
    assert "changes_requested" in actions


def test_only_the_owner_edits_and_only_while_open(draft, focal_point_of_morocco, france):
    from migforum.accounts.choices import RoleKind

    from ..factories import RoleFactory

    french = RoleFactory(kind=RoleKind.FOCAL_POINT, state=france, organization=None).user
    assert can(focal_point_of_morocco, Action.CHANGE, draft)
    assert not can(french, Action.CHANGE, draft)
    assert not can(french, Action.VIEW, draft)
    with pytest.raises(PermissionDenied):
        practice_update(practice=draft, by=french, content=remittance_content())
    practice = practice_submit(practice=draft, by=focal_point_of_morocco)
    assert not can(focal_point_of_morocco, Action.CHANGE, practice)


def test_a_declared_conflict_bars_the_reviewer(
    draft, focal_point_of_morocco, secretariat_user, analyst_of_ilo
):
    secretariat_user.is_verified = lambda: True
    practice = practice_submit(practice=draft, by=focal_point_of_morocco)
    assignment = reviewer_assign(practice=practice, reviewer=analyst_of_ilo, by=secretariat_user)
    with pytest.raises(ValidationError):
        conflict_declare(assignment=assignment, by=analyst_of_ilo, has_conflict=True, statement=" ")
    conflict_declare(
        assignment=assignment, by=analyst_of_ilo, has_conflict=True, statement="I advised the bank."
    )
    practice.refresh_from_db()
    assert can(analyst_of_ilo, Action.VIEW, practice)
    assert not can(analyst_of_ilo, Action.REVIEW, practice)


def test_steps_out_of_order_are_refused(draft, focal_point_of_morocco, secretariat_user):
    secretariat_user.is_verified = lambda: True
    with pytest.raises(ValidationError):
        practice_publish(practice=draft, by=secretariat_user)
    practice = practice_withdraw(practice=draft, by=focal_point_of_morocco)
    assert practice.review_status == ReviewStatus.WITHDRAWN


def test_a_practice_names_its_countries_or_is_global(focal_point_of_morocco, morocco):
    from migforum.practices.services import practice_create

    content = remittance_content()
    with pytest.raises(ValidationError):
        practice_create(
            by=focal_point_of_morocco,
            owner=morocco,
            content=PracticeContent(fields=content.fields, countries=[]),
        )
    practice = practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=PracticeContent(fields={**content.fields, "is_global": True, "level": "global"}),
    )
    assert practice.is_global


def test_a_reviewed_practice_can_be_deleted_with_its_versions_and_reviews(
    draft, focal_point_of_morocco, secretariat_user, analyst_of_ilo
):
    from migforum.practices.models import Review

    secretariat_user.is_verified = lambda: True
    practice = practice_submit(practice=draft, by=focal_point_of_morocco)
    assignment = reviewer_assign(practice=practice, reviewer=analyst_of_ilo, by=secretariat_user)
    conflict_declare(assignment=assignment, by=analyst_of_ilo, has_conflict=False, statement="")
    review_submit(
        practice=practice, by=analyst_of_ilo, ratings=ALL_MET, analysis="Sound.", decision="approve"
    )

    practice.delete()

    assert not Review.objects.exists()
