"""Search through the API: one query over everything the platform publishes."""

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema

from migforum.core.api.paging import filters_of, paging
from migforum.core.api.params import Offset, limit_of
from migforum.core.languages import language_codes

from .errors import SearchErrorCode, SearchQueryError
from .schemas import SearchOut
from .service import YEARS
from .service import search as run_search

router = Router(tags=["Search"])


class SearchParams(Schema):
    q: str
    kind: str | None = Field(
        None, description="Keep to one record type, as the `facets` name it (`members.state`)."
    )
    lang: str | None = Field(
        None,
        description="Keep to records with a text in this language (`en`, `fr`, `zh-hans`…), "
        "titled in it; without it, every record, titled in English.",
    )
    year: str | None = Field(
        None, description=f"Keep to records of this year ({YEARS[0]}–{YEARS[1]})."
    )
    state: str | None = Field(
        None, description="Keep to records about this State, by its ISO3 code (`MAR`)."
    )
    limit: limit_of(100) = 20  # type: ignore[valid-type]
    offset: Offset = 0


def _year(value: str | None) -> int | None:
    """The year filter; anything but a year of the index's range is refused with the other
    filters' code (the search checks the range)."""
    if value is None or value == "":
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 4):
        raise SearchQueryError(
            SearchErrorCode.INVALID_FILTER,
            translation.gettext("The year must be between %(first)d and %(last)d.")
            % {"first": YEARS[0], "last": YEARS[1]},
        )
    return int(value)


@router.get("/search", response=SearchOut)
def search(request: HttpRequest, params: Query[SearchParams]) -> SearchOut:
    """Full-text search over everything, in every language.

    `shortcuts` lists the records the whole query names (a UN symbol, a State's name or
    code), on the first page; `suggestion` is the query with its unknown words replaced by
    the nearest known ones, when there are such. Only the first 12 distinct words (by default)
    are searched, `words_left_out` names the others; a word matches the words of its stem
    (English, French, Spanish, Russian, Arabic), and stop words are not searched. A filter
    the search cannot use answers 400 with the code `invalid_filter`, an unknown `kind`
    `unknown_kind`; a search that runs out of time answers 503 with the code
    `search_timeout`."""
    language = params.lang or "en"
    if language not in language_codes():
        # Refused before anything runs in it: an unknown language is no translation to load.
        raise SearchQueryError(
            SearchErrorCode.INVALID_FILTER,
            translation.gettext("Unknown language: %(language)s.") % {"language": language[:20]},
        )
    year = _year(params.year)
    with translation.override(language):
        results = run_search(
            params.q,
            language=language,
            kinds=[params.kind] if params.kind else None,
            year=year,
            state=params.state or None,
            in_language=params.lang or None,
            limit=params.limit,
            offset=params.offset,
        )
        # Validated inside the language: the labels of facets and shortcuts are translated as
        # they are read.
        return SearchOut.model_validate(
            {
                "query": results.query,
                **paging(
                    request.path,
                    filters_of(params),
                    offset=params.offset,
                    limit=params.limit,
                    total=results.total,
                ),
                "results": results.hits,
                "facets": results.facets,
                "shortcuts": results.shortcuts,
                "suggestion": results.suggestion,
                "words_left_out": list(results.left_out),
                "notice": results.notice,
            }
        )
