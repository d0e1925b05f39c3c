"""Number formats where Django's own differ from the Unicode CLDR that the rest of the platform
follows (country names, dates in the API): Django groups no digits in Arabic and groups Chinese
by four with no separator, so "280598105" was printed where CLDR writes "280,598,105".
Django reads `FORMAT_MODULE_PATH` before its own locale formats and takes the rest from them."""

from babel.numbers import get_decimal_symbol, get_group_symbol


def cldr_number_formats(locale: str) -> dict[str, object]:
    return {
        "DECIMAL_SEPARATOR": get_decimal_symbol(locale),
        "THOUSAND_SEPARATOR": get_group_symbol(locale),
        "NUMBER_GROUPING": 3,
    }
