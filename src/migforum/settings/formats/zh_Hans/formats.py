from migforum.settings.formats import cldr_number_formats

_numbers = cldr_number_formats("zh_Hans")
DECIMAL_SEPARATOR = _numbers["DECIMAL_SEPARATOR"]
THOUSAND_SEPARATOR = _numbers["THOUSAND_SEPARATOR"]
NUMBER_GROUPING = _numbers["NUMBER_GROUPING"]
