"""Background jobs that a dead worker left unfinished.

A task's own row (a data import, a practice import, a PDF being read) shows its progress on a
page. When the worker running it dies (`kill -9`, a crash, a machine lost), the task never
finishes, so a live worker marks it interrupted. Each app registers, in its
`AppConfig.ready()`, what "interrupted" means for its tasks: a status and a reason on the page,
and the clean-up of any stray copy of an upload. The ground floor knows no app's models.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class InterruptedTask:
    """A task that was running when its worker died, as the queue recorded it."""

    task_id: str
    #: The task function's dotted path, as the queue stores it.
    task_path: str
    args: Sequence[Any]
    kwargs: Mapping[str, Any]


#: Called with the reason shown to people ("interrupted: the worker stopped").
InterruptHandler = Callable[[InterruptedTask, str], None]

_handlers: dict[str, InterruptHandler] = {}


def on_interrupted(task_path: str, handler: InterruptHandler) -> None:
    """Register what to do when a task of this path is found interrupted."""
    _handlers[task_path] = handler


def handler_for(task_path: str) -> InterruptHandler | None:
    return _handlers.get(task_path)
