"""Every GET operation of the API answers what its OpenAPI description says.

The operations are read from /api/v1/openapi.json itself, so that a new one is covered as soon
as it is published: the test fails if it cannot fill an operation's path parameters, and each
list is also read one record at a time, so that `next` is checked as a link too. Lists
pre-encoded for speed are checked like the others: their schema documents them."""

import datetime
from urllib.parse import quote

import jsonschema_rs
import pytest
from django.utils import timezone

from migforum.core.search import rebuild
from migforum.documents.services import document_import_text
from migforum.meetings.reference import load_summits
from migforum.practices import finder
from migforum.practices.choices import ReviewStatus
from migforum.practices.models import Practice
from migforum.practices.services import practice_create

from ..documents.conftest import SEED_TEXT
from ..evidence.opendata_factories import DatasetFactory, ObservationFactory, QuoteFactory
from ..practices.conftest import remittance_content

pytestmark = pytest.mark.django_db
PREFIX = "/api/v1"


@pytest.fixture
def published_records(focal_point_of_morocco, morocco):
    """One record of each kind the API gives, with what it links to."""
    finder.reset_facet_index()
    document = document_import_text(text=SEED_TEXT, by=None, symbol="A/61/515").document
    summit = load_summits()[0]
    practice = practice_create(
        by=focal_point_of_morocco, owner=morocco, content=remittance_content()
    )
    # A second one, so that the practices' list has a next page to follow.
    second = practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=remittance_content(title="Matching grants for diaspora investment"),
    )
    Practice.objects.filter(pk__in=[practice.pk, second.pk]).update(
        review_status=ReviewStatus.PUBLISHED, published_at=timezone.now()
    )
    inflows = DatasetFactory(vintage="June 2023", vintage_date=datetime.date(2023, 6, 13))
    for period in ("2021", "2022"):
        ObservationFactory(dataset=inflows, country="MAR", period=period)
    QuoteFactory()
    rebuild()
    yield {
        "iso3": "MAR",
        "slug": "iom",
        "symbol": document.symbol,
        "meeting_id": summit.pk,
        "practice_id": practice.pk,
        "dataset_id": inflows.pk,
    }
    finder.reset_facet_index()


#: Where an operation needs a query parameter to answer 200.
REQUIRED_QUERY = {"/search": {"q": "migration"}}
#: A group has its own slug; the others take the record's id or code above.
PATH_VALUES = {"/groups/{slug}": {"slug": "global-migration-group"}}


def _operations(spec: dict) -> list[tuple[str, dict]]:
    return [(path, item["get"]) for path, item in spec["paths"].items() if "get" in item]


def _address(path: str, operation: dict, values: dict) -> str:
    local = path.removeprefix(PREFIX)
    given = {**values, **PATH_VALUES.get(local, {})}
    address = local
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "path":
            continue
        name = parameter["name"]
        if name not in given:
            pytest.fail(f"No test value for the path parameter {name!r} of GET {path}.")
        address = address.replace(f"{{{name}}}", quote(str(given[name]), safe=""))
    return PREFIX + address


def _validator(spec: dict, schema: dict) -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator({**schema, "components": spec["components"]})


def _check(client, spec: dict, path: str, operation: dict, address: str, query: dict) -> dict:
    response = client.get(address, query)
    assert response.status_code == 200, (address, query, response.content[:300])
    described = operation["responses"]["200"]["content"]
    media_type = response["Content-Type"].split(";")[0]
    assert media_type in described, (address, media_type)
    if media_type != "application/json":
        return {}
    body = response.json()
    errors = [
        f"{'/'.join(map(str, e.instance_path))}: {e.message}"
        for e in _validator(spec, described[media_type]["schema"]).iter_errors(body)
    ]
    assert not errors, (address, query, errors[:5])
    return body


def test_every_get_operation_answers_its_published_schema(client, published_records):
    spec = client.get(f"{PREFIX}/openapi.json").json()
    operations = _operations(spec)
    assert len(operations) >= 15
    checked_pages = 0
    for path, operation in operations:
        address = _address(path, operation, published_records)
        query = REQUIRED_QUERY.get(path.removeprefix(PREFIX), {})
        body = _check(client, spec, path, operation, address, query)
        if {"total", "next", "results"} <= set(body):
            assert body["results"], f"GET {path} listed nothing: its records were not checked."
            if body["total"] > 1:
                first = _check(client, spec, path, operation, address, {**query, "limit": 1})
                assert first["next"], path
                following = client.get(first["next"])
                assert following.status_code == 200, first["next"]
                assert following.json()["offset"] == 1
                checked_pages += 1
    assert checked_pages >= 5


def test_every_list_answers_the_one_paging_shape(client):
    spec = client.get(f"{PREFIX}/openapi.json").json()
    lists = 0
    for path, operation in _operations(spec):
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        if not {"limit", "offset"} <= names:
            continue
        lists += 1
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        shape = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        assert {"total", "offset", "limit", "next", "results"} <= set(shape["required"]), path
    assert lists == 10
