"""The permission matrix: every role against every action on every kind of record."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from migforum.core.choices import RoleKind
from migforum.core.permissions import Action, can, policy_for, require, visible_filter
from migforum.members.models import Group, Organization, State

from ..factories import RoleFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "observer",
    "analyst_of_iom",
    "focal_point_of_morocco",
    "secretariat_without_second_factor",
    "secretariat",
]
RECORDS = {
    "morocco": lambda: State.objects.get(iso3="MAR"),
    "france": lambda: State.objects.get(iso3="FRA"),
    "iom": lambda: Organization.objects.get(slug="iom"),
    "ilo": lambda: Organization.objects.get(slug="ilo"),
    "gmg": lambda: Group.objects.get(slug="global-migration-group"),
    None: lambda: None,
}
# (role, action, record) -> allowed; anything not listed is refused.
ALLOWED = {
    **{
        (role, action, record): True
        for role in ROLES
        for action in (Action.VIEW, Action.VIEW_HISTORY)
        for record in RECORDS
    },
    ("focal_point_of_morocco", Action.CHANGE, "morocco"): True,
    ("analyst_of_iom", Action.CHANGE, "iom"): True,
    # The qualified bodies publish evidence: any analyst imports a publisher's dataset.
    **{("analyst_of_iom", Action.IMPORT_DATA, record): True for record in RECORDS},
    # Only drafts circulated for comments take comments (see tests/meetings/test_minutes.py).
    **{
        ("secretariat", action, record): True
        for action in Action
        if action != Action.COMMENT
        for record in RECORDS
    },
}


def make_user(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "observer":
        user = RoleFactory(
            kind=RoleKind.OBSERVER, organization=Organization.objects.get(slug="funglode")
        ).user
    elif role == "analyst_of_iom":
        user = RoleFactory(
            kind=RoleKind.ANALYST, organization=Organization.objects.get(slug="iom")
        ).user
    elif role == "focal_point_of_morocco":
        user = RoleFactory(kind=RoleKind.FOCAL_POINT, state=State.objects.get(iso3="MAR")).user
    else:
        unit = Organization.objects.get(slug="gfmd-support-unit")
        user = RoleFactory(kind=RoleKind.SECRETARIAT, organization=unit).user
    verified = role == "secretariat"
    user.is_verified = lambda: verified  # what django-otp's middleware sets on each request
    return user


@pytest.mark.parametrize("record", list(RECORDS))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, action, record):
    user = make_user(role)
    obj = RECORDS[record]()
    expected = ALLOWED.get((role, action, record), False)
    assert can(user, action, obj) is expected
    if expected:
        require(user, action, obj)
    else:
        with pytest.raises(PermissionDenied):
            require(user, action, obj)


def test_a_deactivated_account_loses_its_roles(focal_point_of_morocco, morocco):
    focal_point_of_morocco.is_active = False
    assert not can(focal_point_of_morocco, Action.CHANGE, morocco)


def test_the_apps_register_their_rules_and_the_rest_follow_the_default_rule():
    from migforum.meetings.models import Minutes, Registration
    from migforum.practices.models import Practice
    from migforum.practices.permissions import visible_practices

    registered = {model: policy_for(model) for model in (Practice, Minutes, Registration)}

    assert all(policy is not None for policy in registered.values()), registered
    anonymous = AnonymousUser()
    assert visible_filter(anonymous, Practice) == visible_practices(anonymous)
    # States, organizations and groups follow the default rule, and have no queryset form
    assert policy_for(State) is None
    with pytest.raises(LookupError):
        visible_filter(anonymous, State)


@pytest.mark.django_db
def test_who_imports_data_is_the_evidence_apps_rule(monkeypatch):
    from migforum.core import permissions

    analyst = RoleFactory(kind=RoleKind.ANALYST).user
    assert can(analyst, Action.IMPORT_DATA)
    # Without the rule evidence registers, core's default lets the secretariat alone import.
    monkeypatch.delitem(permissions._action_rules, Action.IMPORT_DATA)
    assert not can(analyst, Action.IMPORT_DATA)
