"""The portal's pages, and the registries through which the apps below fill them."""

import pytest

from migforum.core import history, loaders, panels
from migforum.documents.models import Document

from ..core.conftest import analyst_of_ilo, published_practice  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db


def test_the_state_page_shows_the_practices_panel_practices_registered(
    client,
    published_practice,  # noqa: F811
):
    html = client.get("/states/MAR/").content.decode()
    assert 'id="practices-heading"' in html
    assert published_practice.get_absolute_url() in html
    assert "/practices/?country=MAR" in html


def test_the_state_page_places_each_panel_where_and_in_the_order_it_was_registered(client):
    html = client.get("/states/MAR/").content.decode()
    assert "migforum/css/evidence.css" in html  # the stylesheet evidence's panel needs
    activity = [p.template for p in panels.panels_for("state") if p.place == "activity"]
    assert activity == [
        "practices/_state_panel.html",
        "documents/_state_panel.html",
        "meetings/_state_panel.html",
    ]


def test_panels_render_by_place_and_order_with_the_pages_record(rf, monkeypatch, morocco):
    monkeypatch.setattr(panels, "_registry", [])
    letter = Document.objects.create(title="A letter from Morocco", state=morocco)

    def statements(request, state):
        return {"statements": [letter]}

    panels.register(
        "test",
        place="below",
        order=2,
        template="meetings/_state_panel.html",
        context=lambda request, state: {},
    )
    panels.register(
        "test",
        place="below",
        order=1,
        template="documents/_state_panel.html",
        context=statements,
        stylesheet="a.css",
    )
    rendered = panels.render_panels("test", request=rf.get("/"), record=morocco, name="state")
    assert list(rendered.places) == ["below"]
    first, second = rendered.places["below"]
    assert "A letter from Morocco" in first
    assert second.strip() == ""  # the meetings panel shows nothing without meetings
    assert rendered.stylesheets == ["a.css"]


def test_every_record_type_with_a_history_is_registered_by_its_app(client):
    kinds = {lookup.kind: lookup.model._meta.label for lookup in history.registered()}
    assert kinds == {
        "state": "members.State",
        "organization": "members.Organization",
        "group": "members.Group",
        "document": "documents.Document",
        "meeting": "meetings.Meeting",
        "minutes": "meetings.Minutes",
        "practice": "practices.Practice",
    }
    assert client.get("/history/state/MAR/").status_code == 200
    assert client.get("/history/organization/iom/").status_code == 200
    assert client.get("/history/unknown/1/").status_code == 404


def test_init_runs_the_loaders_the_apps_registered_in_their_order():
    assert [loader.name for loader in loaders.registered()] == [
        "members",
        "summits",
        "seed-report",
        "statements",
        "evidence",
    ]
