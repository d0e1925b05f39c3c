"""Search through the API: one query over everything the platform publishes."""

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema

from migforum.core.api.paging import filters_of, paging
from migforum.core.api.params import Offset, limit_of
from migforum.core.languages import language_codes

from .schemas import SearchOut
from .service import search as run_search

router = Router(tags=["Search"])


class SearchParams(Schema):
    q: str
    type: str | None = None
    lang: str = "en"
    limit: limit_of(100) = 20  # type: ignore[valid-type]
    offset: Offset = 0


@router.get("/search", response=SearchOut)
def search(request: HttpRequest, params: Query[SearchParams]) -> SearchOut:
    """Full-text search over everything, in every language; titles in `lang`.

    Only the first 12 distinct words (by default) are searched, `words_left_out` names the
    others; words of one or two letters match only themselves, longer ones also the words
    they begin. A search that runs out of time answers 503 with the code `search_timeout`."""
    language = params.lang if params.lang in language_codes() else "en"
    with translation.override(language):
        results = run_search(
            params.q,
            language=language,
            kinds=[params.type] if params.type else None,
            limit=params.limit,
            offset=params.offset,
        )
        # Validated here, inside the language: the facets' labels are translated as read.
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
                "words_left_out": list(results.left_out),
                "notice": results.notice,
            }
        )
