"""Pages kept for anonymous readers: the same page for the next reader of the language, with
their own CSRF token, until the data change; never for a signed-in reader, never an error."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from migforum.core.page_cache import CSRF_PLACEHOLDER
from migforum.members.services import state_update

from ..conftest import verified_client

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
    assert queries <= 2  # the data's version, and nothing else
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
    assert queries > 2


def test_a_signed_in_reader_gets_a_page_of_their_own(client, focal_point_of_morocco):
    get(client, "/search/", q="morocco")
    signed_in = verified_client(focal_point_of_morocco)
    response, queries = get(signed_in, "/search/", q="morocco")
    assert queries > 2
    assert 'action="/accounts/logout/"' in response.content.decode()


def test_errors_are_not_kept(client):
    refused, _ = get(client, "/search/", q="morocco", year="1800")
    again, queries = get(client, "/search/", q="morocco", year="1800")
    assert refused.status_code == again.status_code == 400
    assert queries > 2
