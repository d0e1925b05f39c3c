"""Whole pages kept for anonymous readers until the data change.

During a Summit most readers are not signed in and ask for the same pages. A page built for
one anonymous reader is the same for the next of the same language, but for its CSRF token:
the page is rendered with a placeholder where the token goes (`context_processors.site`), kept
in the cache, and each reader gets it with their own token put in. Signed-in readers, a reader
with a message to show, any answer but 200 and one marked `no-store` (an error shown in a 200,
for htmx) are never kept.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from .cache import TIMEOUT_SECONDS, data_version

#: Where the CSRF token goes in a kept page; a private-use character, which escaping keeps.
CSRF_PLACEHOLDER = "\ue003csrf\ue003"
#: Set on a request whose page is being built to be kept.
BUILDING = "_migforum_page_kept"


def csrf_placeholder(request: HttpRequest) -> dict[str, object]:
    """The placeholder as the page's `csrf_token`, while a page to keep is being built."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, BUILDING, False) else {}


def kept_for_anonymous(
    version: Callable[[], object] = data_version,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Keep the view's pages for anonymous readers until `version` changes."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (
                request.method != "GET"
                or request.user.is_authenticated
                or len(get_messages(request))
            ):
                return view(request, *args, **kwargs)
            name = "|".join(
                (
                    get_language() or "",
                    request.get_full_path(),
                    request.headers.get("HX-Request", ""),
                )
            )
            key = f"page:v{version()}:{hashlib.sha256(name.encode()).hexdigest()[:32]}"
            kept = cache.get(key)
            if kept is None:
                setattr(request, BUILDING, True)
                response = view(request, *args, **kwargs)
                setattr(request, BUILDING, False)
                if (
                    response.status_code != 200
                    or response.streaming
                    or response.cookies
                    or "no-store" in response.get("Cache-Control", "")
                ):
                    return _with_token(request, response)
                kept = (response.content, response["Content-Type"])
                cache.set(key, kept, TIMEOUT_SECONDS)
            content, content_type = kept
            return _with_token(request, HttpResponse(content, content_type=content_type))

        return wrapped

    return decorator


def _with_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    placeholder = CSRF_PLACEHOLDER.encode()
    if not response.streaming and placeholder in response.content:
        response.content = response.content.replace(placeholder, get_token(request).encode())
    return response
