"""Evidence: the publishers' datasets, each with its provenance, and their observations in long
form (one value per indicator, place, partner, period and sex), tied to the vintage they came
from. Vintages coexist: a newer release of a series is a new dataset beside the old one."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from migforum.core.models import ImportRequest

from .choices import UNIT_OF, DatasetKind, Indicator, Sex
from .labels import vintage_label


def release_order(
    vintage_date: datetime.date | None,
    named_period_end: datetime.date | None,
    imported_at: datetime.datetime,
) -> tuple[datetime.date, datetime.datetime]:
    """How the releases of a series follow one another: by what the publisher says each is,
    its release date, else the end of the year or period it is named for ("Revision 2019"
    comes after a release dated in 2019 and before one dated in 2020). So two named
    revisions follow each other whatever order they were imported in; import order only
    tells apart releases at the same place (a corrected file of the same revision). A release
    that says nothing (imported before releases had to) counts as the oldest."""
    return (vintage_date or named_period_end or datetime.date.min, imported_at)


#: `release_order` as the database sorts releases, newest first.
NEWEST_RELEASE_FIRST = (
    Coalesce("vintage_date", "named_period_end").desc(nulls_last=True),
    models.F("imported_at").desc(),
)


class Dataset(models.Model):
    """One imported file of one publisher's release: what it is, where it came from, who
    brought it in. Exists only once its import has succeeded."""

    kind = models.CharField(_("format"), max_length=40, choices=DatasetKind.choices)
    publisher = models.CharField(_("publisher"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    #: The publisher's name for the release: "Revision 2020", "June 2023", "2020-12-07".
    vintage = models.CharField(_("vintage"), max_length=100)
    #: When the release was published, where the file says (or the person importing it, where
    #: it does not); orders vintages of one series (`release_order`).
    vintage_date = models.DateField(_("release date"), null=True, blank=True)
    #: For a release the publisher names by a year or a period rather than dating it (UN
    #: DESA's "International Migrant Stock 2019", a quarter of prices): that year's or
    #: period's last day, by which it takes its place among the releases.
    named_period_end = models.DateField(
        _("end of the period it is named for"), null=True, blank=True
    )
    licence = models.CharField(_("licence"), max_length=100)
    source_url = models.URLField(_("source"), blank=True)
    citation = models.TextField(_("how to cite"), blank=True, max_length=2000)
    #: The file as imported, offered for download.
    file = models.FileField(_("file"), upload_to="evidence/%Y/")
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, unique=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"))
    observation_count = models.PositiveIntegerField(_("observations"), default=0)
    #: What the importer noticed: rows skipped, footnotes, sheets ignored.
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["kind", *NEWEST_RELEASE_FIRST]

    def __str__(self) -> str:
        return f"{self.title} ({self.vintage})"

    def get_absolute_url(self) -> str:
        return reverse("evidence:dataset_detail", args=[self.pk])

    # The titles and publishers the importers write are in the translation catalogue; any
    # other (a format read by a later importer) is shown as stored.
    @property
    def shown_title(self) -> str:
        return gettext(self.title) if self.title else ""

    @property
    def shown_publisher(self) -> str:
        return gettext(self.publisher) if self.publisher else ""

    @property
    def shown_vintage(self) -> str:
        return vintage_label(self.vintage, get_language() or "en")

    def release_key(self) -> tuple[datetime.date, datetime.datetime]:
        """Sorts releases oldest first (see `release_order`)."""
        return release_order(self.vintage_date, self.named_period_end, self.imported_at)

    @property
    def weighs_prices(self) -> bool:
        """Whether its flows weigh the weighted average cost of sending money: bilateral
        remittances do, and the price indicators follow when they come or go."""
        return self.kind == DatasetKind.BILATERAL_REMITTANCES


class DataImport(ImportRequest):
    """One request to import a file: the background task's progress and outcome."""

    file = models.FileField(_("file"), upload_to="evidence/imports/%Y/")
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    #: Empty: the importer recognises the format itself.
    kind = models.CharField(
        _("format"), max_length=40, choices=DatasetKind.choices, blank=True, default=""
    )
    #: The release date given by the person importing, for a file that does not say which
    #: release it is; unused where the file says.
    vintage_date = models.DateField(_("release date"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    dataset = models.ForeignKey(
        Dataset,
        verbose_name=_("dataset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )

    class Meta:
        verbose_name = _("data import")
        verbose_name_plural = _("data imports")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("evidence:import_detail", args=[self.pk])


class Area(models.Model):
    """A country, area or aggregate as the publishers name it. Countries and areas take their
    names from CLDR on the pages; aggregates ("Low & middle income") keep the publisher's."""

    #: ISO 3166 alpha-3 for countries and areas; WLD for the world; the publisher's own code
    #: for other aggregates (the World Bank's LMY, SSF…; UN DESA's M49 regions as "M49-947").
    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name as published"), max_length=200)
    is_aggregate = models.BooleanField(_("aggregate"), default=False)
    m49 = models.CharField(_("M49 code"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Observation(models.Model):
    """One value of one indicator, in long form."""

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="observations"
    )
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    #: The place the value is about (an `Area` code): destination for stocks, receiving
    #: country for inflows, sending country for costs and bilateral flows.
    country = models.CharField(_("country or area"), max_length=12)
    #: The other end of a corridor, or empty.
    partner = models.CharField(_("partner"), max_length=12, blank=True, default="")
    #: "2020" for a year, "2020Q3" for a quarter.
    period = models.CharField(_("period"), max_length=8)
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, default=Sex.TOTAL)
    value = models.FloatField(_("value"))

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        indexes = [
            models.Index(fields=["indicator", "country", "partner", "period"]),
            models.Index(fields=["indicator", "partner", "period"]),
            models.Index(fields=["indicator", "period"]),
            models.Index(fields=["dataset", "indicator"]),
        ]

    def __str__(self) -> str:
        where = f"{self.country}←{self.partner}" if self.partner else self.country
        return f"{self.indicator} {where} {self.period} {self.sex}: {self.value}"

    @property
    def unit(self) -> str:
        return UNIT_OF[self.indicator]


class RemittanceQuote(models.Model):
    """One service's price in one corridor and quarter, as Remittance Prices Worldwide surveys
    it: the cost of sending USD 200 ("cc1") and USD 500 ("cc2") in the sender's currency."""

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="quotes"
    )
    period = models.CharField(_("period"), max_length=8)
    year = models.PositiveSmallIntegerField(_("year"))
    source_code = models.CharField(_("sending country"), max_length=3)
    destination_code = models.CharField(_("receiving country"), max_length=3)
    firm = models.CharField(_("service provider"), max_length=200)
    firm_type = models.CharField(_("type of provider"), max_length=100, blank=True)
    product = models.CharField(_("product"), max_length=200, blank=True)
    amount_200_lcu = models.FloatField(_("amount equivalent to USD 200, local currency"))
    fee_200_lcu = models.FloatField(_("fee on USD 200, local currency"))
    #: Exchange-rate margin, per cent; None where the service does not disclose its rate
    #: (the publisher's 0 for `transparent = no` is a placeholder, not a measurement).
    fx_margin_200 = models.FloatField(_("exchange-rate margin on USD 200, %"), null=True)
    total_cost_200 = models.FloatField(_("total cost of sending USD 200, %"), null=True)
    amount_500_lcu = models.FloatField(_("amount equivalent to USD 500, local currency"), null=True)
    fee_500_lcu = models.FloatField(_("fee on USD 500, local currency"), null=True)
    fx_margin_500 = models.FloatField(_("exchange-rate margin on USD 500, %"), null=True)
    total_cost_500 = models.FloatField(_("total cost of sending USD 500, %"), null=True)
    transparent = models.BooleanField(_("discloses its exchange rate"), default=True)
    speed = models.CharField(_("speed"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("remittance price quote")
        verbose_name_plural = _("remittance price quotes")
        indexes = [
            models.Index(fields=["source_code", "destination_code", "period"]),
            models.Index(fields=["dataset", "period"]),
            # The price indicators read a dataset's quotes corridor by corridor, cheapest
            # first, from this index alone, never from the table (see `indicators`).
            models.Index(
                fields=[
                    "dataset",
                    "source_code",
                    "destination_code",
                    "period",
                    "total_cost_200",
                    "transparent",
                    "year",
                    "total_cost_500",
                ],
                name="evidence_quote_prices_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.firm} {self.source_code}→{self.destination_code} {self.period}"
