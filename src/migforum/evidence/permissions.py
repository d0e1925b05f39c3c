"""Who may publish evidence: the secretariat, and the analysts of the qualified bodies, who
publish evidence as they analyse practices. Everything imported is public
(`core.permissions.default_rule`); this app adds who may import and delete datasets."""

from typing import Any

from migforum.core.choices import RoleKind
from migforum.core.permissions import has_role


def may_import_data(user: Any) -> bool:
    """`Action.IMPORT_DATA` (import a publisher's file, delete a dataset, recompute the
    indicators) for an analyst; the secretariat may anyway."""
    return has_role(user, RoleKind.ANALYST)
