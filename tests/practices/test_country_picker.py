"""The countries of a practice are chosen by typing their names: each picker has a labelled
search box (shown by its script), and without the script the plain select, labelled too,
sends the same values."""

import re

import pytest

from migforum.members.models import State
from migforum.practices.models import Practice

pytestmark = pytest.mark.django_db

ROLES = {"origin": "origin", "transit": "transit", "destination": "destination"}


def label_for(body: str, element_id: str) -> str:
    found = re.search(rf'<label for="{re.escape(element_id)}">([^<]*)</label>', body)
    assert found, element_id
    return found.group(1)


def picker_of(body: str, name: str) -> str:
    """The markup of the picker of the field `name`, its select included."""
    for part in body.split('<div class="picker" data-picker')[1:]:
        if f'<select name="{name}"' in part:
            return part.partition(">")[2].partition("</select>")[0] + "</select>"
    raise AssertionError(f"no picker for {name}")


def test_each_country_picker_has_a_labelled_search_box_and_a_labelled_select(
    as_user, focal_point_of_morocco
):
    page = as_user(focal_point_of_morocco).get("/practices/new/")

    body = page.content.decode()
    for role in ROLES:
        # the search box: a labelled search field, hidden until the script shows it
        markup = picker_of(body, role)
        assert re.match(r'<div class="picker-search" hidden>', markup)
        assert f'<input type="search" id="id_{role}-search"' in markup
        assert label_for(body, f"id_{role}-search") == f"Add a country of {role}"
        # the select it fills, the field itself, labelled with the field's name
        assert label_for(body, f"id_{role}") == f"Countries of {role}"
        assert re.search(rf'<select name="{role}" id="id_{role}" multiple>', markup)
        assert markup.count("<option ") == State.objects.count()
    # the script that shows the boxes, and their looks, are served from the platform
    assert '<script src="/static/migforum/js/picker.js" defer></script>' in body
    assert 'href="/static/migforum/css/picker.css"' in body


def test_the_script_says_what_it_does_in_words_the_page_gives_it(as_user, focal_point_of_morocco):
    # The script has no words of its own: the page gives them, translated as the page is.
    page = as_user(focal_point_of_morocco).get("/practices/new/")

    picker = re.search(r'<div class="picker" data-picker([^>]*)>', page.content.decode())
    assert picker
    assert 'data-remove="Remove %(name)s"' in picker.group(1)
    assert 'data-added="%(name)s added."' in picker.group(1)
    assert "data-nothing=" in picker.group(1)
    assert "data-several=" in picker.group(1)


def test_without_the_script_the_plain_selects_choose_the_countries(as_user, focal_point_of_morocco):
    # given a focal point whose browser runs no script, choosing in the plain selects
    client = as_user(focal_point_of_morocco)
    morocco, senegal, spain, france = (
        State.objects.get(iso3=code) for code in ("MAR", "SEN", "ESP", "FRA")
    )
    form = {
        "language": "en",
        "title": "Remittances to Senegal and Morocco",
        "summary": "Families receive transfers at lower cost.",
        "themes": ["remittances"],
        "level": "regional",
        "origin": [str(morocco.pk), str(senegal.pk)],
        "destination": [str(spain.pk), str(france.pk)],
        "implementer_name": "Central bank",
        "implementer_kind": "government",
        "start_year": "2012",
        "implementation_status": "ongoing",
    }

    # when the form comes back with a mistake, then the countries chosen are still chosen
    again = client.post("/practices/new/", {**form, "start_year": "20x2"}).content.decode()
    for state in (morocco, senegal, spain, france):
        assert f'<option value="{state.pk}" selected>' in again

    # and once sent right, the practice has them in their roles
    assert client.post("/practices/new/", form).status_code == 302
    practice = Practice.objects.get(title="Remittances to Senegal and Morocco")
    assert sorted(practice.country_roles) == [
        ("ESP", "destination"),
        ("FRA", "destination"),
        ("MAR", "origin"),
        ("SEN", "origin"),
    ]
