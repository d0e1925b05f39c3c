"""Throw-away installations, and a practice taken through its review for the tests of what
the public sees of it."""

import pytest

from migforum.accounts.choices import RoleKind
from migforum.members.models import Organization
from migforum.practices import finder
from migforum.practices.models import Practice
from migforum.practices.services import (
    conflict_declare,
    practice_create,
    practice_publish,
    practice_submit,
    review_submit,
    reviewer_assign,
)

from ..factories import RoleFactory
from ..practices.conftest import remittance_content
from ..practices.test_workflow import ALL_MET
from .installation import installations


@pytest.fixture
def analyst_of_ilo(db):
    return RoleFactory(
        kind=RoleKind.ANALYST, organization=Organization.objects.get(slug="ilo")
    ).user


@pytest.fixture
def published_practice(
    django_capture_on_commit_callbacks,
    focal_point_of_morocco,
    morocco,
    secretariat_user,
    analyst_of_ilo,
):
    """A practice of Morocco taken through its review and published; one account has no name,
    so that the page would show its address if it showed the account at all. The finder's
    facets in memory follow the database, which is rolled back after the test."""
    finder.reset_facet_index()
    analyst_of_ilo.display_name = ""
    analyst_of_ilo.save()
    secretariat_user.is_verified = lambda: True
    with django_capture_on_commit_callbacks(execute=True):
        practice = practice_create(
            by=focal_point_of_morocco, owner=morocco, content=remittance_content()
        )
        practice = practice_submit(practice=practice, by=focal_point_of_morocco)
        assignment = reviewer_assign(
            practice=practice, reviewer=analyst_of_ilo, by=secretariat_user
        )
        conflict_declare(assignment=assignment, by=analyst_of_ilo, has_conflict=False, statement="")
        review_submit(
            practice=practice,
            by=analyst_of_ilo,
            ratings=ALL_MET,
            analysis="Sound.",
            decision="approve",
        )
        practice = practice_publish(
            practice=Practice.objects.get(pk=practice.pk), by=secretariat_user
        )
    yield practice
    finder.reset_facet_index()


@pytest.fixture
def make_installation():
    """Throw-away installations of the platform (see installation.py), removed afterwards."""
    yield from installations()
