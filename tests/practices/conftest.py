"""Accounts and practices for the practice tests."""

import pytest

from migforum.core.choices import RoleKind
from migforum.members.models import Organization, State
from migforum.practices import finder
from migforum.practices.models import Practice
from migforum.practices.services import (
    PracticeContent,
    conflict_declare,
    practice_create,
    practice_publish,
    practice_submit,
    review_submit,
    reviewer_assign,
)

from ..factories import RoleFactory


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """Each test's database is rolled back afterwards; the facets in memory must follow."""
    finder.reset_facet_index()
    yield
    finder.reset_facet_index()


@pytest.fixture
def ilo(db) -> Organization:
    return Organization.objects.get(slug="ilo")


@pytest.fixture
def analyst_of_ilo(ilo):
    return RoleFactory(kind=RoleKind.ANALYST, organization=ilo).user


def remittance_content(**fields) -> PracticeContent:
    spain = State.objects.get(iso3="ESP")
    morocco = State.objects.get(iso3="MAR")
    values = {
        "language": "en",
        "title": "Savings for development accounts for Moroccans abroad",
        "summary": "Migrants in Spain open savings accounts that finance "
        "housing and small businesses at home, lowering the cost of remittances.",
        "description": "Banks in both countries link accounts so that transfers cost less.",
        "results": "Transfers through the accounts cost 2% of the amount sent.",
        "level": "national",
        "implementer_name": "Ministry of Moroccans Living Abroad",
        "implementer_kind": "government",
        "themes": ["remittances", "diaspora"],
        "objectives": [19, 20],
        "sdg_targets": ["10.c"],
        "start_year": 2004,
        "implementation_status": "ongoing",
        "contacts": [{"name": "A. Benali", "function": "Director", "email": "a@example.org"}],
        "links": [],
    }
    values.update(fields)
    return PracticeContent(
        fields=values,
        countries=[(morocco, "origin"), (spain, "destination")],
        partners=[{"name": "Banque Populaire", "kind": "private_sector"}],
    )


@pytest.fixture
def draft(focal_point_of_morocco, morocco):
    return practice_create(by=focal_point_of_morocco, owner=morocco, content=remittance_content())


def publish_through_review(
    practice, *, owner_user, secretariat, reviewer, ratings, analysis: str, capture_on_commit
):
    """The practice submitted, assessed and approved by `reviewer`, and published: every step
    of the review through the services, with what each step sends after commit."""
    secretariat.is_verified = lambda: True
    with capture_on_commit(execute=True):
        practice = practice_submit(practice=practice, by=owner_user)
        assignment = reviewer_assign(practice=practice, reviewer=reviewer, by=secretariat)
        conflict_declare(assignment=assignment, by=reviewer, has_conflict=False, statement="")
        review_submit(
            practice=practice, by=reviewer, ratings=ratings, analysis=analysis, decision="approve"
        )
        return practice_publish(practice=Practice.objects.get(pk=practice.pk), by=secretariat)
