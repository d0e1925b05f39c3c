"""Control characters in stored text: one rule for every record the platform writes.

A one-line field (every `CharField`: titles, names, places, codes) holds one line of printable
text. A line break in a practice's title once went into the subject of every notification about
it, where the mail library refuses it, and so every later review step failed after it had
committed. A long text (`TextField`) keeps its tabs and line breaks and loses the other control
characters, among them NUL, which PostgreSQL cannot store.

The rule strips rather than refuses: such characters come from pasting out of a PDF or a
spreadsheet, never from someone meaning them, and "Title" followed by a line break is the title
its author wants. It is applied where every write passes, `core.audit`'s `record_create`,
`record_update` and `record_save`, so that the site's forms, the API, the imports and the
administration all store the same thing; writes that bypass them (bulk inserts) call
`text_fields_clean` themselves.
"""

import re

from django.db import models

#: Line breaks of every kind, and tabs: each run becomes one space in a one-line field.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
#: The other C0 and C1 control characters, and DEL: dropped everywhere.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
#: In a long text, what `_BREAKS` matches but tab, line feed and carriage return: dropped.
_LONG_TEXT_CONTROLS = re.compile(r"[\x00-\x08\v\f\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(value: str) -> str:
    """`value` as one line: line breaks and tabs become a space, other control characters go."""
    if value.isprintable():  # nearly always; isprintable() is False for all of the above
        return value
    cleaned = _CONTROLS.sub("", value)
    if _BREAKS.search(cleaned):
        cleaned = _BREAKS.sub(" ", cleaned).strip()
    return cleaned


def long_text(value: str) -> str:
    """`value` with its tabs and line breaks, without the other control characters."""
    if value.isprintable():
        return value
    return _LONG_TEXT_CONTROLS.sub("", value)


def text_fields_clean(instance: models.Model) -> None:
    """Apply the rule to every text field of a record about to be written."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField):
            clean = one_line
        elif isinstance(field, models.TextField):
            clean = long_text
        else:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            cleaned = clean(value)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)
