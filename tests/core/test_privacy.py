"""No account's e-mail address, nor its name, on any page, export, search result or API answer
the public reads: what was done is attributed to a State or an organization."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from migforum.accounts.models import User
from migforum.meetings.choices import MeetingKind
from migforum.meetings.minutes import (
    minutes_approve,
    minutes_circulate,
    minutes_comment,
    minutes_create,
    minutes_revise,
)
from migforum.meetings.models import Meeting, MinutesKind, Registration
from migforum.meetings.services import meeting_create
from migforum.practices.models import Practice

from ..evidence.opendata_factories import ObservationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_minutes(secretariat_user, focal_point_of_morocco, morocco):
    """Minutes written by the secretariat in two versions, commented on by Morocco's
    delegation while circulated, then approved and published."""
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
    Registration.objects.create(
        meeting=meeting,
        state=morocco,
        status="approved",
        credential=SimpleUploadedFile("note.pdf", b"%PDF-1.4"),
    )
    minutes = minutes_create(
        meeting=meeting,
        kind=MinutesKind.MINUTES,
        title="Minutes of the round table",
        text="The round table met on 4 May.",
        by=secretariat_user,
    )
    minutes_revise(minutes=minutes, text="The round table met on 4 and 5 May.", by=secretariat_user)
    minutes_circulate(minutes=minutes, by=secretariat_user)
    minutes_comment(
        minutes=minutes, text="Please name the Rabat Process.", by=focal_point_of_morocco
    )
    return minutes_approve(minutes=minutes, by=secretariat_user)


def test_nothing_the_public_reads_names_an_account(
    client, published_practice, approved_minutes, analyst_of_iom
):
    # given a published practice, approved minutes and a dataset, each the work of accounts
    # (one without a name, whose address would stand in for it)
    dataset = ObservationFactory(dataset__imported_by=analyst_of_iom).dataset
    analyst_of_iom.display_name = ""
    analyst_of_iom.save()
    practice: Practice = published_practice
    meeting: Meeting = approved_minutes.meeting
    document = approved_minutes.document
    pages = [
        practice.get_absolute_url(),
        f"/practices/{practice.pk}/versions/",
        f"/practices/{practice.pk}/versions/1/",
        f"/history/practice/{practice.pk}/",
        "/practices/?q=savings",
        "/practices/export.csv",
        "/practices/export.json",
        meeting.get_absolute_url(),
        f"/history/meeting/{meeting.pk}/",
        approved_minutes.get_absolute_url(),
        f"/history/minutes/{approved_minutes.pk}/",
        document.get_absolute_url(),
        f"/history/document/{document.pk}/",
        dataset.get_absolute_url(),
        "/evidence/",
        "/history/state/MAR/",
        "/search/?q=savings",
        "/search/?q=round+table",
        "/api/v1/practices",
        f"/api/v1/practices/{practice.pk}",
        "/api/v1/meetings",
        f"/api/v1/meetings/{meeting.pk}",
        "/api/v1/documents",
        "/api/v1/datasets",
        f"/api/v1/datasets/{dataset.pk}",
        "/api/v1/search?q=savings",
    ]
    accounts = [
        text
        for email, name in User.objects.values_list("email", "display_name")
        for text in (email, name)
        if text
    ]
    assert len(accounts) >= 5

    # when the public reads every page and answer about them
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        content = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()

        # then none names an account
        assert [text for text in accounts if text in content] == [], path
