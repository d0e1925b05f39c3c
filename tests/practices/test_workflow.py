"""The review cycle: draft, submission, assignment, conflicts, review, publication, versions,
notifications, and who may do each step."""

import logging

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from migforum.core.audit import history_for
from migforum.core.mail import RETRY_DELAYS
from migforum.core.permissions import Action, can
from migforum.practices.choices import Criterion, ReviewStatus
from migforum.practices.models import Practice
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

from ..core.mail_servers import UnreachableServer
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
    assert ["focal@morocco.example"] in [m.to for m in mail.outbox]

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
    from migforum.core.choices import RoleKind

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


# Notifications


@pytest.fixture
def unreachable_mail_server(settings):
    settings.EMAIL_BACKEND = "tests.core.mail_servers.UnreachableServer"
    UnreachableServer.attempts = []
    return UnreachableServer.attempts


def test_under_review_is_told_to_each_person_in_a_message_of_their_own(
    django_capture_on_commit_callbacks,
    draft,
    focal_point_of_morocco,
    secretariat_user,
    analyst_of_ilo,
):
    # given a practice of Morocco submitted for review, and a reviewer without a name
    analyst_of_ilo.display_name = ""
    analyst_of_ilo.save()
    secretariat_user.is_verified = lambda: True
    practice = practice_submit(practice=draft, by=focal_point_of_morocco)

    # when the secretariat assigns the reviewer, which puts the practice under review
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_assign(practice=practice, reviewer=analyst_of_ilo, by=secretariat_user)

    # then the State, the reviewer and the secretariat each get a message of their own
    under_review = [m for m in mail.outbox if m.subject.endswith(": Under review")]
    assert sorted(m.to for m in under_review) == sorted(
        [[focal_point_of_morocco.email], [analyst_of_ilo.email], [secretariat_user.email]]
    )
    assert all((m.cc, m.bcc) == ([], []) for m in under_review)
    # and the State's message does not give away the reviewer's address, nor the secretariat's
    to_the_state = next(m for m in under_review if m.to == [focal_point_of_morocco.email])
    sent = to_the_state.message().as_string()
    assert analyst_of_ilo.email not in sent
    assert secretariat_user.email not in sent
    assert "By: Support Unit of the Global Forum on Migration and Development" in sent


def test_the_owner_sees_which_body_reviews_the_practice_not_the_reviewers_account(
    client, draft, focal_point_of_morocco, secretariat_user, analyst_of_ilo
):
    # given a practice of Morocco under review by an ILO analyst without a name
    analyst_of_ilo.display_name = ""
    analyst_of_ilo.save()
    secretariat_user.is_verified = lambda: True
    practice = practice_submit(practice=draft, by=focal_point_of_morocco)
    reviewer_assign(practice=practice, reviewer=analyst_of_ilo, by=secretariat_user)

    # when its focal point opens the practice
    client.force_login(focal_point_of_morocco)
    page = client.get(f"/practices/{practice.pk}/").content.decode()

    # then the review panel names the reviewing body, not the reviewer's address
    assert "International Labour Organization" in page or "ILO" in page
    assert analyst_of_ilo.email not in page


def _review_through_the_pages(practice, as_user, owner, secretariat, reviewer) -> list[tuple]:
    """Every step of the review, each as its page posts it; the answers and the stages."""
    steps = [
        (owner, f"/practices/{practice.pk}/submit/", {}),
        (secretariat, f"/practices/{practice.pk}/assign/", {"reviewer": reviewer.pk}),
        (reviewer, f"/practices/{practice.pk}/declare/", {"has_conflict": "no"}),
        (
            reviewer,
            f"/practices/{practice.pk}/review/",
            {**{f"rating_{c}": "met" for c in Criterion.values}, "analysis": "Sound."}
            | {"decision": "approve"},
        ),
        (secretariat, f"/practices/{practice.pk}/publish/", {}),
    ]
    outcomes = []
    for user, path, data in steps:
        response = as_user(user).post(path, data)
        practice.refresh_from_db()
        outcomes.append((path.rsplit("/", 2)[-2], response.status_code, practice.review_status))
    return outcomes


STEPS_DONE = [
    ("submit", 302, ReviewStatus.SUBMITTED),
    ("assign", 302, ReviewStatus.UNDER_REVIEW),
    ("declare", 302, ReviewStatus.UNDER_REVIEW),
    ("review", 302, ReviewStatus.APPROVED),
    ("publish", 302, ReviewStatus.PUBLISHED),
]


@pytest.mark.django_db(transaction=True)
def test_a_title_with_a_line_break_fails_no_step_of_the_review(
    committed_reference_data,
    draft,
    as_user,
    focal_point_of_morocco,
    secretariat_user,
    analyst_of_ilo,
):
    # given a practice whose title was stored with a line break (before titles refused them)
    Practice.objects.filter(pk=draft.pk).update(title="Savings accounts\r\nfor Moroccans abroad")

    # when it goes through every step of its review, each committed as in service
    outcomes = _review_through_the_pages(
        draft, as_user, focal_point_of_morocco, secretariat_user, analyst_of_ilo
    )

    # then every step succeeds, and everyone is told under a subject of one line
    assert outcomes == STEPS_DONE
    assert mail.outbox
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "Practice “Savings accounts for Moroccans abroad”: Published" in {
        m.subject for m in mail.outbox
    }


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_mail_server_fails_no_step_of_the_review_and_is_tried_again(
    committed_reference_data,
    draft,
    as_user,
    focal_point_of_morocco,
    secretariat_user,
    analyst_of_ilo,
    unreachable_mail_server,
    caplog,
):
    # when the practice goes through its review while the mail server cannot be reached
    with caplog.at_level(logging.WARNING, logger="migforum.core.mail"):
        outcomes = _review_through_the_pages(
            draft, as_user, focal_point_of_morocco, secretariat_user, analyst_of_ilo
        )

    # then every step succeeds all the same
    assert outcomes == STEPS_DONE
    # and each message was tried again (at once, in the tests' queue) until given up, each
    # failure logged in one line without a traceback
    attempts = len(RETRY_DELAYS) + 1
    assert unreachable_mail_server.count(focal_point_of_morocco.email) % attempts == 0
    assert unreachable_mail_server.count(focal_point_of_morocco.email) >= attempts
    failures = [r for r in caplog.records if r.name == "migforum.core.mail"]
    assert len(failures) == len(unreachable_mail_server)
    assert sum("given up" in r.getMessage() for r in failures) == len(failures) // attempts
    assert all("\n" not in r.getMessage() and r.exc_info is None for r in failures)
    assert "SMTPConnectError" in failures[0].getMessage()
