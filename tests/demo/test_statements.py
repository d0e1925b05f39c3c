"""Demonstration statements: the general debates after 2006, made of the sentences of the real
statements of 2006, through the `demo-data` command."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from migforum.core.models import AuditEvent, SearchRecord
from migforum.core.search import search
from migforum.demo.statements import sentences
from migforum.documents.choices import DocumentKind
from migforum.documents.models import Document
from migforum.members.models import State

pytestmark = pytest.mark.django_db


def generated():
    return Document.objects.filter(kind=DocumentKind.STATEMENT).order_by("pk")


def test_the_command_adds_statements_one_per_state_per_year_from_2007():
    # given
    states = list(State.objects.order_by("iso3").values_list("pk", flat=True))
    count = len(states) + 3
    # when
    out = io.StringIO()
    call_command("demo-data", "statements", str(count), "--batch-size", "50", stdout=out)
    # then
    assert f"Added {count:,} statements of 2007–2008" in out.getvalue()
    documents = list(generated().select_related("state"))
    assert len(documents) == count
    assert [d.state_id for d in documents[: len(states)]] == states
    assert {d.year for d in documents[: len(states)]} == {2007}
    assert [(d.year, d.session) for d in documents[len(states) :]] == [(2008, 63)] * 3
    first = documents[0]
    assert first.title == (
        f"Statement by {first.state.name} in the general debate of the 62nd session of the "
        "General Assembly (2007)"
    )


def test_a_statement_is_three_to_twelve_sentences_of_the_2006_statements():
    call_command("demo-data", "statements", "20", stdout=io.StringIO())
    pool = set(sentences())
    for document in generated().prefetch_related("versions"):
        (version,) = document.versions.all()
        assert version.language == "en"
        said = re.split(r"(?<=[.!?])\s+", " ".join(version.text.split()))
        assert 3 <= len(said) <= 12
        assert set(said) <= pool


def test_each_statement_is_audited_and_found_by_search():
    call_command("demo-data", "statements", "12", stdout=io.StringIO())
    ids = [str(pk) for pk in generated().values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(object_id__in=ids, content_type__model="document")
    assert events.count() == 12
    assert set(events.values_list("actor_label", flat=True)) == {"demo-data"}
    assert (
        SearchRecord.objects.filter(kind__key="documents.statement", object_id__in=ids).count()
        == 12
    )
    text = generated().first().versions.get().text
    longest_word = max(re.findall(r"[^\W\d_]+", text), key=len)
    found = search(longest_word, language="en", kinds=["documents.statement"], year=2007)
    assert found.total >= 1


def test_running_again_adds_later_years_with_the_same_texts_for_the_same_seed():
    call_command("demo-data", "statements", "5", "--seed", "3", stdout=io.StringIO())
    call_command("demo-data", "statements", "5", "--seed", "3", stdout=io.StringIO())
    texts = [d.versions.get().text for d in generated()]
    places = list(generated().values_list("state", "session"))
    assert texts[:5] == texts[5:]
    assert len(set(places)) == 10
    with pytest.raises(CommandError, match="positive number of statements"):
        call_command("demo-data", "statements", "0")
