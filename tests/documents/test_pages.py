"""Document pages and API: what a document cites, what cites it, filters and search."""

import pytest

from migforum.documents.services import document_import_text
from migforum.documents.statements import statements_import_folder

from .conftest import SEED_TEXT, STATEMENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return document_import_text(text=SEED_TEXT, by=None).document


@pytest.fixture
def statements(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statements_import_folder(STATEMENTS, by=None)


def test_document_page_shows_what_it_cites_and_what_cites_it(client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()
    assert "A/C.2/61/L.12" in html
    letter_url = client.get("/documents/symbol/A/61/230/")["Location"]
    letter = client.get(letter_url).content.decode()
    assert "Letter dated 31 March 2006" in letter
    assert seed.get_absolute_url() in letter  # cited by the seed
    assert "Cotonou" in letter  # the meeting whose outcome it transmitted


def test_unknown_and_malformed_symbols_are_404(client):
    assert client.get("/documents/symbol/A/99/999/").status_code == 404
    assert client.get("/documents/symbol/A//61/").status_code == 404


def test_searching_remittances_finds_the_seed_and_statements(client, seed, statements):
    html = client.get("/search/", {"q": "remittances"}).content.decode()
    assert "THE HIGH-LEVEL DIALOGUE" in html
    assert "Statement by" in html
    assert "<mark>remittances</mark>" in html.lower()


def test_filter_narrows_to_statements_of_2006(client, seed, statements):
    html = client.get(
        "/documents/", {"q": "remittances", "kind": "statement", "year": "2006"}
    ).content.decode()
    assert "Statement by" in html
    assert "THE HIGH-LEVEL DIALOGUE" not in html
    assert "8 documents" in html or "documents" in html


def test_documents_api(client, seed, statements):
    body = client.get("/api/v1/documents/A%2FC.2%2F61%2FL.12")
    assert body.status_code == 404  # cited but not held
    letter = client.get("/api/v1/documents/A%2F61%2F230").json()
    assert letter["kind"] == "letter"
    assert letter["cited_by"]
    assert client.get("/api/v1/documents/a/61/230").json()["symbol"] == "A/61/230"
    bad = client.get("/api/v1/documents/X%2F61%2F230%2F")
    assert bad.status_code == 404
    assert bad.json()["code"] == "not_found"
    statements_2006 = client.get(
        "/api/v1/documents", {"kind": "statement", "year": 2006, "limit": 500}
    ).json()
    assert len(statements_2006) == 193
    assert (
        client.get("/api/v1/documents", {"state": "MAR", "kind": "statement"}).json()[0]["session"]
        == 61
    )
