"""How documents appear in search: their full text, in each language they exist in."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from migforum.core.search import SearchText, register

from .choices import DocumentKind
from .models import Document


def document_documents(document: Document):
    for version in document.versions.all():
        with translation.override(version.language):
            url = reverse("documents:document_detail", args=[document.pk])
        heading = " · ".join(
            p
            for p in (
                document.symbol,
                document.get_kind_display(),
                document.state.name if document.state else "",
            )
            if p
        )
        yield SearchText(
            language=version.language,
            title=document.title,
            body=f"{heading}\n{version.text}",
            url=url,
        )


def _documents():
    return Document.objects.select_related("state").prefetch_related("versions")


def _year(document: Document) -> int | None:
    return document.year or (document.date.year if document.date else None)


def _states(document: Document) -> list[str]:
    return [document.state.iso3] if document.state else []


# Statements are a type of their own in search, with their own facet; every other document
# is a document.
register(
    Document,
    key="documents.statement",
    label=_("Statements"),
    documents=document_documents,
    queryset=lambda: _documents().filter(kind=DocumentKind.STATEMENT),
    year=_year,
    states=_states,
)
register(
    Document,
    label=_("Documents"),
    documents=document_documents,
    queryset=lambda: _documents().exclude(kind=DocumentKind.STATEMENT),
    year=_year,
    states=_states,
)
