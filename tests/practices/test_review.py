"""A review that means something: every criterion rated by the reviewer, the whole practice
before their eyes, reviewers not offered twice, and a draft form that says who sees a draft."""

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client

from migforum.core.choices import RoleKind
from migforum.practices.choices import Criterion, ReviewStatus
from migforum.practices.errors import PracticeError
from migforum.practices.models import Practice, Review
from migforum.practices.services import (
    attachment_add,
    conflict_declare,
    practice_create,
    practice_submit,
    review_submit,
    reviewer_assign,
)

from ..factories import RoleFactory
from .conftest import remittance_content

pytestmark = pytest.mark.django_db

NARRATIVE = {
    "summary": "Migrants in Spain open savings accounts at home.",
    "context": "Sending money home cost a tenth of the amount sent.",
    "description": "Banks in both countries link accounts so that transfers cost less.",
    "results": "Transfers through the accounts cost 2% of the amount sent.",
    "lessons": "Banks join when the accounts pay for themselves within two years.",
    "replication": "Any pair of countries with a bank agreement can copy the accounts.",
}


@pytest.fixture
def practice_under_review(
    focal_point_of_morocco,
    morocco,
    secretariat_user,
    analyst_of_ilo,
    django_capture_on_commit_callbacks,
):
    """A practice with every narrative section and an attachment, its ILO reviewer assigned
    and without any conflict of interest."""
    secretariat_user.is_verified = lambda: True
    with django_capture_on_commit_callbacks(execute=True):
        practice = practice_create(
            by=focal_point_of_morocco, owner=morocco, content=remittance_content(**NARRATIVE)
        )
        attachment_add(
            practice=practice,
            by=focal_point_of_morocco,
            title="Evaluation report 2010",
            upload=ContentFile(b"%PDF-1.4", name="evaluation.pdf"),
        )
        practice = practice_submit(practice=practice, by=focal_point_of_morocco)
        assignment = reviewer_assign(
            practice=practice, reviewer=analyst_of_ilo, by=secretariat_user
        )
        conflict_declare(assignment=assignment, by=analyst_of_ilo, has_conflict=False, statement="")
    return Practice.objects.get(pk=practice.pk)


def unrated_messages() -> list[str]:
    return [f"Rate the practice against “{criterion.label}”." for criterion in Criterion]


# Each criterion starts unrated and must be rated.


def test_the_assessment_form_starts_with_every_criterion_unrated(
    practice_under_review, as_user, analyst_of_ilo
):
    page = as_user(analyst_of_ilo).get(f"/practices/{practice_under_review.pk}/review/")

    body = page.content.decode()
    for criterion in Criterion:
        select = re.search(rf'<select name="rating_{criterion.value}".*?</select>', body, re.S)
        assert select, criterion
        selected = re.findall(r'<option value="([^"]*)"[^>]* selected', select.group(0))
        assert selected == [""], criterion
        assert ">Not rated yet</option>" in select.group(0)


def test_an_assessment_without_ratings_is_refused_with_every_error_at_once(
    practice_under_review, as_user, analyst_of_ilo
):
    # given a reviewer who writes the analysis and approves, rating two criteria only
    data = {
        "rating_relevance": "met",
        "rating_evidence": "partly_met",
        "analysis": "Sound.",
        "decision": "approve",
    }

    # when they send the assessment
    response = as_user(analyst_of_ilo).post(f"/practices/{practice_under_review.pk}/review/", data)

    # then the page comes back with a message beside each of the four unrated criteria
    assert response.status_code == 200
    body = response.content.decode()
    rated = {"relevance", "evidence"}
    for criterion, message in zip(Criterion, unrated_messages(), strict=True):
        assert body.count(message) == (0 if criterion.value in rated else 1), message
    # and what was rated and written is kept, and nothing was recorded
    assert '<option value="partly_met" selected>' in body
    assert "Sound." in body
    assert not Review.objects.exists()
    practice_under_review.refresh_from_db()
    assert practice_under_review.review_status == ReviewStatus.UNDER_REVIEW


def test_the_service_refuses_unrated_criteria_each_by_name_with_the_other_errors(
    practice_under_review, analyst_of_ilo
):
    with pytest.raises(ValidationError) as refused:
        review_submit(
            practice=practice_under_review,
            by=analyst_of_ilo,
            ratings={"relevance": "met", "evidence": ""},
            analysis=" ",
            decision="",
        )

    errors = refused.value.error_dict
    assert [e.message for e in errors["ratings"]] == unrated_messages()[1:]
    assert {e.code for e in errors["ratings"]} == {PracticeError.RATINGS_INCOMPLETE}
    assert [e.params["criterion"] for e in errors["ratings"]] == Criterion.values[1:]
    assert errors["decision"][0].code == PracticeError.DECISION_NEEDED
    assert errors["analysis"][0].code == PracticeError.ANALYSIS_NEEDED
    assert not Review.objects.exists()


def test_a_fully_rated_assessment_is_recorded_as_rated(
    practice_under_review, as_user, analyst_of_ilo
):
    ratings = dict(
        zip(
            Criterion.values,
            ["met", "partly_met", "not_met", "met", "met", "not_applicable"],
            strict=True,
        )
    )
    data = {f"rating_{c}": r for c, r in ratings.items()} | {
        "analysis": "Costs fell; the evidence on sustainability is thin.",
        "decision": "request_changes",
    }

    response = as_user(analyst_of_ilo).post(f"/practices/{practice_under_review.pk}/review/", data)

    assert response.status_code == 302
    assert Review.objects.get().ratings == ratings


# The reviewer sees the whole practice while assessing.


class Sections(HTMLParser):
    """The text of each <section> of a page, by its heading."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, str] = {}
        self._heading: str | None = None
        self._in_heading = False
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self._depth += 1
            self._heading = ""
        elif tag == "h2" and self._depth:
            self._in_heading = True

    def handle_endtag(self, tag):
        if tag == "section":
            self._depth -= 1
        elif tag == "h2":
            self._in_heading = False

    def handle_data(self, data):
        if not self._depth or self._heading is None:
            return
        if self._in_heading:
            self._heading += data
            self.sections.setdefault(self._heading, "")
        else:
            self.sections[self._heading] = self.sections.get(self._heading, "") + data


def test_the_reviewer_sees_every_section_and_attachment_of_the_practice(
    practice_under_review, as_user, analyst_of_ilo
):
    page = as_user(analyst_of_ilo).get(f"/practices/{practice_under_review.pk}/review/")

    body = page.content.decode()
    parser = Sections()
    parser.feed(body)
    headings = {
        "context": "Context",
        "description": "Description",
        "results": "Results and evidence",
        "lessons": "Lessons learned",
        "replication": "How to replicate",
    }
    for field, heading in headings.items():
        assert NARRATIVE[field] in parser.sections[heading], field
    assert NARRATIVE["summary"] in body
    attachment = practice_under_review.attachments.get()
    assert f'href="/practices/{practice_under_review.pk}/files/{attachment.pk}/"' in body
    assert "Evaluation report 2010" in parser.sections["Documents and links"]
    # with what it is about, where and by whom
    assert "Savings for development accounts for Moroccans abroad" in body
    assert "Ministry of Moroccans Living Abroad" in body
    assert "Banque Populaire" in body
    assert "Spain" in body


# Assigned reviewers are not offered again.


def reviewer_options(page) -> dict[str, str]:
    select = re.search(r'<select name="reviewer".*?</select>', page.content.decode(), re.S)
    assert select
    return dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select.group(0)))


def test_the_reviewer_picker_offers_only_analysts_not_yet_assigned(
    practice_under_review, secretariat_user, as_user, analyst_of_ilo, analyst_of_iom
):
    page = as_user(secretariat_user).get(f"/practices/{practice_under_review.pk}/")

    offered = reviewer_options(page)
    assert str(analyst_of_iom.pk) in offered
    assert str(analyst_of_ilo.pk) not in offered


def test_a_withdrawn_reviewer_is_offered_again(
    practice_under_review, secretariat_user, as_user, analyst_of_ilo
):
    from migforum.practices.services import reviewer_unassign

    secretariat_user.is_verified = lambda: True
    reviewer_unassign(assignment=practice_under_review.assignments.get(), by=secretariat_user)

    page = as_user(secretariat_user).get(f"/practices/{practice_under_review.pk}/")

    assert str(analyst_of_ilo.pk) in reviewer_options(page)


def test_posting_an_assigned_reviewer_again_assigns_nobody_twice(
    practice_under_review, secretariat_user, as_user, analyst_of_ilo
):
    as_user(secretariat_user).post(
        f"/practices/{practice_under_review.pk}/assign/", {"reviewer": analyst_of_ilo.pk}
    )

    assert practice_under_review.assignments.count() == 1


# The draft form says exactly who sees a draft.

STATE_DRAFT_READERS = (
    "Until the practice is published, only your delegation's focal points, the Forum's "
    "secretariat and the reviewers the secretariat assigns to it see it."
)


def test_the_draft_form_says_who_sees_a_draft(as_user, focal_point_of_morocco):
    page = as_user(focal_point_of_morocco).get("/practices/new/")

    body = page.content.decode()
    assert f'<span id="who-sees">{STATE_DRAFT_READERS}</span>'.replace("'", "&#x27;") in body
    assert "only your delegation sees it" not in body


def test_an_organization_is_told_that_its_analysts_and_observers_see_its_drafts(
    as_user, analyst_of_iom, iom
):
    page = as_user(analyst_of_iom).get("/practices/new/")

    assert (
        f"only the analysts and observers of {iom.localized_name}, the Forum&#x27;s secretariat"
        in page.content.decode()
    )


def test_a_draft_is_seen_by_exactly_whom_the_form_names(
    draft, morocco, france, as_user, secretariat_user, analyst_of_ilo, observer
):
    # given a draft of Morocco and people of every kind
    other_focal_point = RoleFactory(kind=RoleKind.FOCAL_POINT, state=morocco).user
    focal_point_of_france = RoleFactory(kind=RoleKind.FOCAL_POINT, state=france).user
    url = f"/practices/{draft.pk}/"

    # then Morocco's focal points and the secretariat see it
    assert as_user(other_focal_point).get(url).status_code == 200
    assert as_user(secretariat_user).get(url).status_code == 200
    # and nobody else: another State, an analyst not assigned, an observer, the public
    for user in (focal_point_of_france, analyst_of_ilo, observer):
        assert as_user(user).get(url).status_code == 404
    assert Client().get(url).status_code == 404
