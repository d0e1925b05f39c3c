"""Search as a way to go somewhere: the evidence's tools, corridors, datasets and indicators
are found by the words people type; a UN symbol or a State's name leads straight to its
record; and the search page and API narrow, page and suggest."""

import re

import pytest
from django.core.cache import cache

from migforum.core.languages import language_codes
from migforum.core.models import SearchRecord, SearchText
from migforum.core.search import reindex_kind, search
from migforum.documents.models import Document
from migforum.documents.services import document_import_text
from migforum.evidence.models import Dataset
from migforum.evidence.reference import DATA_DIR
from migforum.evidence.search_documents import CORRIDOR_KIND, TOOL_KIND, refresh_once
from migforum.evidence.services import data_import_request, data_import_run, dataset_delete
from migforum.meetings.services import document_import_with_meetings
from migforum.members.selectors import state_named

from ..documents.conftest import SEED_TEXT

pytestmark = pytest.mark.django_db

#: Remittance Prices Worldwide's corridor averages, as shipped: 377 priced corridors, USA-MEX
#: among them, and the cost of sending money to each receiving country computed from them.
PRICES = DATA_DIR / "wb_rpw_corridors_databank_2011Q1_2020Q3_raw.csv"


@pytest.fixture(autouse=True)
def evidence_tools():
    """The tools' records, as `migforum init` writes them."""
    reindex_kind(TOOL_KIND)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Shortcuts are cached until the data change, which the rolled-back tests undo."""
    cache.clear()
    yield
    cache.clear()


def import_file(path, capture):
    """Import a publisher's file as the background task does, its commit's work included."""
    with capture(execute=True):
        data_import = data_import_run(data_import=data_import_request(path=path, by=None))
    assert data_import.status == "done", data_import.error
    return data_import.dataset


@pytest.fixture
def prices(django_capture_on_commit_callbacks) -> Dataset:
    return import_file(PRICES, django_capture_on_commit_callbacks)


def urls(results) -> list[str]:
    return [hit.url for hit in results.hits]


# The evidence in the index.


def test_an_import_makes_its_corridors_dataset_and_indicators_searchable_once_committed(
    django_capture_on_commit_callbacks,
):
    assert search("Mexico", language="en", kinds=[CORRIDOR_KIND]).total == 0
    dataset = import_file(PRICES, django_capture_on_commit_callbacks)

    corridors = search("Mexico", language="en", kinds=[CORRIDOR_KIND])
    assert [hit.url for hit in corridors.hits] == ["/evidence/corridors/USA-MEX/"]
    assert search("France", language="en", kinds=[CORRIDOR_KIND]).total == 16
    found = search("Remittance Prices Worldwide", language="en", kinds=["evidence.dataset"])
    assert found.hits[0].url == f"/evidence/datasets/{dataset.pk}/"
    # Titled in the reader's language, and found by the publisher's words in any.
    french = search("Banque mondiale", language="fr", kinds=["evidence.dataset"]).hits[0]
    assert "coût total moyen" in french.title
    assert "(7 déc. 2020)" in french.title
    assert search("Remittance Prices Worldwide", language="fr", kinds=["evidence.dataset"]).total
    indicator = search("SDG 10.c.1", language="en", kinds=["evidence.indicator"]).hits[0]
    assert indicator.url == "/evidence/indicators/remittance_cost_to_country/"

    with django_capture_on_commit_callbacks(execute=True):
        dataset_delete(dataset=dataset, by=None)
    assert search("Mexico", language="en", kinds=[CORRIDOR_KIND]).total == 0
    assert search("Remittance Prices Worldwide", language="en").total == 0


def test_imports_in_a_row_bring_the_index_up_to_date_once_at_the_end(
    django_capture_on_commit_callbacks,
):
    with refresh_once():
        import_file(PRICES, django_capture_on_commit_callbacks)
        # Its commit's work is done, and the index waits.
        assert search("Mexico", language="en", kinds=[CORRIDOR_KIND]).total == 0
    assert search("Mexico", language="en", kinds=[CORRIDOR_KIND]).total == 1


def test_send_money_puts_the_send_money_tool_first(prices):
    assert search("send money", language="en").hits[0].url == "/evidence/send-money/"
    # Other words for it find it too, beside the datasets of remittance prices.
    for query in ("remittance prices", "transfer cost", "money transfer fees"):
        assert "/evidence/send-money/" in urls(search(query, language="en"))[:3], query
    assert search("map", language="en").hits[0].url == "/evidence/"
    assert "/evidence/corridors/" in urls(search("corridors", language="en"))[:3]


def test_the_tools_have_a_title_and_an_address_in_every_language():
    texts = SearchText.objects.filter(record__kind__key=TOOL_KIND, record__object_id="send-money")
    by_language = {text.language: text for text in texts}
    assert set(by_language) == set(language_codes())
    assert by_language["fr"].title == "Ce que coûte un envoi d’argent au pays"
    assert by_language["fr"].url == "/fr/evidence/send-money/"
    assert by_language["en"].url == "/evidence/send-money/"


def test_mexico_finds_the_state_and_the_corridors_involving_it(prices):
    results = search("Mexico", language="en")
    assert "/states/MEX/" in urls(results)
    assert "/evidence/corridors/USA-MEX/" in urls(results)
    corridors = search("Mexico", language="en", kinds=[CORRIDOR_KIND])
    assert corridors.total >= 1
    assert all("MEX" in hit.url for hit in corridors.hits)
    # The State and its evidence lead the page, its corridor with the most data first.
    state, evidence = results.shortcuts
    assert (state.url, state.title) == ("/states/MEX/", "Mexico")
    assert evidence.url == "/states/MEX/#evidence-heading"
    assert evidence.links[0] == (
        "United States of America → Mexico",
        "/evidence/corridors/USA-MEX/",
    )


def test_a_corridor_is_titled_in_each_language_with_the_states_names(prices):
    record = SearchRecord.objects.get(kind__key=CORRIDOR_KIND, object_id="USA-MEX")
    assert record.states == " USA MEX "
    titles = dict(record.texts.values_list("language", "title"))
    assert titles["en"] == "United States of America → Mexico"
    assert titles["fr"] == "États-Unis → Mexique"
    assert titles["es"] == "Estados Unidos → México"
    assert set(titles) == set(language_codes())
    hit = search("Mexique", language="fr", kinds=[CORRIDOR_KIND]).hits[0]
    assert hit.url == "/fr/evidence/corridors/USA-MEX/"
    assert search("USA-MEX", language="en").hits[0].url == "/evidence/corridors/USA-MEX/"


def test_a_state_without_evidence_has_no_evidence_shortcut():
    assert [s.url for s in search("Mexico", language="en").shortcuts] == ["/states/MEX/"]


# Shortcuts: a State.


@pytest.mark.parametrize(
    "query",
    ["Morocco", "morocco", "Maroc", "Marruecos", "Марокко", "المغرب", "摩洛哥", "MAR", "mar", "MA"],
)
def test_a_states_name_in_any_language_or_its_code_names_it(query):
    assert state_named(query).iso3 == "MAR"


@pytest.mark.parametrize(
    ("query", "iso3"),
    [
        ("cote d'ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("The Gambia", "GMB"),
        ("United States", "USA"),
        ("united states of america", "USA"),
        ("  Türkiye ", "TUR"),
    ],
)
def test_accents_case_and_the_english_names_of_cldr_name_a_state(query, iso3):
    assert state_named(query).iso3 == iso3


@pytest.mark.parametrize("query", ["it", "to", "ma", "migration", "morocco spain", "", "x" * 200])
def test_words_and_longer_queries_name_no_state(query):
    assert state_named(query) is None


def test_a_state_named_goes_first_on_the_page_and_in_the_api(client):
    html = client.get("/search/", {"q": "Maroc"}).content.decode()
    shortcuts = html.index("Go straight to")
    assert html.index('href="/states/MAR/"', shortcuts) < html.index('class="results"')
    body = client.get("/api/v1/search", {"q": "Maroc", "lang": "fr"}).json()
    assert body["shortcuts"][0]["url"] == "/fr/states/MAR/"
    assert body["shortcuts"][0]["title"] == "Maroc"


# Shortcuts: a UN symbol.


def test_a_symbol_held_leads_to_its_document_first_on_the_page_and_in_the_api(client):
    document_import_with_meetings(text=SEED_TEXT, by=None, source="seed")
    letter = Document.objects.get(symbol="A/61/170")
    html = client.get("/search/", {"q": "A/61/170"}).content.decode()
    first_link = re.search(r'<a class="result-title" href="([^"]+)"', html).group(1)
    assert first_link == f"/documents/{letter.pk}/"
    body = client.get("/api/v1/search", {"q": "a / 61 / 170"}).json()
    assert body["shortcuts"][0]["url"] == f"/documents/{letter.pk}/"
    assert body["shortcuts"][0]["title"].startswith("A/61/170 — Letter dated")


def test_a_symbol_cited_but_not_held_says_so_and_links_the_documents_citing_it(client):
    seed = document_import_text(text=SEED_TEXT, by=None, source="seed").document
    (shortcut,) = search("A/61/170", language="en").shortcuts
    assert shortcut.title == "A/61/170"
    assert shortcut.note == "Cited by 1 document; not held here."
    assert shortcut.links == ((str(seed), f"/documents/{seed.pk}/"),)
    assert search("A/61/999", language="en").shortcuts == []
    assert search("A/61", language="en").shortcuts == []  # a committee's series, no document


# The search page.


def test_the_page_keeps_to_a_kind_and_its_facets_and_pages_keep_the_filters(client, prices):
    response = client.get("/search/", {"q": "United", "kind": CORRIDOR_KIND, "state": "MEX"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'option value="evidence.corridor" selected' in html
    assert 'option value="MEX" selected' in html
    titles = re.findall(r'<a class="result-title" href="(/evidence/corridors/[^"]+)"', html)
    assert titles
    assert all("MEX" in url for url in titles)
    facet = re.search(r'href="\?q=United&amp;kind=evidence.corridor&amp;state=MEX"', html)
    assert facet, "the facet keeps the State"


def test_paging_reaches_the_last_result(client, prices):
    total = search("United", language="en", kinds=[CORRIDOR_KIND]).total
    assert total == 92
    last = -(-total // 20)
    html = client.get(
        "/search/", {"q": "United", "kind": CORRIDOR_KIND, "page": last}
    ).content.decode()
    shown = re.findall(r'<li class="result">', html)
    assert len(shown) == total - (last - 1) * 20
    assert f"Page {last} of {last}" in html
    assert f'start="{(last - 1) * 20 + 1}"' in html
    # A page past the last shows the last.
    beyond = client.get("/search/", {"q": "United", "kind": CORRIDOR_KIND, "page": last + 50})
    assert f"Page {last} of {last}" in beyond.content.decode()
    assert len(re.findall(r'<li class="result">', beyond.content.decode())) == len(shown)


def test_the_page_filters_by_year_and_language(client, prices):
    usa_mex = '<a class="result-title" href="/evidence/corridors/USA-MEX/">'
    html = client.get("/search/", {"q": "Mexico", "year": "2020"}).content.decode()
    assert usa_mex in html
    html = client.get("/search/", {"q": "Mexico", "year": "1999"}).content.decode()
    assert usa_mex not in html
    html = client.get("/search/", {"q": "Mexique", "lang": "fr"}).content.decode()
    assert '<a class="result-title" href="/fr/evidence/corridors/USA-MEX/">' in html


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"year": "1800"}, "The year must be between 1900 and 2100."),
        ({"state": "Morocco"}, "three-letter ISO code"),
        ({"lang": "xx"}, "Unknown language: xx."),
        ({"kind": "nothing"}, "Unknown record type: nothing."),
    ],
)
def test_a_filter_the_search_cannot_use_is_a_400_page_saying_why(client, filters, message):
    response = client.get("/search/", {"q": "migration", **filters})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_year_that_is_not_a_number_is_a_400_page_naming_it(client):
    response = client.get("/search/", {"q": "migration", "year": "²"})
    assert response.status_code == 400
    assert "“year”" in response.content.decode()


def test_a_misspelt_word_offers_the_known_one(client, prices):
    html = client.get("/search/", {"q": "remitance", "kind": CORRIDOR_KIND}).content.decode()
    assert 'Did you mean <a href="?q=remittance&amp;kind=evidence.corridor">remittance</a>?' in (
        html
    )


def test_every_control_of_the_page_has_a_label(client):
    html = client.get("/search/", {"q": "migration"}).content.decode()
    labelled = set(re.findall(r'<label[^>]+for="([^"]+)"', html))
    controls = re.findall(r'<(?:input|select)\b[^>]*\bid="([^"]+)"', html)
    assert {"search-q", "search-kind", "search-year", "search-state", "search-lang"} <= set(
        controls
    )
    assert set(controls) <= labelled


# The API.


def test_the_api_filters_pages_and_titles_in_the_language_asked(client, prices):
    body = client.get(
        "/api/v1/search", {"q": "Mexique", "lang": "fr", "kind": CORRIDOR_KIND, "limit": 1}
    ).json()
    assert body["results"][0]["kind"] == CORRIDOR_KIND
    assert body["results"][0]["url"].startswith("/fr/evidence/corridors/")
    assert "Mexique" in body["results"][0]["title"]
    if body["total"] > 1:
        assert "kind=evidence.corridor" in body["next"]
        assert "lang=fr" in body["next"]
    english = client.get("/api/v1/search", {"q": "Mexico", "state": "USA"}).json()
    assert {r["url"] for r in english["results"]} >= {"/evidence/corridors/USA-MEX/"}
    assert all(r["url"].startswith("/evidence/") for r in english["results"])
    assert english["shortcuts"][0]["url"] == "/states/MEX/"
    assert english["suggestion"] == ""
    years = client.get("/api/v1/search", {"q": "Mexico", "year": 1999}).json()
    assert "/evidence/corridors/USA-MEX/" not in {r["url"] for r in years["results"]}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"year": "1800"}, "invalid_filter"),
        ({"year": "twenty"}, "invalid_filter"),
        ({"state": "MA"}, "invalid_filter"),
        ({"lang": "klingon"}, "invalid_filter"),
        ({"kind": "nothing"}, "unknown_kind"),
        ({"limit": "101"}, "out_of_range"),
    ],
)
def test_the_api_refuses_a_filter_it_cannot_use_with_its_code(client, params, code):
    response = client.get("/api/v1/search", {"q": "migration", **params})
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_the_api_suggests_a_known_word(client, prices):
    body = client.get("/api/v1/search", {"q": "remitance"}).json()
    assert body["suggestion"] == "remittance"


def test_the_page_says_which_common_words_it_left_out(client):
    html = client.get("/search/", {"q": "the Morocco"}).content.decode()
    assert "Words too common to search were left out: the." in html
    assert '<a class="result-title" href="/states/MAR/">' in html


def test_the_results_as_the_reader_types_carry_the_shortcuts(client):
    response = client.get("/search/", {"q": "Maroc"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<h1>" not in html
    assert "Go straight to" in html
    assert 'href="/states/MAR/"' in html
