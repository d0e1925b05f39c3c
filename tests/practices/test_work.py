"""What awaits practices' owners, reviewers and the secretariat after sign-in."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from migforum.practices.models import REVIEW_DAYS, CallForPractices
from migforum.practices.services import practice_submit, reviewer_assign

pytestmark = pytest.mark.django_db


def test_a_focal_point_sees_its_practices_by_stage_and_the_open_calls(
    draft, as_user, focal_point_of_morocco
):
    CallForPractices.objects.create(
        title="Call on remittance costs",
        theme="remittances",
        deadline=timezone.now() + datetime.timedelta(days=20),
    )
    html = as_user(focal_point_of_morocco).get("/work/").content.decode()
    assert "Your practices by stage" in html
    assert "Draft: 1" in html
    assert draft.title in html
    assert "Open calls for practices" in html
    assert "Call on remittance costs" in html


def test_an_analyst_sees_the_assessments_assigned_with_their_due_dates(
    draft, as_user, focal_point_of_morocco, secretariat_user, analyst_of_ilo
):
    secretariat_user.is_verified = lambda: True
    practice = practice_submit(practice=draft, by=focal_point_of_morocco)
    assignment = reviewer_assign(practice=practice, reviewer=analyst_of_ilo, by=secretariat_user)
    assert assignment.due_on == timezone.localdate() + datetime.timedelta(days=REVIEW_DAYS)
    html = as_user(analyst_of_ilo).get("/work/").content.decode()
    assert "Assessments assigned to you" in html
    assert draft.title in html
    assert "due " in html
    assert "declare your interests first" in html
    assignment.due_on = timezone.localdate() - datetime.timedelta(days=2)
    assignment.save()
    assert "overdue since" in as_user(analyst_of_ilo).get("/work/").content.decode()


def test_the_secretariat_sees_practices_to_assign(
    draft, focal_point_of_morocco, secretariat_client
):
    practice_submit(practice=draft, by=focal_point_of_morocco)
    html = secretariat_client.get("/work/").content.decode()
    assert "Practices to assign reviewers to" in html
    assert draft.title in html


def test_an_assessment_cannot_be_due_in_the_past(
    draft, focal_point_of_morocco, secretariat_user, analyst_of_ilo
):
    secretariat_user.is_verified = lambda: True
    practice = practice_submit(practice=draft, by=focal_point_of_morocco)
    with pytest.raises(ValidationError, match="a day that has passed"):
        reviewer_assign(
            practice=practice,
            reviewer=analyst_of_ilo,
            by=secretariat_user,
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
