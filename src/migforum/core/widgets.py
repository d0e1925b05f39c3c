"""Form widgets for long lists (every country), written in Python.

Django renders each option of a select through a template of its own: a page with two lists of
two hundred countries renders a thousand small templates, and spent more on them than on
everything else. These widgets write the same HTML directly.
"""

import html
from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    """A select whose options are written without a template each."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        chosen = {str(v) for v in self.format_value(value)}
        parts = [f'<select name="{escape(name)}"{flatatt(final)}>']
        for group, options in self._grouped(chosen):
            if group is not None:
                parts.append(f'<optgroup label="{escape(group)}">')
            parts.append(options)
            if group is not None:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308  every value and label escaped

    def _grouped(self, chosen: set[str]) -> list[tuple[str | None, str]]:
        grouped: list[tuple[str | None, str]] = []
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                grouped.append((str(option_value), option_tags(option_label, chosen)))
            else:
                grouped.append((None, option_tags([(option_value, option_label)], chosen)))
        return grouped


def option_tags(choices: Iterable[tuple[Any, Any]], chosen: set[str]) -> SafeString:
    """The <option>s of (value, label) pairs, those in `chosen` selected. Plain escaping: a
    label already HTML is kept as it is, as a template would."""
    tags = []
    for value, label in choices:
        value = "" if value is None else str(value)
        shown = label if isinstance(label, SafeString) else html.escape(str(label))
        selected = " selected" if value in chosen else ""
        tags.append(f'<option value="{html.escape(value)}"{selected}>{shown}</option>')
    return mark_safe("".join(tags))  # noqa: S308  every value and label escaped


class QuickSelectMultiple(QuickSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)  # type: ignore[arg-type]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an empty multiple select is never sent, as a checkbox
