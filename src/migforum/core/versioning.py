"""Records kept in numbered versions (minutes, practices), and what changed between two.

A versioned record has a model of its versions that extends `Version`: a foreign key to the
record, named in `record_field`, and its content, which `as_text()` gives as text per part so
that any two versions compare line by line. Versions are numbered 1, 2, 3… per record, and a
record never has two versions of one number.
"""

import difflib
from dataclasses import dataclass
from typing import Any, ClassVar, Self, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit import record_create


class Version(models.Model):
    """One state of a record, kept as it was when it was saved."""

    number = models.PositiveIntegerField(_("version"))

    #: The name of the foreign key to the record this is a version of.
    record_field: ClassVar[str]
    #: Unchanged lines shown around each change when two versions are compared; None shows
    #: every line of each part that changed.
    diff_context: ClassVar[int | None] = None

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.record} v{self.number}"

    @property
    def record(self) -> Any:
        return getattr(self, self.record_field)

    def as_text(self) -> dict[str, str]:
        """The content as text per part: a field's name, or "" for a text of one part."""
        raise NotImplementedError

    @classmethod
    def latest(cls, record: models.Model) -> Self | None:
        return cls._default_manager.filter(**{cls.record_field: record}).order_by("-number").first()


def numbered_once(record_field: str, *, name: str) -> models.UniqueConstraint:
    """The constraint that a record has one version of each number."""
    return models.UniqueConstraint(fields=[record_field, "number"], name=name)


VersionT = TypeVar("VersionT", bound=Version)


def version_create(
    *, model: type[VersionT], record: models.Model, by: Any, data: dict[str, Any]
) -> VersionT:
    """Keep the record's next version, numbered after its latest, with an audit event."""
    latest = model.latest(record)
    return record_create(
        model=model,
        by=by,
        data={
            model.record_field: record,
            "number": latest.number + 1 if latest else 1,
            **data,
        },
    )


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "context" or "hunk"
    text: str


@dataclass(frozen=True)
class Change:
    """What changed in one part of a version; `part` is "" for a text of one part."""

    part: str
    lines: list[DiffLine]


def _unified_range(start: int, stop: int) -> str:
    """A hunk's range as `diff -u` writes it: 1-based start, and the length unless it is 1."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def text_diff(old: str, new: str, *, context: int | None = None) -> list[DiffLine]:
    """What changed between two texts, line by line: with `context`, only the changed places
    with that many lines around each, under a `diff -u` hunk header; without, every line."""
    before, after = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, before, after)
    if context is None:
        groups = [matcher.get_opcodes()] if old != new else []
    else:
        groups = list(matcher.get_grouped_opcodes(context))
    diff = []
    for group in groups:
        if context is not None:
            first, last = group[0], group[-1]
            removed = _unified_range(first[1], last[2])
            added = _unified_range(first[3], last[4])
            diff.append(DiffLine("hunk", f"@@ -{removed} +{added} @@"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                diff += [DiffLine("context", line) for line in before[i1:i2]]
                continue
            diff += [DiffLine("removed", line) for line in before[i1:i2]]
            diff += [DiffLine("added", line) for line in after[j1:j2]]
    return diff


def version_changes(older: Version | None, newer: Version) -> list[Change]:
    """Per part that changed, the lines removed and added from one version to the other; a
    first version (no older one) is all added."""
    before = older.as_text() if older else {}
    after = newer.as_text()
    changes = []
    for part in dict.fromkeys([*before, *after]):
        lines = text_diff(before.get(part, ""), after.get(part, ""), context=newer.diff_context)
        if lines:
            changes.append(Change(part, lines))
    return changes
