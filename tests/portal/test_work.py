"""After sign-in each role lands on "What awaits you", which lists its work."""

import datetime

import pytest
from django.utils import timezone

from migforum.meetings.models import Meeting, Minutes, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit(db):
    return Meeting.objects.create(
        kind="summit",
        title="Summit 2030",
        start_date=datetime.date(2030, 9, 2),
        end_date=datetime.date(2030, 9, 4),
        timezone="Europe/Zurich",
        registration_open=True,
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )


def test_sign_in_leads_to_what_awaits_you(client, focal_point_of_morocco):
    focal_point_of_morocco.set_password("a long enough passphrase 2006")
    focal_point_of_morocco.save()
    response = client.post(
        "/accounts/login/",
        {"username": focal_point_of_morocco.email, "password": "a long enough passphrase 2006"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/work/"


def test_a_focal_point_sees_the_registrations_open_to_its_state(
    summit, as_user, focal_point_of_morocco
):
    html = as_user(focal_point_of_morocco).get("/work/").content.decode()
    assert "Registration open for your delegation" in html
    assert "Summit 2030" in html
    assert "not registered yet" in html
    assert "(Europe/Zurich)" in html
    Meeting.objects.filter(pk=summit.pk).update(
        end_date=datetime.date(2020, 1, 1), start_date=datetime.date(2020, 1, 1)
    )
    html = as_user(focal_point_of_morocco).get("/work/").content.decode()
    assert "Summit 2030" not in html  # a meeting that is over takes no registration


def test_the_secretariat_sees_registrations_to_approve_and_minutes_to_circulate(
    summit, secretariat_client, morocco, france
):
    for state in (morocco, france):
        Registration.objects.create(
            meeting=summit, state=state, status=RegistrationStatus.SUBMITTED, credential="x.pdf"
        )
    Minutes.objects.create(meeting=summit, kind="minutes", title="Minutes of the Summit")
    html = secretariat_client.get("/work/").content.decode()
    assert "Registrations to approve" in html
    assert "2 registrations waiting" in html
    assert f"/meetings/{summit.pk}/registrations/?status=submitted" in html
    assert "Minutes to circulate" in html
    assert "Minutes of the Summit" in html


def test_someone_with_nothing_to_do_is_told_so(as_user, analyst_of_iom):
    html = as_user(analyst_of_iom).get("/work/").content.decode()
    assert "Nothing awaits you now." in html


def test_the_page_needs_a_signed_in_user(client):
    assert client.get("/work/").status_code == 302
