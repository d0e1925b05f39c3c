from django.db import models
from django.utils.translation import gettext_lazy as _


class StateStatus(models.TextChoices):
    MEMBER = "member", _("Member State")
    OBSERVER = "observer", _("Observer State")


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    UN_ENTITY = "un_entity", _("United Nations entity")
    INTERGOVERNMENTAL = "intergovernmental", _("Other intergovernmental organization")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    ACADEMIA = "academia", _("Academia")


class GroupKind(models.TextChoices):
    INTER_AGENCY = "inter_agency", _("Inter-agency group")
    REGIONAL_PROCESS = "regional_process", _("Regional consultative process")
    FORUM_BODY = "forum_body", _("Body of the Forum")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    CHAIR = "chair", _("Chair")


#: M49 region names as the reference data spells them, listed so that they are translated.
REGION_NAMES = [
    _("Africa"),
    _("Americas"),
    _("Asia"),
    _("Europe"),
    _("Oceania"),
    _("Northern Africa"),
    _("Sub-Saharan Africa"),
    _("Eastern Africa"),
    _("Middle Africa"),
    _("Southern Africa"),
    _("Western Africa"),
    _("Latin America and the Caribbean"),
    _("Caribbean"),
    _("Central America"),
    _("South America"),
    _("Northern America"),
    _("Central Asia"),
    _("Eastern Asia"),
    _("South-eastern Asia"),
    _("Southern Asia"),
    _("Western Asia"),
    _("Eastern Europe"),
    _("Northern Europe"),
    _("Southern Europe"),
    _("Western Europe"),
    _("Australia and New Zealand"),
    _("Melanesia"),
    _("Micronesia"),
    _("Polynesia"),
]
