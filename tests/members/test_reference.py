"""The reference data: Member States with dated membership, organizations, groups."""

import datetime

import pytest

from migforum.core.models import AuditEvent
from migforum.members.choices import MembershipRole, StateStatus
from migforum.members.models import Group, GroupMembership, Organization, State
from migforum.members.reference import load_reference_data

pytestmark = pytest.mark.django_db


def test_there_are_193_member_states_and_2_observers():
    assert State.objects.filter(status=StateStatus.MEMBER).count() == 193
    observers = State.objects.filter(status=StateStatus.OBSERVER)
    assert sorted(observers.values_list("iso3", flat=True)) == ["PSE", "VAT"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2006-06-27", 191),
        ("2006-06-28", 192),
        ("2011-07-13", 192),
        ("2011-07-14", 193),
    ],
)
def test_membership_is_dated(day, expected):
    assert State.objects.members_on(datetime.date.fromisoformat(day)).count() == expected


def test_montenegro_joined_on_2006_06_28():
    assert State.objects.get(iso3="MNE").admission_date == datetime.date(2006, 6, 28)


def test_codes_regions_and_flags_come_from_the_reference_file():
    afghanistan = State.objects.get(iso3="AFG")
    assert (afghanistan.m49, afghanistan.iso2) == ("004", "AF")
    assert (afghanistan.region, afghanistan.sub_region) == ("Asia", "Southern Asia")
    assert afghanistan.is_ldc
    assert afghanistan.is_lldc
    assert not afghanistan.is_sids
    palestine = State.objects.get(iso3="PSE")
    assert (palestine.region, palestine.sub_region, palestine.m49) == (
        "Asia",
        "Western Asia",
        "275",
    )


def test_names_in_the_six_languages():
    morocco = State.objects.get(iso3="MAR")
    assert morocco.names == {
        "ar": "المغرب",
        "zh-hans": "摩洛哥",
        "en": "Morocco",
        "fr": "Maroc",
        "ru": "Марокко",
        "es": "Marruecos",
    }


def test_observer_states_keep_their_un_names_in_every_language():
    assert State.objects.get(iso3="PSE").names["fr"] == "État de Palestine"
    assert State.objects.get(iso3="VAT").names["en"] == "Holy See"


def test_english_names_are_the_un_short_names():
    assert State.objects.get(iso3="TUR").name == "Türkiye"
    assert State.objects.get(iso3="CIV").name == "Côte d'Ivoire"


def test_the_global_migration_group_has_the_ten_members_named_in_the_report():
    gmg = Group.objects.get(slug="global-migration-group")
    acronyms = sorted(gmg.memberships.values_list("organization__acronym", flat=True))
    assert acronyms == [
        "ILO",
        "IOM",
        "OHCHR",
        "UNCTAD",
        "UNDESA",
        "UNDP",
        "UNFPA",
        "UNHCR",
        "UNODC",
        "World Bank",
    ]


def test_the_geneva_migration_group_started_in_april_2003_with_six_heads():
    geneva = Group.objects.get(slug="geneva-migration-group")
    members = geneva.memberships.filter(role=MembershipRole.MEMBER)
    assert members.count() == 6
    assert set(members.values_list("start_date", flat=True)) == {datetime.date(2003, 4, 1)}
    chair_then = geneva.memberships.current_on(datetime.date(2005, 10, 27)).get(
        role=MembershipRole.CHAIR
    )
    assert chair_then.organization.acronym == "OHCHR"
    assert (
        not geneva.memberships.current_on(datetime.date(2007, 1, 1))
        .filter(role=MembershipRole.CHAIR)
        .exists()
    )


@pytest.mark.parametrize(
    ("slug", "members", "observers"),
    [
        ("rcm", 11, 5),
        ("cp", 12, 0),
        ("add", 18, 0),
        ("midsa", 16, 0),
        ("igad-rcp", 8, 0),
    ],
)
def test_regional_consultative_processes(slug, members, observers):
    group = Group.objects.get(slug=slug)
    assert group.memberships.filter(role=MembershipRole.MEMBER).count() == members
    assert group.memberships.filter(role=MembershipRole.OBSERVER).count() == observers


def test_organizations_are_typed():
    assert Organization.objects.get(slug="world-bank").get_kind_display() == "United Nations entity"
    assert Organization.objects.get(slug="european-commission").kind == "intergovernmental"


def test_loading_again_changes_nothing():
    # given the data loaded once (by the session fixture)
    counts = (
        State.objects.count(),
        Organization.objects.count(),
        Group.objects.count(),
        GroupMembership.objects.count(),
        AuditEvent.objects.count(),
    )
    # when it is loaded again
    report = load_reference_data()
    # then nothing is created, changed or audited
    assert report.created_or_changed == {}
    assert (
        State.objects.count(),
        Organization.objects.count(),
        Group.objects.count(),
        GroupMembership.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_loading_repairs_a_changed_record_and_audits_it():
    State.objects.filter(iso3="MAR").update(m49="999")
    report = load_reference_data()
    assert report.created_or_changed == {"states": 1}
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.actor_label, event.before["m49"], event.after["m49"]) == (
        "migforum init",
        "999",
        "504",
    )
