from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.formats import number_format
from django.utils.translation import get_language, get_language_info, override

from migforum.core import languages
from migforum.core.permissions import can as can_do

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """The current page in each language, each named in its own language."""
    request = context["request"]
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        path = _in_language(request, code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": path,
                "bidi": info["bidi"],
                "current": code == current,
            }
        )
    return links


def _in_language(request: HttpRequest, code: str) -> str:
    """The request's page in another language: Django's `translate_url`, reusing the view the
    request was resolved to instead of resolving the path again for each language."""
    match = request.resolver_match
    if match is None:  # a page answered before a view was found
        return translate_url(request.get_full_path(), code)
    path = _view_path(match.view_name, tuple(match.args), tuple(match.kwargs.items()), code)
    if path is None:
        return translate_url(request.get_full_path(), code)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


@lru_cache(maxsize=4096)
def _view_path(
    view_name: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...], code: str
) -> str | None:
    """A view's address in a language: the same for every request to it, so reversed once
    (bounded: the arguments come from the addresses readers ask for)."""
    with override(code):
        try:
            return reverse(view_name, args=args, kwargs=dict(kwargs))
        except NoReverseMatch:
            return None


@register.filter
def grouped(number: int) -> str:
    """`{{ total|grouped }}`: a count with the reader's digit grouping ("4,321", "4 321")."""
    return number_format(number, use_l10n=True, force_grouping=True)


@register.simple_tag
def in_language(text: str, language: str) -> str:
    """`{% in_language meeting.city "en" %}`: text written in `language`, marked as such on a
    page in another (`core.languages.in_language`)."""
    return languages.in_language(text, language)


@register.simple_tag
def name_of(record: Any) -> str:
    """`{% name_of group %}`: a record's name in the reader's language where it has one,
    else as recorded and marked with its language (`in_language`)."""
    return in_language(record.localized_name, record.localized_name_language)


@register.simple_tag(takes_context=True)
def can(context: template.Context, action: str, obj: object = None) -> bool:
    return can_do(context["request"].user, action, obj)


#: What `{% kept %}` blocks hold: (name, language) → their HTML.
_kept_blocks: dict[tuple[str, str], str] = {}


@receiver(setting_changed)
def _forget_kept_blocks(**kwargs: object) -> None:
    """A setting changed while running (in tests): the addresses and files a block names may
    have changed with it."""
    _kept_blocks.clear()
    _view_path.cache_clear()


class KeptNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        if settings.DEBUG:  # templates may be edited while the server runs
            return self.nodelist.render(context)
        key = (self.name, get_language() or "")
        html = _kept_blocks.get(key)
        if html is None:
            html = _kept_blocks[key] = self.nodelist.render(context)
        return html


@register.tag
def kept(parser: template.base.Parser, token: template.base.Token) -> KeptNode:
    """`{% kept "name" %}…{% endkept %}`: a block rendered once per language and then kept in
    the process, for the parts of every page that depend on nothing else (the site's
    navigation, its footer). Nothing inside may read the request, the user or the data."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% kept %} takes one quoted name.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(bits[1][1:-1], nodelist)
