"""Whole pages kept for anonymous readers until the data change.

During a Summit most readers are not signed in and ask for the same pages. A page built for
one anonymous reader is the same for the next of the same language, but for its CSRF token:
the page is rendered with a placeholder where the token goes (`context_processors.site`), kept
in the cache, and each reader gets it with their own token put in. Signed-in readers, a reader
with a message to show, any answer but 200 and one marked `no-store` (an error shown in a 200,
for htmx) are never kept.
"""

import functools
import hashlib
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from migforum import __version__

from .cache import TIMEOUT_SECONDS, data_version

#: Where the CSRF token goes in a kept page; a private-use character, which escaping keeps.
CSRF_PLACEHOLDER = "\ue003csrf\ue003"
#: How long a reverse proxy may keep a public JSON answer: briefly, so that a change shows soon.
PROXY_SECONDS = 30
#: How long other readers wait for a page being built before they build it themselves.
BUILD_SECONDS = 5
WAIT_STEP_SECONDS = 0.02
#: Set on a request whose page is being built to be kept.
BUILDING = "_migforum_page_kept"


@functools.cache
def release() -> str:
    """What this installation serves, besides its data: the package's version and its static
    files (their manifest names each file by its content). A page kept by the previous release,
    in a shared cache that outlived it, names stylesheets and scripts that have changed since."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        files = manifest.read_bytes()
    except OSError:  # static files not collected: tests, and a development server
        files = b""
    return hashlib.sha256(__version__.encode() + files).hexdigest()[:12]


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
                request.method not in ("GET", "HEAD")
                or request.user.is_authenticated
                # An API client with a token may see what the public does not.
                or "Authorization" in request.headers
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
            digest = hashlib.sha256(name.encode()).hexdigest()[:32]
            current = version()
            key = f"page:{release()}:v{current}:{digest}"
            # The page's version as the browser knows it: the same until the data change.
            etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:20]}"'
            if etag in request.headers.get("If-None-Match", ""):
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = etag
                _readers_cache_control(not_modified)
                return not_modified
            kept = cache.get(key)
            if kept is None:
                kept, response = _built_once(request, view, args, kwargs, key, digest, etag)
                if kept is None:
                    assert response is not None  # noqa: S101  what is not kept is answered
                    return _with_token(request, response)
            content, headers, kept_etag = kept
            response = HttpResponse(content, headers=headers)
            response["ETag"] = kept_etag
            _readers_cache_control(response)
            return _with_token(request, response)

        return wrapped

    return decorator


def _built_once(
    request: HttpRequest,
    view: Callable[..., HttpResponse],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    key: str,
    digest: str,
    etag: str,
) -> tuple[tuple[bytes, dict[str, str], str] | None, HttpResponse | None]:
    """The page, built by one request at a time: (what is kept, None), or (None, the response)
    when it is not to be kept. After a change, a burst of readers would otherwise build the same
    page once each, and a page that takes 200 ms of CPU would hold both cores for seconds: while
    one request builds it, the others get the page as it was just before the change, or, the
    very first time, wait for it."""
    building = f"page:building:{digest}"
    latest = f"page:latest:{digest}"
    builder = cache.add(building, True, BUILD_SECONDS)
    if not builder:
        previous = cache.get(latest)
        if previous is not None:
            return previous, None
        deadline = time.monotonic() + BUILD_SECONDS
        while time.monotonic() < deadline and cache.get(building):
            time.sleep(WAIT_STEP_SECONDS)
            kept = cache.get(key)
            if kept is not None:
                return kept, None
        # The builder is gone without keeping a page (an error is not kept): build it here.
    try:
        setattr(request, BUILDING, True)
        response = view(request, *args, **kwargs)
    finally:
        setattr(request, BUILDING, False)
        if builder:
            cache.delete(building)
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or "no-store" in response.get("Cache-Control", "")
    ):
        return None, response
    kept = (response.content, dict(response.items()), etag)
    cache.set_many({key: kept, latest: kept}, TIMEOUT_SECONDS)
    return kept, None


def _readers_cache_control(response: HttpResponse) -> None:
    """A page carries its reader's CSRF token, so it is theirs alone to keep; the browser asks
    again each time and gets "not modified" while the data stay the same. JSON carries no token:
    a reverse proxy may keep it for a short while."""
    if response.get("Content-Type", "").startswith("application/json"):
        patch_cache_control(response, public=True, max_age=PROXY_SECONDS)
    else:
        patch_cache_control(response, private=True, no_cache=True)


def _with_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    placeholder = CSRF_PLACEHOLDER.encode()
    if not response.streaming and placeholder in response.content:
        response.content = response.content.replace(placeholder, get_token(request).encode())
    return response
