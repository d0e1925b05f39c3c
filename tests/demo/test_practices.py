"""Demonstration practices: generated from phrases kept as data, by a package the server never
imports, through the `demo-data` command."""

import ast
import glob
import io
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from migforum.demo import phrases
from migforum.practices.models import Practice

SOURCE = Path(phrases.__file__).resolve().parents[1]  # src/migforum
PYPROJECT = SOURCE.parents[1] / "pyproject.toml"


def test_each_phrase_is_read_in_the_order_of_the_languages():
    (phrase,) = phrases._phrases([{code: code.upper() for code in reversed(phrases.LANGUAGES)}])
    assert phrase == ("EN", "FR", "ES", "AR", "RU", "ZH-HANS")
    assert all(len(topic) == 6 for bank in phrases.BANKS.values() for topic in bank.topics)
    assert phrases.GLOBAL_TITLES[0] == phrases.TITLES[0]


def test_a_phrase_missing_a_language_is_refused():
    with pytest.raises(phrases.PhraseError, match="six languages"):
        phrases._phrases({"titles": [{"en": "Pilot project", "fr": "Projet pilote"}]})


def test_the_phrases_are_installed_with_the_package():
    patterns = tomllib.loads(PYPROJECT.read_text())["tool"]["setuptools"]["package-data"]
    installed = {
        Path(SOURCE, name)
        for pattern in patterns["migforum"]
        for name in glob.glob(pattern, root_dir=SOURCE, recursive=True)
    }
    data = list((SOURCE / "demo" / "data").glob("*.json"))
    assert data
    assert set(data) <= installed


def _imports_at_module_level(tree: ast.Module) -> set[str]:
    """The modules a module imports when it is itself imported (not in its functions)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            node.body = []  # what a function imports is imported when it runs
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_module_of_the_platform_imports_the_demo_package_when_it_is_loaded():
    importers = [
        path.relative_to(SOURCE)
        for path in SOURCE.rglob("*.py")
        if "demo" not in path.relative_to(SOURCE).parts[:1]
        and any(
            name == "migforum.demo" or name.startswith("migforum.demo.")
            for name in _imports_at_module_level(ast.parse(path.read_text()))
        )
    ]
    assert importers == []


def test_the_server_runs_without_the_demo_package(tmp_path):
    program = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "print(sorted(m for m in sys.modules if m.startswith('migforum.demo')))"
    )
    env = {**os.environ, "MIGFORUM_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "migforum.settings.base"
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.django_db
def test_the_command_adds_practices_and_a_seed_gives_the_same_texts_again():
    out = io.StringIO()
    call_command("demo-data", "practices", "4", "--seed", "5", stdout=out)
    assert "Added 4 practices" in out.getvalue()
    first = list(Practice.objects.order_by("pk").values_list("title", "summary"))
    call_command("demo-data", "practices", "4", "--seed", "5", stdout=out)
    again = list(Practice.objects.order_by("pk").values_list("title", "summary"))
    assert len(first) == 4
    assert again == first + first
    with pytest.raises(CommandError, match="positive number"):
        call_command("demo-data", "practices", "0")
