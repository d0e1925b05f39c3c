"""The practices API: finding practices with the page's filters and facets, who sees what,
drafting by the owner, the review cycle end to end, and errors as `{code, message}`."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from migforum.core.choices import RoleKind
from migforum.members.models import Organization, State
from migforum.practices import finder
from migforum.practices.choices import Criterion, ReviewStatus
from migforum.practices.models import Practice
from migforum.practices.services import PracticeContent, practice_create

from ..conftest import bearer
from ..factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/practices"
ALL_MET = dict.fromkeys(Criterion.values, "met")


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """The database is rolled back after each test; the facets held in memory must follow."""
    finder.reset_facet_index()
    yield
    finder.reset_facet_index()


@pytest.fixture
def ilo(db) -> Organization:
    return Organization.objects.get(slug="ilo")


@pytest.fixture
def analyst_of_ilo(ilo):
    return RoleFactory(kind=RoleKind.ANALYST, organization=ilo).user


@pytest.fixture
def focal_point_of_france(france):
    return RoleFactory(kind=RoleKind.FOCAL_POINT, state=france, organization=None).user


def content(countries=(("MAR", "origin"), ("ESP", "destination")), **fields) -> PracticeContent:
    values = {
        "language": "en",
        "title": "Savings for development accounts for Moroccans abroad",
        "summary": "Migrants in Spain open savings accounts that finance housing at home.",
        "description": "Banks in both countries link accounts so that transfers cost less.",
        "level": "national",
        "implementer_name": "Ministry of Moroccans Living Abroad",
        "implementer_kind": "government",
        "themes": ["remittances", "diaspora"],
        "objectives": [19, 20],
        "sdg_targets": ["10.c"],
        "start_year": 2004,
        "implementation_status": "ongoing",
    }
    values.update(fields)
    return PracticeContent(
        fields=values,
        countries=[(State.objects.get(iso3=iso3), role) for iso3, role in countries],
        partners=[{"name": "Banque Populaire", "kind": "private_sector"}],
    )


def publish_directly(practice: Practice) -> Practice:
    """Published without going through review: enough for tests of finding and reading."""
    now = timezone.now()
    Practice.objects.filter(pk=practice.pk).update(
        review_status=ReviewStatus.PUBLISHED, published_at=now, updated_at=now
    )
    practice.refresh_from_db()
    return practice


@pytest.fixture
def catalogue(focal_point_of_morocco, morocco, france, iom):
    """Four published practices of varied description, and a Moroccan draft."""
    french_focal_point = RoleFactory(kind=RoleKind.FOCAL_POINT, state=france).user
    iom_analyst = RoleFactory(kind=RoleKind.ANALYST, organization=iom).user
    made = [
        practice_create(by=focal_point_of_morocco, owner=morocco, content=content()),
        practice_create(
            by=focal_point_of_morocco,
            owner=morocco,
            content=content(
                title="Return and reintegration of young Moroccans",
                themes=["return", "diaspora"],
                level="local",
                start_year=2015,
                language="fr",
                countries=[("MAR", "origin")],
            ),
        ),
        practice_create(
            by=french_focal_point,
            owner=france,
            content=content(
                title="Recognition of foreign diplomas",
                themes=["labour", "integration"],
                objectives=[18],
                sdg_targets=[],
                level="national",
                start_year=2015,
                implementer_kind="un_entity",
                countries=[("FRA", "destination"), ("MAR", "origin"), ("SEN", "origin")],
            ),
        ),
        practice_create(
            by=iom_analyst,
            owner=iom,
            content=content(
                title="A global remittance price database",
                themes=["remittances", "coherence"],
                level="global",
                is_global=True,
                implementer_kind="un_entity",
                countries=[],
            ),
        ),
    ]
    published = [publish_directly(p) for p in made]
    draft = practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=content(
            title="Unpublished plan against trafficking in persons",
            summary="A confidential draft about smuggling routes.",
            themes=["trafficking"],
            start_year=2030,
            countries=[("MAR", "transit"), ("NER", "origin")],
        ),
    )
    return {"published": published, "draft": draft}


def facet(body, name):
    return next((f for f in body["facets"] if f["name"] == name), None)


def values(body, name) -> dict[str, int]:
    found = facet(body, name)
    return {v["value"]: v["count"] for v in found["values"]} if found else {}


# Finding practices


def test_the_list_has_the_page_facets_and_each_count_is_the_total_it_yields(client, catalogue):
    body = client.get(URL).json()
    assert body["total"] == 4
    assert (body["offset"], body["limit"]) == (0, 20)
    assert {p["id"] for p in body["results"]} == {p.pk for p in catalogue["published"]}
    assert values(body, "theme") == {
        "remittances": 2,
        "diaspora": 2,
        "return": 1,
        "labour": 1,
        "integration": 1,
        "coherence": 1,
    }
    assert values(body, "country")["MAR"] == 3
    assert values(body, "year") == {"2004": 2, "2015": 2}
    assert facet(body, "review") is None  # the public sees no stages of review
    label = next(v for v in facet(body, "theme")["values"] if v["value"] == "remittances")
    assert label == {
        "value": "remittances",
        "label": "Remittances and financial inclusion",
        "count": 2,
        "selected": False,
    }

    checked = 0
    for shown in body["facets"]:
        for value in shown["values"]:
            applied = client.get(URL, {shown["name"]: value["value"]}).json()
            assert applied["total"] == value["count"] == len(applied["results"]), value
            chosen = next(v for v in facet(applied, shown["name"])["values"] if v["selected"])
            assert chosen["value"] == value["value"]
            checked += 1
    assert checked > 20


def test_filters_repeat_and_combine_with_and(client, catalogue):
    both = client.get(f"{URL}?theme=remittances&theme=diaspora").json()
    assert [p["title"] for p in both["results"]] == [catalogue["published"][0].title]
    assert client.get(f"{URL}?theme=diaspora&country=MAR&level=local").json()["total"] == 1
    narrowed = client.get(URL, {"theme": "diaspora"}).json()
    # Within the results, counts still equal what adding the value yields.
    for value, count in values(narrowed, "level").items():
        assert client.get(URL, {"theme": "diaspora", "level": value}).json()["total"] == count
    assert client.get(URL, {"country": "SEN", "theme": "remittances"}).json()["total"] == 0


def test_the_list_summarises_each_practice(client, catalogue):
    body = client.get(URL, {"q": "diplomas"}).json()
    assert body["total"] == 1
    practice = body["results"][0]
    assert practice == {
        "id": catalogue["published"][2].pk,
        "url": f"/practices/{catalogue['published'][2].pk}/",
        "title": "Recognition of foreign diplomas",
        "summary": "Migrants in Spain open savings accounts that finance housing at home.",
        "themes": ["labour", "integration"],
        "countries": practice["countries"],
        "level": "national",
        "implementer": {
            "name": "Ministry of Moroccans Living Abroad",
            "kind": "un_entity",
            "organization": None,
        },
        "review_status": "published",
        "start_year": 2015,
        "end_year": None,
        "language": "en",
    }
    assert sorted(practice["countries"], key=lambda c: c["iso3"]) == [
        {"iso3": "FRA", "role": "destination"},
        {"iso3": "MAR", "role": "origin"},
        {"iso3": "SEN", "role": "origin"},
    ]


def test_paging_and_sorting(client, catalogue):
    titles = [p["title"] for p in client.get(URL, {"sort": "title"}).json()["results"]]
    assert titles == sorted(titles, key=str.casefold)
    page = client.get(URL, {"sort": "title", "limit": 2, "offset": 2}).json()
    assert page["total"] == 4
    assert (page["offset"], page["limit"]) == (2, 2)
    assert [p["title"] for p in page["results"]] == titles[2:]
    assert client.get(URL, {"limit": 100}).status_code == 200


def test_next_links_the_following_page_with_the_same_filters(client, catalogue):
    first = client.get(URL, {"sort": "title", "theme": ["remittances"], "limit": 1}).json()
    assert first["total"] > 1
    assert first["next"] == f"{URL}?sort=title&theme=remittances&limit=1&offset=1"
    following = client.get(first["next"]).json()
    assert following["offset"] == 1
    assert following["total"] == first["total"]
    last = client.get(URL, {"sort": "title", "limit": 2, "offset": 2}).json()
    assert last["next"] is None


# Who sees what


def test_anonymous_readers_never_see_a_draft(client, catalogue):
    draft = catalogue["draft"]
    body = client.get(URL).json()
    assert draft.pk not in {p["id"] for p in body["results"]}
    assert "trafficking" not in values(body, "theme")
    assert "NER" not in values(body, "country")
    assert "2030" not in values(body, "year")
    assert client.get(URL, {"q": "confidential smuggling"}).json()["total"] == 0
    hidden = client.get(URL, {"theme": "trafficking"}).json()
    assert hidden["total"] == 0
    assert values(hidden, "theme") == {"trafficking": 0}  # only what was asked for, at 0

    response = client.get(f"{URL}/{draft.pk}")
    assert response.status_code == 404
    missing = client.get(f"{URL}/999999")
    assert missing.status_code == 404
    # The same answer as for a practice that does not exist, but for the id.
    assert response.json() == {
        "code": "not_found",
        "message": f"No practice has the id {draft.pk}.",
    }
    assert missing.json()["message"] == "No practice has the id 999999."


def test_the_owner_and_the_secretariat_see_the_draft_others_do_not(
    client, catalogue, focal_point_of_morocco, focal_point_of_france, secretariat_user
):
    draft = catalogue["draft"]
    own = client.get(URL, headers=bearer(focal_point_of_morocco)).json()
    assert own["total"] == 5
    assert draft.pk in {p["id"] for p in own["results"]}
    assert values(own, "theme")["trafficking"] == 1
    assert values(own, "review") == {"published": 4, "draft": 1}
    assert (
        client.get(URL, {"review": "draft"}, headers=bearer(focal_point_of_morocco)).json()["total"]
        == 1
    )
    detail = client.get(f"{URL}/{draft.pk}", headers=bearer(focal_point_of_morocco))
    assert detail.status_code == 200
    assert detail.json()["review_status"] == "draft"

    # The secretariat's token stands for a session that passed the second factor.
    everything = client.get(URL, headers=bearer(secretariat_user)).json()
    assert everything["total"] == 5
    assert client.get(f"{URL}/{draft.pk}", headers=bearer(secretariat_user)).status_code == 200

    french = client.get(URL, headers=bearer(focal_point_of_france)).json()
    assert french["total"] == 4
    assert facet(french, "review") is None
    assert client.get(f"{URL}/{draft.pk}", headers=bearer(focal_point_of_france)).status_code == 404


def test_a_token_sent_to_read_must_be_valid(client, catalogue):
    response = client.get(URL, headers={"Authorization": "Bearer mf_not-a-token"})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert (
        client.get(
            f"{URL}/{catalogue['published'][0].pk}", HTTP_AUTHORIZATION="Bearer x"
        ).status_code
        == 401
    )


def test_the_detail_has_everything(client, catalogue):
    practice = catalogue["published"][0]
    body = client.get(f"{URL}/{practice.pk}").json()
    assert body["owner"] == {"type": "state", "code": "MAR", "name": "Morocco"}
    assert body["description"].startswith("Banks in both countries")
    assert body["objectives"] == [19, 20]
    assert body["sdg_targets"] == ["10.c"]
    assert body["partners"] == [
        {"name": "Banque Populaire", "kind": "private_sector", "organization": None}
    ]
    assert body["implementation_status"] == "ongoing"
    assert body["translations"] == body["attachments"] == body["versions"] == []
    assert body["analysis"] == []
    assert body["call"] is None
    iom_practice = client.get(f"{URL}/{catalogue['published'][3].pk}").json()
    assert iom_practice["owner"]["type"] == "organization"
    assert iom_practice["owner"]["code"] == "iom"
    assert iom_practice["is_global"] is True
    assert iom_practice["countries"] == []


# Drafting through the API

NEW_PRACTICE = {
    "language": "en",
    "title": "Pre-departure orientation for seasonal workers",
    "summary": "Workers learn their rights before they leave.",
    "level": "national",
    "implementer_name": "National Agency for Employment",
    "implementer_kind": "government",
    "implementer": "ilo",
    "themes": ["labour"],
    "objectives": [6],
    "sdg_targets": ["8.8"],
    "start_year": 2019,
    "implementation_status": "ongoing",
    "countries": [{"iso3": "mar", "role": "origin"}, {"iso3": "ESP", "role": "destination"}],
    "partners": [{"name": "Anapec", "kind": "government"}],
    "contacts": [{"name": "N. Idrissi", "function": "Head", "email": "n@example.org"}],
    "links": [{"title": "Guide", "url": "https://example.org/guide"}],
    "translations": [
        {
            "language": "fr",
            "title": "Orientation avant le départ des travailleurs saisonniers",
            "summary": "Les travailleurs apprennent leurs droits avant de partir.",
        }
    ],
}


def post(client, path, data, user):
    return client.post(path, data, content_type="application/json", headers=bearer(user))


def patch(client, path, data, user):
    return client.patch(path, data, content_type="application/json", headers=bearer(user))


def test_the_owner_creates_changes_and_submits_a_draft(client, focal_point_of_morocco):
    response = post(client, URL, NEW_PRACTICE, focal_point_of_morocco)
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["owner"]["code"] == "MAR"
    assert created["review_status"] == "draft"
    assert created["implementer"]["organization"] == "ilo"
    assert {(c["iso3"], c["role"]) for c in created["countries"]} == {
        ("MAR", "origin"),
        ("ESP", "destination"),
    }
    assert created["translations"][0]["language"] == "fr"
    assert created["contacts"][0]["email"] == "n@example.org"
    assert created["links"] == [{"title": "Guide", "url": "https://example.org/guide"}]
    detail = f"{URL}/{created['id']}"

    # Only what is sent changes; countries and partners not sent stay.
    response = patch(
        client,
        detail,
        {"title": "Orientation for seasonal workers", "end_year": 2024},
        focal_point_of_morocco,
    )
    assert response.status_code == 200, response.json()
    changed = response.json()
    assert changed["title"] == "Orientation for seasonal workers"
    assert changed["end_year"] == 2024
    assert changed["summary"] == NEW_PRACTICE["summary"]
    assert len(changed["countries"]) == 2
    assert changed["partners"] == [{"name": "Anapec", "kind": "government", "organization": None}]
    assert len(changed["translations"]) == 1
    response = patch(
        client,
        detail,
        {"countries": [{"iso3": "FRA", "role": "destination"}]},
        focal_point_of_morocco,
    )
    assert response.json()["countries"] == [{"iso3": "FRA", "role": "destination"}]

    response = post(client, f"{detail}/submit", {}, focal_point_of_morocco)
    assert response.status_code == 200
    submitted = response.json()
    assert submitted["review_status"] == "submitted"
    assert submitted["submitted_at"]
    assert [v["number"] for v in submitted["versions"]] == [1]
    assert submitted["versions"][0]["url"] == f"/practices/{created['id']}/versions/1/"

    # Submitted, it is no longer open for changes, even to its owner.
    response = patch(client, detail, {"title": "Too late"}, focal_point_of_morocco)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert Practice.objects.get(pk=created["id"]).title == "Orientation for seasonal workers"


def test_an_owner_may_be_named_among_ones_own(
    client, focal_point_of_morocco, france, analyst_of_ilo
):
    response = post(client, URL, {**NEW_PRACTICE, "owner": "mar"}, focal_point_of_morocco)
    assert response.status_code == 201
    response = post(client, URL, {**NEW_PRACTICE, "owner": "FRA"}, focal_point_of_morocco)
    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden",
        "message": "You may submit practices only for your own State or body.",
    }
    response = post(client, URL, {**NEW_PRACTICE, "owner": "atlantis"}, focal_point_of_morocco)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "owner", "message": "No State or organization has the code “atlantis”."}
    ]
    assert response.json()["code"] == "unknown_owner"
    created = post(client, URL, NEW_PRACTICE, analyst_of_ilo).json()
    assert created["owner"] == {
        "type": "organization",
        "code": "ilo",
        "name": "International Labour Organization",
    }
    # an account without a role gets no token, so it cannot submit through the API
    with pytest.raises(ValidationError, match="no role"):
        bearer(UserFactory())
    assert not Practice.objects.filter(owner_state=france).exists()


def test_invalid_practices_are_422_with_their_fields(client, focal_point_of_morocco):
    response = post(client, URL, {**NEW_PRACTICE, "countries": []}, focal_point_of_morocco)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "countries_needed"
    assert body["errors"][0]["field"] == "countries"
    assert "global" in body["message"]

    response = post(client, URL, {**NEW_PRACTICE, "themes": ["weather"]}, focal_point_of_morocco)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "payload.themes.0"

    response = post(
        client, URL, {**NEW_PRACTICE, "start_year": 2020, "end_year": 2010}, focal_point_of_morocco
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "end_year", "message": "The practice cannot end before it starts."}
    ]
    assert response.json()["code"] == "ends_before_start"
    response = post(
        client,
        URL,
        {**NEW_PRACTICE, "countries": [{"iso3": "XYZ", "role": "origin"}]},
        focal_point_of_morocco,
    )
    assert response.status_code == 422
    assert "XYZ" in response.json()["message"]
    assert response.json()["code"] == "unknown_countries"
    response = post(
        client,
        URL,
        {**NEW_PRACTICE, "contacts": [{"name": "A", "email": "not an address"}]},
        focal_point_of_morocco,
    )
    assert response.status_code == 422
    assert "contacts" in response.json()["message"]
    assert not Practice.objects.exists()

    practice = post(client, URL, NEW_PRACTICE, focal_point_of_morocco).json()
    response = patch(client, f"{URL}/{practice['id']}", {"title": None}, focal_point_of_morocco)
    assert response.status_code == 422
    assert "title" in response.json()["message"]


def test_another_state_gets_403_on_what_it_sees_and_404_on_what_it_does_not(
    client, catalogue, focal_point_of_france
):
    published = catalogue["published"][0]
    response = patch(client, f"{URL}/{published.pk}", {"title": "Ours"}, focal_point_of_france)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    draft = catalogue["draft"]
    for response in (
        patch(client, f"{URL}/{draft.pk}", {"title": "Ours"}, focal_point_of_france),
        post(client, f"{URL}/{draft.pk}/submit", {}, focal_point_of_france),
        post(client, f"{URL}/{draft.pk}/withdraw", {}, focal_point_of_france),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    draft.refresh_from_db()
    assert draft.title.startswith("Unpublished")
    assert draft.review_status == ReviewStatus.DRAFT


def test_writing_needs_a_token(client, catalogue):
    response = client.post(URL, NEW_PRACTICE, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    published = catalogue["published"][0]
    response = client.patch(
        f"{URL}/{published.pk}", {"title": "x"}, content_type="application/json"
    )
    assert response.status_code == 401


# The review cycle


def test_the_review_cycle_end_to_end(
    client, focal_point_of_morocco, secretariat_user, analyst_of_ilo, analyst_of_iom
):
    owner, secretariat, reviewer = focal_point_of_morocco, secretariat_user, analyst_of_ilo
    practice = post(client, URL, NEW_PRACTICE, owner).json()
    detail = f"{URL}/{practice['id']}"
    assert post(client, f"{detail}/submit", {}, owner).json()["review_status"] == "submitted"

    # Only the secretariat assigns, and only analysts of a qualified body.
    response = post(client, f"{detail}/assignments", {"reviewer": reviewer.email}, owner)
    assert response.status_code == 403
    response = post(client, f"{detail}/assignments", {"reviewer": owner.email}, secretariat)
    assert response.status_code == 422
    assert response.json()["message"] == "Reviewers are analysts of a qualified body."
    response = post(
        client, f"{detail}/assignments", {"reviewer": "nobody@example.org"}, secretariat
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reviewer"
    assert response.json()["code"] == "unknown_reviewer"
    response = post(
        client, f"{detail}/assignments", {"reviewer": reviewer.email.upper()}, secretariat
    )
    assert response.status_code == 201, response.json()
    assignment = response.json()
    assert assignment["reviewer"] == reviewer.email
    assert assignment["organization"] == "ilo"
    assert assignment["has_conflict"] is None
    assert client.get(detail, headers=bearer(reviewer)).json()["review_status"] == "under_review"
    response = post(client, f"{detail}/assignments", {"reviewer": reviewer.email}, secretariat)
    assert response.status_code == 422  # already a reviewer

    # No assessment before the declaration; only the reviewer declares.
    response = post(
        client,
        f"{detail}/reviews",
        {"ratings": ALL_MET, "analysis": "Sound.", "decision": "approve"},
        reviewer,
    )
    assert response.status_code == 403
    response = post(client, f"{detail}/declaration", {"has_conflict": False}, analyst_of_iom)
    assert response.status_code == 404  # not the reviewer: the practice is not theirs to see
    response = post(client, f"{detail}/declaration", {"has_conflict": False}, secretariat)
    assert response.status_code == 403
    response = post(
        client, f"{detail}/declaration", {"has_conflict": True, "statement": " "}, reviewer
    )
    assert response.status_code == 422
    response = post(client, f"{detail}/declaration", {"has_conflict": False}, reviewer)
    assert response.status_code == 200
    assert response.json()["has_conflict"] is False
    assert response.json()["declared_at"]

    # A reviewer never edits, even while changes are requested.
    response = post(
        client,
        f"{detail}/reviews",
        {"ratings": {"relevance": "met"}, "analysis": "Partial.", "decision": "approve"},
        reviewer,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ratings"
    response = post(
        client,
        f"{detail}/reviews",
        {
            "ratings": {**ALL_MET, "evidence": "partly_met"},
            "analysis": "Say how many workers took part.",
            "decision": "request_changes",
        },
        reviewer,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["review_status"] == "changes_requested"
    assert response.json()["version"] == 1
    response = patch(client, detail, {"title": "Reviewer's title"}, reviewer)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"

    # The owner answers and resubmits: a second version, straight back under review.
    response = patch(client, detail, {"results": "4,000 workers took part in 2023."}, owner)
    assert response.status_code == 200
    resubmitted = post(client, f"{detail}/submit", {}, owner).json()
    assert resubmitted["review_status"] == "under_review"
    assert [v["number"] for v in resubmitted["versions"]] == [1, 2]

    response = post(
        client,
        f"{detail}/reviews",
        {"ratings": ALL_MET, "analysis": "Sound and well evidenced.", "decision": "approve"},
        reviewer,
    )
    assert response.json()["review_status"] == "approved"
    assert response.json()["version"] == 2

    # Publishing is the secretariat's.
    assert post(client, f"{detail}/publish", {}, owner).status_code == 403
    response = post(client, f"{detail}/publish", {}, secretariat)
    assert response.status_code == 200
    published = response.json()
    assert published["review_status"] == "published"
    assert published["published_at"]

    public = client.get(detail).json()
    assert public["analysis"] == [
        {
            "organization": "ilo",
            "organization_name": "International Labour Organization",
            "version": 2,
            "ratings": ALL_MET,
            "analysis": "Sound and well evidenced.",
            "created_at": public["analysis"][0]["created_at"],
        }
    ]
    assert public["results"] == "4,000 workers took part in 2023."
    assert client.get(URL).json()["total"] == 1

    # Withdrawn, it leaves the public's sight again.
    response = post(client, f"{detail}/withdraw", {"reason": "Superseded."}, owner)
    assert response.status_code == 200
    assert response.json()["review_status"] == "withdrawn"
    assert client.get(detail).status_code == 404
    assert client.get(URL).json()["total"] == 0


def test_steps_out_of_order_are_422(client, catalogue, secretariat_user):
    draft = catalogue["draft"]
    response = post(client, f"{URL}/{draft.pk}/publish", {}, secretariat_user)
    assert response.status_code == 422
    assert response.json()["code"] == "transition_not_allowed"
    assert response.json()["message"] == "A practice that is “Draft” cannot become “Published”."
    response = post(
        client, f"{URL}/{draft.pk}/assignments", {"reviewer": "x@example.org"}, secretariat_user
    )
    assert response.status_code == 422
    # The reason for withdrawing is optional, and so is the body.
    response = client.generic(
        "POST", f"{URL}/{draft.pk}/withdraw", headers=bearer(secretariat_user)
    )
    assert response.status_code == 200
    assert response.json()["review_status"] == "withdrawn"


# Errors


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"colour": "blue"}, 400, "unknown_facet"),
        ({"sort": "popularity"}, 400, "unknown_sort"),
        ({"q": "x" * (settings.SEARCH_MAX_QUERY_LENGTH + 1)}, 400, "query_too_long"),
        ({"limit": 101}, 400, "out_of_range"),
        ({"limit": 0}, 400, "out_of_range"),
        ({"offset": -1}, 400, "out_of_range"),
        ({"offset": "99999999999999999999"}, 400, "invalid_integer"),
        ({"limit": "²"}, 400, "invalid_integer"),
    ],
)
def test_bad_lists_are_clear_errors(client, params, status, code):
    response = client.get(URL, params)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["message"]


def test_an_unknown_facet_is_named(client):
    response = client.get(URL, {"colour": "blue"})
    assert response.json()["message"].startswith("Unknown facet: colour.")


def test_openapi_documents_the_practices(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/practices",
        "/api/v1/practices/{practice_id}",
        "/api/v1/practices/{practice_id}/submit",
        "/api/v1/practices/{practice_id}/assignments",
        "/api/v1/practices/{practice_id}/declaration",
        "/api/v1/practices/{practice_id}/reviews",
        "/api/v1/practices/{practice_id}/publish",
        "/api/v1/practices/{practice_id}/withdraw",
    } <= set(spec["paths"])
    parameters = {p["name"] for p in spec["paths"]["/api/v1/practices"]["get"]["parameters"]}
    assert {"q", "sort", "limit", "offset", *finder.FACET_NAMES} <= parameters
    assert spec["paths"]["/api/v1/practices"]["get"]["security"] == [{}, {"ApiTokenAuth": []}]
