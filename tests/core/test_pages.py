"""Pages every app shares, and what every page must hold to."""

import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/ar/",
    "/zh-hans/",
    "/states/",
    "/fr/states/MAR/",
    "/organizations/",
    "/groups/",
    "/groups/global-migration-group/",
    "/search/?q=migration",
    "/accounts/login/",
    "/history/state/FRA/",
    "/api/v1/docs",
]
ASSET = re.compile(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', re.IGNORECASE)


@pytest.mark.parametrize("path", PAGES)
def test_every_asset_is_served_by_the_platform_itself(client, path):
    response = client.get(path)
    assert response.status_code == 200
    for url in ASSET.findall(response.content.decode()):
        assert not re.match(r"(https?:)?//", url), f"{path} loads {url} from elsewhere"


@pytest.mark.parametrize("path", PAGES[:-1])
def test_every_form_control_has_a_label(client, path):
    html = client.get(path).content.decode()
    labelled = set(re.findall(r'<label[^>]+for="([^"]+)"', html))
    for control in re.finditer(r"<(input|select|textarea)\b([^>]*)>", html):
        attributes = control.group(2)
        if re.search(r'type="(hidden|submit)"', attributes):
            continue
        control_id = re.search(r'id="([^"]+)"', attributes)
        assert control_id, f"{path}: {control.group(0)}"
        assert control_id.group(1) in labelled, f"{path}: {control.group(0)}"


def test_home_page_counts_the_participants(client):
    html = client.get("/").content.decode()
    assert "<strong>193</strong>" in html
    assert "<strong>2</strong>" in html


def test_liveness_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.content == b"ok"


def test_unknown_page_is_a_404_page_not_an_error(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode()
