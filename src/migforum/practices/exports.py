"""Result lists as rows for CSV and JSON exports: what a row holds, read as plain values a
thousand practices at a time, since an export may hold a hundred thousand practices."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import get_language

from .fields import EXPORTED_FIELDS
from .models import Practice, PracticeCountry, PracticeTranslation

#: Columns holding a field as stored, by field (`fields.PRACTICE_FIELDS` names them), then
#: the practice's stage of review.
STORED_COLUMNS = {**dict(EXPORTED_FIELDS), "review_status": "review_status"}
#: The columns of an export, in order: the practice's address and words (in the reader's
#: language where translated), whose it is and where, its fields as stored, and the language
#: it is written in.
EXPORT_COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "owner",
    "countries",
    *STORED_COLUMNS.values(),
    "language",
]
#: What is read of each practice: the fields the other columns are made from, then those.
FIELDS = (
    "pk",
    "title",
    "summary",
    "language",
    "owner_state__name",
    "owner_organization__name",
    *STORED_COLUMNS,
)
CHUNK = 1000


def export_rows(ids: list[int], *, address: str) -> Iterator[dict[str, Any]]:
    """The rows of an export, in the order of `ids`, with titles and summaries in the active
    language where translated. `address` is a practice's absolute address with id 0."""
    language = get_language() or ""
    before, after = address.rsplit("/0/", 1)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        translated = {
            practice_id: (title, summary)
            for practice_id, title, summary in PracticeTranslation.objects.filter(
                practice_id__in=chunk, language=language
            ).values_list("practice_id", "title", "summary")
        }
        places: dict[int, list[str]] = {}
        for practice_id, iso3, role in (
            PracticeCountry.objects.filter(practice_id__in=chunk)
            .order_by("state__name", "role")
            .values_list("practice_id", "state__iso3", "role")
        ):
            places.setdefault(practice_id, []).append(f"{iso3}:{role}")
        found = {row[0]: row for row in Practice.objects.filter(pk__in=chunk).values_list(*FIELDS)}
        for pk in chunk:
            if pk not in found:
                continue
            _pk, title, summary, own_language, state, organization, *stored = found[pk]
            words = translated.get(pk, ("", "")) if language != own_language else ("", "")
            row = {
                "id": pk,
                "url": f"{before}/{pk}/{after}",
                "title": words[0] or title,
                "summary": words[1] or summary,
                "owner": state or organization or "",
                "countries": places.get(pk, []),
                "language": own_language,
                **dict(zip(STORED_COLUMNS.values(), stored, strict=True)),
            }
            yield {column: row[column] for column in EXPORT_COLUMNS}
