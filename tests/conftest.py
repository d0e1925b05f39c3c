"""Shared fixtures: the reference data, loaded once per test session, and accounts with roles."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from migforum.accounts.services import api_token_create
from migforum.core.cache import forget_in_process
from migforum.core.choices import RoleKind
from migforum.members.models import Organization, State
from migforum.members.reference import load_reference_data

from .factories import RoleFactory


def pytest_collection_modifyitems(items):
    """Browser tests run last: they are the slowest and need a server of their own."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test's rows may come back under the
    same ids in the next test, and so under the same data version."""
    cache.clear()
    forget_in_process()


@pytest.fixture(autouse=True)
def language_reset():
    """A test that switches the language (a page in French, a command run in Russian) hands
    the next test the default one."""
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The platform's reference data, as `migforum init` loads it, for every test."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def committed_reference_data(transactional_db):
    """For tests whose work is read by another thread or process, and so must be committed:
    the reference data again, since each such test ends by emptying the database."""
    load_reference_data()


@pytest.fixture
def morocco(db) -> State:
    return State.objects.get(iso3="MAR")


@pytest.fixture
def france(db) -> State:
    return State.objects.get(iso3="FRA")


@pytest.fixture
def iom(db) -> Organization:
    return Organization.objects.get(slug="iom")


@pytest.fixture
def focal_point_of_morocco(morocco):
    return RoleFactory(kind=RoleKind.FOCAL_POINT, state=morocco, organization=None).user


@pytest.fixture
def analyst_of_iom(iom):
    return RoleFactory(kind=RoleKind.ANALYST, organization=iom).user


@pytest.fixture
def observer(db):
    ngo = Organization.objects.get(slug="funglode")
    return RoleFactory(kind=RoleKind.OBSERVER, organization=ngo).user


def secretariat_member():
    """A new member of the Chair's support unit, with a confirmed authenticator."""
    unit = Organization.objects.get(slug="gfmd-support-unit")
    user = RoleFactory(kind=RoleKind.SECRETARIAT, organization=unit).user
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


@pytest.fixture
def secretariat_user(db):
    return secretariat_member()


def verified_client(user) -> Client:
    """A client signed in as `user` that has passed the second factor."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def bearer(user) -> dict[str, str]:
    """Headers that call the API with a new token of this user, created in a session that
    passed the second factor (which only the secretariat's tokens need)."""
    _token, key = api_token_create(user=user, name="script", second_factor=True)
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def secretariat_client(secretariat_user) -> Client:
    return verified_client(secretariat_user)


@pytest.fixture
def as_user():
    """A client signed in as the given user (with the second factor passed, if any)."""
    return verified_client


def whole_list(response) -> list:
    """The records of an API list answered in one page: `{total, offset, limit, next, results}`
    with every record selected in `results`."""
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"total", "offset", "limit", "next", "results"}
    assert body["offset"] == 0
    assert body["next"] is None
    assert body["total"] == len(body["results"]) <= body["limit"]
    return body["results"]
