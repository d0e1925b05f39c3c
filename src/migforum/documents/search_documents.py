"""How documents appear in search: their full text, in each language they exist in. A query
that is a UN symbol leads straight to the document, or, for a symbol cited but not held here,
to the documents that cite it."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from migforum.core.search import SearchText, Shortcut, register, register_shortcut

from .choices import DocumentKind
from .models import Document
from .symbols import SymbolError, normalise_symbol

#: How many of the documents citing a symbol not held its shortcut lists.
CITING_SHOWN = 10


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


def symbol_shortcuts(query: str, language: str) -> list[Shortcut]:
    if "/" not in query:  # every document's symbol has one; most queries end here
        return []
    try:
        symbol = normalise_symbol(query.strip())
    except SymbolError:
        return []
    with translation.override(language):
        document = Document.objects.filter(symbol=symbol).first()
        if document is not None:
            return [
                Shortcut(
                    kind_label=gettext("Document"),
                    title=str(document),
                    url=document.get_absolute_url(),
                    note=" · ".join(
                        str(p) for p in (document.get_kind_display(), document.year) if p
                    ),
                )
            ]
        citing = list(
            Document.objects.filter(citations__symbol=symbol).distinct().order_by("-date", "pk")
        )
        if not citing:
            return []
        return [
            Shortcut(
                kind_label=gettext("Document"),
                title=symbol,
                # Where the first document that cites it lists what it cites.
                url=f"{citing[0].get_absolute_url()}#cites-heading",
                note=ngettext(
                    "Cited by %(count)d document; not held here.",
                    "Cited by %(count)d documents; not held here.",
                    len(citing),
                )
                % {"count": len(citing)},
                links=tuple((str(d), d.get_absolute_url()) for d in citing[:CITING_SHOWN]),
            )
        ]


register_shortcut(symbol_shortcuts)
