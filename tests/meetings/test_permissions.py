"""Who sees minutes and registrations: the object rule and its queryset form agree, for every
role, on drafts, circulated drafts and approved minutes, and on every State's registrations."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from migforum.core.choices import RoleKind
from migforum.core.permissions import Action, can
from migforum.meetings.choices import MeetingKind
from migforum.meetings.minutes import minutes_approve, minutes_circulate, minutes_create
from migforum.meetings.models import Meeting, Minutes, MinutesKind, Registration
from migforum.meetings.permissions import visible_minutes, visible_registrations
from migforum.members.models import Organization

from ..factories import RoleFactory

pytestmark = pytest.mark.django_db


def a_meeting(title: str) -> Meeting:
    return Meeting.objects.create(
        kind=MeetingKind.ROUND_TABLE,
        title=title,
        start_date=datetime.date(2030, 5, 4),
        end_date=datetime.date(2030, 5, 5),
        city="Geneva",
        timezone="Europe/Zurich",
    )


@pytest.fixture
def everyone(focal_point_of_morocco, france, analyst_of_iom, observer, secretariat_user):
    secretariat_user.is_verified = lambda: True
    unverified = RoleFactory(
        kind=RoleKind.SECRETARIAT, organization=Organization.objects.get(slug="gfmd-support-unit")
    ).user
    unverified.is_verified = lambda: False
    return {
        "anonymous": AnonymousUser(),
        "focal_point_of_morocco": focal_point_of_morocco,
        "focal_point_of_france": RoleFactory(
            kind=RoleKind.FOCAL_POINT, state=france, organization=None
        ).user,
        "analyst": analyst_of_iom,
        "observer": observer,
        "secretariat": secretariat_user,
        "secretariat_without_second_factor": unverified,
    }


@pytest.fixture
def meetings(morocco, france):
    """A meeting Morocco takes part in (France's registration still waits), and one it does
    not."""
    attended, other = a_meeting("Round table on remittances"), a_meeting("Round table on skills")
    for meeting, state, status in (
        (attended, morocco, "approved"),
        (attended, france, "submitted"),
        (other, france, "approved"),
    ):
        Registration.objects.create(
            meeting=meeting, state=state, status=status, credential="credentials/x.pdf"
        )
    return attended, other


def test_who_sees_which_minutes_is_one_rule_in_two_forms(everyone, meetings):
    # given minutes at every stage, at a meeting Morocco attended and at one it did not
    secretariat = everyone["secretariat"]
    minutes = {}
    for meeting in meetings:
        for stage in ("draft", "circulated", "approved"):
            made = minutes_create(
                meeting=meeting,
                kind=MinutesKind.MINUTES,
                title=f"{stage} minutes of {meeting.title}",
                text=f"The {stage} text of {meeting.title}.",
                by=secretariat,
            )
            if stage != "draft":
                made = minutes_circulate(minutes=made, by=secretariat)
            if stage == "approved":
                made = minutes_approve(minutes=made, by=secretariat)
            minutes[(meeting.pk, stage)] = made.pk
    attended, other = (meeting.pk for meeting in meetings)
    circles = {
        "focal_point_of_morocco": lambda meeting, stage: (
            meeting == attended and stage == "circulated"
        ),
        # France's delegation reads the drafts of the meeting it is approved for only
        "focal_point_of_france": lambda meeting, stage: meeting == other and stage == "circulated",
        "secretariat": lambda meeting, stage: True,
    }

    for person, user in everyone.items():
        # when
        by_rule = {
            pk for pk in minutes.values() if can(user, Action.VIEW, Minutes.objects.get(pk=pk))
        }
        by_queryset = set(
            Minutes.objects.filter(visible_minutes(user)).values_list("pk", flat=True)
        )

        # then
        circle = circles.get(person, lambda meeting, stage: False)
        expected = {
            pk
            for (meeting, stage), pk in minutes.items()
            if stage == "approved" or circle(meeting, stage)
        }
        assert (by_rule, by_queryset) == (expected, expected), person


def test_who_sees_which_registration_is_one_rule_in_two_forms(everyone, meetings):
    registrations = {
        (registration.meeting_id, registration.state.iso3): registration.pk
        for registration in Registration.objects.select_related("state")
    }
    circles = {
        "focal_point_of_morocco": {"MAR"},
        "focal_point_of_france": {"FRA"},  # at both meetings
        "secretariat": {"MAR", "FRA"},
    }

    for person, user in everyone.items():
        by_rule = {
            pk
            for pk in registrations.values()
            if can(user, Action.VIEW, Registration.objects.get(pk=pk))
        }
        by_queryset = set(
            Registration.objects.filter(visible_registrations(user)).values_list("pk", flat=True)
        )

        expected = {
            pk for (_meeting, iso3), pk in registrations.items() if iso3 in circles.get(person, ())
        }
        assert (by_rule, by_queryset) == (expected, expected), person
