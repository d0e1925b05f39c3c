"""Reads of documents and their citations."""

from django.db.models import QuerySet

from migforum.core.search import scores
from migforum.members.models import State

from .models import Document

#: The document types of the search index.
DOCUMENT_KINDS = ("documents.statement", "documents.document")


def document_list(
    *,
    kind: str | None = None,
    year: int | None = None,
    state: str | None = None,
    text: str | None = None,
    language: str = "en",
) -> QuerySet[Document] | list[Document]:
    """Documents, newest first; with `text`, those matching it, best first."""
    documents = Document.objects.select_related("state")
    if kind:
        documents = documents.filter(kind=kind)
    if year:
        documents = documents.filter(year=year)
    if state:
        documents = documents.filter(state__iso3=state.upper())
    if not text:
        return documents.order_by("-year", "-date", "symbol", "title")
    # The list shows documents, not passages: every match, best first, from the search
    # index's statements and other documents alike.
    matched: dict[str, float] = {}
    for key in DOCUMENT_KINDS:
        matched.update(scores(text, key, language=language))
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
