"""The plugin contract documents and tests itself: a hook without a docstring, without a
mention in docs/plugins.md, or without a test that names it fails here."""

from __future__ import annotations

import inspect

from conftest import ROOT
from secordoc import hookspecs

HOOKS = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("secordoc_")]


def test_every_hook_has_a_docstring_saying_when_it_runs_and_what_it_returns():
    assert len(HOOKS) >= 8
    for name in HOOKS:
        doc = inspect.getdoc(getattr(hookspecs, name)) or ""
        assert len(doc) > 80, f"{name} needs a docstring"
        assert any(w in doc for w in ("Return", "return")), f"{name}: say what to return"


def test_every_hook_is_documented_for_people():
    text = (ROOT / "docs" / "plugins.md").read_text()
    missing = [name for name in HOOKS if f"`{name}" not in text]
    assert not missing, f"docs/plugins.md does not describe {missing}"


def test_every_hook_is_exercised_by_a_test():
    tests = "\n".join(p.read_text() for p in (ROOT / "tests").rglob("test_*.py") if p.name != "test_hookspecs.py")
    plugin_tests = "\n".join(p.read_text() for p in (ROOT / "plugins").rglob("test_*.py"))
    missing = [name for name in HOOKS if name not in tests + plugin_tests]
    assert not missing, f"no test implements or calls {missing}"
