"""The vocabularies a practice is described with: the seed's themes, the Global Compact's
23 objectives, the migration-related SDG targets, and the stages of review."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    REMITTANCES = "remittances", _("Remittances and financial inclusion")
    DIASPORA = "diaspora", _("Diaspora engagement")
    RETURN = "return", _("Return and reintegration")
    LABOUR = "labour", _("Labour migration and skills")
    IRREGULAR = "irregular", _("Irregular migration")
    TRAFFICKING = "trafficking", _("Trafficking and smuggling")
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    INTEGRATION = "integration", _("Integration and social cohesion")
    COHERENCE = "coherence", _("Policy coherence and data")
    COOPERATION = "cooperation", _("Bilateral, regional and global cooperation")


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    GLOBAL = "global", _("Global")


class CountryRole(models.TextChoices):
    ORIGIN = "origin", _("Origin")
    TRANSIT = "transit", _("Transit")
    DESTINATION = "destination", _("Destination")


class ImplementationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(models.TextChoices):
    REQUEST_CHANGES = "request_changes", _("Request changes")
    APPROVE = "approve", _("Approve")


class Criterion(models.TextChoices):
    """What a reviewer assesses a practice against."""

    RELEVANCE = "relevance", _("Relevance")
    EVIDENCE = "evidence", _("Evidence of results")
    SUSTAINABILITY = "sustainability", _("Sustainability")
    REPLICABILITY = "replicability", _("Replicability")
    RIGHTS_BASED = "rights_based", _("Rights-based")
    GENDER_RESPONSIVE = "gender_responsive", _("Gender-responsive")


class Rating(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class CompactObjective(models.IntegerChoices):
    """The 23 objectives of the Global Compact for Safe, Orderly and Regular Migration."""

    DATA = 1, _("Collect and utilize accurate and disaggregated data")
    ADVERSE_DRIVERS = 2, _("Minimize the adverse drivers and structural factors")
    INFORMATION = 3, _("Provide accurate and timely information at all stages of migration")
    IDENTITY = 4, _("Ensure that all migrants have proof of legal identity")
    REGULAR_PATHWAYS = (
        5,
        _("Enhance availability and flexibility of pathways for regular migration"),
    )
    FAIR_RECRUITMENT = 6, _("Facilitate fair and ethical recruitment and decent work")
    VULNERABILITIES = 7, _("Address and reduce vulnerabilities in migration")
    SAVE_LIVES = 8, _("Save lives and establish coordinated efforts on missing migrants")
    SMUGGLING = 9, _("Strengthen the transnational response to smuggling of migrants")
    TRAFFICKING = 10, _("Prevent, combat and eradicate trafficking in persons")
    BORDERS = 11, _("Manage borders in an integrated, secure and coordinated manner")
    PROCEDURES = 12, _("Strengthen certainty and predictability in migration procedures")
    DETENTION = 13, _("Use migration detention only as a measure of last resort")
    CONSULAR = 14, _("Enhance consular protection, assistance and cooperation")
    BASIC_SERVICES = 15, _("Provide access to basic services for migrants")
    INCLUSION = (
        16,
        _("Empower migrants and societies to realize full inclusion and social cohesion"),
    )
    DISCRIMINATION = 17, _("Eliminate all forms of discrimination")
    SKILLS = 18, _("Invest in skills development and mutual recognition of skills")
    DIASPORAS = 19, _("Create conditions for migrants and diasporas to contribute to development")
    REMITTANCES = 20, _("Promote faster, safer and cheaper transfer of remittances")
    RETURN = 21, _("Cooperate in facilitating safe and dignified return and reintegration")
    SOCIAL_PROTECTION = 22, _("Establish mechanisms for the portability of social security")
    COOPERATION = 23, _("Strengthen international cooperation and global partnerships")


class SdgTarget(models.TextChoices):
    """The targets of the 2030 Agenda that speak of migrants and migration."""

    T3C = "3.c", _("3.c Health workforce in developing countries")
    T4B = "4.b", _("4.b Scholarships for students from developing countries")
    T5_2 = "5.2", _("5.2 Eliminate violence against women and girls, including trafficking")
    T8_7 = "8.7", _("8.7 End forced labour, modern slavery and human trafficking")
    T8_8 = "8.8", _("8.8 Protect labour rights, including of migrant workers")
    T10_7 = "10.7", _("10.7 Orderly, safe, regular and responsible migration")
    T10_C = "10.c", _("10.c Reduce remittance costs to less than 3 per cent")
    T16_2 = "16.2", _("16.2 End abuse, exploitation and trafficking of children")
    T16_9 = "16.9", _("16.9 Legal identity for all, including birth registration")
    T17_3 = "17.3", _("17.3 Mobilize additional financial resources for developing countries")
    T17_18 = "17.18", _("17.18 Data disaggregated by migratory status")


#: Where a practice may go next from each stage, and who moves it there (see `services`).
TRANSITIONS: dict[str, set[str]] = {
    ReviewStatus.DRAFT: {ReviewStatus.SUBMITTED, ReviewStatus.WITHDRAWN},
    ReviewStatus.SUBMITTED: {ReviewStatus.UNDER_REVIEW, ReviewStatus.WITHDRAWN},
    ReviewStatus.UNDER_REVIEW: {
        ReviewStatus.CHANGES_REQUESTED,
        ReviewStatus.APPROVED,
        ReviewStatus.WITHDRAWN,
    },
    ReviewStatus.CHANGES_REQUESTED: {ReviewStatus.UNDER_REVIEW, ReviewStatus.WITHDRAWN},
    ReviewStatus.APPROVED: {ReviewStatus.PUBLISHED, ReviewStatus.WITHDRAWN},
    ReviewStatus.PUBLISHED: {ReviewStatus.WITHDRAWN},
    ReviewStatus.WITHDRAWN: {ReviewStatus.DRAFT},
}
