"""Work a server process does once, as it starts, so that its first visitors need not wait.

An app registers its warm-ups in its `AppConfig.ready()`; the server's entry point (`wsgi.py`)
runs them. Tests and commands never do: they load what they need when they need it.
"""

from collections.abc import Callable

_warmups: list[Callable[[], object]] = []


def register(warmup: Callable[[], object]) -> None:
    """Have the server call `warmup` as it starts; it should return quickly, starting a thread
    for slow work."""
    if warmup not in _warmups:
        _warmups.append(warmup)


def registered() -> list[Callable[[], object]]:
    return list(_warmups)


def run_all() -> None:
    for warmup in _warmups:
        warmup()
