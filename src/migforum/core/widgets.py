"""Form widgets and filter links for long lists (every country), written in Python.

Django renders each option of a select through a template of its own: a page with two lists of
two hundred countries renders a thousand small templates, and spent more on them than on
everything else. These widgets write the same HTML directly, with the standard library's
escaping (the same characters as Django's, without its handling of lazy text on every call).
"""

import html
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import urlencode

from django import forms
from django.forms.utils import flatatt
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _


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
        start, end = _option_parts(value, str(label), isinstance(label, SafeString))
        tags.append(f"{start} selected{end}" if value in chosen else f"{start}{end}")
    return mark_safe("".join(tags))  # noqa: S308  every value and label escaped


@lru_cache(maxsize=8192)
def _option_parts(value: str, label: str, is_html: bool) -> tuple[str, str]:
    """An option's tag up to where `selected` goes, and the rest: the same on every page that
    lists the countries, so escaped once; bounded, as a reader's choices come back in them."""
    shown = label if is_html else html.escape(label)
    return f'<option value="{html.escape(value)}"', f">{shown}</option>"


class QuickSelectMultiple(QuickSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)  # type: ignore[arg-type]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an empty multiple select is never sent, as a checkbox


class SearchableSelectMultiple(QuickSelectMultiple):
    """A multiple select for a long list (every country) with a search box: typing a few
    letters and pressing Enter, or picking a suggestion, adds a choice; each choice is listed
    with a button that removes it (`static/migforum/js/picker.js`, loaded by the form's media).
    The box is hidden until the script shows it: without the script, the select is used as it
    is, and the values sent are the select's either way."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, search_label: str = "") -> None:
        super().__init__(attrs)
        #: The search box's label, naming the list ("Add a country of origin"): a page may
        #: hold several of these lists.
        self.search_label = search_label

    @property
    def media(self) -> forms.Media:
        return forms.Media(
            css={"all": ["migforum/css/picker.css"]},
            js=[forms.Script("migforum/js/picker.js", defer=True)],
        )

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        select = super().render(name, value, attrs, renderer)
        search_id = escape(f"{self.build_attrs(self.attrs, attrs).get('id') or name}-search")
        texts = {
            "data-remove": _("Remove %(name)s"),
            "data-nothing": _("Nothing matches “%(text)s”."),
            "data-several": _("Several match; type more letters or pick a suggestion."),
            "data-added": _("%(name)s added."),
        }
        return mark_safe(  # noqa: S308  every value and label escaped
            f'<div class="picker" data-picker{flatatt(texts)}>'
            f'<div class="picker-search" hidden><label for="{search_id}">'
            f"{escape(self.search_label)}</label>"
            f'<input type="search" id="{search_id}" autocomplete="off" '
            f'aria-describedby="{search_id}-help {search_id}-status" data-picker-search>'
            f'<p class="help" id="{search_id}-help">'
            f"{escape(_('Type a few letters and press Enter, or pick a suggestion.'))}</p>"
            f'<p class="help" id="{search_id}-status" role="status" data-picker-status></p>'
            f'<ul class="picker-chosen" data-picker-chosen></ul></div>{select}</div>'
        )


class FilterValue(Protocol):
    """One value of a filter, as a list of results offers it."""

    value: str
    label: str
    count: int
    selected: bool


def filter_links(
    name: str,
    values: Sequence[FilterValue],
    list_query: Sequence[tuple[str, str]],
    *,
    folded_after: int = 8,
) -> SafeString:
    """A filter's values as list items, each a link to the list (`list_query`: its query, back
    on the first page) with that value added, or removed when it is selected, and the number of
    results it has. Past `folded_after` + 2 values, the rest are behind "N more"."""
    base = urlencode(list_query)
    adding = html.escape(f"?{base}&" if base else "?")
    remove = html.escape(_("Remove filter:"))
    language = get_language() or ""
    fold = len(values) > folded_after + 2
    items = ["<ul>"]
    for number, filter_value in enumerate(values):
        value, count = filter_value.value, filter_value.count
        if fold and number == folded_after:
            more = len(values) - folded_after
            shown = ngettext("%(counter)s more", "%(counter)s more", more) % {"counter": more}
            items.append(f"</ul><details><summary>{html.escape(shown)}</summary><ul>")
        pair, link_end = _filter_value_parts(name, value, filter_value.label)
        if filter_value.selected:
            url = html.escape(removal_url(list_query, name, value))
            items.append(
                f'<li><a href="{url}" data-facet={link_end[0]} aria-current="true" '
                f'rel="nofollow"><span class="visually-hidden">{remove} </span>{link_end[1]}'
                f"{_count_text(language, count)}</span></a></li>"
            )
        else:
            items.append(
                f'<li><a href="{adding}{pair}" data-facet={link_end[0]} rel="nofollow">'
                f"{link_end[1]}{_count_text(language, count)}</span></a></li>"
            )
    items.append("</ul></details>" if fold else "</ul>")
    return mark_safe("".join(items))  # noqa: S308  every value and label escaped


def removal_url(list_query: Sequence[tuple[str, str]], name: str, value: str) -> str:
    """The list's address without one filter value, back on the first page."""
    return "?" + urlencode([pair for pair in list_query if pair != (name, value)])


@lru_cache(maxsize=8192)
def _filter_value_parts(name: str, value: str, label: str) -> tuple[str, tuple[str, str]]:
    """What a value's link holds in every list: its query pair (escaped for an attribute), its
    attributes after `data-facet=`, and its label up to the count. The same for every search, so
    written once; bounded, as values come from readers' queries too."""
    pair = html.escape(urlencode([(name, value)]))
    attributes = f'"{html.escape(name)}" data-value="{html.escape(value)}"'
    label_html = f'<span class="facet-label">{html.escape(label)}</span> <span class="count">'
    return pair, (attributes, label_html)


@lru_cache(maxsize=8192)
def _count_text(language: str, count: int) -> str:
    """`count` in the reader's language, as `localize` writes it (the language is in the key)."""
    return localize(count)
