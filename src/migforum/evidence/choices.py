"""What the evidence is made of: the publishers' formats, the indicators and their units."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatasetKind(models.TextChoices):
    """The publishers' file formats the platform reads, one importer each."""

    MIGRANT_STOCK_DESTINATION = (
        "undesa_stock_destination",
        _("UN DESA International Migrant Stock, by destination (workbook)"),
    )
    MIGRANT_STOCK_BILATERAL = (
        "undesa_stock_bilateral",
        _("UN DESA International Migrant Stock, origin × destination (CSV)"),
    )
    REMITTANCE_INFLOWS = "knomad_inflows", _("World Bank–KNOMAD remittance inflows (workbook)")
    REMITTANCE_OUTFLOWS = "knomad_outflows", _("World Bank–KNOMAD remittance outflows (workbook)")
    BILATERAL_REMITTANCES = (
        "wb_bilateral_remittances",
        _("World Bank–KNOMAD bilateral remittance estimates (workbook)"),
    )
    BILATERAL_MIGRANT_STOCKS = (
        "wb_bilateral_stocks",
        _("World Bank bilateral migrant stock estimates (workbook)"),
    )
    PRICE_CORRIDORS = (
        "rpw_corridors",
        _("Remittance Prices Worldwide corridor averages (DataBank export)"),
    )
    PRICE_COST_TO = "wdi_cost_to", _("WDI average cost of sending remittances to a country")
    PRICE_COST_FROM = "wdi_cost_from", _("WDI average cost of sending remittances from a country")
    PRICE_QUOTES = "rpw_quotes", _("Remittance Prices Worldwide service quotes")


class Sex(models.TextChoices):
    TOTAL = "total", _("Both sexes")
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Unit(models.TextChoices):
    PERSONS = "persons", _("persons")
    USD_MILLION = "usd_million", _("US$ million")
    PERCENT = "percent", _("%")
    PERCENT_PER_YEAR = "percent_per_year", _("% per year")


class Indicator(models.TextChoices):
    """Every series the platform stores. `country` is the place the series is about; `partner`
    the other end of a corridor: origin for stocks, receiving country for costs and flows."""

    # Migrant stock (UN DESA; the World Bank's bilateral estimates as their own series).
    MIGRANT_STOCK = "migrant_stock", _("International migrant stock")
    POPULATION = "population", _("Total population")
    MIGRANT_SHARE_OF_POPULATION = (
        "migrant_share_of_population",
        _("International migrants as a share of the population"),
    )
    FEMALE_SHARE_OF_MIGRANTS = "female_share_of_migrants", _("Women among international migrants")
    MIGRANT_SHARE_OF_WORLD = (
        "migrant_share_of_world",
        _("Share of the world's international migrants"),
    )
    MIGRANT_STOCK_GROWTH = (
        "migrant_stock_growth",
        _("Annual rate of change of the migrant stock"),
    )
    BILATERAL_MIGRANT_STOCK = (
        "bilateral_migrant_stock",
        _("Bilateral migrant stock (World Bank estimate)"),
    )
    # Remittance flows (World Bank–KNOMAD).
    REMITTANCE_INFLOWS = "remittance_inflows", _("Remittance inflows")
    REMITTANCE_OUTFLOWS = "remittance_outflows", _("Remittance outflows")
    BILATERAL_REMITTANCES = "bilateral_remittances", _("Bilateral remittances")
    # Remittance prices (Remittance Prices Worldwide; WDI).
    REMITTANCE_COST = "remittance_cost", _("Average total cost of sending USD 200")
    REMITTANCE_COST_500 = "remittance_cost_500", _("Average total cost of sending USD 500")
    REMITTANCE_COST_GLOBAL = "remittance_cost_global", _("Global average cost of sending USD 200")
    REMITTANCE_COST_WEIGHTED = (
        "remittance_cost_weighted",
        _("Global average cost of sending USD 200, weighted by remittance flows"),
    )
    REMITTANCE_COST_BY_SENDING_REGION = (
        "remittance_cost_by_sending_region",
        _("Average cost of sending USD 200 from a region"),
    )
    REMITTANCE_COST_BY_RECEIVING_REGION = (
        "remittance_cost_by_receiving_region",
        _("Average cost of sending USD 200 to a region"),
    )
    SMART_COST = "smart_cost", _("SmaRT: average of the three cheapest services (USD 200)")
    CORRIDORS_ABOVE_5 = "corridors_above_5", _("Share of corridors costing more than 5%")
    CORRIDORS_BELOW_3 = "corridors_below_3", _("Share of corridors costing less than 3%")
    COST_TO_COUNTRY = (
        "remittance_cost_to_country",
        _("Average cost of sending remittances to a country (SDG 10.c.1)"),
    )
    COST_FROM_COUNTRY = (
        "remittance_cost_from_country",
        _("Average cost of sending remittances from a country"),
    )


UNIT_OF: dict[str, str] = {
    Indicator.MIGRANT_STOCK: Unit.PERSONS,
    Indicator.POPULATION: Unit.PERSONS,
    Indicator.MIGRANT_SHARE_OF_POPULATION: Unit.PERCENT,
    Indicator.FEMALE_SHARE_OF_MIGRANTS: Unit.PERCENT,
    Indicator.MIGRANT_SHARE_OF_WORLD: Unit.PERCENT,
    Indicator.MIGRANT_STOCK_GROWTH: Unit.PERCENT_PER_YEAR,
    Indicator.BILATERAL_MIGRANT_STOCK: Unit.PERSONS,
    Indicator.REMITTANCE_INFLOWS: Unit.USD_MILLION,
    Indicator.REMITTANCE_OUTFLOWS: Unit.USD_MILLION,
    Indicator.BILATERAL_REMITTANCES: Unit.USD_MILLION,
}
#: Every price indicator is a percentage of the amount sent.
UNIT_OF.update({i: Unit.PERCENT for i in Indicator if i not in UNIT_OF})

#: The area code the publishers use for the whole world.
WORLD = "WLD"
#: The SDG 10.c target for the cost of sending remittances, per cent.
SDG_COST_TARGET = 3.0
