"""Each page type reads the database a fixed number of times, however many rows it lists: the
queries of a page built for a reader are counted with a few records, then with many more, and
must stay the same, and no more than pinned here (an anonymous reader's page is built once, then
kept: what is counted is the building)."""

import random
import shutil

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from migforum.core.cache import forget_in_process
from migforum.core.search import index_objects
from migforum.demo.practices import practices_generate
from migforum.documents.choices import DocumentKind
from migforum.documents.models import Document, DocumentVersion
from migforum.meetings.models import Meeting
from migforum.meetings.reference import load_summits
from migforum.members.models import State
from migforum.practices.choices import ReviewStatus
from migforum.practices.finder import DISTINCTIVE_WORDS
from migforum.practices.models import Practice

pytestmark = pytest.mark.django_db

#: The most queries each page may make when built; the same with few rows and with many. A page
#: built cold also reads the version of each thing it keeps in process (the listed practices,
#: the open calls, the index's record numbers): one indexed query each, which later pages skip
#: the rest of.
PINNED = {
    "/": 8,
    "/states/": 4,
    "/states/MAR/": 17,
    "/organizations/": 2,
    "/groups/": 3,
    "/documents/": 5,
    "/documents/?kind=statement": 5,
    "/documents/{document}/": 5,
    "/meetings/": 2,
    "/meetings/{meeting}/": 7,
    "/practices/": 10,
    "/practices/?q=migrants": 14,
    # Built cold, the related practices look up the practice's distinctive words in the search
    # index (`finder.DISTINCTIVE_WORDS`, one query each) after reading the words' counts, the
    # record types and the records' numbers: kept until the index changes.
    "/practices/{practice}/": 16 + DISTINCTIVE_WORDS + 3,
    "/search/?q=migration": 13,
    "/evidence/": 7,
    "/api/v1/states": 3,
    "/api/v1/documents?kind=statement": 4,
    "/api/v1/meetings": 5,
    "/api/v1/practices": 8,
    "/api/v1/practices?q=migrants": 12,
    "/api/v1/search?q=migration": 11,
}


#: On PostgreSQL a search runs in a savepoint with its own time limit (`core.search.budget`):
#: four statements more than on SQLite, which needs none.
POSTGRES_TIME_BUDGET_STATEMENTS = 4


def pinned(page: str) -> int:
    searches = "q=" in page or page == "/practices/{practice}/"
    on_postgres = connection.vendor == "postgresql"
    return PINNED[page] + (POSTGRES_TIME_BUDGET_STATEMENTS if searches and on_postgres else 0)


#: What a page may read more with many rows than with few, for reasons other than the rows.
SLACK = 2


def statements(count: int, rng: random.Random) -> None:
    words = "migration remittances development diaspora labour mobility".split()
    states = list(State.objects.all()[:50])
    documents = Document.objects.bulk_create(
        [
            Document(
                title=f"Statement {rng.random():.6f}",
                kind=DocumentKind.STATEMENT,
                year=2007 + n % 5,
                state=rng.choice(states),
            )
            for n in range(count)
        ]
    )
    DocumentVersion.objects.bulk_create(
        [
            DocumentVersion(document=d, language="en", text=" ".join(rng.choices(words, k=40)))
            for d in documents
        ]
    )
    index_objects(documents)


def counted(client, address: str) -> int:
    cache.clear()
    forget_in_process()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


def addresses() -> dict[str, str]:
    values = {
        "document": Document.objects.order_by("pk").first().pk,
        "meeting": Meeting.objects.order_by("pk").first().pk,
        "practice": Practice.objects.filter(review_status=ReviewStatus.PUBLISHED)
        .order_by("pk")
        .first()
        .pk,
    }
    return {pinned: pinned.format(**values) for pinned in PINNED}


def test_no_page_reads_more_for_more_rows(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rng = random.Random(14)  # noqa: S311  repeatable data
    load_summits()
    practices_generate(count=40, seed=1)
    statements(5, rng)
    few = {pinned: counted(client, address) for pinned, address in addresses().items()}

    practices_generate(count=80, seed=2)
    statements(60, rng)
    many = {pinned: counted(client, address) for pinned, address in addresses().items()}

    # A branch may read once more or less as the data change (a section shown or not, a finder
    # brought up to date since its last build); a query per row would add dozens.
    grown = {page: (few[page], n) for page, n in many.items() if n > few[page] + SLACK}
    assert not grown, f"queries that grew with the rows: {grown}"
    over = {page: n for page, n in many.items() if n > pinned(page)}
    assert not over, f"more queries than pinned: {over}"
    shutil.rmtree(tmp_path, ignore_errors=True)
