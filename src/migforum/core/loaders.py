"""The reference data `migforum init` loads, registered by the apps that own it.

Each app registers its loaders in its `AppConfig.ready()`; `init` runs them by their `order`,
lowest first, since later data refers to earlier data (meetings name States, statements are
by States, the seed report's annex lists meetings hosted by States).
"""

from collections.abc import Callable
from dataclasses import dataclass

#: What a loader is given to tell the person running `init` what it is doing.
Say = Callable[[str], None]


@dataclass(frozen=True)
class Loader:
    name: str
    order: int
    #: Loads or refreshes the data, idempotently; reports its steps and figures through `say`.
    load: Callable[[Say], None]


_registry: dict[str, Loader] = {}


def register(name: str, *, order: int, load: Callable[[Say], None]) -> None:
    _registry[name] = Loader(name=name, order=order, load=load)


def registered() -> list[Loader]:
    """The loaders in the order `init` runs them."""
    return sorted(_registry.values(), key=lambda loader: (loader.order, loader.name))
