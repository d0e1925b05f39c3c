"""Minutes and the Chair's summary: versions and their differences, comments from the
participants, approval that locks and publishes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from migforum.core.versioning import version_changes
from migforum.documents.choices import DocumentKind
from migforum.meetings.choices import DocumentRole, MeetingKind
from migforum.meetings.minutes import (
    minutes_approve,
    minutes_circulate,
    minutes_comment,
    minutes_create,
    minutes_revise,
)
from migforum.meetings.models import Meeting, MinutesKind, MinutesStatus, Registration

from ..factories import RoleFactory

pytestmark = pytest.mark.django_db
DRAFT = "The round table met on 4 May.\nParticipants discussed remittance costs.\n"
REVISED = (
    "The round table met on 4 and 5 May.\nParticipants discussed remittance costs.\n"
    "They agreed to share data.\n"
)


@pytest.fixture
def meeting(db, morocco):
    meeting = Meeting.objects.create(
        kind=MeetingKind.ROUND_TABLE,
        title="Round table on remittances",
        start_date=datetime.date(2030, 5, 4),
        end_date=datetime.date(2030, 5, 5),
        city="Geneva",
        timezone="Europe/Zurich",
    )
    Registration.objects.create(
        meeting=meeting, state=morocco, status="approved", credential="credentials/x.pdf"
    )
    return meeting


@pytest.fixture
def summary(meeting, secretariat_user):
    secretariat_user.is_verified = lambda: True
    return minutes_create(
        meeting=meeting,
        kind=MinutesKind.CHAIRS_SUMMARY,
        title="Chair's summary of the round table",
        text=DRAFT,
        by=secretariat_user,
    )


def test_versions_and_what_changed(summary, secretariat_user):
    version = minutes_revise(minutes=summary, text=REVISED, by=secretariat_user)
    assert version.number == 2
    assert minutes_revise(minutes=summary, text=REVISED, by=secretariat_user).number == 2
    (change,) = version_changes(summary.versions.get(number=1), version)
    assert [(line.kind, line.text) for line in change.lines if line.kind != "hunk"] == [
        ("removed", "The round table met on 4 May."),
        ("added", "The round table met on 4 and 5 May."),
        ("context", "Participants discussed remittance costs."),
        ("added", "They agreed to share data."),
    ]


def test_drafts_are_for_the_secretariat_until_circulated(
    summary, client, as_user, focal_point_of_morocco, secretariat_client
):
    url = summary.get_absolute_url()
    assert client.get(url).status_code == 404
    assert as_user(focal_point_of_morocco).get(url).status_code == 404
    assert secretariat_client.get(url).status_code == 200


def test_participants_comment_while_it_circulates(
    summary, secretariat_user, as_user, focal_point_of_morocco, france
):
    minutes_circulate(minutes=summary, by=secretariat_user)
    client = as_user(focal_point_of_morocco)
    page = client.get(summary.get_absolute_url())
    assert page.status_code == 200
    client.post(
        f"/meetings/minutes/{summary.pk}/comment/", {"text": "Please mention the Rabat Process."}
    )
    comment = summary.comments.get()
    assert (comment.state.iso3, comment.version.number) == ("MAR", 1)
    # a State that did not take part neither reads nor comments
    outsider = RoleFactory(kind="focal_point", state=france).user
    outsider.is_verified = lambda: False
    assert as_user(outsider).get(summary.get_absolute_url()).status_code == 404
    with pytest.raises(PermissionDenied):
        minutes_comment(minutes=summary, text="x", by=outsider)


def test_approval_locks_and_publishes_as_a_document(summary, secretariat_user, meeting, client):
    minutes_revise(minutes=summary, text=REVISED, by=secretariat_user)
    approved = minutes_approve(minutes=summary, by=secretariat_user, symbol="A/61/515")
    assert approved.status == MinutesStatus.APPROVED
    document = approved.document
    assert (document.symbol, document.kind) == ("A/61/515", DocumentKind.CHAIRS_SUMMARY)
    assert "They agreed to share data." in document.versions.get().text
    assert meeting.meeting_documents.get(document=document).role == DocumentRole.OUTCOME
    with pytest.raises(ValidationError, match="locked"):
        minutes_revise(minutes=approved, text="Rewritten.", by=secretariat_user)
    with pytest.raises(ValidationError):
        minutes_approve(minutes=approved, by=secretariat_user)
    assert client.get(approved.get_absolute_url()).status_code == 200  # published: public
    assert client.get("/documents/symbol/A/61/515/").status_code == 302


def test_the_whole_path_through_the_pages(
    meeting, secretariat_client, as_user, focal_point_of_morocco
):
    response = secretariat_client.post(
        f"/meetings/{meeting.pk}/minutes/new/",
        {"kind": "minutes", "title": "Minutes", "text": DRAFT},
    )
    url = response["Location"]
    pk = url.rstrip("/").split("/")[-1]
    secretariat_client.post(f"/meetings/minutes/{pk}/revise/", {"text": REVISED})
    html = secretariat_client.get(url, {"from": 1, "to": 2}).content.decode()
    assert 'class="diff-added">+ They agreed to share data.' in html
    secretariat_client.post(f"/meetings/minutes/{pk}/circulate/")
    as_user(focal_point_of_morocco).post(f"/meetings/minutes/{pk}/comment/", {"text": "Fine."})
    secretariat_client.post(f"/meetings/minutes/{pk}/approve/", {"symbol": ""})
    html = secretariat_client.get(url).content.decode()
    assert "Approved" in html
    assert "Save as a new version" not in html
    refused = secretariat_client.post(
        f"/meetings/minutes/{pk}/revise/", {"text": "New"}, follow=True
    )
    assert "locked" in refused.content.decode()
    assert (
        as_user(focal_point_of_morocco)
        .post(
            f"/meetings/{meeting.pk}/minutes/new/", {"kind": "minutes", "title": "x", "text": "y"}
        )
        .status_code
        == 403
    )


def test_minutes_whose_text_equals_earlier_approved_minutes_are_approved_as_their_own_document(
    meeting, secretariat_user, secretariat_client
):
    # given minutes of one session approved, and those of the next session in the same words
    # (a round table that met twice and recorded the same conclusions)
    secretariat_user.is_verified = lambda: True
    first = minutes_create(
        meeting=meeting,
        kind=MinutesKind.MINUTES,
        title="Minutes, day 1",
        text=DRAFT,
        by=secretariat_user,
    )
    first = minutes_approve(minutes=first, by=secretariat_user)
    second = minutes_create(
        meeting=meeting,
        kind=MinutesKind.MINUTES,
        title="Minutes, day 2",
        text=DRAFT,
        by=secretariat_user,
    )

    # when the second minutes are approved through the page
    response = secretariat_client.post(f"/meetings/minutes/{second.pk}/approve/", {"symbol": ""})

    # then they are approved and published as a document of their own; the first stay as they were
    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == MinutesStatus.APPROVED
    assert second.document is not None
    assert second.document != first.document
    assert (first.document.title, second.document.title) == ("Minutes, day 1", "Minutes, day 2")
    assert second.document.versions.get().text == first.document.versions.get().text
    assert meeting.meeting_documents.filter(document=second.document).exists()
