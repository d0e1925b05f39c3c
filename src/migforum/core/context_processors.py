from django.http import HttpRequest
from django.utils.translation import get_language_bidi

from .page_cache import csrf_placeholder
from .permissions import is_secretariat


def site(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "user_is_secretariat": bool(user and is_secretariat(user)),
        **csrf_placeholder(request),
    }
