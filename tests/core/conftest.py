"""Throw-away installations, and a practice taken through its review for the tests of what
the public sees of it."""

import pytest

from migforum.core.choices import RoleKind
from migforum.members.models import Organization
from migforum.practices import finder
from migforum.practices.services import practice_create

from ..factories import RoleFactory
from ..practices.conftest import publish_through_review, remittance_content
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
    with django_capture_on_commit_callbacks(execute=True):
        draft = practice_create(
            by=focal_point_of_morocco, owner=morocco, content=remittance_content()
        )
    practice = publish_through_review(
        draft,
        owner_user=focal_point_of_morocco,
        secretariat=secretariat_user,
        reviewer=analyst_of_ilo,
        ratings=ALL_MET,
        analysis="Sound.",
        capture_on_commit=django_capture_on_commit_callbacks,
    )
    yield practice
    finder.reset_facet_index()


@pytest.fixture
def make_installation():
    """Throw-away installations of the platform (see installation.py), removed afterwards."""
    yield from installations()
