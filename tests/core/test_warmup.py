"""Warm-ups: what the server runs as it starts, registered by the apps."""

import ast
from pathlib import Path

import migforum
from migforum.core import warmup
from migforum.practices.finder import load_facet_index_in_background


def test_the_practice_finder_loads_its_facet_index_when_a_server_starts():
    assert load_facet_index_in_background in warmup.registered()


def test_run_all_calls_each_registered_warmup_once(monkeypatch):
    monkeypatch.setattr(warmup, "_warmups", [])
    calls = []
    warmup.register(lambda: calls.append("first"))
    second = lambda: calls.append("second")  # noqa: E731
    warmup.register(second)
    warmup.register(second)
    warmup.run_all()
    assert calls == ["first", "second"]


def test_the_server_entry_point_imports_no_domain_app():
    tree = ast.parse((Path(migforum.__file__).parent / "wsgi.py").read_text())
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    ours = {name for name in imported if name.startswith("migforum.")}
    assert ours == {"migforum.core"}
