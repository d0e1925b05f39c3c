"""Reads that join the domain apps, for the portal's pages."""

from migforum.members.choices import StateStatus
from migforum.members.models import Group, Organization, State
from migforum.practices.choices import ReviewStatus
from migforum.practices.models import Practice


def home_counts() -> dict[str, int]:
    """Who takes part, in figures, for the home page."""
    return {
        "members": State.objects.filter(status=StateStatus.MEMBER).count(),
        "observers": State.objects.filter(status=StateStatus.OBSERVER).count(),
        "organizations": Organization.objects.count(),
        "groups": Group.objects.count(),
        "practices": Practice.objects.filter(review_status=ReviewStatus.PUBLISHED).count(),
    }
