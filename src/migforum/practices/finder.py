"""Finding practices: full text, facets with counts, visibility, in one place for the pages,
the API and the exports.

Facets are counted over bitsets held in memory: for every value of every facet, the set of
practices that have it, as a Python integer whose bit n stands for the practice with id n.
Counting a facet value over a result is then one AND and one popcount, so counts on every
facet cost about a millisecond at a hundred thousand practices. The bitsets follow the
database: each search compares the practices' count and latest change with what was loaded,
and re-reads only the practices changed since (or everything, after a deletion). Once an
hour they are rebuilt from scratch in a thread of their own while searches go on.

Filters combine with AND, also within a facet: applying a value shown with count n yields
exactly n practices.
"""

import dataclasses
import datetime
import heapq
import logging
import math
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from migforum.core.cache import cached_until_change, kept_in_process
from migforum.core.languages import in_language, list_in
from migforum.core.models import SearchWord
from migforum.core.search import SearchQueryError
from migforum.core.search import scores as text_scores
from migforum.core.search import scores_each as text_scores_each
from migforum.core.search.service import index_version, validate_query
from migforum.core.search.text import (
    PASSAGE_LENGTH,
    WORD,
    fold,
    highlight,
    is_stop_word,
    parse_query,
)
from migforum.members.choices import OrganizationKind
from migforum.members.models import State
from migforum.members.names import country_name

from .bitsets import bits_to_ids, highest_ids, ids_in, ids_to_bits
from .choices import CompactObjective, ImplementationStatus, Level, ReviewStatus, SdgTarget, Theme
from .errors import PracticeError
from .fields import TEXT_FIELDS
from .models import (
    LEVEL_LABELS,
    REVIEW_STATUS_LABELS,
    Practice,
    PracticeCountry,
    PracticeTranslation,
    theme_labels,
)
from .permissions import visible_practices
from .search_documents import PRACTICE_KIND

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FacetSpec:
    name: str
    label: Any
    #: Only people who may see unpublished practices see this facet.
    private: bool = False


FACETS = [
    FacetSpec("theme", gettext_lazy("Theme")),
    FacetSpec("country", gettext_lazy("Country")),
    FacetSpec("region", gettext_lazy("Region")),
    FacetSpec("level", gettext_lazy("Level")),
    FacetSpec("implementer", gettext_lazy("Implemented by")),
    FacetSpec("objective", gettext_lazy("Global Compact objective")),
    FacetSpec("sdg", gettext_lazy("SDG target")),
    FacetSpec("status", gettext_lazy("Implementation")),
    FacetSpec("year", gettext_lazy("Year started")),
    FacetSpec("language", gettext_lazy("Language")),
    FacetSpec("review", gettext_lazy("Review"), private=True),
]
FACET_NAMES = [spec.name for spec in FACETS]
SORTS = ("relevance", "newest", "oldest", "title")


@dataclass
class FacetSnapshot:
    """The bitsets as of one moment. Searches read a snapshot that never changes under them;
    a refresh builds the next one and swaps it in."""

    bits: dict[str, dict[str, int]] = field(default_factory=dict)
    values_of: dict[int, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    published: int = 0
    everything: int = 0

    def copy(self) -> "FacetSnapshot":
        return FacetSnapshot(
            bits={facet: dict(values) for facet, values in self.bits.items()},
            values_of=dict(self.values_of),
            published=self.published,
            everything=self.everything,
        )


#: A transaction may commit after another that changed practices later: re-reading the
#: practices changed in this window before the last change seen catches it.
OVERLAP = datetime.timedelta(minutes=5)
#: However carefully followed, the bitsets are rebuilt from scratch this often.
FULL_RELOAD_EVERY = datetime.timedelta(hours=1)


class FacetIndex:
    """Every facet value's practices, as bitsets, kept in step with the database."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: tuple[int, int, Any] | None = None
        self.snapshot = FacetSnapshot()
        self.loaded_at = 0.0
        #: The thread rebuilding the bitsets from scratch while searches go on, if any.
        self.reloader: threading.Thread | None = None

    @staticmethod
    def current_version() -> tuple[int, int, Any]:
        """How many practices, the newest id and the latest change: a deletion changes the
        count, an arrival the newest id (whatever its date), an edit the latest change. Three
        subqueries, because each then reads an index alone."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT COUNT(*) FROM practices_practice),"
                " (SELECT MAX(id) FROM practices_practice),"
                " (SELECT MAX(updated_at) FROM practices_practice)"
            )
            count, newest, latest = cursor.fetchone()
        if isinstance(latest, str):  # SQLite returns the stored UTC text of a bare subquery
            latest = datetime.datetime.fromisoformat(latest).replace(tzinfo=datetime.UTC)
        return count, newest, latest

    def refresh(self) -> FacetSnapshot:
        reloader = self.reloader
        if self.version is None and reloader is not None and reloader.is_alive():
            reloader.join()  # the first load is under way: wait for it rather than repeat it
        stale = time.monotonic() - self.loaded_at > FULL_RELOAD_EVERY.total_seconds()
        if stale and self.version is not None:
            self.reload_in_background()
        version = self.current_version()
        if version == self.version:
            return self.snapshot
        with self.lock:
            previous = self.version
            if version == previous:
                return self.snapshot
            if previous is None or previous[2] is None or version[0] < previous[0]:
                snapshot = self._load(FacetSnapshot(), None)
                self.loaded_at = time.monotonic()
            else:
                changed = list(
                    Practice.objects.filter(
                        Q(updated_at__gte=previous[2] - OVERLAP) | Q(pk__gt=previous[1])
                    ).values_list("pk", flat=True)
                )
                snapshot = self._load(self.snapshot.copy(), changed)
                if len(snapshot.values_of) != version[0]:  # something was deleted meanwhile
                    snapshot = self._load(FacetSnapshot(), None)
                    self.loaded_at = time.monotonic()
            self.snapshot, self.version = snapshot, version
            return snapshot

    def reload_in_background(self) -> threading.Thread:
        """Rebuild the bitsets from scratch in a thread of their own; searches meanwhile use
        the snapshot they have (a full load takes seconds at a hundred thousand practices)."""
        with self.lock:
            if self.reloader is None or not self.reloader.is_alive():
                self.reloader = threading.Thread(
                    target=self._reload, name="practice-facet-index", daemon=True
                )
                self.reloader.start()
            return self.reloader

    def _reload(self) -> None:
        try:
            # The version is read before the practices: whatever changes during the load
            # is then newer than it, and the next search catches up on it.
            version = self.current_version()
            snapshot = self._load(FacetSnapshot(), None)
            with self.lock:
                self.snapshot, self.version = snapshot, version
                self.loaded_at = time.monotonic()
        except DatabaseError:
            # Tables not there yet (a server started before `migforum init`), or the
            # database away: the next search loads the index itself.
            logger.warning("The practice facet index could not be loaded", exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    @staticmethod
    def _load(snapshot: FacetSnapshot, changed: list[int] | None) -> FacetSnapshot:
        """Read all practices (`changed` None) or only these into the snapshot."""
        rows = Practice.objects.all()
        countries = PracticeCountry.objects.all()
        if changed is not None:
            rows = rows.filter(pk__in=changed)
            countries = countries.filter(practice_id__in=changed)
            _forget(snapshot, changed)
        states = {
            pk: (iso3, region)
            for pk, iso3, region in State.objects.values_list("pk", "iso3", "region")
        }
        places: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for practice_id, state_id in countries.values_list("practice_id", "state_id"):
            iso3, region = states[state_id]
            places[practice_id].add(("country", iso3))
            if region:
                places[practice_id].add(("region", region))
        members: dict[tuple[str, str], list[int]] = defaultdict(list)
        #: Each (facet, value) pair once, shared by every practice that has it: a hundred
        #: thousand practices hold a million and a half pairs but only a few hundred differ.
        shared: dict[tuple[str, str], tuple[str, str]] = {}
        published: list[int] = []
        loaded: list[int] = []
        for row in rows.values_list(
            "pk",
            "review_status",
            "level",
            "implementer_kind",
            "implementation_status",
            "start_year",
            "language",
            "themes",
            "objectives",
            "sdg_targets",
        ).iterator(chunk_size=5000):
            pk, review, level, implementer, status, year, language, themes, objectives, sdgs = row
            values = [
                ("review", review),
                ("level", level),
                ("implementer", implementer),
                ("status", status),
                ("year", str(year)),
                ("language", language),
            ]
            values += [("theme", t) for t in themes or ()]
            values += [("objective", str(o)) for o in objectives or ()]
            values += [("sdg", str(t)) for t in sdgs or ()]
            values += sorted(places.get(pk, ()))
            snapshot.values_of[pk] = tuple([shared.setdefault(pair, pair) for pair in values])
            for facet_value in values:
                members[facet_value].append(pk)
            loaded.append(pk)
            if review == ReviewStatus.PUBLISHED:
                published.append(pk)
        for (facet, value), ids in members.items():
            facet_bits = snapshot.bits.setdefault(facet, {})
            facet_bits[value] = facet_bits.get(value, 0) | ids_to_bits(ids)
        snapshot.published |= ids_to_bits(published)
        snapshot.everything |= ids_to_bits(loaded)
        return snapshot


def _forget(snapshot: FacetSnapshot, ids: list[int]) -> None:
    """Clear these practices' bits, wherever they are set."""
    known = [pk for pk in ids if pk in snapshot.values_of]
    if not known:
        return
    keep = ~ids_to_bits(known)
    touched: set[tuple[str, str]] = set()
    for pk in known:
        touched.update(snapshot.values_of.pop(pk))
    for facet, value in touched:
        snapshot.bits[facet][value] &= keep
    snapshot.published &= keep
    snapshot.everything &= keep


_index = FacetIndex()


def facet_index() -> FacetSnapshot:
    return _index.refresh()


def load_facet_index_in_background() -> threading.Thread:
    """Start loading the facet index, so that the first search after a start need not wait
    for it."""
    return _index.reload_in_background()


def reset_facet_index() -> None:
    """Forget what is in memory (tests that roll back the database call this)."""
    global _index
    _index = FacetIndex()


def visible_bits(user: Any, index: FacetSnapshot) -> int:
    """The practices this user may see (`visible_practices`), as bits."""
    return condition_bits(visible_practices(user), index)


def condition_bits(condition: Q | tuple[str, Any], index: FacetSnapshot) -> int:
    """The practices a filter selects, as bits. What the index holds (review statuses) is read
    from it, and ids listed or selected by a subquery are taken as they are; the rest is read
    from the practices table.

    The parts of an OR are read one by one, each where it is cheapest (an index of the
    database serves one condition, rarely an OR of several). An AND or a negation is read
    without the practices table only when all of it can be, else whole from the table, which
    applies the parts of an AND on related rows to the same row.
    """
    if _without_table(condition):
        return _bits_without_table(condition, index)
    if isinstance(condition, tuple):
        return _bits_from_table(Q(condition), index)
    if condition.connector != Q.OR or condition.negated:
        return _bits_from_table(condition, index)
    bits = 0
    for part in condition.children:
        bits |= condition_bits(part, index)
    return bits


def _named_set(lookup: str, value: Any) -> tuple[str, Any] | None:
    """The set a condition names, if it can be read without the practices table:
    ("review", statuses), ("ids", ids) or ("subquery", a queryset of ids)."""
    if lookup == "review_status":
        return "review", [value]
    if lookup == "review_status__in":
        return "review", list(value)
    if lookup not in ("pk__in", "id__in"):
        return None
    if isinstance(value, list | tuple | set | frozenset):
        return "ids", value
    if isinstance(value, QuerySet) and len(value.query.values_select) == 1:
        return "subquery", value
    return None


def _without_table(condition: Any) -> bool:
    if isinstance(condition, tuple):
        return _named_set(*condition) is not None
    return condition.connector in (Q.AND, Q.OR) and all(
        _without_table(part) for part in condition.children
    )


def _bits_without_table(condition: Any, index: FacetSnapshot) -> int:
    if isinstance(condition, tuple):
        named = _named_set(*condition)
        assert named is not None  # noqa: S101  checked by _without_table
        kind, values = named
        if kind == "review":
            statuses = index.bits.get("review", {})
            bits = 0
            for status in values:
                bits |= statuses.get(str(status), 0)
            return bits
        if kind == "subquery":
            values = values.values_list(values.query.values_select[0], flat=True)
        # Ids of practices deleted since the index was loaded are left out with the rest.
        return ids_to_bits(list(values)) & index.everything
    parts = [_bits_without_table(part, index) for part in condition.children]
    if condition.connector == Q.OR:
        bits = 0
        for part in parts:
            bits |= part
    else:
        bits = index.everything  # an AND of nothing is everything
        for part in parts:
            bits &= part
    return index.everything & ~bits if condition.negated else bits


def _bits_from_table(condition: Q, index: FacetSnapshot) -> int:
    ids = Practice.objects.filter(condition).values_list("pk", flat=True)
    return ids_to_bits(list(ids)) & index.everything


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetCounts:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class PracticeResults:
    query: str
    filters: dict[str, list[str]]
    sort: str
    total: int = 0
    facets: list[FacetCounts] = field(default_factory=list)
    #: The practices of the requested page, in order, each with `snippet` set.
    practices: list["ListedPractice"] = field(default_factory=list)
    #: Every matching id in order, for exports.
    ordered_ids: list[int] = field(default_factory=list)
    offset: int = 0
    limit: int = 20
    #: Words of the query not searched, past the most a query may have, and what the reader
    #: is told about them.
    left_out: tuple[str, ...] = ()
    notice: str = ""


def _no_labels() -> dict[tuple[str, str], str]:
    return {}


def _state_names(language: str) -> dict[str, str]:
    return {
        iso3: country_name(iso3, language, name)
        for iso3, name in State.objects.values_list("iso3", "name")
    }


def value_label(facet: str, value: str, states: dict[str, str]) -> str:
    labels: dict[str, Any] = {
        "theme": Theme,
        "level": Level,
        "implementer": OrganizationKind,
        "status": ImplementationStatus,
        "review": ReviewStatus,
        "sdg": SdgTarget,
    }
    if facet in labels:
        try:
            return str(labels[facet](value).label)
        except ValueError:
            return value
    if facet == "objective":
        try:
            number = int(value)
            return f"{number}. {CompactObjective(number).label}"
        except ValueError:
            return value
    if facet == "country":
        return states.get(value, value)
    if facet == "region":
        return _(value)
    if facet == "language":
        from django.utils.translation import get_language_info

        try:
            return get_language_info(value)["name_local"]
        except KeyError:
            return value
    return value


def clean_filters(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    unknown = sorted(set(raw) - set(FACET_NAMES))
    if unknown:
        raise SearchQueryError(
            PracticeError.UNKNOWN_FACET,
            _("Unknown facet: %(names)s. Facets are: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(FACET_NAMES)},
        )
    return {name: sorted({v for v in values if v}) for name, values in raw.items() if any(values)}


def find_practices(
    *,
    user: Any,
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "",
    offset: int = 0,
    limit: int = 20,
    with_page: bool = True,
) -> PracticeResults:
    """The practices this user may see that match the query and every filter; raises
    `SearchQueryError` for a query it will not run, and `SearchTimedOut` past the time
    budget."""
    query = validate_query(query)
    filters = clean_filters(filters or {})
    if sort and sort not in SORTS:
        raise SearchQueryError(
            PracticeError.UNKNOWN_SORT,
            _("Sort by one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)},
        )
    sort = sort or ("relevance" if query else "newest")
    index = facet_index()
    visible = visible_bits(user, index)
    result = visible
    for name, chosen_values in filters.items():
        facet_bits = index.bits.get(name, {})
        for value in chosen_values:
            result &= facet_bits.get(value, 0)
    language = get_language() or "en"
    scores: dict[int, float] = {}
    if not result:
        pass  # the filters leave nothing for the words to match
    elif query:
        # Every practice matching the words, from the site-wide index in its finder mode.
        matched = {
            int(pk): score
            for pk, score in text_scores(query, PRACTICE_KIND, language=language).items()
        }
        result &= ids_to_bits(matched)
        if sort == "relevance":
            scores = matched

    parsed = parse_query(query, language)
    results = PracticeResults(
        query=query,
        filters=filters,
        sort=sort,
        offset=offset,
        limit=limit,
        left_out=parsed.left_out,
        notice=parsed.notice,
    )
    results.total = result.bit_count()
    shows_private = visible != index.published
    # The States' names and the values' labels are the same for every search in a language:
    # each is worked out once (the labels as they are first needed) until the data change.
    state_names, labels = kept_in_process(
        f"practices:facet-labels:{language}", lambda: (_state_names(language), _no_labels())
    )
    for spec in FACETS:
        if spec.private and not shows_private:
            continue
        chosen = set(filters.get(spec.name, ()))
        values: list[FacetValue] = []
        for value, bits in index.bits.get(spec.name, {}).items():
            count = (result & bits).bit_count()
            if count or value in chosen:
                label = labels.get((spec.name, value))
                if label is None:
                    label = labels[spec.name, value] = value_label(spec.name, value, state_names)
                values.append(FacetValue(value, label, count, value in chosen))
        if spec.name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        if values:
            results.facets.append(FacetCounts(spec.name, str(spec.label), values))

    # A page needs only its own ids: listing every result is left to exports (`with_page`
    # False) and to the orders that need them all.
    wanted = offset + limit if with_page else results.total
    if sort == "relevance" and query:
        ids = ids_in(result, scores)
        ordered = heapq.nlargest(wanted, ids, key=lambda pk: (scores[pk], pk))
    elif sort == "oldest":
        ordered = bits_to_ids(result)
    elif sort == "title":
        ids = bits_to_ids(result)
        titles = dict(Practice.objects.filter(pk__in=ids).values_list("pk", "title"))
        ordered = sorted(ids, key=lambda pk: (titles.get(pk, "").casefold(), pk))
    elif with_page:
        ordered = highest_ids(result, wanted)
    else:
        ordered = bits_to_ids(result)[::-1]
    results.ordered_ids = ordered if not with_page else []
    if with_page:
        page_ids = ordered[offset : offset + limit]
        practices = listed_practices(page_ids, language)
        for pk in page_ids:
            listed = practices.get(pk)
            if listed is None:
                continue
            results.practices.append(
                dataclasses.replace(
                    listed,
                    marked_title=highlight(listed.shown_title, parsed, listed.shown_language),
                    snippet=highlight(
                        listed.shown_text, parsed, listed.shown_language, around=PASSAGE_LENGTH
                    ),
                )
            )
    return results


#: How many listed practices a process keeps per language (`listed_practices`).
LISTED_KEPT = 5000


@dataclass(frozen=True, slots=True)
class ListedPractice:
    """A practice as the result lists (the page's, the API's, a State's) show it: what they
    read of it and no more, as a process keeps thousands (`listed_practices`).

    `title` and `summary` are in the practice's own `language`; `shown_*` are its words in the
    reader's language where translated, in `shown_language`.
    """

    pk: int
    title: str
    summary: str
    language: str
    shown_title: str
    shown_text: str
    shown_language: str
    themes: tuple[str, ...]
    level: str
    review_status: str
    start_year: int
    end_year: int | None
    owner_name: str
    implementer_name: str
    implementer_kind: str
    implementer_slug: str | None
    country_roles: tuple[tuple[str, str], ...]
    #: Its page, in the language the practice is kept for.
    url: str
    #: What a result shows above and below its title, in the reader's language (HTML):
    #: level, themes and a review status not yet published; owner and years.
    kind_line: str
    byline: str
    #: ` lang="…"` (HTML) where the title and text shown are not in the reader's language.
    lang_attribute: str
    #: HTML, set for one search: the shown title and a passage, the query's words marked.
    marked_title: str = ""
    snippet: str = ""

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def is_published(self) -> bool:
        return self.review_status == ReviewStatus.PUBLISHED


def listed_practices(ids: list[int], language: str) -> dict[int, ListedPractice]:
    """The practices with these ids as a result list shows them in `language`.

    Read from the database once and then kept in this process, per language, until the data
    change: every search lists 20 of the same few thousand practices, and building them from
    rows cost more than the search.
    """
    kept: dict[int, ListedPractice] = kept_in_process(f"practices:listed:{language}", dict)
    missing = [pk for pk in ids if pk not in kept]
    if missing:
        if len(kept) + len(missing) > LISTED_KEPT:
            kept.clear()
        kept.update((listed.pk, listed) for listed in _listed(missing, language))
    found = {pk: kept.get(pk) for pk in ids}
    return {pk: listed for pk, listed in found.items() if listed is not None}


def _listed(ids: list[int], language: str) -> list[ListedPractice]:
    translated = {
        practice_id: words
        for practice_id, *words in PracticeTranslation.objects.filter(
            practice_id__in=ids, language=language
        ).values_list("practice_id", "title", "summary", "description")
    }
    country_roles: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for practice_id, iso3, role in PracticeCountry.objects.filter(practice_id__in=ids).values_list(
        "practice_id", "state__iso3", "role"
    ):
        country_roles[practice_id].append((iso3, role))
    listed = []
    for row in Practice.objects.filter(pk__in=ids).values(
        "pk",
        "title",
        "summary",
        "description",
        "language",
        "themes",
        "level",
        "review_status",
        "start_year",
        "end_year",
        "implementer_name",
        "implementer_kind",
        "implementer__slug",
        "owner_state__iso3",
        "owner_state__name",
        "owner_organization__name",
        "owner_organization__names",
    ):
        own = (row["title"], row["summary"], row["description"])
        words = translated.get(row["pk"])
        # As `Practice.text_in`: each translated field where it is filled, else the original.
        title, summary, description = (
            [t or o for t, o in zip(words, own, strict=True)] if words else own
        )
        if row["owner_state__iso3"]:
            owner = country_name(row["owner_state__iso3"], language, row["owner_state__name"])
            owner_shown = conditional_escape(owner)
        else:
            names = row["owner_organization__names"] or {}
            owner = names.get(language) or row["owner_organization__name"] or ""
            # An organization known by its English name only is marked as English.
            owner_shown = in_language(owner, language if names.get(language) else "en", language)
        shown_language = language if words else row["language"]
        listed.append(
            ListedPractice(
                pk=row["pk"],
                title=row["title"],
                summary=row["summary"],
                language=row["language"],
                shown_title=title,
                shown_text=" ".join(p for p in (summary, description) if p),
                shown_language=shown_language,
                themes=tuple(row["themes"]),
                level=row["level"],
                review_status=row["review_status"],
                start_year=row["start_year"],
                end_year=row["end_year"],
                owner_name=owner,
                implementer_name=row["implementer_name"],
                implementer_kind=row["implementer_kind"],
                implementer_slug=row["implementer__slug"],
                country_roles=tuple(country_roles[row["pk"]]),
                url=reverse("practices:practice_detail", args=[row["pk"]]),
                kind_line=_kind_line(row["level"], row["themes"], row["review_status"]),
                byline=format_html(
                    "{} · {}{}",
                    owner_shown,
                    row["start_year"],
                    f"–{row['end_year']}" if row["end_year"] else "",
                ),
                lang_attribute=format_html(' lang="{}"', shown_language)
                if shown_language != language
                else "",
            )
        )
    return listed


def _kind_line(level: str, themes: list[str], review_status: str) -> str:
    """A result's level and themes, and its review status unless it is published: written
    once per practice and language, as the result lists show them."""
    line = format_html("{} · {}", LEVEL_LABELS.get(level, level), list_in(theme_labels(themes)))
    if review_status == ReviewStatus.PUBLISHED:
        return line
    status = REVIEW_STATUS_LABELS.get(review_status, review_status)
    return format_html('{} · <span class="tag status-{}">{}</span>', line, review_status, status)


#: What two practices sharing a theme, or an objective of the Global Compact, have in common
#: counts this much towards their relation; their shared words together count at most
#: `WORDS_WEIGHT`, each distinctive word the more, the fewer practices use it.
SHARED_WEIGHTS = {"theme": 3.0, "objective": 2.0}
WORDS_WEIGHT = 10.0
#: The practice's words compared with the others': its most distinctive ones, this many.
DISTINCTIVE_WORDS = 8
#: The practices sharing only a theme or an objective that are scored, the newest first: a
#: popular theme is shared by tens of thousands.
SHARING_CANDIDATES = 2000


def related_practices(practice: Practice, *, user: Any, limit: int = 5) -> list[Practice]:
    """The practices this user may see that have most in common with this one: themes,
    Global Compact objectives and distinctive words of their texts. Sharing only places
    relates nothing: a remittance practice in Morocco is not related to every other practice
    in Morocco."""
    index = facet_index()
    visible = visible_bits(user, index) & ~ids_to_bits([practice.pk])
    mine = {value for value in index.values_of.get(practice.pk, ()) if value[0] in SHARED_WEIGHTS}
    sharing = 0
    for facet, value in mine:
        sharing |= index.bits.get(facet, {}).get(value, 0)
    words = shared_words(practice)
    candidates = set(bits_to_ids(visible & sharing)[-SHARING_CANDIDATES:])
    candidates |= set(ids_in(visible, words))
    score = {}
    for pk in candidates:
        theirs = set(index.values_of.get(pk, ()))
        score[pk] = words.get(pk, 0.0) + sum(
            SHARED_WEIGHTS[facet] for facet, value in mine if (facet, value) in theirs
        )
    best = heapq.nlargest(limit, score, key=lambda pk: (score[pk], pk))
    found = {
        p.pk: p
        for p in Practice.objects.filter(pk__in=best).select_related(
            "owner_state", "owner_organization"
        )
    }
    return [found[pk] for pk in best if pk in found]


def shared_words(practice: Practice) -> dict[int, float]:
    """Practice id → how much of this practice's distinctive wording it shares (up to
    `WORDS_WEIGHT`), from the search index; read again only once the index changes."""
    return cached_until_change(
        f"practices:shared-words:{practice.pk}",
        lambda: _shared_words(practice),
        version=index_version,
    )


def _shared_words(practice: Practice) -> dict[int, float]:
    """Each distinctive word is looked up in the index (any form of its stem, in titles and
    texts, drafts included: the caller keeps to what the reader may see) and weighs as it is
    rare among practices (its inverse document frequency)."""
    total = facet_index().everything.bit_count()
    matches = {}
    looked_up = text_scores_each(
        distinctive_words(practice), PRACTICE_KIND, language=practice.language
    )
    for word, found in looked_up.items():
        found.pop(str(practice.pk), None)
        if found:
            matches[word] = found
    weights = {word: math.log(1 + total / len(found)) for word, found in matches.items()}
    whole = sum(weights.values())
    shared: dict[int, float] = defaultdict(float)
    for word, found in matches.items():
        for pk in found:
            shared[int(pk)] += WORDS_WEIGHT * weights[word] / whole
    return dict(shared)


def distinctive_words(practice: Practice) -> list[str]:
    """The words of the practice's own text that best tell what it is about: frequent in it
    (a title's words count thrice), rare in the index (its count of words, kept for "Did you
    mean"), and used by some other record. Stop words and words under four letters are left
    out, and so are the words of countries' names: places alone relate nothing."""
    places = kept_in_process("practices:place-words", _place_words)
    counts: Counter[str] = Counter()
    for name in TEXT_FIELDS:
        for word in WORD.findall(getattr(practice, name) or ""):
            folded = fold(word)
            if (
                len(folded) >= 4
                and folded.isalpha()
                and folded not in places
                and not is_stop_word(folded, practice.language)
            ):
                counts[folded] += 3 if name == "title" else 1
    held = dict(SearchWord.objects.filter(word__in=list(counts)).values_list("word", "records"))
    records = max(held.values(), default=1)

    def weight(word: str) -> float:
        return counts[word] * math.log(1 + records / held[word])

    return heapq.nlargest(
        DISTINCTIVE_WORDS, (w for w in counts if held.get(w, 0) > 1), key=lambda w: (weight(w), w)
    )


def _place_words() -> frozenset[str]:
    """Every word of every country's name, in every language, folded."""
    return frozenset(
        fold(word)
        for state in State.objects.all()
        for name in [state.name, *(state.names or {}).values()]
        for word in WORD.findall(name)
    )
