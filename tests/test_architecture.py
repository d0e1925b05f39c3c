"""The floors of `src/migforum` (docs/ARCHITECTURE.md), held against the code's own imports.

Every import of one migforum app by another, at module level or inside a function, must be
on the list of allowed dependencies below; the list is the picture in docs/ARCHITECTURE.md.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "migforum"

#: Each app, with the apps it may import. Reading down the list climbs the floors:
#: an app may use the floors below it, never one above.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "members": {"core"},
    "accounts": {"core", "members"},
    "documents": {"core", "members", "accounts"},
    "meetings": {"core", "members", "accounts", "documents"},
    "practices": {"core", "members", "accounts"},
    "evidence": {"core", "members", "accounts"},
    "portal": {
        "core",
        "members",
        "accounts",
        "documents",
        "meetings",
        "practices",
        "evidence",
        "demo",
    },
    "api": {"core", "members", "accounts", "documents", "meetings", "practices", "evidence"},
    #: Generated demonstration data: a tool above the apps, which the server never imports.
    "demo": {"core", "members", "accounts", "documents", "practices"},
}
ACTIVITY_APPS = {"documents", "meetings", "practices", "evidence"}
#: Modules of the package outside the apps: the settings read nothing of the apps; the URL
#: conf mounts every app; the WSGI entry point knows only the ground floor.
PACKAGE_MODULES: dict[str, set[str]] = {
    "settings": set(),
    "urls": set(ALLOWED),
    "wsgi": {"core"},
    "cli": set(),
}


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """The migforum apps a module imports, with the line of each import."""
    relative = path.relative_to(PACKAGE)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(relative.parts[:-1])[: len(relative.parts) - node.level]
                names = [".".join(["migforum", *base, *([node.module] if node.module else [])])]
            else:
                names = [node.module or ""]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "migforum" and len(parts) > 1:
                found.add((parts[1], node.lineno))
    return found


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def owner(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def test_every_app_of_the_package_has_a_floor() -> None:
    apps = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} - set(
        PACKAGE_MODULES
    )
    assert apps == set(ALLOWED), "a new app needs its place in ALLOWED and ARCHITECTURE.md"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_the_floors(path: Path) -> None:
    app = owner(path)
    allowed = ALLOWED.get(app, PACKAGE_MODULES.get(app, set())) | {app}
    wrong = sorted(
        f"line {line}: {app} imports {target}"
        for target, line in imported_apps(path)
        if target not in allowed
    )
    assert not wrong, wrong


def test_the_rules_the_floors_encode() -> None:
    """The four rules of the house, stated apart so that an edit of ALLOWED cannot drop one."""
    domain_apps = set(ALLOWED) - {"portal", "api", "demo"}
    assert ALLOWED["core"] == set(), "core imports no other app"
    assert not ALLOWED["members"] & ACTIVITY_APPS, "members imports no activity app"
    for app in domain_apps:
        assert not ALLOWED[app] & {"portal", "api"}, f"{app} imports no floor above the apps"
    assert "practices" not in ALLOWED["evidence"], "evidence and practices stay apart"
    assert "evidence" not in ALLOWED["practices"], "evidence and practices stay apart"
