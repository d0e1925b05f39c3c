"""Versions and what changed between two: one rule for minutes and practices."""

import difflib

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from migforum.core.versioning import DiffLine, text_diff, version_changes
from migforum.meetings.models import Minutes, MinutesVersion
from migforum.practices.models import PracticeVersion

TEXTS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "", "delta"]), max_size=12).map(
    "\n".join
)


def unified(old: str, new: str, context: int) -> list[tuple[str, str]]:
    """What `diff -u` says, as (kind, text) pairs."""
    kinds = {"@": "hunk", "+": "added", "-": "removed", " ": "context"}
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=context))
    return [
        (kinds[line[0]], line if line[0] == "@" else line[1:])
        for line in lines[2:]  # the two header lines name no files
    ]


@given(TEXTS, TEXTS, st.integers(min_value=0, max_value=3))
def test_a_diff_with_context_says_what_diff_u_says(old, new, context):
    diff = text_diff(old, new, context=context)
    assert [(line.kind, line.text) for line in diff] == unified(old, new, context)


@given(TEXTS, TEXTS)
def test_a_whole_diff_gives_back_both_texts(old, new):
    diff = text_diff(old, new)
    if old == new:
        assert diff == []
        return
    assert [line.text for line in diff if line.kind != "added"] == old.splitlines()
    assert [line.text for line in diff if line.kind != "removed"] == new.splitlines()
    assert not any(line.kind == "hunk" for line in diff)


def test_minutes_compare_as_one_text_with_two_lines_around_each_change():
    old = MinutesVersion(number=1, text="one\ntwo\nthree\nfour\nfive\nsix")
    new = MinutesVersion(number=2, text="one\ntwo\nthree\nfour\nfive\nsix and seven")
    (change,) = version_changes(old, new)
    assert change.part == ""
    assert change.lines == [
        DiffLine("hunk", "@@ -4,3 +4,3 @@"),
        DiffLine("context", "four"),
        DiffLine("context", "five"),
        DiffLine("removed", "six"),
        DiffLine("added", "six and seven"),
    ]
    assert version_changes(old, MinutesVersion(number=3, text=old.text)) == []


def test_practices_compare_field_by_field_and_each_translation_apart():
    old = PracticeVersion(
        number=1,
        content={
            "title": "Savings",
            "results": "Few accounts.",
            "partners": ["Bank (private)"],
            "translations": {"fr": {"title": "Épargne"}},
        },
    )
    new = PracticeVersion(
        number=2,
        content={
            "title": "Savings",
            "results": "Few accounts.\n12,000 accounts by 2006.",
            "partners": ["Bank (private)", "Post (government)"],
            "translations": {"fr": {"title": "Épargne pour le développement"}},
        },
    )
    changes = {change.part: change.lines for change in version_changes(old, new)}
    assert changes["results"] == [
        DiffLine("context", "Few accounts."),
        DiffLine("added", "12,000 accounts by 2006."),
    ]
    assert changes["partners"][-1] == DiffLine("added", "Post (government)")
    assert changes["title (fr)"] == [
        DiffLine("removed", "Épargne"),
        DiffLine("added", "Épargne pour le développement"),
    ]
    assert "title" not in changes  # unchanged
    first = version_changes(None, old)
    assert all(line.kind == "added" for change in first for line in change.lines)
    assert [change.part for change in first][:2] == ["title", "results"]


@pytest.mark.parametrize("level", [2, 4])
def test_one_template_shows_what_changed(level):
    old = PracticeVersion(number=1, content={"results": "Few accounts.\nCosts 9%."})
    new = PracticeVersion(number=2, content={"results": "Few accounts.\nCosts 2.5%."})
    html = render_to_string(
        "includes/diff.html", {"changes": version_changes(old, new), "level": level}
    )
    assert f'<h{level} id="change-1"><code>results</code></h{level}>' in html
    assert '<span class="diff-context">  Few accounts.</span>' in html
    assert 'Removed: </span><del class="diff-removed">- Costs 9%.</del>' in html
    assert 'Added: </span><ins class="diff-added">+ Costs 2.5%.</ins>' in html
    assert "No change." in render_to_string("includes/diff.html", {"changes": []})


def test_versions_are_named_by_their_record_and_number():
    version = MinutesVersion(minutes=Minutes(title="Chair's summary"), number=3, text="x")
    assert str(version) == "Chair's summary v3"
