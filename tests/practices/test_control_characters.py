"""A practice whose title was pasted with a line break: stored on one line, so that every step of
its review answers and every notification about it has a one-line subject."""

import pytest
from django.core import mail

from migforum.practices.choices import Criterion
from migforum.practices.models import Practice

from ..conftest import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/practices"
PASTED = {
    "language": "en",
    "title": "Pre-departure orientation\r\nfor seasonal\x0bworkers\n",
    "summary": "Workers learn their rights\nbefore they leave.",
    "level": "national",
    "implementer_name": "National Agency\nfor Employment",
    "implementer_kind": "government",
    "themes": ["labour"],
    "start_year": 2019,
    "implementation_status": "ongoing",
    "countries": [{"iso3": "MAR", "role": "origin"}],
    "translations": [
        {
            "language": "fr",
            "title": "Orientation avant le départ\ndes travailleurs saisonniers",
            "summary": "Les travailleurs apprennent leurs droits.",
        }
    ],
}


def test_a_title_with_line_breaks_goes_through_every_review_step(
    client,
    django_capture_on_commit_callbacks,
    focal_point_of_morocco,
    secretariat_user,
    analyst_of_ilo,
):
    def post(path: str, data: dict, user) -> dict:  # noqa: ANN001
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                path, data, content_type="application/json", headers=bearer(user)
            )
        assert response.status_code in (200, 201), response.content[:300]
        return response.json()

    created = post(URL, PASTED, focal_point_of_morocco)
    assert created["title"] == "Pre-departure orientation for seasonal workers"
    assert created["implementer"]["name"] == "National Agency for Employment"
    assert created["summary"] == "Workers learn their rights\nbefore they leave."
    assert created["translations"][0]["title"] == (
        "Orientation avant le départ des travailleurs saisonniers"
    )
    practice = Practice.objects.get(pk=created["id"])
    assert "\n" not in practice.title

    detail = f"{URL}/{practice.pk}"
    post(f"{detail}/submit", {}, focal_point_of_morocco)
    post(f"{detail}/assignments", {"reviewer": analyst_of_ilo.email}, secretariat_user)
    post(f"{detail}/declaration", {"has_conflict": False}, analyst_of_ilo)
    ratings = dict.fromkeys(Criterion.values, "met")
    post(
        f"{detail}/reviews",
        {"ratings": ratings, "analysis": "Sound.", "decision": "approve"},
        analyst_of_ilo,
    )
    post(f"{detail}/publish", {}, secretariat_user)

    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) >= 3
    assert all("Pre-departure orientation for seasonal workers" in s for s in subjects)
    assert not any("\n" in s or "\r" in s for s in subjects)
