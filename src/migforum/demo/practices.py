"""Demonstration practices: many realistic ones, quickly, for trying the finder and measuring it.

Texts are put together from phrase banks per theme, written in the six languages of the platform
and aligned entry by entry, so that a practice and its translation say the same thing. A seeded
random generator decides everything, so a seed always yields the same practices. Rows are
bulk-created in batches, one transaction per batch; each practice gets one audit event (its
snapshot, by "demo-data") and its entry in the search index.
"""

import datetime
import itertools
import json
import math
import multiprocessing
import random
import re
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from queue import Empty
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from migforum.accounts.models import Role
from migforum.core.audit import record_create, snapshot
from migforum.core.choices import RoleKind
from migforum.core.models import AuditAction, AuditEvent
from migforum.core.search import index_objects
from migforum.core.search.text import fold
from migforum.members.choices import OrganizationKind
from migforum.members.models import Organization, State
from migforum.practices.choices import (
    CountryRole,
    Criterion,
    Decision,
    ImplementationStatus,
    Level,
    ReviewStatus,
    Theme,
)
from migforum.practices.fields import EDITABLE_FIELDS, TEXT_FIELDS
from migforum.practices.models import (
    REVIEW_DAYS,
    Practice,
    PracticeCountry,
    PracticePartner,
    PracticeTranslation,
    PracticeVersion,
    Review,
    ReviewAssignment,
)

from .phrases import (
    ACRONYM_SYLLABLES,
    AIMED,
    ALSO,
    ANALYSES,
    AND,
    BACKGROUND,
    BANKS,
    BEGAN,
    BODIES,
    CONFLICT_STATEMENT,
    COUNTRIES,
    DOES,
    EVALUATIONS,
    FUNCTIONS,
    GLOBAL_TITLES,
    KINDS,
    LANGUAGES,
    LESSONS,
    LINK_TITLES,
    LIST_SEPARATOR,
    METHODS,
    PARTNERS,
    PEOPLE,
    REPLICATION,
    SECTOR,
    SECTORS,
    SENTENCE_SEPARATOR,
    TITLES,
    WORLDWIDE,
)

ACTOR = "demo-data"
DEFAULT_SEED = 2006
BATCH_SIZE = 2000

#: Share of practices written in each language, in the order of `LANGUAGES`.
LANGUAGE_WEIGHTS = (52, 16, 16, 6, 5, 5)
#: How often each kind of organization implements a practice.
IMPLEMENTER_WEIGHTS = {
    OrganizationKind.GOVERNMENT: 40,
    OrganizationKind.LOCAL_AUTHORITY: 10,
    OrganizationKind.CIVIL_SOCIETY: 15,
    OrganizationKind.UN_ENTITY: 12,
    OrganizationKind.INTERGOVERNMENTAL: 5,
    OrganizationKind.PRIVATE_SECTOR: 8,
    OrganizationKind.ACADEMIA: 10,
}

#: Where practices stand in review: most are published.
STAGE_WEIGHTS = {
    ReviewStatus.PUBLISHED: 72,
    ReviewStatus.APPROVED: 3,
    ReviewStatus.UNDER_REVIEW: 6,
    ReviewStatus.CHANGES_REQUESTED: 3,
    ReviewStatus.SUBMITTED: 4,
    ReviewStatus.DRAFT: 8,
    ReviewStatus.WITHDRAWN: 4,
}
LEVEL_WEIGHTS = {Level.LOCAL: 20, Level.NATIONAL: 45, Level.REGIONAL: 22, Level.GLOBAL: 13}
#: Qualified bodies whose analysts review practices; one demo analyst each if they have none.
REVIEWING_BODIES = ("ilo", "iom", "undp", "unhcr", "unodc", "world-bank", "ohchr", "unfpa")
FIRST_YEAR, LAST_YEAR = 1995, 2026
#: The platform's records start with the Forum's first meeting.
PLATFORM_START = datetime.datetime(2007, 7, 9, tzinfo=datetime.UTC)


LANGUAGE_INDEX = {code: i for i, code in enumerate(LANGUAGES)}
THEMES = tuple(Theme.values)
CRITERIA = tuple(Criterion.values)
ROLES = tuple(CountryRole.values)
BODY_KINDS = [str(kind) for kind in BODIES]


# The plan: every random choice for one practice, rendered later in any language.


@dataclass
class PlannedReview:
    reviewer: int
    version: int
    decision: str
    analysis: int
    ratings: dict[str, str]
    at: datetime.datetime


@dataclass
class PlannedAssignment:
    reviewer: int
    at: datetime.datetime
    has_conflict: bool | None
    declared_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None = None


@dataclass
class Plan:
    language: str
    stage: str
    level: str
    themes: list[str]
    topic: int
    group: int
    action: int
    also: tuple[str, int] | None
    problem: int
    results: list[int]
    evaluation: int | None
    title_form: int
    kind: int
    acronym: str
    sector: int
    background: int | None
    began: int
    methods: list[int]
    lessons: list[int]
    replication: int | None
    n: list[int]
    pct: list[int]
    states: list[tuple[int, str]]
    owner_state: int | None
    owner_organization: int | None
    implementer_kind: str
    implementer_body: int | None
    implementer: int | None
    partners: list[tuple[str, int, int | None]]
    objectives: list[int]
    sdgs: list[str]
    start_year: int
    end_year: int | None
    status: str
    contacts: list[tuple[int, int, int, str]]
    links: list[int]
    translation: str | None
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None = None
    published_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    #: Creation times of the versions: v1, and v2 after changes were requested.
    versions: list[datetime.datetime] = field(default_factory=list)
    assignments: list[PlannedAssignment] = field(default_factory=list)
    reviews: list[PlannedReview] = field(default_factory=list)


@dataclass
class World:
    """What the generated practices refer to: States, organizations, reviewers."""

    states: list[State]
    states_by_region: dict[str, list[State]]
    owners: list[Organization]
    implementers: dict[str, list[Organization]]
    reviewers: list[tuple[Any, Organization]]
    assigner: Any
    practice_type: ContentType

    @classmethod
    def load(cls) -> "World":
        states = list(State.objects.order_by("iso3"))
        by_region: dict[str, list[State]] = {}
        for state in states:
            by_region.setdefault(state.region or "", []).append(state)
        organizations = list(
            Organization.objects.exclude(slug="gfmd-support-unit")
            .exclude(kind=OrganizationKind.GOVERNMENT)
            .order_by("slug")
        )
        implementers: dict[str, list[Organization]] = {}
        for organization in organizations:
            implementers.setdefault(organization.kind, []).append(organization)
        assigner = (
            get_user_model()
            .objects.filter(roles__kind=RoleKind.SECRETARIAT, is_active=True)
            .order_by("pk")
            .first()
        )
        return cls(
            states=states,
            states_by_region=by_region,
            owners=organizations,
            implementers=implementers,
            reviewers=demo_reviewers(),
            assigner=assigner,
            practice_type=ContentType.objects.get_for_model(Practice),
        )


def demo_reviewers() -> list[tuple[Any, Organization]]:
    """An analyst for each reviewing body: the first it has, or a demo account made for it."""
    User = get_user_model()
    reviewers = []
    for organization in Organization.objects.filter(slug__in=REVIEWING_BODIES).order_by("slug"):
        role = (
            Role.objects.filter(
                kind=RoleKind.ANALYST, organization=organization, user__is_active=True
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if role is not None:
            reviewers.append((role.user, organization))
            continue
        username = f"demo.analyst.{organization.slug}@example.org"
        with transaction.atomic():
            user = User.objects.filter(username=username).first() or record_create(
                model=User,
                data={
                    "username": username,
                    "email": username,
                    "display_name": f"{organization.acronym or organization.name} analyst (demo)",
                    "password": make_password(None),
                },
                by=None,
                actor_name=ACTOR,
            )
            record_create(
                model=Role,
                data={"user": user, "kind": RoleKind.ANALYST, "organization": organization},
                by=None,
                actor_name=ACTOR,
            )
        reviewers.append((user, organization))
    return reviewers


def _table(weights: dict[str, int]) -> tuple[list[str], list[int]]:
    """Values and cumulated weights, for `_pick`."""
    return [str(value) for value in weights], list(itertools.accumulate(weights.values()))


def _pick(rng: random.Random, table: tuple[list[str], list[int]]) -> str:
    return rng.choices(table[0], cum_weights=table[1])[0]


STAGES = _table(STAGE_WEIGHTS)
LEVELS = _table(LEVEL_WEIGHTS)
IMPLEMENTER_KINDS = _table(IMPLEMENTER_WEIGHTS)
LANGUAGE_TABLE = _table(dict(zip(LANGUAGES, LANGUAGE_WEIGHTS, strict=True)))


def _count(rng: random.Random) -> int:
    """A count as practices report them: mostly tens to thousands, rounded like people do."""
    value = int(math.exp(rng.uniform(math.log(12), math.log(60000))))
    if value > 1000:
        return round(value, -2)
    return round(value, -1) if value > 100 else value


def _moment(rng: random.Random, start: datetime.datetime, days: tuple[int, int]):
    return start + datetime.timedelta(days=rng.uniform(*days), seconds=rng.randint(0, 86399))


def _choose_states(rng: random.Random, world: World, level: str) -> list[tuple[int, str]]:
    """The countries involved and their roles: one origin and one destination at least."""
    origin = rng.choice(world.states)
    if level == Level.REGIONAL:
        neighbours = [s for s in world.states_by_region[origin.region] if s.pk != origin.pk]
        others = rng.sample(neighbours, rng.randint(1, 3))
    elif level == Level.LOCAL:
        others = rng.sample(world.states, rng.randint(0, 1))
    else:
        others = rng.sample(world.states, rng.randint(1, 2))
    chosen = [(origin.pk, CountryRole.ORIGIN.value)]
    for position, state in enumerate(s for s in others if s.pk != origin.pk):
        if position == 0:
            role = CountryRole.DESTINATION.value
        else:
            role = rng.choice(ROLES)
        chosen.append((state.pk, role))
    if len(chosen) == 1 and rng.random() < 0.5:
        chosen.append((origin.pk, CountryRole.DESTINATION.value))  # a country of both, e.g. Mexico
    return chosen


def _timeline(rng: random.Random, plan: Plan, world: World, now: datetime.datetime) -> None:
    """Dates, versions, assignments and reviews, as the plan's stage implies."""
    stage = plan.stage
    earliest = max(
        PLATFORM_START, datetime.datetime(plan.start_year - 1, 1, 1, tzinfo=datetime.UTC)
    )
    span = max((now - earliest).total_seconds() - 200 * 86400, 86400)
    plan.created_at = earliest + datetime.timedelta(seconds=rng.uniform(0, span))
    at = plan.created_at
    withdrawn_from = None
    if stage == ReviewStatus.WITHDRAWN:
        withdrawn_from = rng.choice(
            [ReviewStatus.DRAFT, ReviewStatus.SUBMITTED, ReviewStatus.UNDER_REVIEW]
        )
    if stage != ReviewStatus.DRAFT and withdrawn_from != ReviewStatus.DRAFT:
        at = plan.submitted_at = _moment(rng, at, (1, 60))
        plan.versions.append(at)
    reviewed = stage in (
        ReviewStatus.UNDER_REVIEW,
        ReviewStatus.CHANGES_REQUESTED,
        ReviewStatus.APPROVED,
        ReviewStatus.PUBLISHED,
    ) or (withdrawn_from == ReviewStatus.UNDER_REVIEW)
    if reviewed:
        owner_body = plan.owner_organization
        candidates = [i for i, (_u, org) in enumerate(world.reviewers) if org.pk != owner_body]
        chosen = rng.sample(candidates, min(len(candidates), rng.choice((1, 1, 2))))
        for reviewer in chosen:
            assigned = _moment(rng, at, (2, 30))
            # Only a practice still under review may wait for its reviewers' declarations.
            undeclared = stage == ReviewStatus.UNDER_REVIEW and rng.random() < 0.2
            declared = None if undeclared else _moment(rng, assigned, (0, 7))
            plan.assignments.append(
                PlannedAssignment(reviewer, assigned, False if declared else None, declared)
            )
        at = max(a.at for a in plan.assignments)
        if (
            stage == ReviewStatus.UNDER_REVIEW
            and rng.random() < 0.05
            and len(candidates) > len(chosen)
        ):
            # A reviewer declared a conflict of interest and was replaced.
            conflicted = plan.assignments[0]
            conflicted.has_conflict, conflicted.withdrawn_at = True, conflicted.declared_at or at
            spare = next(i for i in candidates if i not in chosen)
            replacement = _moment(rng, conflicted.withdrawn_at, (1, 10))
            plan.assignments.append(PlannedAssignment(spare, replacement, None, None))
            at = max(at, replacement)
        assessing = [a for a in plan.assignments if a.has_conflict is False]
        decided = stage in (ReviewStatus.APPROVED, ReviewStatus.PUBLISHED)
        asked_changes = stage == ReviewStatus.CHANGES_REQUESTED or (
            stage != ReviewStatus.WITHDRAWN and rng.random() < 0.25
        )
        if asked_changes and assessing:
            at = _moment(rng, at, (7, 60))
            plan.reviews.append(
                _review(rng, assessing[0].reviewer, 1, Decision.REQUEST_CHANGES.value, at)
            )
            if stage != ReviewStatus.CHANGES_REQUESTED:
                at = _moment(rng, at, (10, 90))
                plan.versions.append(at)
        if decided:
            for assignment in assessing or plan.assignments:
                if assignment.has_conflict is None:
                    assignment.has_conflict, assignment.declared_at = False, assignment.at
                at = _moment(rng, at, (5, 45))
                version = len(plan.versions)
                plan.reviews.append(
                    _review(rng, assignment.reviewer, version, Decision.APPROVE.value, at)
                )
        if stage == ReviewStatus.PUBLISHED:
            at = plan.published_at = _moment(rng, at, (2, 20))
    if stage == ReviewStatus.WITHDRAWN:
        at = _moment(rng, at, (5, 120))
    elif stage == ReviewStatus.DRAFT:
        at = _moment(rng, at, (0, 30))
    slack = datetime.timedelta(days=rng.uniform(1, 20))  # drawn always: seeds stay repeatable
    if at > now:
        # The story ran past today: move all of it back to end a few days ago.
        shift = at - now + slack
        plan.created_at -= shift
        plan.submitted_at = plan.submitted_at and plan.submitted_at - shift
        plan.published_at = plan.published_at and plan.published_at - shift
        plan.versions = [v - shift for v in plan.versions]
        for assignment in plan.assignments:
            assignment.at -= shift
            assignment.declared_at = assignment.declared_at and assignment.declared_at - shift
            assignment.withdrawn_at = assignment.withdrawn_at and assignment.withdrawn_at - shift
        for review in plan.reviews:
            review.at -= shift
        at -= shift
    plan.updated_at = at


def _review(rng: random.Random, reviewer: int, version: int, decision: str, at) -> PlannedReview:
    if decision == Decision.APPROVE:
        pool = ["met"] * 6 + ["partly_met"] * 2 + ["not_applicable"]
    else:
        pool = ["met"] * 2 + ["partly_met"] * 3 + ["not_met"] * 2
    ratings = {criterion: rng.choice(pool) for criterion in CRITERIA}
    analysis = rng.randrange(len(ANALYSES[decision]))
    return PlannedReview(reviewer, version, decision, analysis, ratings, at)


def _acronym(rng: random.Random) -> str:
    return "".join(rng.choice(ACRONYM_SYLLABLES) for _ in range(rng.randint(2, 3)))


def plan_practice(rng: random.Random, world: World, now: datetime.datetime) -> Plan:
    """Every choice about one practice, drawn from `rng` alone (so a seed gives the same)."""
    language = _pick(rng, LANGUAGE_TABLE)
    stage = _pick(rng, STAGES)
    level = _pick(rng, LEVELS)
    theme = rng.choice(THEMES)
    others = [t for t in THEMES if t != theme]
    themes = [theme] + rng.sample(others, rng.choices((0, 1, 2), weights=(45, 40, 15))[0])
    bank = BANKS[theme]
    also_theme = rng.choice(themes[1:]) if len(themes) > 1 and rng.random() < 0.8 else theme
    also_action = rng.randrange(len(BANKS[also_theme].actions))
    action = rng.randrange(len(bank.actions))
    also = None
    if (also_theme, also_action) != (theme, action) and rng.random() < 0.85:
        also = (also_theme, also_action)
    is_global = level == Level.GLOBAL and rng.random() < 0.7
    states = [] if is_global else _choose_states(rng, world, level)
    if rng.random() < 0.65:
        owner_state = rng.choice(states)[0] if states else rng.choice(world.states).pk
        owner_organization = None
    else:
        owner_state, owner_organization = None, rng.choice(world.owners).pk
    implementer_kind = _pick(rng, IMPLEMENTER_KINDS)
    registered = world.implementers.get(implementer_kind, [])
    implementer = (
        rng.choice(registered).pk if registered and implementer_kind not in BODIES else None
    )
    if implementer_kind not in BODIES and not registered:
        implementer_kind = OrganizationKind.CIVIL_SOCIETY.value
    implementer_body = (
        rng.randrange(len(BODIES[implementer_kind])) if implementer_kind in BODIES else None
    )
    partners: list[tuple[str, int, int | None]] = []
    for _ in range(rng.choices((0, 1, 2, 3), weights=(20, 35, 30, 15))[0]):
        if world.owners and rng.random() < 0.3:
            organization = rng.choice(world.owners)
            partners.append((organization.kind, -1, organization.pk))
        else:
            kind = rng.choice(BODY_KINDS)
            partners.append((kind, rng.randrange(len(BODIES[kind])), None))
    objectives = sorted(
        set(rng.sample([o for t in themes for o in BANKS[t].objectives], k=1))
        | set(rng.sample(range(1, 24), k=rng.choice((0, 0, 1, 2))))
        | {o for t in themes for o in BANKS[t].objectives if rng.random() < 0.3}
    )
    sdg_pool = sorted({s for t in themes for s in BANKS[t].sdgs})
    sdgs = sorted(rng.sample(sdg_pool, k=rng.randint(1, min(3, len(sdg_pool)))))
    start_year = min(LAST_YEAR, max(FIRST_YEAR, round(rng.triangular(FIRST_YEAR, LAST_YEAR, 2013))))
    end_year = None
    if start_year >= LAST_YEAR or (start_year == LAST_YEAR - 1 and rng.random() < 0.4):
        status = ImplementationStatus.PLANNED.value
    elif rng.random() < 0.45:
        status = ImplementationStatus.COMPLETED.value
        end_year = min(LAST_YEAR - 1, start_year + rng.randint(1, 10))
    else:
        status = ImplementationStatus.ONGOING.value
        if rng.random() < 0.3:
            end_year = rng.randint(LAST_YEAR, LAST_YEAR + 4)
    contacts = [
        (
            rng.randrange(len(PEOPLE[language][0])),
            rng.randrange(len(PEOPLE[language][1])),
            rng.randrange(len(FUNCTIONS)),
            str(rng.randint(1, 999)),
        )
        for _ in range(rng.choices((0, 1, 2), weights=(10, 70, 20))[0])
    ]
    translation = None
    if rng.random() < (0.06 if language == "en" else 0.3):
        translation = rng.choice(("fr", "es")) if language == "en" else "en"
    topic = rng.randrange(len(bank.topics))
    title_form = rng.choices((0, 1, 2), weights=(45, 30, 25))[0]
    if title_form == 0 and " for " in bank.topics[topic][0]:
        title_form = 1  # not "Hotline for victims for victims"
    plan = Plan(
        language=language,
        stage=stage,
        level=level,
        themes=themes,
        topic=topic,
        group=rng.randrange(len(bank.groups)),
        action=action,
        also=also,
        problem=rng.randrange(len(bank.problems)),
        results=rng.sample(range(len(bank.results)), rng.choice((1, 1, 2))),
        evaluation=rng.randrange(len(EVALUATIONS)) if rng.random() < 0.5 else None,
        title_form=title_form,
        kind=rng.randrange(len(KINDS[level])),
        acronym=_acronym(rng),
        sector=rng.randrange(len(SECTORS)),
        background=rng.randrange(len(BACKGROUND)) if rng.random() < 0.6 else None,
        began=rng.randrange(len(BEGAN)),
        methods=rng.sample(range(len(METHODS)), rng.randint(1, 2)),
        lessons=rng.sample(range(len(LESSONS)), rng.randint(1, 2)),
        replication=rng.randrange(len(REPLICATION)) if rng.random() < 0.7 else None,
        n=[_count(rng) for _ in range(4)],
        pct=[rng.randint(5, 85) for _ in range(3)],
        states=states,
        owner_state=owner_state,
        owner_organization=owner_organization,
        implementer_kind=implementer_kind,
        implementer_body=implementer_body,
        implementer=implementer,
        partners=partners,
        objectives=objectives,
        sdgs=sdgs,
        start_year=start_year,
        end_year=end_year,
        status=status,
        contacts=contacts,
        links=sorted(rng.sample(range(len(LINK_TITLES)), rng.choice((0, 1, 1, 2)))),
        translation=translation,
        created_at=now,
    )
    _timeline(rng, plan, world, now)
    return plan


# Rendering a plan in one language.


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _number(value: int, language: str) -> str:
    grouped = f"{value:,}"
    if language in ("fr", "ru"):
        return grouped.replace(",", "\u00a0")
    if language == "es":
        return grouped.replace(",", ".") if value >= 10000 else str(value)
    if language == "en":
        return grouped
    return str(value)


class Renderer:
    """Turns plans into text in any language; knows the States and organizations by id."""

    def __init__(self, world: World) -> None:
        self.states = {s.pk: s for s in world.states}
        self.names = {s.pk: s.names for s in world.states}
        self.organizations = {o.pk: o for o in world.owners}

    def places(self, plan: Plan, language: str) -> list[str]:
        ids = list(dict.fromkeys(pk for pk, _role in plan.states))
        return [self.names[pk].get(language) or self.states[pk].name for pk in ids]

    def organization_name(self, pk: int, language: str) -> str:
        organization = self.organizations[pk]
        return organization.names.get(language) or organization.name

    def body_name(self, kind: str, index: int, organization: int | None, plan: Plan, language: str):
        li = LANGUAGE_INDEX[language]
        if organization is not None:
            return self.organization_name(organization, language)
        name = BODIES[kind][index][li]
        if kind == OrganizationKind.GOVERNMENT and plan.states:
            state = self.states[plan.states[index % len(plan.states)][0]]
            name += f" ({self.names[state.pk].get(language) or state.name})"
        return name

    def implementer_name(self, plan: Plan) -> str:
        if plan.implementer is not None:
            return self.organization_name(plan.implementer, plan.language)
        assert plan.implementer_body is not None
        return self.body_name(
            plan.implementer_kind, plan.implementer_body, None, plan, plan.language
        )

    def partner_rows(self, plan: Plan) -> list[tuple[str, str, int | None]]:
        rows: dict[str, tuple[str, str, int | None]] = {}
        for kind, index, organization in plan.partners:
            name = self.body_name(kind, index, organization, plan, plan.language)
            rows.setdefault(name, (name, kind, organization))
        return list(rows.values())

    def text(self, plan: Plan, language: str) -> dict[str, str]:
        """The practice's text fields in `language`."""
        li = LANGUAGE_INDEX[language]
        bank = BANKS[plan.themes[0]]
        places = self.places(plan, language)
        separator = LIST_SEPARATOR[li]
        if len(places) > 1:
            places_and = separator.join(places[:-1]) + AND[li] + places[-1]
        else:
            places_and = places[0] if places else ""
        topic = bank.topics[plan.topic][li]
        kind = KINDS[plan.level][plan.kind][li]
        values = {
            "topic": topic,
            "Topic": _capital(topic),
            "kind": kind,
            "Kind": _capital(kind),
            "group": bank.groups[plan.group][li],
            "places": separator.join(places),
            "places_and": places_and,
            "acronym": plan.acronym,
        }
        numbers = {
            "n": _number(plan.n[0], language),
            "pct": str(plan.pct[0]),
            "year": str(plan.start_year),
        }
        forms = TITLES if places else GLOBAL_TITLES
        title = forms[plan.title_form][li].format(**values)

        def sentences(*parts: str) -> str:
            return SENTENCE_SEPARATOR[li].join(p for p in parts if p)

        action = DOES[li].format(action=bank.actions[plan.action][li])
        also = ""
        if plan.also:
            also = ALSO[li].format(action=BANKS[plan.also[0]].actions[plan.also[1]][li])
        results = [
            bank.results[r][li].format(n=_number(plan.n[i + 1], language), pct=str(plan.pct[i + 1]))
            for i, r in enumerate(plan.results)
        ]
        summary = sentences(action, AIMED[li].format(group=values["group"]), results[0])
        context = sentences(
            bank.problems[plan.problem][li],
            BEGAN[plan.began][li].format(**numbers),
            BACKGROUND[plan.background][li].format(**numbers)
            if plan.background is not None
            else "",
            COUNTRIES[li].format(places=values["places"]) if places else WORLDWIDE[li],
        )
        partners = [name for name, _kind, _org in self.partner_rows(plan)]
        description = sentences(
            also,
            *(METHODS[m][li].format(**numbers) for m in plan.methods),
            SECTOR[li].format(sector=SECTORS[plan.sector][li]),
            PARTNERS[li].format(partners=separator.join(partners)) if partners else "",
        )
        evaluation = ""
        if plan.evaluation is not None:
            year = min(LAST_YEAR, max(plan.start_year + 2, plan.created_at.year))
            evaluation = EVALUATIONS[plan.evaluation][li].format(
                year=year, pct=str(plan.pct[2] % 40 + 55)
            )
        return {
            "title": title[:300],
            "summary": summary,
            "context": context,
            "description": description,
            "results": sentences(*results, evaluation),
            "lessons": sentences(*(LESSONS[i][li] for i in plan.lessons)),
            "replication": (
                REPLICATION[plan.replication][li].format(**numbers)
                if plan.replication is not None
                else ""
            ),
        }

    def contacts(self, plan: Plan) -> list[dict[str, str]]:
        language = plan.language
        li = LANGUAGE_INDEX[language]
        given, family = PEOPLE[language]
        found = []
        for first, last, function, number in plan.contacts:
            if language == "ru":
                name = given[first]
            elif language == "zh-hans":
                name = given[first] + family[last]
            else:
                name = f"{given[first]} {family[last]}"
            ascii_name = re.sub(r"[^a-z]+", ".", fold(name)).strip(".")
            local = ascii_name if ascii_name else f"contact{number}"
            found.append(
                {
                    "name": name,
                    "function": FUNCTIONS[function][li],
                    "email": f"{local}@example.org",
                }
            )
        return found

    def links(self, plan: Plan) -> list[dict[str, str]]:
        li = LANGUAGE_INDEX[plan.language]
        slug = plan.acronym.lower()
        paths = ("", "evaluation.pdf")
        return [
            {"title": LINK_TITLES[i][li], "url": f"https://{slug}.example.org/{paths[i]}"}
            for i in plan.links
        ]


# Preparing rows (pure Python, no database: it may run in another process) and writing them.


@dataclass
class Prepared:
    """One practice as rows to write, all but the ids the database gives."""

    fields: dict[str, Any]
    countries: list[tuple[int, str]]
    partners: list[tuple[str, str, int | None]]
    translation: tuple[str, dict[str, str]] | None
    #: (number, content, created at)
    versions: list[tuple[int, Any, Any]]
    #: (reviewer, body, assigned at, conflict, statement, declared at, withdrawn at)
    assignments: list[tuple[int, int, Any, bool | None, str, Any, Any]]
    #: (reviewer, version number, ratings, analysis, decision, created at)
    reviews: list[tuple[int, int, Any, str, str, Any]]
    #: The practice's columns (`PRACTICE_COLUMNS`), ready for the database.
    row: tuple[Any, ...]
    #: The audit snapshot, but for the id (see `_after`).
    after: Any


def _when(value: datetime.datetime | None) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _json(value: Any) -> Any:
    if connection.vendor == "sqlite":
        # The same JSON as the ORM's, without escaping non-ASCII characters: about half the
        # bytes for texts in Arabic, Chinese or Russian.
        return json.dumps(value, ensure_ascii=False)
    return connection.ops.adapt_json_value(value, None)


#: The practice's columns as written, and how each value is adapted.
PRACTICE_FIELDS = [f for f in Practice._meta.concrete_fields if not f.primary_key]


def _adapter(model_field: models.Field) -> Callable[[Any], Any] | None:
    if isinstance(model_field, models.JSONField):
        return _json
    if isinstance(model_field, models.DateTimeField):
        return _when
    return None


def _practice_row(fields: dict[str, Any]) -> tuple[Any, ...]:
    row = []
    for model_field in PRACTICE_FIELDS:
        value = fields.get(model_field.attname)
        adapt = _adapter(model_field)
        row.append(adapt(value) if adapt else value)
    return tuple(row)


#: How an audit snapshot's JSON starts before the practice has an id.
NO_ID = '{"id": null'


def _after(fields: dict[str, Any]) -> Any:
    """The audit snapshot of a practice not yet written (on SQLite, already as JSON)."""
    after = snapshot(Practice(**fields))
    if connection.vendor != "sqlite":
        return after
    text = json.dumps(after, ensure_ascii=False)
    assert text.startswith(NO_ID)
    return text


def _with_id(after: Any, pk: int) -> Any:
    if isinstance(after, str):
        return f'{{"id": {pk}' + after[len(NO_ID) :]
    return _json(dict(after, id=pk))


def prepare(plan: Plan, world: World, renderer: Renderer) -> Prepared:
    """The rows of one planned practice."""
    li = LANGUAGE_INDEX[plan.language]
    fields = {
        "owner_state_id": plan.owner_state,
        "owner_organization_id": plan.owner_organization,
        "language": plan.language,
        **renderer.text(plan, plan.language),
        "level": plan.level,
        "is_global": not plan.states,
        "implementer_name": renderer.implementer_name(plan),
        "implementer_kind": plan.implementer_kind,
        "implementer_id": plan.implementer,
        "themes": plan.themes,
        "objectives": plan.objectives,
        "sdg_targets": plan.sdgs,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "implementation_status": plan.status,
        "contacts": renderer.contacts(plan),
        "links": renderer.links(plan),
        "review_status": plan.stage,
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
        "submitted_at": plan.submitted_at,
        "published_at": plan.published_at,
    }
    partners = renderer.partner_rows(plan)
    translation = None
    if plan.translation:
        translation = (plan.translation, renderer.text(plan, plan.translation))
    versions = []
    if plan.versions:
        # What `services.version_content` keeps when a practice is submitted.
        content = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
        content["implementer"] = plan.implementer
        content["countries"] = sorted(
            f"{renderer.states[state].iso3} ({role})" for state, role in plan.states
        )
        content["partners"] = [f"{name} ({kind})" for name, kind, _org in partners]
        content["translations"] = dict([translation]) if translation else {}
        for number, at in enumerate(plan.versions, start=1):
            if number < len(plan.versions):
                # What the reviewers asked to change: the first version said less.
                earlier = dict(content, results=content["results"].split(". ")[0])
                versions.append((number, _json(earlier), _when(at)))
            else:
                versions.append((number, _json(content), _when(at)))
    assignments = []
    for a in plan.assignments:
        user, organization = world.reviewers[a.reviewer]
        assignments.append(
            (
                user.pk,
                organization.pk,
                _when(a.at),
                a.has_conflict,
                CONFLICT_STATEMENT if a.has_conflict else "",
                _when(a.declared_at),
                _when(a.withdrawn_at),
                a.at.date() + datetime.timedelta(days=REVIEW_DAYS),
            )
        )
    reviews = [
        (
            world.reviewers[r.reviewer][0].pk,
            r.version,
            _json(r.ratings),
            ANALYSES[r.decision][r.analysis][li],
            r.decision,
            _when(r.at),
        )
        for r in plan.reviews
    ]
    return Prepared(
        fields=fields,
        countries=plan.states,
        partners=partners,
        translation=translation,
        versions=versions,
        assignments=assignments,
        reviews=reviews,
        row=_practice_row(fields),
        after=_after(fields),
    )


def prepared_batches(
    *, count: int, seed: int, batch_size: int, world: World, now: datetime.datetime
) -> Iterator[list[Prepared]]:
    """The practices to write, batch by batch, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311  repeatable demo data, not secrets
    renderer = Renderer(world)
    for start in range(0, count, batch_size):
        size = min(batch_size, count - start)
        yield [prepare(plan_practice(rng, world, now), world, renderer) for _ in range(size)]


def _feed(batches: Iterator[list[Prepared]], queue: Any) -> None:
    try:
        for batch in batches:
            queue.put(("batch", batch))
        queue.put(("done", None))
    except BaseException:  # noqa: BLE001  reported to the writing process, which raises it
        queue.put(("error", traceback.format_exc()))


def in_other_process(batches: Iterator[list[Prepared]]) -> Iterator[list[Prepared]]:
    """The same batches, prepared by a forked process while this one writes the previous
    ones. The child only computes: it never touches the database connection it inherits."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=2)
    child = context.Process(target=_feed, args=(batches, queue), daemon=True)
    child.start()
    try:
        while True:
            try:
                kind, value = queue.get(timeout=5)
            except Empty:
                if not child.is_alive():
                    raise RuntimeError("The process preparing demo data stopped.") from None
                continue
            if kind == "done":
                return
            if kind == "error":
                raise RuntimeError(f"Preparing demo data failed:\n{value}")
            yield value
    finally:
        if child.is_alive():
            child.kill()
        child.join()


class Rows:
    """Rows written straight into a table with one `executemany`: the ORM's bulk_create
    spends more time composing the SQL than the database spends writing the rows."""

    def __init__(self, model: type[models.Model], columns: tuple[str, ...]) -> None:
        quote = connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  names from the model
            quote(model._meta.db_table),
            ", ".join(quote(model._meta.get_field(c).column) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )
        self.values: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> None:
        self.values.append(values)

    def write(self) -> int:
        if self.values:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, self.values)
        return len(self.values)


@dataclass
class DemoReport:
    practices: int = 0
    by_stage: Counter = field(default_factory=Counter)
    by_language: Counter = field(default_factory=Counter)
    translations: int = 0
    versions: int = 0
    assignments: int = 0
    reviews: int = 0
    audit_events: int = 0
    search_documents: int = 0
    first_id: int | None = None
    last_id: int | None = None
    seconds: float = 0.0


def _insert_practices(rows: list[tuple[Any, ...]]) -> list[int]:
    """Insert practices, a few hundred per statement, and return their ids in order."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in PRACTICE_FIELDS)
    one = "(" + ", ".join(["%s"] * len(PRACTICE_FIELDS)) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 400):
            chunk = rows[start : start + 400]
            cursor.execute(
                f"INSERT INTO {quote(Practice._meta.db_table)} ({columns}) "  # noqa: S608  names from the model
                f"VALUES {', '.join([one] * len(chunk))} RETURNING {quote('id')}",
                [value for row in chunk for value in row],
            )
            # One statement's rows get increasing ids in the order of its VALUES; RETURNING
            # need not list them in that order.
            ids += sorted(pk for (pk,) in cursor.fetchall())
    return ids


def write_batch(batch: list[Prepared], world: World) -> DemoReport:
    """Write prepared practices, their audit events and their index rows; call it in a
    transaction."""
    ids = _insert_practices([p.row for p in batch])

    countries = Rows(PracticeCountry, ("practice", "state", "role"))
    partners = Rows(PracticePartner, ("practice", "name", "kind", "organization"))
    translations = Rows(PracticeTranslation, ("practice", "language", *TEXT_FIELDS))
    versions = Rows(PracticeVersion, ("practice", "number", "content", "created_at"))
    assignments = Rows(
        ReviewAssignment,
        ("practice", "reviewer", "organization", "assigned_by", "assigned_at", "has_conflict")
        + ("conflict_statement", "declared_at", "withdrawn_at", "due_on"),
    )
    events = Rows(
        AuditEvent,
        ("at", "actor", "actor_label", "action", "content_type", "object_id", "object_repr")
        + ("before", "after", "acting_for_label"),
    )
    written_at = _when(timezone.now())
    assigner = world.assigner.pk if world.assigner else None
    for pk, p in zip(ids, batch, strict=True):
        for state, role in p.countries:
            countries.add(pk, state, role)
        for name, kind, organization in p.partners:
            partners.add(pk, name[:300], kind, organization)
        if p.translation:
            language, words = p.translation
            translations.add(pk, language, *(words[name] for name in TEXT_FIELDS))
        for number, content, at in p.versions:
            versions.add(pk, number, content, at)
        for reviewer, body, *when in p.assignments:
            assignments.add(pk, reviewer, body, assigner, *when)
        title = p.fields["title"][:300]
        events.add(
            written_at,
            None,
            ACTOR,
            AuditAction.CREATE.value,
            world.practice_type.pk,
            str(pk),
            title,
            None,
            _with_id(p.after, pk),
            ACTOR,
        )
    for rows in (countries, partners, translations, versions, assignments, events):
        rows.write()

    # Reviews point at versions and assignments: read back the ids just given to them.
    version_ids = {
        (practice, number): pk
        for pk, practice, number in PracticeVersion.objects.filter(practice__in=ids).values_list(
            "pk", "practice", "number"
        )
    }
    assignment_ids = {
        (practice, reviewer): pk
        for pk, practice, reviewer in ReviewAssignment.objects.filter(practice__in=ids).values_list(
            "pk", "practice", "reviewer"
        )
    }
    reviews = Rows(
        Review, ("assignment", "version", "ratings", "analysis", "decision", "created_at")
    )
    for pk, p in zip(ids, batch, strict=True):
        for reviewer, number, ratings, analysis, decision, at in p.reviews:
            assignment, version = assignment_ids[(pk, reviewer)], version_ids[(pk, number)]
            reviews.add(assignment, version, ratings, analysis, decision, at)
    reviews.write()

    report = DemoReport()
    stages = [p.fields["review_status"] for p in batch]
    report.search_documents = index_objects([Practice(pk=pk) for pk in ids])
    report.practices = len(ids)
    report.by_stage.update(stages)
    report.by_language.update(p.fields["language"] for p in batch)
    report.translations = len(translations.values)
    report.versions = len(versions.values)
    report.assignments = len(assignments.values)
    report.reviews = len(reviews.values)
    report.audit_events = len(events.values)
    report.first_id, report.last_id = ids[0], ids[-1]
    return report


def practices_generate(
    *,
    count: int,
    seed: int = DEFAULT_SEED,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[DemoReport], None] | None = None,
) -> DemoReport:
    """Add `count` generated practices with their review history, audit events and index
    rows, one transaction per batch; the same seed gives the same practices."""
    started = time.perf_counter()
    world = World.load()
    if not world.states:
        raise ValueError("There are no States: run `migforum init` first.")
    batches = prepared_batches(
        count=count, seed=seed, batch_size=batch_size, world=world, now=timezone.now()
    )
    if count > 2 * batch_size and "fork" in multiprocessing.get_all_start_methods():
        batches = in_other_process(batches)
    total = DemoReport()
    for batch in batches:
        with transaction.atomic():
            report = write_batch(batch, world)
        for name in ("practices", "translations", "versions", "assignments", "reviews"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        total.audit_events += report.audit_events
        total.search_documents += report.search_documents
        total.by_stage += report.by_stage
        total.by_language += report.by_language
        total.first_id = total.first_id or report.first_id
        total.last_id = report.last_id
        total.seconds = time.perf_counter() - started
        if progress:
            progress(total)
    total.seconds = time.perf_counter() - started
    return total
