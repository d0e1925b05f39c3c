"""The practice finder over generated practices: facet counts agree with what a filter yields
and with the database, each person sees what they may see, the facets follow changes, and
full text matches without accents and by stem, with highlighted snippets."""

import threading
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError
from django.db.models import Max

from migforum.accounts.models import Role
from migforum.core.choices import RoleKind
from migforum.core.search import scores as text_scores
from migforum.core.search.text import highlight, parse_query
from migforum.demo.practices import REVIEWING_BODIES, practices_generate
from migforum.members.models import Organization, State
from migforum.practices import finder
from migforum.practices.choices import ReviewStatus, Theme
from migforum.practices.models import Practice
from migforum.practices.services import practice_create, practice_update

from ..conftest import verified_client
from ..factories import RoleFactory
from .conftest import remittance_content

pytestmark = pytest.mark.django_db

PRACTICES = 300
SEED = 20260


@pytest.fixture
def demo(db):
    return practices_generate(count=PRACTICES, seed=SEED)


@pytest.fixture
def verified_secretariat(secretariat_user):
    secretariat_user.is_verified = lambda: True
    return secretariat_user


# What the facets should say, worked out from the database without the finder's bitsets.


def facet_values(practice: Practice) -> set[tuple[str, str]]:
    values = {
        ("review", practice.review_status),
        ("level", practice.level),
        ("implementer", practice.implementer_kind),
        ("status", practice.implementation_status),
        ("year", str(practice.start_year)),
        ("language", practice.language),
    }
    values |= {("theme", theme) for theme in practice.themes}
    values |= {("objective", str(objective)) for objective in practice.objectives}
    values |= {("sdg", target) for target in practice.sdg_targets}
    for country in practice.countries.all():
        values |= {("country", country.state.iso3), ("region", country.state.region)}
    return values


def everything() -> dict[int, set[tuple[str, str]]]:
    practices = Practice.objects.prefetch_related("countries__state")
    return {practice.pk: facet_values(practice) for practice in practices}


def published_ids() -> set[int]:
    return set(Practice.objects.filter(review_status="published").values_list("pk", flat=True))


def expected_ids(
    values_of: dict[int, set[tuple[str, str]]],
    visible: set[int],
    query: str,
    filters: dict[str, list[str]],
) -> set[int]:
    ids = visible & set(matches(query)) if query else set(visible)
    for facet, chosen in filters.items():
        ids = {pk for pk in ids if all((facet, value) in values_of[pk] for value in chosen)}
    return ids


def matches(query: str) -> dict[int, float]:
    return {int(pk): score for pk, score in text_scores(query, "practices.practice").items()}


def counts(results: finder.PracticeResults) -> dict[tuple[str, str], int]:
    return {(f.name, v.value): v.count for f in results.facets for v in f.values}


def assert_facets_agree(user, visible: set[int], query: str, filters: dict[str, list[str]]):
    values_of = everything()
    results = finder.find_practices(user=user, query=query, filters=filters, with_page=False)
    matching = expected_ids(values_of, visible, query, filters)
    assert set(results.ordered_ids) == matching
    assert results.total == len(matching) > 0
    truth = Counter(value for pk in matching for value in values_of[pk])
    checked = 0
    for facet in results.facets:
        shown = {v.value for v in facet.values}
        nonzero = {value for name, value in truth if name == facet.name}
        assert shown == nonzero | set(filters.get(facet.name, ())), facet.name
        for value in facet.values:
            assert value.count == truth[(facet.name, value.value)], (facet.name, value.value)
            narrowed = {**filters, facet.name: [*filters.get(facet.name, ()), value.value]}
            applied = finder.find_practices(
                user=user, query=query, filters=narrowed, with_page=False
            )
            assert applied.total == value.count, (facet.name, value.value)
            assert set(applied.ordered_ids) == expected_ids(values_of, visible, query, narrowed)
            checked += 1
    return results, checked


# The data the tests run on.


def test_the_demo_practices_cover_every_stage_theme_language_and_region(demo):
    # given: the generated practices
    practices = list(Practice.objects.prefetch_related("countries__state"))

    # then: every value the facets know of occurs, most practices are published
    assert demo.practices == len(practices) == PRACTICES
    stages = Counter(p.review_status for p in practices)
    assert set(stages) == set(ReviewStatus.values)
    assert stages["published"] > PRACTICES / 2
    assert {t for p in practices for t in p.themes} == set(Theme.values)
    assert {p.language for p in practices} == {"en", "fr", "es", "ar", "ru", "zh-hans"}
    regions = {c.state.region for p in practices for c in p.countries.all()}
    assert regions == set(State.objects.values_list("region", flat=True))
    assert any(p.is_global and not p.countries.all() for p in practices)
    assert {p.level for p in practices} == {"local", "national", "regional", "global"}


def test_the_same_seed_generates_the_same_practices(db):
    first = practices_generate(count=5, seed=7)
    second = practices_generate(count=5, seed=7)

    def texts(start: int, end: int) -> list[tuple[str, str]]:
        rows = Practice.objects.filter(pk__range=(start, end)).order_by("pk")
        return list(rows.values_list("title", "description"))

    assert texts(first.first_id, first.last_id) == texts(second.first_id, second.last_id)


# (a) A value shown with count n yields n practices when applied.


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("", {}),
        ("remittances", {}),
        ("", {"region": ["Africa"]}),
        ("migr", {"level": ["national"]}),
    ],
    ids=["browsing", "text query", "one filter applied", "text query and a filter"],
)
def test_each_count_shown_is_the_number_of_practices_its_filter_yields(demo, query, filters):
    results, checked = assert_facets_agree(AnonymousUser(), published_ids(), query, filters)

    assert checked >= 20
    assert "review" not in {facet.name for facet in results.facets}


def test_the_review_facet_counts_agree_for_the_secretariat(demo, verified_secretariat):
    everyone = set(Practice.objects.values_list("pk", flat=True))

    results, _checked = assert_facets_agree(verified_secretariat, everyone, "", {})

    review = next(facet for facet in results.facets if facet.name == "review")
    assert {v.value for v in review.values} == set(ReviewStatus.values)


# (b) Visibility.


def test_anonymous_users_see_only_published_practices_in_results_and_counts(demo):
    anonymous = AnonymousUser()
    published = published_ids()
    draft = Practice.objects.filter(review_status="draft").first()

    results = finder.find_practices(user=anonymous, with_page=False)
    by_title = finder.find_practices(user=anonymous, query=draft.title, with_page=False)

    assert set(results.ordered_ids) == published
    assert results.total == len(published) < PRACTICES
    # Facets with one value per practice add up to the published practices, no more.
    for facet in results.facets:
        if facet.name in ("level", "language", "status", "implementer", "year"):
            assert sum(v.count for v in facet.values) == len(published), facet.name
    assert "review" not in {facet.name for facet in results.facets}
    assert draft.pk not in by_title.ordered_ids
    assert set(by_title.ordered_ids) <= published


def test_a_focal_point_sees_its_own_drafts_and_no_other_unpublished_practice(demo):
    # given: the State owning the most unpublished practices, and its focal point
    unpublished = Practice.objects.exclude(review_status="published")
    state_id = Counter(
        unpublished.filter(owner_state__isnull=False).values_list("owner_state", flat=True)
    ).most_common(1)[0][0]
    state = State.objects.get(pk=state_id)
    focal_point = RoleFactory(kind=RoleKind.FOCAL_POINT, state=state).user
    own = set(Practice.objects.filter(owner_state=state).values_list("pk", flat=True))

    # when
    results = finder.find_practices(user=focal_point, with_page=False)

    # then
    assert set(results.ordered_ids) == published_ids() | own
    assert own - published_ids(), "the State owns unpublished practices"
    review = next(facet for facet in results.facets if facet.name == "review")
    unpublished_counts = sum(v.count for v in review.values if v.value != "published")
    assert unpublished_counts == unpublished.filter(owner_state=state).count()


def test_an_analyst_sees_its_bodys_practices_and_those_it_reviews(demo):
    # given: the demo reviewer of a qualified body
    body = Organization.objects.get(slug=REVIEWING_BODIES[1])
    analyst = Role.objects.get(kind=RoleKind.ANALYST, organization=body).user
    own = Practice.objects.filter(owner_organization=body)
    reviewing = Practice.objects.filter(
        assignments__reviewer=analyst, assignments__withdrawn_at__isnull=True
    )
    expected = published_ids() | set(own.values_list("pk", flat=True))
    expected |= set(reviewing.values_list("pk", flat=True))

    results = finder.find_practices(user=analyst, with_page=False)

    assert reviewing.exclude(review_status="published").exists()
    assert set(results.ordered_ids) == expected


def test_the_secretariat_sees_everything_only_once_its_second_factor_is_verified(
    demo, secretariat_user
):
    secretariat_user.is_verified = lambda: False
    unverified = finder.find_practices(user=secretariat_user, with_page=False)
    secretariat_user.is_verified = lambda: True
    verified = finder.find_practices(user=secretariat_user, with_page=False)

    assert set(unverified.ordered_ids) == published_ids()
    assert verified.total == PRACTICES
    assert set(verified.ordered_ids) == set(Practice.objects.values_list("pk", flat=True))


def _filters_to_read(first_id: int = 1):
    from django.db.models import Q

    from migforum.practices.models import ReviewAssignment

    published = Q(review_status=ReviewStatus.PUBLISHED)
    drafts = Q(review_status__in=[ReviewStatus.DRAFT, ReviewStatus.WITHDRAWN])
    some_ids = Q(pk__in=[first_id, first_id + 1, first_id + 2, 10**9])
    reviewed = Q(
        pk__in=ReviewAssignment.objects.filter(withdrawn_at__isnull=True).values("practice_id")
    )
    national = Q(level="national")
    return {
        "everything": Q(),
        "nothing": Q(pk__in=[]),
        "a status": published,
        "statuses": drafts,
        "not a status": ~published,
        "a status and ids": published & some_ids,
        "a status or ids": published | some_ids,
        "a subquery": reviewed,
        "not a subquery": ~reviewed,
        "a status and a subquery": ~published & reviewed,
        "a status or a field": published | national,
        "a status and a field": published & national,
        "not both": ~(drafts & national),
        "nested": published | (national & ~reviewed) | (drafts & reviewed),
        "related rows": Q(assignments__withdrawn_at__isnull=True, assignments__has_conflict=False),
    }


@pytest.mark.parametrize("name", list(_filters_to_read()))
def test_a_filter_read_into_bits_selects_what_the_database_selects(demo, name):
    from migforum.practices.bitsets import bits_to_ids

    condition = _filters_to_read(demo.first_id)[name]
    expected = set(Practice.objects.filter(condition).values_list("pk", flat=True))

    selected = set(bits_to_ids(finder.condition_bits(condition, finder.facet_index())))

    assert selected == expected
    assert name in ("nothing",) or expected, "a filter that selects nothing proves little"


# (c) The facets follow the database.


def test_facet_counts_follow_a_practice_created_changed_and_deleted(
    demo, verified_secretariat, focal_point_of_morocco, morocco
):
    def look() -> tuple[int, dict[tuple[str, str], int]]:
        results = finder.find_practices(user=verified_secretariat, with_page=False)
        return results.total, counts(results)

    def plus(before: dict, values: set[tuple[str, str]]) -> dict:
        after = Counter(before)
        after.update(values)
        return dict(after)

    total, before = look()

    # when: a focal point drafts a practice
    practice = practice_create(
        by=focal_point_of_morocco, owner=morocco, content=remittance_content()
    )
    created_total, created = look()

    # then: each of its values counts once more
    assert created_total == total + 1
    assert created == plus(before, facet_values(practice))
    assert ("theme", "remittances") in facet_values(practice)

    # when: it changes theme, year and objectives
    practice = practice_update(
        practice=practice,
        by=focal_point_of_morocco,
        content=remittance_content(
            themes=["trafficking"], start_year=2011, objectives=[10], sdg_targets=["8.7"]
        ),
    )
    changed_total, changed = look()

    # then: the counts move from the old values to the new ones
    assert changed_total == total + 1
    assert changed == plus(before, facet_values(practice))
    assert changed[("theme", "trafficking")] == before.get(("theme", "trafficking"), 0) + 1
    assert changed.get(("year", "2004"), 0) == before.get(("year", "2004"), 0)

    # when: the secretariat deletes it in the administration
    client = verified_client(verified_secretariat)
    response = client.post(f"/admin/practices/practice/{practice.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Practice.objects.filter(pk=practice.pk).exists()
    deleted_total, deleted = look()

    # then: the counts are as they were
    assert deleted_total == total
    assert deleted == before


def test_facets_follow_a_deletion_and_an_older_practice_arriving_between_two_searches(
    demo, verified_secretariat
):
    finder.find_practices(user=verified_secretariat, with_page=False)
    latest = Practice.objects.aggregate(latest=Max("updated_at"))["latest"]
    gone = Practice.objects.filter(review_status="draft", updated_at__lt=latest).first()
    gone.delete()
    added = practices_generate(count=1, seed=SEED + 1)
    assert Practice.objects.aggregate(latest=Max("updated_at"))["latest"] == latest

    results = finder.find_practices(user=verified_secretariat, with_page=False)

    assert gone.pk not in results.ordered_ids
    assert added.first_id in results.ordered_ids


# (d) Full text.


def test_full_text_matches_without_accents_and_by_stem(
    demo, focal_point_of_morocco, morocco, verified_secretariat
):
    practice = practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=remittance_content(
            language="fr",
            title="Réintégration économique des émigrés de retour",
            summary="Les Marocains résidant à l'étranger financent des coopératives.",
        ),
    )
    secretariat_view = {"user": verified_secretariat, "with_page": False}

    # Accent-free, upper case, another inflection: all find the French practice.
    for query in ("reintegration economique", "RÉINTÉGRATIONS", "emigre retours", "cooperative"):
        found = finder.find_practices(query=query, **secretariat_view)
        assert practice.pk in found.ordered_ids, query

    # The singular finds what the plural finds.
    plural = set(
        finder.find_practices(
            user=AnonymousUser(), query="remittances", with_page=False
        ).ordered_ids
    )
    singular = set(
        finder.find_practices(user=AnonymousUser(), query="remittance", with_page=False).ordered_ids
    )
    assert plural
    assert plural == singular

    # Every word must match.
    assert not finder.find_practices(query="reintegration qwertyuiop", **secretariat_view).total


def test_words_match_by_their_stem_and_are_marked_whole(
    focal_point_of_morocco, morocco, verified_secretariat
):
    eu = practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=remittance_content(title="An EU card for nurses", summary="Nurses at work."),
    )
    european = practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=remittance_content(title="European nurses", summary="Eurodac, Euros, nurses."),
    )

    def found(query: str) -> list[int]:
        results = finder.find_practices(user=verified_secretariat, query=query, with_page=False)
        return results.ordered_ids

    assert found("eu") == [eu.pk]  # not "European", "Eurodac" or "Euros"
    assert found("EU nurses") == [eu.pk]
    assert found("eur") == []  # no word begins a match: words match by their stem
    assert set(found("nurse")) == {eu.pk, european.pk}
    title = finder.find_practices(user=verified_secretariat, query="eu nurse").practices[0]
    assert str(title.marked_title) == "An <mark>EU</mark> card for <mark>nurses</mark>"
    marked = highlight("European Union, EU", parse_query("eu"), "en")
    assert str(marked) == "European Union, <mark>EU</mark>"


def test_results_are_ranked_and_their_snippets_highlight_the_matches(
    demo, focal_point_of_morocco, morocco, verified_secretariat
):
    practice = practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=remittance_content(
            title="Zakat funds for <b>returnees</b>",
            summary="Returnees receive zakat-funded grants; a <script> tag stays text.",
        ),
    )

    results = finder.find_practices(user=verified_secretariat, query="zakat")

    assert results.practices[0].pk == practice.pk
    first = results.practices[0]
    assert "<mark>Zakat</mark>" in first.marked_title
    assert "&lt;b&gt;" in first.marked_title
    assert "<mark>zakat</mark>" in first.snippet
    assert "&lt;script&gt;" in first.snippet
    assert "<script>" not in first.snippet


def test_a_page_of_demo_results_is_highlighted_in_its_own_language(demo):
    results = finder.find_practices(user=AnonymousUser(), query="reintegr", limit=50)

    assert results.total > 0
    assert results.practices
    for practice in results.practices:
        assert "<mark>" in practice.marked_title + practice.snippet, practice.pk


def test_browsing_without_text_shows_escaped_passages_cut_to_length(
    demo, focal_point_of_morocco, morocco, verified_secretariat
):
    practice = practice_create(
        by=focal_point_of_morocco,
        owner=morocco,
        content=remittance_content(
            title="Savings <i>for</i> development",
            summary="<script>alert(1)</script> " + "Accounts for migrants. " * 40,
        ),
    )

    results = finder.find_practices(user=verified_secretariat, sort="newest")

    shown = next(p for p in results.practices if p.pk == practice.pk)
    assert shown.marked_title == "Savings &lt;i&gt;for&lt;/i&gt; development"
    assert shown.snippet.startswith("&lt;script&gt;alert(1)&lt;/script&gt; Accounts")
    assert shown.snippet.endswith("…")
    assert "<mark>" not in shown.snippet


def test_the_facet_index_is_compact_and_holds_nothing_the_garbage_collector_must_walk(demo):
    import gc

    snapshot = finder.facet_index()
    # A collection stops tracking a tuple that holds only untracked objects: the pairs in
    # one pass, the tuples of pairs in the next.
    gc.collect()
    gc.collect()

    # Every search allocates; a held list per practice would make each full collection
    # walk them all (170 ms at a hundred thousand practices).
    assert snapshot.values_of
    assert not any(gc.is_tracked(values) for values in snapshot.values_of.values())
    # and each (facet, value) pair is held once, however many practices have it
    pairs = [pair for values in snapshot.values_of.values() for pair in values]
    assert len({id(pair) for pair in pairs}) == len(set(pairs)) < len(pairs)


@pytest.mark.parametrize("sort", ["newest", "oldest", "title"])
def test_a_text_query_in_another_order_finds_the_same_practices(demo, sort):
    anonymous = AnonymousUser()
    ranked = finder.find_practices(user=anonymous, query="remittances", with_page=False)

    ordered = finder.find_practices(user=anonymous, query="remittances", sort=sort, with_page=False)

    assert ranked.total > 1
    assert ordered.total == ranked.total
    assert sorted(ordered.ordered_ids) == sorted(ranked.ordered_ids)
    if sort != "title":
        assert ordered.ordered_ids == sorted(ranked.ordered_ids, reverse=sort == "newest")


def test_a_narrow_filter_ranks_its_practices_as_the_whole_ranking_does(demo):
    anonymous = AnonymousUser()
    whole = matches("migrants")
    filters = {"region": ["Africa"], "theme": ["remittances"]}

    narrowed = finder.find_practices(
        user=anonymous, query="migrants", filters=filters, with_page=False
    )

    allowed = set(
        finder.find_practices(user=anonymous, filters=filters, with_page=False).ordered_ids
    )
    expected = sorted(allowed & set(whole), key=lambda pk: (whole[pk], pk), reverse=True)
    assert 0 < len(expected) < len(whole) / 2
    assert narrowed.ordered_ids == expected


@pytest.fixture
def committed_demo(committed_reference_data):
    """Practices that a thread of its own can read."""
    return practices_generate(count=30, seed=SEED)


def test_a_stale_facet_index_is_rebuilt_while_searches_use_the_one_loaded(
    committed_demo, monkeypatch
):
    index = finder.FacetIndex()
    loaded = index.refresh()
    may_finish = threading.Event()
    load = finder.FacetIndex._load

    def slow_in_the_background(snapshot, changed):
        if threading.current_thread() is index.reloader:
            assert may_finish.wait(timeout=30)
        return load(snapshot, changed)

    monkeypatch.setattr(finder.FacetIndex, "_load", staticmethod(slow_in_the_background))
    index.loaded_at -= finder.FULL_RELOAD_EVERY.total_seconds() + 1

    answered = index.refresh()  # the rebuild is waiting: this search must not

    assert answered is loaded
    assert index.reloader is not None
    assert index.reloader.is_alive()
    may_finish.set()
    index.reloader.join(timeout=30)
    rebuilt = index.refresh()
    assert rebuilt is not loaded
    assert rebuilt.bits == loaded.bits
    assert rebuilt.published == loaded.published


def test_the_facet_index_can_be_loaded_before_the_first_search(committed_demo):
    finder.load_facet_index_in_background().join(timeout=60)

    loaded = finder.facet_index()
    assert loaded.bits
    assert finder._index.version is not None
    assert finder.facet_index() is loaded  # nothing left to load


def test_a_background_load_that_fails_leaves_the_first_search_to_load(
    committed_demo, monkeypatch, caplog
):
    def no_database():
        raise DatabaseError("the database is away")

    with monkeypatch.context() as patched:
        patched.setattr(finder.FacetIndex, "current_version", staticmethod(no_database))
        finder.load_facet_index_in_background().join(timeout=60)

    assert "could not be loaded" in caplog.text
    results = finder.find_practices(user=AnonymousUser(), with_page=False)
    assert results.total == Practice.objects.filter(review_status="published").count()


def test_filters_that_leave_nothing_do_not_consult_the_text_index(demo, monkeypatch):
    def unreachable(*args, **kwargs):
        raise AssertionError("the text index was consulted")

    monkeypatch.setattr(finder, "text_scores", unreachable)

    results = finder.find_practices(
        user=AnonymousUser(), query="remittances", filters={"year": ["1066"]}
    )

    assert results.total == 0
    assert results.practices == []
