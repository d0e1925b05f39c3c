"""Member States, organizations of every kind, and groups with dated memberships."""

import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from migforum.core.languages import in_reader_language
from migforum.core.models import StateOrOrganization, state_or_organization_check

from .choices import GroupKind, MembershipRole, OrganizationKind, StateStatus
from .names import country_name, country_names


class StateQuerySet(models.QuerySet["State"]):
    def members_on(self, day: datetime.date) -> "StateQuerySet":
        """The Member States of the United Nations on a given day."""
        return self.filter(status=StateStatus.MEMBER, admission_date__lte=day)


def state_and_organization_keys(
    *, on_delete: Any
) -> tuple["models.ForeignKey[Any]", "models.ForeignKey[Any]"]:
    """The pair of optional keys of a record that names a State or an organization (a role, a
    meeting's organizer or chair): `state, organization = state_and_organization_keys(…)`."""
    return (
        models.ForeignKey(
            "members.State",
            verbose_name=_("State"),
            null=True,
            blank=True,
            on_delete=on_delete,
            related_name="+",
        ),
        models.ForeignKey(
            "members.Organization",
            verbose_name=_("organization"),
            null=True,
            blank=True,
            on_delete=on_delete,
            related_name="+",
        ),
    )


class State(models.Model):
    """A Member State or observer State of the United Nations."""

    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2 code"), max_length=2, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    #: The UN's English short name; names in the other languages come from CLDR.
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=StateStatus.choices)
    #: Admission to the United Nations; empty for observer States.
    admission_date = models.DateField(_("admission date"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=100)
    sub_region = models.CharField(_("sub-region"), max_length=100)
    intermediate_region = models.CharField(_("intermediate region"), max_length=100, blank=True)
    is_ldc = models.BooleanField(_("least developed country"), default=False)
    is_lldc = models.BooleanField(_("landlocked developing country"), default=False)
    is_sids = models.BooleanField(_("small island developing State"), default=False)
    #: Kept by the State's delegation.
    website = models.URLField(_("official website"), blank=True)
    summary = models.TextField(_("summary by the delegation"), blank=True, max_length=5000)

    #: Everything about a State is public, in its history too.
    history_internal_fields = ()

    objects = StateQuerySet.as_manager()

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:state_detail", args=[self.iso3])

    @property
    def scope_state_id(self) -> int:
        """The State whose delegation may edit this record: the State itself."""
        return self.pk

    @property
    def is_member(self) -> bool:
        return self.status == StateStatus.MEMBER

    @property
    def localized_name(self) -> str:
        return country_name(self.iso3, get_language() or "en", self.name)

    @property
    def localized_name_language(self) -> str:
        """Every State is named in every language (CLDR, UNTERM)."""
        return get_language() or "en"

    @property
    def names(self) -> dict[str, str]:
        return country_names(self.iso3, self.name)


class NamedInLanguages:
    """A record with its English `name` and its official `names` in the other languages."""

    name: str
    names: dict[str, str]

    @property
    def localized_name(self) -> str:
        return in_reader_language(self.name, self.names)[0]

    @property
    def localized_name_language(self) -> str:
        """The language of `localized_name`: English where no name in the reader's is known."""
        return in_reader_language(self.name, self.names)[1]

    def all_names(self) -> dict[str, str]:
        return {"en": self.name, **{k: v for k, v in self.names.items() if v}}


class Organization(NamedInLanguages, models.Model):
    """A government, UN entity, intergovernmental body, or a non-State organization."""

    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    name = models.CharField(_("name"), max_length=300)
    #: Official names by language code; English is `name`.
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)
    #: Other names it goes by in documents (earlier names, variant spellings), for matching.
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganizationKind.choices)
    #: For a government: the State it governs.
    state = models.ForeignKey(
        State,
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)

    #: The other names serve matching documents to organizations; the public history leaves
    #: them out.
    history_internal_fields = ("aliases",)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:organization_detail", args=[self.slug])

    @property
    def scope_organization_id(self) -> int:
        """The organization whose members may edit this record: the organization itself."""
        return self.pk


class Group(NamedInLanguages, models.Model):
    """A group with dated memberships: an inter-agency group, a regional process, a body."""

    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    name = models.CharField(_("name"), max_length=300)
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=GroupKind.choices)
    #: Years, not dates: the sources rarely give more.
    established_year = models.PositiveSmallIntegerField(_("established"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    source = models.CharField(_("source"), max_length=500, blank=True)

    #: Everything about a group is public, in its history too.
    history_internal_fields = ()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:group_detail", args=[self.slug])


class GroupMembershipQuerySet(models.QuerySet["GroupMembership"]):
    def current_on(self, day: datetime.date) -> "GroupMembershipQuerySet":
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
        )


class GroupMembership(StateOrOrganization):
    """A State's or an organization's place in a group, for a period, in a role."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    state = models.ForeignKey(
        State,
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    #: Where the membership is documented, and how current that source is.
    source = models.CharField(_("source"), max_length=500, blank=True)
    as_of = models.CharField(_("as of"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "role", "start_date"]
        constraints = [
            state_or_organization_check(name="membership_has_exactly_one_participant"),
            models.CheckConstraint(
                name="membership_period_ordered",
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.group} ({self.get_role_display()})"

    @property
    def participant(self) -> State | Organization | None:
        return self.state_or_organization  # type: ignore[no-any-return]
