"""The open data API: reading without an account, writing with a token, errors as JSON."""

import pytest

from migforum.accounts.services import api_token_create, api_token_revoke

from ..conftest import whole_list

pytestmark = pytest.mark.django_db


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_states_lists_193_members_and_2_observers(client):
    states = whole_list(client.get("/api/v1/states"))
    assert len(states) == 195
    assert sum(s["is_member"] for s in states) == 193
    morocco = next(s for s in states if s["iso3"] == "MAR")
    assert morocco["m49"] == "504"
    assert morocco["names"]["fr"] == "Maroc"
    assert set(morocco["names"]) == {"ar", "zh-hans", "en", "fr", "ru", "es"}
    assert morocco["region"] == "Africa"
    assert morocco["admission_date"] == "1956-11-12"


@pytest.mark.parametrize(
    ("day", "count"), [("2006-06-27", 191), ("2006-06-28", 192), ("2011-07-14", 193)]
)
def test_member_on_filters_by_date(client, day, count):
    assert len(whole_list(client.get("/api/v1/states", {"member_on": day}))) == count


@pytest.mark.parametrize("day", ["27/06/2006", "0", "1151366400", "2006-6-27", "2006-06-31"])
def test_member_on_that_is_not_a_date_is_a_clear_400(client, day):
    response = client.get("/api/v1/states", {"member_on": day})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_date"
    assert body["parameter"] == "member_on"
    assert "member_on" in body["message"]


def test_state_by_code_and_unknown_code(client):
    assert client.get("/api/v1/states/mar").json()["iso3"] == "MAR"
    response = client.get("/api/v1/states/XYZ")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "No State has the ISO 3166 alpha-3 code 'XYZ'.",
    }


def test_organizations_and_groups(client):
    organizations = whole_list(client.get("/api/v1/organizations"))
    assert {"ilo", "iom", "world-bank"} <= {o["slug"] for o in organizations}
    assert all(
        o["kind"] == "un_entity"
        for o in whole_list(client.get("/api/v1/organizations", {"type": "un_entity"}))
    )
    groups = {g["slug"]: g for g in whole_list(client.get("/api/v1/groups"))}
    assert len(groups["global-migration-group"]["memberships"]) == 10
    assert client.get("/api/v1/groups/cp").json()["acronym"] == "CP"
    assert client.get("/api/v1/groups/none").status_code == 404


def test_list_reflects_a_change_at_once(client, focal_point_of_morocco):
    client.get("/api/v1/states")  # cached
    _token, key = api_token_create(user=focal_point_of_morocco, name="t")
    client.patch(
        "/api/v1/states/MAR",
        {"summary": "Updated."},
        content_type="application/json",
        headers=bearer(key),
    )
    morocco = next(s for s in whole_list(client.get("/api/v1/states")) if s["iso3"] == "MAR")
    assert morocco["summary"] == "Updated."


def test_writing_needs_a_token(client):
    response = client.patch("/api/v1/states/MAR", {"summary": "x"}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


@pytest.mark.parametrize(
    "header",
    [
        "Bearer not-a-token",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer " + "x" * 5000,
        "Token abc",
        "Bearer \u00e9\u00e9\u00e9",
    ],
)
def test_malformed_tokens_are_401_not_500(client, header):
    response = client.patch(
        "/api/v1/states/MAR",
        {"summary": "x"},
        content_type="application/json",
        HTTP_AUTHORIZATION=header,
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_focal_point_changes_own_state_through_the_api(client, focal_point_of_morocco):
    _token, key = api_token_create(user=focal_point_of_morocco, name="script")
    response = client.patch(
        "/api/v1/states/MAR",
        {"website": "https://www.maroc.ma"},
        content_type="application/json",
        headers=bearer(key),
    )
    assert response.status_code == 200
    assert response.json()["website"] == "https://www.maroc.ma"


def test_focal_point_of_morocco_gets_403_on_france(client, focal_point_of_morocco, france):
    _token, key = api_token_create(user=focal_point_of_morocco, name="script")
    response = client.patch(
        "/api/v1/states/FRA",
        {"website": "https://example.org"},
        content_type="application/json",
        headers=bearer(key),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    france.refresh_from_db()
    assert france.website == ""


def test_a_revoked_token_no_longer_works(client, focal_point_of_morocco):
    token, key = api_token_create(user=focal_point_of_morocco, name="script")
    api_token_revoke(token=token, by=focal_point_of_morocco)
    response = client.patch(
        "/api/v1/states/MAR", {"summary": "x"}, content_type="application/json", headers=bearer(key)
    )
    assert response.status_code == 401


def test_invalid_body_is_422_with_the_field(client, focal_point_of_morocco):
    _token, key = api_token_create(user=focal_point_of_morocco, name="script")
    response = client.patch(
        "/api/v1/states/MAR",
        {"website": "nope"},
        content_type="application/json",
        headers=bearer(key),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].endswith("website")
    response = client.patch(
        "/api/v1/states/MAR", "{not json", content_type="application/json", headers=bearer(key)
    )
    assert response.status_code in (400, 422)
    assert "code" in response.json()


def test_openapi_documents_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/states",
        "/api/v1/states/{iso3}",
        "/api/v1/organizations",
        "/api/v1/groups",
        "/api/v1/search",
    } <= set(spec["paths"])
    assert client.get("/api/v1/docs").status_code == 200
