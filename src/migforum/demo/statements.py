"""Demonstration statements: the general debates of the years after 2006, made of the sentences
of the real statements of 2006, so that documents and the search hold as many statements as a
platform would after twenty sessions.

Each generated statement belongs to one State and one year (2007 onward, one per State per
year, in the order of the States' codes), and is 3 to 12 sentences of the 2006 statements
recombined by a seeded random generator, so a seed always yields the same texts. A State and
session that already have a statement are passed over, so running again adds later years.
Rows are bulk-created in batches, one transaction per batch, through the models an import
writes (document, English version, the symbols it cites); each statement gets one audit event
(its snapshot, by "demo-data") and its entry in the search index.
"""

import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from django.db import transaction

from migforum.core.audit import audit_event_build, snapshot
from migforum.core.models import AuditAction, AuditEvent
from migforum.core.search import index_objects
from migforum.documents.choices import DocumentKind
from migforum.documents.models import Citation, Document, DocumentVersion
from migforum.documents.reference import data_path
from migforum.documents.services import clean_text
from migforum.documents.statements import statement_title_stored
from migforum.documents.symbols import find_symbols
from migforum.members.models import State

ACTOR = "demo-data"
DEFAULT_SEED = 2007
BATCH_SIZE = 500
FIRST_YEAR = 2007
#: The General Assembly's first session was in 1946: its 61st, in 2006.
FIRST_SESSION_YEAR = 1945
FEWEST_SENTENCES, MOST_SENTENCES = 3, 12
#: Shorter pieces are mostly headings and salutations; longer ones, run-together lists.
SHORTEST_SENTENCE, LONGEST_SENTENCE = 30, 400
SOURCE = "Generated from the General Debate statements of 2006 (demo-data)"

#: A word broken at the end of a printed line: "develop-\nment".
LINE_BREAK_HYPHEN = re.compile(r"-\s*\n\s*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@cache
def sentences() -> tuple[str, ...]:
    """Every sentence of the shipped 2006 statements of a usual length, in file order."""
    found: list[str] = []
    for path in sorted(data_path("ungdc_session61_2006").glob("*.txt")):
        text = LINE_BREAK_HYPHEN.sub("", clean_text(path.read_text(encoding="utf-8")))
        found += (
            s
            for s in SENTENCE_END.split(" ".join(text.split()))
            if SHORTEST_SENTENCE <= len(s) <= LONGEST_SENTENCE
        )
    return tuple(found)


def statement_text(rng: random.Random, pool: tuple[str, ...]) -> str:
    """A few sentences drawn from `pool`, in paragraphs of one to four."""
    chosen = rng.sample(pool, rng.randint(FEWEST_SENTENCES, MOST_SENTENCES))
    paragraphs = []
    while chosen:
        size = rng.randint(1, 4)
        paragraphs.append(" ".join(chosen[:size]))
        chosen = chosen[size:]
    return "\n\n".join(paragraphs)


def free_places(count: int) -> Iterator[tuple[State, int]]:
    """`count` (State, year) pairs without a statement, year after year from 2007."""
    states = list(State.objects.order_by("iso3"))
    if not states:
        raise ValueError("There are no States: run `migforum init` first.")
    taken = set(
        Document.objects.filter(kind=DocumentKind.STATEMENT).values_list("state_id", "session")
    )
    year = FIRST_YEAR
    while count:
        session = year - FIRST_SESSION_YEAR
        for state in states:
            if (state.pk, session) not in taken:
                yield state, year
                count -= 1
                if not count:
                    return
        year += 1


@dataclass
class StatementsReport:
    statements: int = 0
    citations: int = 0
    audit_events: int = 0
    search_documents: int = 0
    first_year: int | None = None
    last_year: int | None = None
    first_id: int | None = None
    last_id: int | None = None
    seconds: float = 0.0


def write_batch(places: list[tuple[State, int]], texts: list[str]) -> StatementsReport:
    """Write the statements of these places with these texts, their audit events and their
    index rows; call it in a transaction."""
    documents = Document.objects.bulk_create(
        [
            Document(
                title=statement_title_stored(state, year - FIRST_SESSION_YEAR, year),
                kind=DocumentKind.STATEMENT,
                year=year,
                state=state,
                session=year - FIRST_SESSION_YEAR,
                source=SOURCE,
            )
            for state, year in places
        ]
    )
    DocumentVersion.objects.bulk_create(
        [
            DocumentVersion(document=document, language="en", text=text)
            for document, text in zip(documents, texts, strict=True)
        ]
    )
    citations = Citation.objects.bulk_create(
        [
            Citation(citing=document, symbol=symbol)
            for document, text in zip(documents, texts, strict=True)
            for symbol in dict.fromkeys(str(s) for s in find_symbols(text))
        ]
    )
    events = AuditEvent.objects.bulk_create(
        [
            audit_event_build(
                instance=document,
                action=AuditAction.CREATE,
                actor=None,
                before=None,
                after=snapshot(document),
                actor_name=ACTOR,
            )
            for document in documents
        ]
    )
    return StatementsReport(
        statements=len(documents),
        citations=len(citations),
        audit_events=len(events),
        search_documents=index_objects(documents),
        first_year=places[0][1],
        last_year=places[-1][1],
        first_id=documents[0].pk,
        last_id=documents[-1].pk,
    )


def statements_generate(
    *,
    count: int,
    seed: int = DEFAULT_SEED,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[StatementsReport], None] | None = None,
) -> StatementsReport:
    """Add `count` generated statements with their audit events and index rows, one
    transaction per batch; the same seed gives the same texts."""
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311  repeatable demo data, not secrets
    pool = sentences()
    places = list(free_places(count))
    total = StatementsReport()
    for start in range(0, len(places), batch_size):
        batch = places[start : start + batch_size]
        texts = [statement_text(rng, pool) for _ in batch]
        with transaction.atomic():
            report = write_batch(batch, texts)
        total.statements += report.statements
        total.citations += report.citations
        total.audit_events += report.audit_events
        total.search_documents += report.search_documents
        total.first_year = total.first_year or report.first_year
        total.last_year = report.last_year
        total.first_id = total.first_id or report.first_id
        total.last_id = report.last_id
        total.seconds = time.perf_counter() - started
        if progress:
            progress(total)
    total.seconds = time.perf_counter() - started
    return total
