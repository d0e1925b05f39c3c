from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    SUMMIT = "summit", _("Summit")
    ROUND_TABLE = "round_table", _("Round table")
    PREPARATORY = "preparatory", _("Preparatory meeting")
    REGIONAL = "regional", _("Regional meeting")
    WORKSHOP = "workshop", _("Thematic workshop")
    GMG_PRINCIPALS = "gmg_principals", _("GMG principals")
    STEERING_GROUP = "steering_group", _("Steering Group")
    FRIENDS = "friends", _("Friends of the Forum")
    TROIKA = "troika", _("Troika")
    CIVIL_SOCIETY_DAYS = "civil_society_days", _("Civil society days")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class HostRole(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    CHAIR = "chair", _("Chair")


class DocumentRole(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    BACKGROUND = "background", _("Background paper")
    OUTCOME = "outcome", _("Outcome")
    TRANSMITTING_LETTER = "transmitting_letter", _("Transmitting letter")
    REPORT = "report", _("Report")
