"""Search tells the truth: its totals are every record that holds a word of the query's stem,
counted independently here from the texts, with the same stemmer; its filters hold inside the
count; and words are found in their inflected forms in every language."""

import re
import unicodedata

import pytest
import Stemmer

from migforum.core.models import SearchKind, SearchText
from migforum.core.search import backends, index_objects, search
from migforum.core.search.backends import Filters, backend
from migforum.core.search.text import parse_query
from migforum.demo.statements import statements_generate
from migforum.documents.choices import DocumentKind
from migforum.documents.models import Document, DocumentVersion
from migforum.documents.statements import statements_import_folder

from ..documents.conftest import STATEMENTS

pytestmark = pytest.mark.django_db

GENERATED = 3000
LATIN_STEMMERS = {"en": "english", "fr": "french", "es": "spanish"}


@pytest.fixture
def many_statements(django_capture_on_commit_callbacks):
    """The 193 statements of 2006 and 3,000 more, made of their sentences, from the years
    after."""
    with django_capture_on_commit_callbacks(execute=True):
        statements_import_folder(STATEMENTS, by=None)
    assert Document.objects.filter(kind=DocumentKind.STATEMENT, year=2006).count() == 193
    report = statements_generate(count=GENERATED, seed=61)
    assert report.search_documents == GENERATED


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def records_holding(word: str, *, kind: str | None = None, year: int | None = None) -> set:
    """The records whose stored text holds a word that its language's stemmer (English for a
    language not written in Latin script) folds to a stem of `word` in English, French or
    Spanish: computed from the texts alone, without the full-text index."""
    stems = {Stemmer.Stemmer(name).stemWord(fold(word)) for name in LATIN_STEMMERS.values()}
    stemmers = {code: Stemmer.Stemmer(name) for code, name in LATIN_STEMMERS.items()}
    texts = SearchText.objects.filter(record__public=True).select_related("record__kind")
    if kind:
        texts = texts.filter(record__kind__key=kind)
    if year:
        texts = texts.filter(record__year=year)
    found = set()
    for text in texts.iterator(2000):
        stemmer = stemmers.get(text.language, stemmers["en"])
        words = re.findall(r"[^\W\d_]+", f"{text.title} {text.body}")
        if any(stemmer.stemWord(fold(w)) in stems for w in words):
            found.add((text.record.kind.key, text.record.object_id))
    return found


def test_totals_are_every_record_holding_a_word_of_the_same_stem_with_any_filter(
    many_statements, monkeypatch
):
    for word in ("migration", "development"):
        expected = records_holding(word)
        results = search(word, language="en")
        assert results.total == len(expected) > 100, word
        assert sum(facet.count for facet in results.facets) == len(expected)
        # Page after page, to the last result, each record once.
        seen = set()
        for offset in range(0, results.total, 100):
            page = search(word, language="en", offset=offset, limit=100, passages=False)
            seen |= {(hit.kind, hit.object_id) for hit in page.hits}
        assert seen == expected, word
    assert search("development", language="en").total > 1000  # past the 500 rows once kept

    # SQLite counts few matches in one grouped pass and more over each type's rowids: both agree.
    kinds = list(SearchKind.objects.values_list("id", flat=True))
    grouped = backend().counts(parse_query("migration"), Filters(), kinds)
    monkeypatch.setattr(backends, "FEW_MATCHES", 10)
    assert backend().counts(parse_query("migration"), Filters(), kinds) == grouped
    assert sum(grouped.values()) == len(records_holding("migration"))

    # With the type, and with the type and the year.
    statements = records_holding("migration", kind="documents.statement")
    of_2006 = records_holding("migration", kind="documents.statement", year=2006)
    assert 0 < len(of_2006) < len(statements)
    by_kind = search("migration", language="en", kinds=["documents.statement"])
    by_year = search("migration", language="en", kinds=["documents.statement"], year=2006)
    assert by_kind.total == len(statements)
    assert by_year.total == len(of_2006)
    assert {(h.kind, h.object_id) for h in by_kind.hits} <= statements
    assert {f.kind: f.count for f in by_kind.facets}["documents.statement"] == len(statements)


def test_both_engines_match_the_same_records_as_the_texts_say(many_statements):
    """The engine's own set (every match, unranked) against the texts, for a few queries; run
    on SQLite and on PostgreSQL, this compares the two engines through the same sets."""
    for query in ("remittances", "migrant workers", "development"):
        parsed = parse_query(query)
        ranked = backend().ranked(parsed, Filters(), [], limit=None)
        record_keys = {
            (t.record.kind.key, t.record.object_id)
            for t in SearchText.objects.filter(record_id__in=[r for r, _ in ranked]).select_related(
                "record__kind"
            )
        }
        expected = set.intersection(*(records_holding(word) for word in query.split()))
        assert record_keys == expected, query


@pytest.fixture
def texts_in_other_languages(morocco):
    texts = {
        "ru": "Денежных переводов мигрантов стало больше, и их стоимость снизилась.",
        "ar": "ارتفعت التحويلات المالية للمهاجرين إلى بلدانهم الأصلية.",
        "fr": "Les envois de fonds des migrants soutiennent le développement de leurs pays.",
        "en": "Remittances sent home cost less when more services compete.",
    }
    documents = []
    for language, text in texts.items():
        document = Document.objects.create(
            title=f"Note ({language})", kind=DocumentKind.REPORT, year=2024, state=morocco
        )
        DocumentVersion.objects.create(document=document, language=language, text=text)
        documents.append(document)
    index_objects(documents)
    return dict(zip(texts, documents, strict=True))


@pytest.mark.parametrize(
    ("language", "query", "marked"),
    [
        ("ru", "переводы", "<mark>переводов</mark>"),
        ("ru", "денежные", "<mark>Денежных</mark>"),
        ("ar", "تحويلات", "<mark>التحويلات</mark>"),
        ("fr", "envois de fonds", "<mark>envois</mark> de <mark>fonds</mark>"),
    ],
)
def test_inflected_forms_are_found_and_highlighted(
    texts_in_other_languages, language, query, marked
):
    results = search(query, language=language)
    urls = [hit.url for hit in results.hits]
    document = texts_in_other_languages[language]
    assert any(url.endswith(f"/documents/{document.pk}/") for url in urls), urls
    hit = next(h for h in results.hits if h.url.endswith(f"/documents/{document.pk}/"))
    assert marked in str(hit.snippet)


def test_a_stop_word_is_never_highlighted(client, texts_in_other_languages):
    page = client.get("/fr/search/", {"q": "envois de fonds"}).content.decode()
    assert "<mark>envois</mark>" in page
    assert "<mark>de</mark>" not in page.casefold()
    assert "<mark>des</mark>" not in page.casefold()
    body = client.get("/api/v1/search", {"q": "envois de fonds", "lang": "fr"}).json()
    assert body["results"]
    for hit in body["results"]:
        assert "<mark>de</mark>" not in (hit["title"] + hit["snippet"]).casefold()


def test_a_misspelling_gets_the_nearest_word_of_the_texts(texts_in_other_languages):
    results = search("remitances", language="en")
    assert results.suggestion == "remittances"
    assert search("remittances", language="en").suggestion == ""
    assert search("qwertyuiopasdf", language="en").suggestion == ""
