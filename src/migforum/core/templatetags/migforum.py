from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

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
        path = translate_url(request.get_full_path(), code)
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


@register.simple_tag(takes_context=True)
def can(context: template.Context, action: str, obj: object = None) -> bool:
    return can_do(context["request"].user, action, obj)
