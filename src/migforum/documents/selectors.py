"""Reads of documents and their citations."""

from django.db.models import Exists, OuterRef, QuerySet

from migforum.core.search import scores
from migforum.members.models import State

from .models import Document, DocumentVersion

#: The document types of the search index.
DOCUMENT_KINDS = ("documents.statement", "documents.document")


#: How a list of documents may be ordered (the first is the default without words searched).
SORTS = ("newest", "oldest", "symbol", "title")
_ORDERS = {
    "newest": ("-year", "-date", "symbol", "title", "pk"),
    "oldest": ("year", "date", "symbol", "title", "pk"),
    "symbol": ("symbol", "title", "pk"),
    "title": ("title", "pk"),
}


def document_list(
    *,
    kind: str | None = None,
    year: int | None = None,
    state: str | None = None,
    in_language: str | None = None,
    text: str | None = None,
    language: str = "en",
    sort: str = "",
) -> QuerySet[Document] | list[Document]:
    """Documents, newest first or in the `sort` order; with `text`, those matching it, best
    first unless another order is asked for. `in_language`: those with a text in it."""
    documents = Document.objects.select_related("state")
    if kind:
        documents = documents.filter(kind=kind)
    if year:
        documents = documents.filter(year=year)
    if state:
        documents = documents.filter(state__iso3=state.upper())
    if in_language:
        documents = documents.filter(
            Exists(DocumentVersion.objects.filter(document=OuterRef("pk"), language=in_language))
        )
    if sort not in _ORDERS:
        sort = ""
    if not text:
        return documents.order_by(*_ORDERS[sort or "newest"])
    # The list shows documents, not passages: every match, best first, from the search
    # index's statements and other documents alike.
    matched: dict[str, float] = {}
    for key in DOCUMENT_KINDS:
        matched.update(scores(text, key, language=language))
    if sort:
        return list(documents.filter(pk__in=[int(pk) for pk in matched]).order_by(*_ORDERS[sort]))
    ranked = sorted(matched, key=lambda pk: (-matched[pk], int(pk)))
    found = documents.in_bulk([int(pk) for pk in ranked])
    return [found[int(pk)] for pk in ranked if int(pk) in found]


def document_get(*, pk: int) -> Document:
    return Document.objects.select_related("state").prefetch_related("versions").get(pk=pk)


def document_by_symbol(*, symbol: str) -> Document:
    return Document.objects.select_related("state").prefetch_related("versions").get(symbol=symbol)


def document_citations(*, document: Document) -> list[tuple[str, Document | None]]:
    """What a document cites: each symbol with the document it names, where it is known."""
    symbols = list(document.citations.values_list("symbol", flat=True))
    known = {d.symbol: d for d in Document.objects.filter(symbol__in=symbols)}
    return [(symbol, known.get(symbol)) for symbol in symbols]


def document_cited_by(*, document: Document) -> QuerySet[Document]:
    if not document.symbol:
        return Document.objects.none()
    return Document.objects.filter(citations__symbol=document.symbol).distinct()


def document_meetings(*, document: Document):  # noqa: ANN201
    return document.meeting_links.select_related("meeting")


def state_documents(*, state: State, limit: int = 10) -> QuerySet[Document]:
    """A State's statements and other documents, latest first."""
    return Document.objects.filter(state=state).order_by("-year")[:limit]
