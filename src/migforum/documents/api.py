"""Documents through the API: found by type, year or State, read by UN symbol, imported by the
secretariat with a token."""

from django.http import Http404, HttpRequest
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from migforum.core.api.auth import token_auth
from migforum.core.api.paging import page
from migforum.core.api.params import Offset, Year, limit_of

from . import selectors
from .choices import DocumentKind
from .models import Document
from .schemas import DocumentListOut, DocumentOut, ImportOut
from .services import document_import_upload
from .symbols import SymbolError, parse_symbol

router = Router(tags=["Documents"])


class DocumentFilters(Schema):
    kind: DocumentKind | None = None
    year: Year = None
    state: str | None = None
    limit: limit_of(500) = 100  # type: ignore[valid-type]
    offset: Offset = 0


@router.get("/documents", response=DocumentListOut)
def list_documents(request: HttpRequest, filters: Query[DocumentFilters]) -> dict:
    """Documents, newest first, filtered by type, year or State (ISO3); paged."""
    documents = selectors.document_list(
        kind=filters.kind, year=filters.year, state=filters.state
    ).prefetch_related("versions", "citations")
    return page(request.path, documents, params=filters)


@router.post(
    "/documents",
    response={200: ImportOut, 202: ImportOut},
    auth=token_auth,
    summary="Import a document (PDF or text); the secretariat only",
)
def import_document(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008  ninja's way of declaring an upload
    symbol: Form[str] = "",
    title: Form[str] = "",
    kind: Form[DocumentKind] = DocumentKind.REPORT,
    language: Form[str] = "en",
) -> dict | Status:
    """Reads the text and links the symbols it cites; importing the same file again changes
    nothing. It writes the document alone: `meetings` stays empty here, as the meetings a
    report's annex lists are read by `migforum import-document --meetings-from-annex`."""
    result = document_import_upload(
        upload=file, by=request.auth, symbol=symbol, title=title, kind=kind, language=language
    )
    report = result.report
    if report is None:  # a PDF: its pages are read in the background
        document = selectors.document_get(pk=result.document.pk)
        return Status(
            202,
            {
                "document": document,
                "extraction": "pending",
                "changed": True,
                "citations": [],
                "meetings": [],
                "skipped": [],
            },
        )
    return {
        "document": report.document,
        "extraction": "done",
        "changed": report.changed,
        "citations": report.citations,
        "meetings": [m.pk for m in report.meetings],
        "skipped": report.skipped,
    }


@router.get("/documents/{path:symbol}", response=DocumentOut)
def get_document(request: HttpRequest, symbol: str) -> DocumentOut:
    """One document by its UN symbol (slashes may be URL-encoded: A%2F61%2F230)."""
    try:
        document = selectors.document_by_symbol(symbol=str(parse_symbol(symbol)))
    except SymbolError as error:
        raise Http404(error.message) from None
    except Document.DoesNotExist:
        raise Http404(f"No document with the symbol '{symbol[:100]}' is recorded.") from None
    cited_by = [str(d) for d in selectors.document_cited_by(document=document)]
    return DocumentOut.from_orm(document).model_copy(update={"cited_by": cited_by})
