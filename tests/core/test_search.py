"""One search over everything, in every language, ranked and highlighted."""

import pytest

from migforum.core.search import SearchQueryError, rebuild, search
from migforum.members.services import state_update

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [str(hit.title) for hit in results.hits]


def test_a_state_is_found_by_its_english_name_and_highlighted():
    results = search("morocco", language="en")
    assert results.hits[0].url == "/states/MAR/"
    assert str(results.hits[0].title) == "<mark>Morocco</mark>"


@pytest.mark.parametrize("query", ["Maroc", "Marruecos", "Марокко", "المغرب", "摩洛哥", "摩洛"])
def test_a_state_is_found_by_its_name_in_each_language(query):
    results = search(query, language="en")
    assert results.hits[0].url == "/states/MAR/"
    assert "Morocco" in str(results.hits[0].title)  # shown in the reader's language
    assert "<mark>" in str(results.hits[0].snippet) + str(results.hits[0].title)


def test_results_are_titled_and_linked_in_the_readers_language():
    hit = search("morocco", language="fr").hits[0]
    assert "Maroc" in str(hit.title)
    assert hit.url == "/fr/states/MAR/"


def test_accents_and_case_do_not_matter():
    assert search("cote d'ivoire", language="en").hits[0].url == "/states/CIV/"
    assert search("TÜRKIYE", language="en").hits[0].url == "/states/TUR/"


def test_prefixes_match_and_every_word_must_match():
    assert "/states/MAR/" in [h.url for h in search("moro", language="en").hits]
    urls = [h.url for h in search("united states", language="en").hits]
    assert urls[0] == "/states/USA/"
    assert "/states/GBR/" not in urls[:1]


def test_organizations_are_found_by_acronym_and_in_other_languages():
    assert search("IOM", language="en").hits[0].url == "/organizations/iom/"
    hit = search("Organisation internationale pour les migrations", language="en").hits[0]
    assert hit.url == "/organizations/iom/"


def test_facets_count_matches_by_type_and_filter():
    results = search("migration", language="en")
    facets = {f.kind: f.count for f in results.facets}
    assert facets["members.organization"] >= 1
    assert facets["members.group"] >= 3
    only_groups = search("migration", language="en", kinds=["members.group"])
    assert {h.kind for h in only_groups.hits} == {"members.group"}
    assert only_groups.total == facets["members.group"]


def test_markup_in_the_query_or_the_data_is_escaped(
    focal_point_of_morocco, morocco, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        state_update(
            state=morocco,
            by=focal_point_of_morocco,
            data={"summary": "<script>alert(1)</script> remittances corridor"},
        )
    results = search("remittances", language="en")
    assert results.hits[0].url == "/states/MAR/"
    snippet = str(results.hits[0].snippet)
    assert "<script>" not in snippet
    assert "<mark>remittances</mark>" in snippet


def test_a_change_is_searchable_after_commit(
    focal_point_of_morocco, morocco, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        state_update(
            state=morocco,
            by=focal_point_of_morocco,
            data={"summary": "Circular migration programme with Spain"},
        )
    assert search("circular programme", language="en").hits[0].url == "/states/MAR/"


def test_operators_and_punctuation_are_plain_text():
    for query in ['"', "AND OR NOT", "mor*", "(france", "a:b", "NEAR(x y)", "'; DROP TABLE x"]:
        search(query, language="en")  # no error from the backend's query syntax


def test_empty_query_returns_nothing():
    assert search("   ", language="en").total == 0


def test_too_long_query_is_refused_with_a_message():
    with pytest.raises(SearchQueryError) as error:
        search("a" * 10_000, language="en")
    assert error.value.code == "query_too_long"
    assert "10000" in error.value.message


def test_rebuild_gives_the_same_results():
    before = titles(search("guinea", language="en"))
    rebuild()
    assert titles(search("guinea", language="en")) == before
    assert len(before) == 4  # Guinea, Guinea-Bissau, Equatorial Guinea, Papua New Guinea


def test_search_page_and_api(client):
    html = client.get("/search/", {"q": "morocco"}).content.decode()
    assert '<a class="result-title" href="/states/MAR/"><mark>Morocco</mark></a>' in html
    body = client.get("/api/v1/search", {"q": "maroc", "lang": "fr"}).json()
    assert body["results"][0]["url"] == "/fr/states/MAR/"
    assert body["total"] == 1


def test_search_page_and_api_refuse_a_10000_character_query_with_400(client):
    page = client.get("/search/", {"q": "x" * 10_000})
    assert page.status_code == 400
    assert "too long" in page.content.decode()
    api = client.get("/api/v1/search", {"q": "x" * 10_000})
    assert api.status_code == 400
    assert api.json()["code"] == "query_too_long"


def test_unknown_type_filter_is_a_clear_error(client):
    response = client.get("/api/v1/search", {"q": "x", "type": "nothing"})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_kind"
