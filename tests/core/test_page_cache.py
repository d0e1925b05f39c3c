"""Pages kept for anonymous readers: the same page for the next reader of the language, with
their own CSRF token, until the data change; never for a signed-in reader, never an error."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from migforum.core import page_cache
from migforum.core.page_cache import CSRF_PLACEHOLDER
from migforum.members.services import state_update

from ..conftest import bearer, verified_client

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')


def get(client, address: str, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, params)
    return response, len(queries)


def test_a_kept_page_is_served_without_searching_and_with_the_readers_own_token(client):
    first, _built = get(client, "/search/", q="morocco")
    other_reader = client.__class__()
    second, queries = get(other_reader, "/search/", q="morocco")

    assert first.status_code == second.status_code == 200
    assert queries == 1  # the data's version, and nothing else
    page = second.content.decode()
    assert '<a class="result-title" href="/states/MAR/">' in page
    assert CSRF_PLACEHOLDER not in page
    token = TOKEN.search(page).group(1)
    assert len(token) == 64
    assert second.cookies["csrftoken"].value  # the token's cookie comes with it
    assert TOKEN.search(first.content.decode()).group(1) != token


def test_each_language_and_each_address_is_kept_apart(client):
    english, _ = get(client, "/search/", q="morocco")
    french, _ = get(client, "/fr/search/", q="morocco")
    another, _ = get(client, "/search/", q="guinea")
    assert "Morocco" in english.content.decode()
    assert "Maroc" in french.content.decode()
    assert "Guinea" in another.content.decode()


def test_a_change_to_the_data_shows_at_once(
    client, morocco, focal_point_of_morocco, django_capture_on_commit_callbacks
):
    before, _ = get(client, "/search/", q="couscous")
    assert "/states/MAR/" not in before.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        state_update(state=morocco, by=focal_point_of_morocco, data={"summary": "Couscous."})

    after, queries = get(client, "/search/", q="couscous")

    assert '<a class="result-title" href="/states/MAR/">' in after.content.decode()
    assert queries > 1


def test_a_signed_in_reader_gets_a_page_of_their_own(client, focal_point_of_morocco):
    get(client, "/search/", q="morocco")
    signed_in = verified_client(focal_point_of_morocco)
    response, queries = get(signed_in, "/search/", q="morocco")
    assert queries > 1
    assert 'action="/accounts/logout/"' in response.content.decode()


def test_errors_are_not_kept(client):
    refused, _ = get(client, "/search/", q="morocco", year="1800")
    again, queries = get(client, "/search/", q="morocco", year="1800")
    assert refused.status_code == again.status_code == 400
    assert queries > 1


@pytest.mark.parametrize("address", ["/", "/states/", "/states/MAR/", "/documents/", "/evidence/"])
def test_every_public_page_is_kept(client, address):
    first, built = get(client, address)
    second, queries = get(client.__class__(), address)
    assert first.status_code == second.status_code == 200
    assert queries == 1 < built
    assert second.content.decode().count("<h1") == first.content.decode().count("<h1") == 1


def test_an_api_answer_is_kept_for_readers_and_proxies_but_not_for_a_token(
    client, secretariat_user
):
    first, built = get(client, "/api/v1/states")
    second, queries = get(client, "/api/v1/states")
    assert second.json() == first.json()
    assert queries == 1 < built
    # JSON holds no reader's token: a reverse proxy may keep it briefly.
    assert "public" in second["Cache-Control"]
    assert "max-age=30" in second["Cache-Control"]

    with_token = client.get("/api/v1/states", headers=bearer(secretariat_user))
    assert with_token.status_code == 200
    assert "ETag" not in with_token
    assert "public" not in with_token.get("Cache-Control", "")


def test_a_browser_that_has_the_page_is_told_it_has_not_changed_until_the_data_change(
    client, morocco, focal_point_of_morocco, django_capture_on_commit_callbacks
):
    first, _ = get(client, "/states/MAR/")
    etag = first["ETag"]
    # The page holds the reader's CSRF token: no proxy may share it, the browser asks each time.
    assert "private" in first["Cache-Control"]
    assert "no-cache" in first["Cache-Control"]
    unchanged = client.get("/states/MAR/", HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert unchanged["ETag"] == etag
    assert unchanged.content == b""

    with django_capture_on_commit_callbacks(execute=True):
        state_update(state=morocco, by=focal_point_of_morocco, data={"summary": "Couscous."})
    changed = client.get("/states/MAR/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Couscous." in changed.content.decode()


def test_while_another_reader_builds_a_page_the_others_get_it_as_it_was(
    client, morocco, focal_point_of_morocco, django_capture_on_commit_callbacks, monkeypatch
):
    before, _ = get(client, "/states/MAR/")
    with django_capture_on_commit_callbacks(execute=True):
        state_update(state=morocco, by=focal_point_of_morocco, data={"summary": "Couscous."})
    # Another request holds the building of the new page.
    monkeypatch.setattr(page_cache.cache, "add", lambda *args, **kwargs: False)
    during, queries = get(client, "/states/MAR/")
    assert "Couscous." not in during.content.decode()
    assert during["ETag"] == before["ETag"]  # the browser keeps the page it has, as it was
    assert queries <= 2

    # The builder went away without keeping a page: the reader builds it.
    monkeypatch.undo()
    after, _ = get(client, "/states/MAR/")
    assert "Couscous." in after.content.decode()
