"""The pages of States, organizations and groups, as a reader and a delegation meet them."""

import pytest

from migforum.core.audit import history_for

pytestmark = pytest.mark.django_db


def test_state_list_shows_every_state(client):
    page = client.get("/states/")
    assert page.status_code == 200
    assert "195 States" in page.content.decode()


def test_state_list_filters_by_region_and_text(client):
    html = client.get("/states/", {"region": "Africa", "q": "moroc"}).content.decode()
    assert "Morocco" in html
    assert "1 State" in html
    html = client.get("/states/", {"region": "Europe"}).content.decode()
    assert "France" in html
    assert "Morocco" not in html


def test_state_list_answers_htmx_with_the_rows_only(client):
    html = client.get("/states/", {"q": "MAR"}, headers={"HX-Request": "true"}).content.decode()
    assert "Morocco" in html
    assert "<html" not in html


def test_state_page_in_french_says_maroc(client):
    html = client.get("/fr/states/MAR/").content.decode()
    assert "<h1>Maroc</h1>" in html
    assert 'lang="fr"' in html


def test_state_page_shows_region_admission_and_groups(client):
    html = client.get("/states/IND/").content.decode()
    assert "Southern Asia" in html
    assert 'datetime="1945-10-30"' in html
    assert "Colombo Process" in html
    assert "Abu Dhabi Dialogue" in html


def test_lower_case_code_redirects_to_the_canonical_page(client):
    response = client.get("/states/mar/")
    assert response.status_code == 301
    assert response["Location"] == "/states/MAR/"


def test_unknown_state_is_a_404_page(client):
    response = client.get("/states/XYZ/")
    assert response.status_code == 404
    assert "XYZ" in response.content.decode()


def test_arabic_pages_are_right_to_left(client):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_language_switcher_links_to_the_same_page_in_each_language(client):
    html = client.get("/fr/states/MAR/").content.decode()
    for path in (
        "/states/MAR/",
        "/ar/states/MAR/",
        "/zh-hans/states/MAR/",
        "/ru/states/MAR/",
        "/es/states/MAR/",
    ):
        assert f'href="{path}"' in html


def test_organizations_and_groups_pages(client):
    assert (
        "International Organization for Migration" in client.get("/organizations/").content.decode()
    )
    assert "Global Migration Group" in client.get("/organizations/iom/").content.decode()
    html = client.get("/groups/rcm/").content.decode()
    assert "Regional Conference on Migration" in html
    assert "Observer" in html
    assert client.get("/groups/nothing-here/").status_code == 404
    assert client.get("/organizations/nothing-here/").status_code == 404


def test_morocco_focal_point_edits_morocco(as_user, focal_point_of_morocco, morocco):
    client = as_user(focal_point_of_morocco)
    assert client.get("/states/MAR/edit/").status_code == 200
    response = client.post(
        "/states/MAR/edit/",
        {"website": "https://www.maroc.ma", "summary": "Delegation of Morocco."},
    )
    assert response.status_code == 302
    morocco.refresh_from_db()
    assert morocco.website == "https://www.maroc.ma"
    assert history_for(morocco).first().actor == focal_point_of_morocco


def test_morocco_focal_point_gets_403_on_france(as_user, focal_point_of_morocco, france):
    client = as_user(focal_point_of_morocco)
    assert client.get("/states/FRA/edit/").status_code == 403
    response = client.post("/states/FRA/edit/", {"website": "https://example.org"})
    assert response.status_code == 403
    france.refresh_from_db()
    assert france.website == ""


def test_edit_form_with_bad_input_keeps_the_record_and_says_why(
    as_user, focal_point_of_morocco, morocco
):
    client = as_user(focal_point_of_morocco)
    response = client.post("/states/MAR/edit/", {"website": "not a url at all", "summary": "x"})
    assert response.status_code == 200
    assert "Enter a valid URL" in response.content.decode()
    morocco.refresh_from_db()
    assert morocco.summary == ""


def test_anonymous_edit_goes_to_sign_in(client):
    response = client.get("/states/MAR/edit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_edit_link_shown_only_to_who_may_edit(as_user, focal_point_of_morocco):
    client = as_user(focal_point_of_morocco)
    assert "/states/MAR/edit/" in client.get("/states/MAR/").content.decode()
    assert "/states/FRA/edit/" not in client.get("/states/FRA/").content.decode()


def test_analyst_edits_own_organization_only(as_user, analyst_of_iom):
    client = as_user(analyst_of_iom)
    assert (
        client.post(
            "/organizations/iom/edit/",
            {"website": "https://www.iom.int", "description": "UN Migration"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/organizations/ilo/edit/", {"website": "https://x.org", "description": ""}
        ).status_code
        == 403
    )


def test_state_list_needs_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get("/states/")


def test_pages_send_safe_headers(client):
    response = client.get("/states/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_state_list_finds_names_in_any_language_without_accents(client):
    html = client.get("/fr/states/", {"q": "Maroc"}).content.decode()
    assert "1 État" in html or "Maroc" in html
    assert "Côte d’Ivoire" in client.get("/fr/states/", {"q": "cote d"}).content.decode()
    assert "0 States" in client.get("/states/", {"q": "Marokko"}).content.decode()
