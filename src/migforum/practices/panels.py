"""What the practices app shows on other apps' pages."""

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from migforum.core.choices import RoleKind
from migforum.core.permissions import has_role, is_secretariat
from migforum.members.models import State

from .choices import ReviewStatus
from .finder import find_practices
from .models import Practice, ReviewAssignment
from .permissions import owned_practices, owner_choices
from .services import calls_open_now

#: Practices listed under each heading of "What awaits you"; the rest are counted.
LISTED = 10


def state_panel(request: HttpRequest, state: State) -> dict[str, Any]:
    """The newest practices involving a State that this reader may see."""
    return {
        "practices": find_practices(
            user=request.user, filters={"country": [state.iso3]}, sort="newest", limit=5
        )
    }


def work_panel(request: HttpRequest, user: Any) -> dict[str, Any]:
    """What awaits the user in practices: the owner's people, their practices by stage and
    the open calls; an analyst, the assessments assigned with their due dates; the
    secretariat, the practices to assign reviewers to and those to publish."""
    context: dict[str, Any] = {}
    if owner_choices(user):
        owned = owned_practices(user)
        stages = (
            Practice.objects.filter(owned)
            .values("review_status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        counts = {row["review_status"]: row["count"] for row in stages}
        if counts:
            context["own_stages"] = [
                (status, counts[status.value]) for status in ReviewStatus if status.value in counts
            ]
            context["own_to_act_on"] = (
                Practice.objects.filter(owned)
                .filter(review_status__in=[ReviewStatus.DRAFT, ReviewStatus.CHANGES_REQUESTED])
                .order_by("-updated_at")[:LISTED]
            )
        context["open_calls"] = calls_open_now()[:LISTED]
    if has_role(user, RoleKind.ANALYST):
        context["assessments"] = (
            ReviewAssignment.objects.filter(reviewer=user, withdrawn_at__isnull=True)
            .filter(practice__review_status=ReviewStatus.UNDER_REVIEW)
            .exclude(has_conflict=True)
            .select_related("practice")
            .order_by("due_on")[:LISTED]
        )
        context["today"] = timezone.localdate()
    if is_secretariat(user):
        context["to_assign"] = (
            Practice.objects.filter(review_status=ReviewStatus.SUBMITTED)
            .select_related("owner_state", "owner_organization")
            .order_by("updated_at")[:LISTED]
        )
        context["to_publish"] = (
            Practice.objects.filter(review_status=ReviewStatus.APPROVED)
            .select_related("owner_state", "owner_organization")
            .order_by("updated_at")[:LISTED]
        )
    return context
