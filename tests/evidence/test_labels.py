"""Periods, release names and the names of regions and groups, in the reader's language."""

import pytest

from migforum.evidence.aggregates import aggregate_name
from migforum.evidence.labels import period_label, vintage_label
from migforum.members.names import country_name


@pytest.mark.parametrize(
    ("period", "language", "shown"),
    [
        ("2020Q3", "en", "Q3 2020"),
        ("2020Q3", "fr", "T3 2020"),
        ("2020Q3", "zh-hans", "2020年第3季度"),
        ("2020Q3", "ar", "الربع الثالث 2020"),
        ("2020", "fr", "2020"),
        ("2020", "zh-hans", "2020年"),
        ("an odd label", "fr", "an odd label"),
    ],
)
def test_periods_are_written_as_the_language_writes_them(period, language, shown):
    assert period_label(period, language) == shown


@pytest.mark.parametrize(
    ("vintage", "language", "shown"),
    [
        ("June 2023", "fr", "juin 2023"),
        ("April 2018", "es", "abril de 2018"),
        ("2020-12-07", "en", "Dec 7, 2020"),
        ("2020-12-07", "fr", "7 déc. 2020"),
        ("2019Q1–2020Q3", "fr", "T1 2019–T3 2020"),
        ("Revision 2020", "fr", "Révision 2020"),
        ("Revision 2020", "en", "Revision 2020"),
        # What no pattern knows stays as the publisher wrote it.
        ("2020-13-45", "fr", "2020-13-45"),
        ("Release B", "fr", "Release B"),
    ],
)
def test_releases_are_named_in_the_readers_language(vintage, language, shown):
    assert vintage_label(vintage, language) == shown


def test_aggregates_are_named_by_cldr_or_by_the_catalogue():
    # UN DESA's regions CLDR names.
    assert aggregate_name("Eastern Africa", "fr") == "Afrique orientale"
    assert aggregate_name("Sub-Saharan Africa", "fr") == "Afrique subsaharienne"
    # The World Bank's groups and UN DESA's development groups, from the catalogue.
    assert aggregate_name("Low-and Middle-Income Countries", "fr") == (
        "Pays à revenu faible et intermédiaire"
    )
    assert aggregate_name("Least developed countries", "ar") == "أقل البلدان نموا"
    assert aggregate_name("Kosovo", "zh-hans") == "科索沃"
    assert aggregate_name("A group of our own", "fr") == "A group of our own"


def test_places_outside_iso_are_named_in_every_language():
    assert country_name("XKX", "ru") == "Косово"
    assert country_name("CHI", "fr") == "îles Anglo-Normandes"
