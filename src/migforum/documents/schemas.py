"""The shapes in which the API gives documents, read from the records."""

import datetime

from ninja import Schema
from pydantic import Field

from migforum.core.api.paging import PageOut

from .models import Document


class DocumentOut(Schema):
    id: int
    symbol: str
    title: str
    kind: str
    date: datetime.date | None
    year: int | None
    state: str | None = Field(description="ISO3 of the State, for a statement.")
    session: int | None
    languages: list[str]
    cites: list[str] = Field(description="The UN symbols the document cites.")
    cited_by: list[str] = Field(description="Symbols (or addresses) of the documents citing it.")
    url: str

    @staticmethod
    def resolve_state(document: Document) -> str | None:
        return document.state.iso3 if document.state else None

    @staticmethod
    def resolve_languages(document: Document) -> list[str]:
        return [v.language for v in document.versions.all()]

    @staticmethod
    def resolve_cites(document: Document) -> list[str]:
        return [c.symbol for c in document.citations.all()]

    @staticmethod
    def resolve_cited_by(document: Document) -> list[str]:
        """Given for one document only (`document_cited_by`); a list leaves it empty."""
        return []

    @staticmethod
    def resolve_url(document: Document) -> str:
        return document.get_absolute_url()


class DocumentListOut(PageOut):
    results: list[DocumentOut]


class ImportOut(Schema):
    document: DocumentOut
    #: "pending" for a PDF, whose pages are read in the background; "done" for text.
    extraction: str
    changed: bool
    citations: list[str]
    meetings: list[int]
    skipped: list[str]
