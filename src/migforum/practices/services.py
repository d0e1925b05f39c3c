"""Every change to a practice: drafting, submission, review, publication, calls for practices.

Each function checks the permission, writes through the audit trail, moves the practice along
`TRANSITIONS` and tells the people concerned by e-mail once the change is committed.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migforum.accounts.selectors import focal_point_addresses
from migforum.core.audit import (
    acting_for,
    record_create,
    record_delete,
    record_update,
    record_upsert,
    snapshot,
)
from migforum.core.cache import kept_in_process
from migforum.core.choices import RoleKind
from migforum.core.mail import Mail, mail_on_commit
from migforum.core.permissions import Action, can, require, roles_as
from migforum.core.search import index_objects
from migforum.core.text import text_fields_clean
from migforum.core.versioning import version_create
from migforum.members.models import Organization, State

from .choices import TRANSITIONS, Criterion, Decision, Rating, ReviewStatus
from .errors import PracticeError
from .fields import EDITABLE_FIELDS, TEXT_FIELDS, VERSIONED_FIELDS
from .models import (
    CallForPractices,
    Practice,
    PracticeAttachment,
    PracticeCountry,
    PracticePartner,
    PracticeTranslation,
    PracticeVersion,
    Review,
    ReviewAssignment,
    review_due_on,
)
from .permissions import owner_choices, owns_practice

COUNTRIES_NEEDED = gettext_lazy("Name the countries involved, or mark the practice as global.")

#: Attachments are reports and leaflets; larger files belong on the implementer's website.
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@dataclass
class PracticeContent:
    """What an owner writes: the practice's fields and the rows that hang from it."""

    fields: dict[str, Any]
    #: (State, CountryRole value) pairs.
    countries: list[tuple[State, str]] = field(default_factory=list)
    #: Each: {"name", "kind", "organization" (or None)}.
    partners: list[dict[str, Any]] = field(default_factory=list)
    #: Each: {"language", "title", "summary", …}; None leaves the translations as they are.
    translations: list[dict[str, Any]] | None = None


def _check_owner(by: Any, owner: State | Organization) -> None:
    if owner not in owner_choices(by):
        raise PermissionDenied(_("You may submit practices only for your own State or body."))


def _touch(practice: Practice, by: Any, data: Mapping[str, Any]) -> Practice:
    practice, _changed = record_update(
        instance=practice, by=by, data={**data, "updated_at": timezone.now()}
    )
    return practice


def _replace_rows(
    *, existing: Iterable[Any], wanted: list[dict[str, Any]], model: type, keys: tuple, by: Any
) -> bool:
    """Bring the child rows to `wanted`, creating and deleting through the audit trail."""
    current = {tuple(getattr(row, k) for k in keys): row for row in existing}
    wanted_by_key = {tuple(_item_value(item, k) for k in keys): item for item in wanted}
    changed = False
    for key, row in current.items():
        if key not in wanted_by_key:
            record_delete(instance=row, by=by)
            changed = True
    for key, item in wanted_by_key.items():
        if key in current:
            row = current[key]
            _row, row_changed = record_update(instance=row, data=item, by=by)
            changed = changed or row_changed
        else:
            record_create(model=model, data=item, by=by)
            changed = True
    return changed


def _item_value(item: Mapping[str, Any], key: str) -> Any:
    """`key` of a row to be written; "state_id" is read off the State it refers to."""
    if key not in item and key.endswith("_id"):
        related = item.get(key[:-3])
        return related.pk if related is not None else None
    return item[key]


def _children(
    practice: Practice, content: PracticeContent
) -> list[tuple[str, type, tuple[str, ...], list[dict[str, Any]]]]:
    """What hangs from the practice in `content`: for countries, partners and translations
    (unless left as they are), the related name, the model, the key and the rows wanted."""
    children: list[tuple[str, type, tuple[str, ...], list[dict[str, Any]]]] = [
        (
            "countries",
            PracticeCountry,
            ("state_id", "role"),
            [
                {"practice": practice, "state": state, "role": role}
                for state, role in content.countries
            ],
        ),
        (
            "partners",
            PracticePartner,
            ("name",),
            [
                {
                    "practice": practice,
                    "name": p["name"].strip(),
                    "kind": p["kind"],
                    "organization": p.get("organization"),
                }
                for p in content.partners
                if p.get("name", "").strip()
            ],
        ),
    ]
    if content.translations is not None:
        translations = [
            {"practice": practice, **{k: t.get(k, "") for k in ("language", *TEXT_FIELDS)}}
            for t in content.translations
            if t.get("language") and t["language"] != practice.language
        ]
        children.append(("translations", PracticeTranslation, ("language",), translations))
    return children


def _write_children(
    practice: Practice, content: PracticeContent, by: Any, *, is_new: bool = False
) -> bool:
    """Bring countries, partners and translations to `content`; a new practice has none to
    read first."""
    changed = False
    for related_name, model, keys, wanted in _children(practice, content):
        changed |= _replace_rows(
            existing=[] if is_new else getattr(practice, related_name).all(),
            wanted=wanted,
            model=model,
            keys=keys,
            by=by,
        )
    return changed


def _check_call(practice_call: CallForPractices | None, previous: CallForPractices | None) -> None:
    if practice_call is not None and practice_call != previous and not practice_call.is_open:
        raise ValidationError(
            {
                "call": ValidationError(
                    _("The call “%(call)s” is closed.") % {"call": practice_call.title},
                    code=PracticeError.CALL_CLOSED,
                )
            }
        )


@transaction.atomic
def practice_create(
    *,
    by: Any,
    owner: State | Organization,
    content: PracticeContent,
    check_owner: bool = True,
    index_text: bool = True,
) -> Practice:
    """A new draft for `owner`. An import of many passes `index_text=False` and indexes them
    all at once, inside the same transaction."""
    if check_owner and not (can(by, Action.MANAGE_PRACTICES) and by.is_authenticated):
        _check_owner(by, owner)
    data = _new_practice_data(owner, content)
    _check_call(data.get("call"), None)
    practice = record_create(model=Practice, data=data, by=by)
    if not practice.is_global and not content.countries:
        raise ValidationError(
            {"countries": ValidationError(COUNTRIES_NEEDED, code=PracticeError.COUNTRIES_NEEDED)}
        )
    _write_children(practice, content, by, is_new=True)
    if index_text:
        index_objects([practice])
    return practice


def _new_practice_data(owner: State | Organization, content: PracticeContent) -> dict[str, Any]:
    fields = {k: v for k, v in content.fields.items() if k in EDITABLE_FIELDS}
    ownership = (
        {"owner_state": owner} if isinstance(owner, State) else {"owner_organization": owner}
    )
    return {**fields, **ownership, "review_status": ReviewStatus.DRAFT}


def new_practice_rows(
    *, owner: State | Organization, content: PracticeContent
) -> tuple[Practice, list[PracticeCountry | PracticePartner | PracticeTranslation]]:
    """The practice `practice_create` would write for `content` and the rows that hang from
    it, in the order it writes them, unsaved and unchecked: an import that has checked its
    rows already writes thousands of them at once (see `imports.py`)."""
    practice = Practice(**_new_practice_data(owner, content))
    rows = []
    for _related_name, model, keys, wanted in _children(practice, content):
        unique = {tuple(_item_value(item, k) for k in keys): item for item in wanted}
        rows += [model(**item) for item in unique.values()]
    # What record_create does to every record it writes: the same text as practice_create's.
    for record in (practice, *rows):
        text_fields_clean(record)
    return practice, rows


def _check_countries(practice: Practice) -> None:
    if not practice.is_global and not practice.countries.exists():
        raise ValidationError(
            {"countries": ValidationError(COUNTRIES_NEEDED, code=PracticeError.COUNTRIES_NEEDED)}
        )


@transaction.atomic
def practice_update(*, practice: Practice, by: Any, content: PracticeContent) -> Practice:
    """The owner edits its practice while it is a draft or changes are requested."""
    require(by, Action.CHANGE, practice)
    fields = {k: v for k, v in content.fields.items() if k in EDITABLE_FIELDS}
    _check_call(fields.get("call", practice.call), practice.call)
    before = snapshot(practice)
    for name, value in fields.items():
        setattr(practice, name, value)
    children_changed = _write_children(practice, content, by)
    if snapshot(practice) != before or children_changed:
        practice.updated_at = timezone.now()
        # Compare against what is stored, so the audit event shows this edit's changes.
        stored = Practice.objects.get(pk=practice.pk)
        record_update(
            instance=stored,
            by=by,
            data={name: getattr(practice, name) for name in (*fields, "updated_at")},
        )
        practice.refresh_from_db()
    _check_countries(practice)
    index_objects([practice])
    return practice


def version_content(practice: Practice) -> dict[str, Any]:
    """The practice as submitted: what `fields.VERSIONED_FIELDS` names, its words, its
    classification and who is involved; a record it points to by its id, and the rows that
    hang from it as lines of text."""
    rows = {
        "countries": lambda: sorted(
            f"{c.state.iso3} ({c.role})" for c in practice.countries.select_related("state")
        ),
        "partners": lambda: [f"{p.name} ({p.kind})" for p in practice.partners.all()],
        "translations": lambda: {
            t.language: {name: getattr(t, name) for name in TEXT_FIELDS}
            for t in practice.translations.all()
        },
    }
    return {
        name: rows[name]() if name in rows else getattr(practice, _attname(name))
        for name in VERSIONED_FIELDS
    }


def _attname(name: str) -> str:
    """The attribute holding a field's stored value: a foreign key's id, not its record."""
    return Practice._meta.get_field(name).attname  # type: ignore[union-attr]


def _new_version(practice: Practice, by: Any) -> PracticeVersion:
    return version_create(
        model=PracticeVersion,
        record=practice,
        by=by,
        data={
            "content": version_content(practice),
            "created_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )


def _move(practice: Practice, *, to: str, by: Any, note: str = "", **data: Any) -> Practice:
    """Take the practice to another stage of review, if that step is allowed from here."""
    came_from = practice.review_status
    if to not in TRANSITIONS[came_from]:
        raise ValidationError(
            _("A practice that is “%(stage)s” cannot become “%(next)s”.")
            % {
                "stage": ReviewStatus(came_from).label,
                "next": ReviewStatus(to).label,
            },
            code=PracticeError.TRANSITION_NOT_ALLOWED,
        )
    practice = _touch(practice, by, {"review_status": to, **data})
    index_objects([practice])
    mail_on_commit(lambda: notify(practice, came_from=came_from, by=by, note=note))
    return practice


@transaction.atomic
def practice_submit(*, practice: Practice, by: Any) -> Practice:
    """The owner submits a draft, or resubmits after changes were requested: the text is kept
    as a new version, and a resubmission goes straight back to its reviewers."""
    require(by, Action.CHANGE, practice)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    _check_call(practice.call, None) if practice.review_status == ReviewStatus.DRAFT else None
    _check_countries(practice)
    _new_version(practice, by)
    if practice.review_status == ReviewStatus.CHANGES_REQUESTED:
        return _move(practice, to=ReviewStatus.UNDER_REVIEW, by=by)
    return _move(practice, to=ReviewStatus.SUBMITTED, by=by, submitted_at=timezone.now())


def reviewer_candidates(*, practice: Practice) -> list[Any]:
    """Analysts of qualified bodies the secretariat may still assign to this practice: its
    reviewers already assigned are not offered again (one withdrawn may be assigned anew)."""
    assigned = practice.assignments.filter(withdrawn_at__isnull=True).values("reviewer_id")
    return list(
        get_user_model()
        .objects.filter(roles__kind=RoleKind.ANALYST, is_active=True)
        .exclude(pk__in=assigned)
        .select_related()
        .distinct()
        .order_by("display_name", "username")
    )


@transaction.atomic
def reviewer_assign(
    *, practice: Practice, reviewer: Any, by: Any, due_on: datetime.date | None = None
) -> ReviewAssignment:
    """The secretariat assigns an analyst of a qualified body, to assess the practice by a
    day (`REVIEW_DAYS` from today unless given); the practice goes under review."""
    require(by, Action.MANAGE_PRACTICES, practice)
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError(
            _("The assessment cannot be due on a day that has passed."),
            code=PracticeError.DUE_DATE_PASSED,
        )
    due_on = due_on or review_due_on()
    if practice.review_status not in (
        ReviewStatus.SUBMITTED,
        ReviewStatus.UNDER_REVIEW,
        ReviewStatus.CHANGES_REQUESTED,
    ):
        raise ValidationError(
            _("Reviewers are assigned to submitted practices only."),
            code=PracticeError.NOT_SUBMITTED,
        )
    role = next(iter(roles_as(reviewer, RoleKind.ANALYST)), None)
    if role is None or role.organization is None:
        raise ValidationError(
            _("Reviewers are analysts of a qualified body."),
            code=PracticeError.REVIEWER_NOT_QUALIFIED,
        )
    if role.organization_id == practice.owner_organization_id:
        raise ValidationError(
            _("A body cannot review its own practice."), code=PracticeError.REVIEWER_OWNS_PRACTICE
        )
    existing = practice.assignments.filter(reviewer=reviewer).first()
    if existing is not None and existing.withdrawn_at is None:
        raise ValidationError(
            _("%(name)s is already a reviewer.") % {"name": reviewer},
            code=PracticeError.ALREADY_REVIEWER,
        )
    if existing is not None:
        assignment, _changed = record_update(
            instance=existing,
            by=by,
            data={
                "withdrawn_at": None,
                "assigned_at": timezone.now(),
                "assigned_by": by,
                "due_on": due_on,
            },
        )
    else:
        assignment = record_create(
            model=ReviewAssignment,
            data={
                "practice": practice,
                "reviewer": reviewer,
                "organization": role.organization,
                "assigned_by": by,
                "due_on": due_on,
            },
            by=by,
        )
    if practice.review_status == ReviewStatus.SUBMITTED:
        _move(practice, to=ReviewStatus.UNDER_REVIEW, by=by)
    else:
        _touch(practice, by, {})
    mail_on_commit(lambda: notify_assignment(assignment))
    return assignment


@transaction.atomic
def reviewer_unassign(*, assignment: ReviewAssignment, by: Any) -> ReviewAssignment:
    require(by, Action.MANAGE_PRACTICES, assignment.practice)
    assignment, _changed = record_update(
        instance=assignment, by=by, data={"withdrawn_at": timezone.now()}
    )
    _touch(assignment.practice, by, {})
    return assignment


@transaction.atomic
def conflict_declare(
    *, assignment: ReviewAssignment, by: Any, has_conflict: bool, statement: str
) -> ReviewAssignment:
    """The reviewer states whether they have a conflict of interest with this practice."""
    if assignment.reviewer_id != getattr(by, "pk", None) or assignment.withdrawn_at:
        raise PermissionDenied(_("Only the assigned reviewer declares their interests."))
    if has_conflict and not statement.strip():
        raise ValidationError(
            {
                "conflict_statement": ValidationError(
                    _("Describe the conflict of interest."),
                    code=PracticeError.CONFLICT_STATEMENT_NEEDED,
                )
            }
        )
    assignment, _changed = record_update(
        instance=assignment,
        by=by,
        data={
            "has_conflict": has_conflict,
            "conflict_statement": statement.strip(),
            "declared_at": timezone.now(),
        },
    )
    _touch(assignment.practice, by, {})
    if has_conflict:
        mail_on_commit(lambda: notify_conflict(assignment))
    return assignment


def unrated_message(criterion: Criterion) -> str:
    """What a reviewer is told of a criterion left unrated (the form says the same)."""
    return _("Rate the practice against “%(criterion)s”.") % {"criterion": criterion.label}


def _rating_errors(ratings: Mapping[str, str]) -> list[ValidationError]:
    """One error for each criterion without a rating: nothing is rated in advance, so that an
    approval always says how the practice meets each criterion."""
    return [
        ValidationError(
            unrated_message(criterion),
            code=PracticeError.RATINGS_INCOMPLETE,
            params={"criterion": criterion.value},
        )
        for criterion in Criterion
        if ratings.get(criterion.value) not in Rating.values
    ]


@transaction.atomic
def review_submit(
    *, practice: Practice, by: Any, ratings: Mapping[str, str], analysis: str, decision: str
) -> Review:
    """A reviewer rates the latest version against every criterion and approves it or asks
    for changes; what is missing is refused all at once."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    require(by, Action.REVIEW, practice)
    if practice.review_status != ReviewStatus.UNDER_REVIEW:
        raise ValidationError(
            _("This practice is not under review."), code=PracticeError.NOT_UNDER_REVIEW
        )
    errors: dict[str, list[ValidationError]] = {}
    if missing := _rating_errors(ratings):
        errors["ratings"] = missing
    if decision not in Decision.values:
        errors["decision"] = [
            ValidationError(_("Choose a decision."), code=PracticeError.DECISION_NEEDED)
        ]
    if not analysis.strip():
        errors["analysis"] = [
            ValidationError(
                _("Write the analysis that will accompany it."),
                code=PracticeError.ANALYSIS_NEEDED,
            )
        ]
    if errors:
        raise ValidationError(errors)
    assignment = practice.assignments.get(reviewer=by, withdrawn_at__isnull=True)
    review = record_create(
        model=Review,
        data={
            "assignment": assignment,
            "version": PracticeVersion.latest(practice),
            "ratings": {c.value: ratings[c.value] for c in Criterion},
            "analysis": analysis.strip(),
            "decision": decision,
        },
        by=by,
    )
    to = ReviewStatus.APPROVED if decision == Decision.APPROVE else ReviewStatus.CHANGES_REQUESTED
    _move(practice, to=to, by=by, note=analysis.strip())
    return review


@transaction.atomic
def practice_publish(*, practice: Practice, by: Any) -> Practice:
    require(by, Action.MANAGE_PRACTICES, practice)
    return _move(practice, to=ReviewStatus.PUBLISHED, by=by, published_at=timezone.now())


@transaction.atomic
def practice_withdraw(*, practice: Practice, by: Any, reason: str = "") -> Practice:
    require(by, Action.WITHDRAW, practice)
    return _move(practice, to=ReviewStatus.WITHDRAWN, by=by, note=reason)


@transaction.atomic
def practice_reopen(*, practice: Practice, by: Any) -> Practice:
    """The owner takes a withdrawn practice back as a draft."""
    if not owns_practice(by, practice):
        raise PermissionDenied(_("Only the practice's owner can take it back as a draft."))
    return _move(practice, to=ReviewStatus.DRAFT, by=by)


def published_analysis(practice: Practice) -> list[Review]:
    """The analyses that approved the practice's latest version, shown beside it."""
    return list(
        Review.objects.filter(
            assignment__practice=practice,
            decision=Decision.APPROVE,
            version=PracticeVersion.latest(practice),
        ).select_related("assignment__organization", "assignment__reviewer")
    )


@transaction.atomic
def attachment_add(*, practice: Practice, by: Any, title: str, upload: Any) -> PracticeAttachment:
    require(by, Action.CHANGE, practice)
    if upload.size and upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is larger than 20 MB."), code=PracticeError.ATTACHMENT_TOO_LARGE
        )
    attachment = record_create(
        model=PracticeAttachment,
        data={"practice": practice, "title": title.strip() or upload.name, "file": upload},
        by=by,
    )
    _touch(practice, by, {})
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: PracticeAttachment, by: Any) -> None:
    require(by, Action.CHANGE, attachment.practice)
    record_delete(instance=attachment, by=by)
    _touch(attachment.practice, by, {})


@transaction.atomic
def translation_save(
    *, practice: Practice, by: Any, language: str, words: Mapping[str, str]
) -> PracticeTranslation:
    """Add or correct the practice's text in another language than its own."""
    require(by, Action.TRANSLATE, practice)
    if language == practice.language:
        raise ValidationError(
            _("This is the practice's own language; edit the practice instead."),
            code=PracticeError.TRANSLATION_IN_OWN_LANGUAGE,
        )
    data = {name: (words.get(name) or "").strip() for name in TEXT_FIELDS}
    translation, _changed = record_upsert(
        model=PracticeTranslation,
        lookup={"practice": practice, "language": language},
        data=data,
        by=by,
    )
    _touch(practice, by, {})
    index_objects([practice])
    return translation


# Calls for practices


@transaction.atomic
def call_create(*, by: Any, data: Mapping[str, Any]) -> CallForPractices:
    require(by, Action.MANAGE_PRACTICES)
    return record_create(model=CallForPractices, data=dict(data), by=by)


@transaction.atomic
def call_update(*, call: CallForPractices, by: Any, data: Mapping[str, Any]) -> CallForPractices:
    require(by, Action.MANAGE_PRACTICES)
    call, _changed = record_update(instance=call, data=dict(data), by=by)
    return call


@transaction.atomic
def call_close(*, call: CallForPractices, by: Any) -> CallForPractices:
    require(by, Action.MANAGE_PRACTICES)
    if call.closed_at is None:
        call, _changed = record_update(instance=call, data={"closed_at": timezone.now()}, by=by)
    return call


# Notifications


def _people_of(practice: Practice) -> list[str]:
    """The owner's focal points or analysts: the people who answer for the practice."""
    if practice.owner_state_id:
        return focal_point_addresses(state_id=practice.owner_state_id)
    users = (
        get_user_model()
        .objects.filter(is_active=True, roles__organization=practice.owner_organization_id)
        .exclude(roles__kind=RoleKind.SECRETARIAT)
    )
    return list(users.values_list("email", flat=True).distinct())


def _secretariat() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT)
        .values_list("email", flat=True)
        .distinct()
    )


def _reviewers(practice: Practice) -> list[str]:
    return [
        a.reviewer.email
        for a in practice.assignments.filter(withdrawn_at__isnull=True).select_related("reviewer")
    ]


def _link(practice: Practice) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("practices:practice_detail", args=[practice.pk])


def _acting_body(by: Any, practice: Practice) -> str:
    """Whom a notification says acted: the State or organization, never the person's address
    (the owner's people are told of their reviewers' steps)."""
    body = acting_for(by, practice)
    if body is None:
        return _("a registered user")
    return getattr(body, "localized_name", None) or str(body)


def notify(practice: Practice, *, came_from: str, by: Any, note: str = "") -> list[Mail]:
    """Tell the owner, the reviewers and the secretariat, each in a message of their own,
    that the practice changed stage."""
    with translation.override(settings.LANGUAGE_CODE):
        stage = ReviewStatus(practice.review_status).label
        subject = _("Practice “%(title)s”: %(stage)s") % {"title": practice.title, "stage": stage}
        lines = [
            _("The practice “%(title)s” went from “%(from)s” to “%(to)s”.")
            % {"title": practice.title, "from": ReviewStatus(came_from).label, "to": stage},
            _("By: %(who)s") % {"who": _acting_body(by, practice)},
        ]
        if note:
            lines += ["", note]
        lines += ["", _link(practice)]
    recipients = _people_of(practice) + _reviewers(practice) + _secretariat()
    return [Mail(subject=subject, body="\n".join(lines), to=recipients)]


def notify_assignment(assignment: ReviewAssignment) -> list[Mail]:
    practice = assignment.practice
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("You are asked to review “%(title)s”") % {"title": practice.title}
        body = "\n".join(
            [
                _(
                    "The secretariat asks you to review the practice “%(title)s”. First declare "
                    "whether you have any conflict of interest with it."
                )
                % {"title": practice.title},
                "",
                _link(practice),
            ]
        )
    return [Mail(subject=subject, body=body, to=[assignment.reviewer.email])]


def notify_conflict(assignment: ReviewAssignment) -> list[Mail]:
    practice = assignment.practice
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Conflict of interest declared on “%(title)s”") % {"title": practice.title}
        body = "\n".join(
            [
                _("%(who)s declared a conflict of interest and cannot review this practice:")
                % {"who": assignment.reviewer},
                assignment.conflict_statement,
                "",
                _link(practice),
            ]
        )
    return [Mail(subject=subject, body=body, to=_secretariat())]


def calls_open_now() -> list[CallForPractices]:
    """The calls open at this moment, soonest deadline first. Every list of practices shows
    them: the calls not closed and not yet past their deadline are kept in process until the
    data change, and which of them are open now is decided here, on each reading."""
    now = timezone.now()
    return [
        call
        for call in kept_in_process("practices:calls-not-over", _calls_not_over)
        if call.opens_at <= now < call.deadline
    ]


def _calls_not_over() -> list[CallForPractices]:
    return list(
        CallForPractices.objects.filter(
            closed_at__isnull=True, deadline__gt=timezone.now()
        ).order_by("deadline")
    )


def days_left(call: CallForPractices) -> int:
    return max(0, (call.deadline - timezone.now()) // datetime.timedelta(days=1))
