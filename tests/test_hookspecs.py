"""The plugin contract documents and tests itself: every hook has a docstring, a section in
docs/plugins.md, and is seen *called* (pluggy's own call monitoring, not a search of test text)
with a partner's implementation taking part, when a package is checked from the command line."""

from __future__ import annotations

import inspect
import textwrap

from click.testing import CliRunner

from conftest import ROOT
from secordoc import cli as cli_module
from secordoc import hookspecs
from secordoc.plugin_manager import SecordocPluginManager, make_plugin_manager
from secordoc.testing import build_package

HOOKS = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("secordoc_")]

#: A partner implementing every hook so that it takes part and changes nothing: first-result
#: hooks pass (None) to the built-ins, collecting hooks add nothing. A new hook needs a line here.
EVERY_HOOK = textwrap.dedent('''
    from secordoc.hookspecs import hookimpl

    @hookimpl
    def secordoc_evidence_type(path, head):
        return None

    @hookimpl
    def secordoc_load_file(path, source, media_type, workdir, settings):
        return None

    @hookimpl
    def secordoc_ocr_engine(settings):
        return None

    @hookimpl
    def secordoc_document_types():
        return []

    @hookimpl
    def secordoc_profiles():
        return []

    @hookimpl
    def secordoc_finding_codes():
        return []

    @hookimpl
    def secordoc_validate(context):
        return []

    @hookimpl
    def secordoc_report_formats():
        return {}
''')


def test_every_hook_has_a_docstring_saying_when_it_runs_and_what_it_returns():
    assert len(HOOKS) >= 8
    for name in HOOKS:
        doc = inspect.getdoc(getattr(hookspecs, name)) or ""
        assert len(doc) > 80, f"{name} needs a docstring"
        assert any(w in doc for w in ("Return", "return")), f"{name}: say what to return"


def test_every_hook_is_documented_for_people():
    text = (ROOT / "docs" / "plugins.md").read_text()
    missing = [name for name in HOOKS if f"### `{name}(" not in text]
    assert not missing, f"docs/plugins.md has no section for {missing}"


def test_every_hook_is_called_with_a_partner_taking_part_when_a_package_is_checked(tmp_path, monkeypatch):
    calls = tmp_path / "calls.log"  # a file, so calls made in the loading worker processes count too

    def traced(*args, **kwargs) -> SecordocPluginManager:  # type: ignore[no-untyped-def]
        pm = make_plugin_manager(*args, **kwargs)

        def before(hook_name: str, impls: list, _: dict) -> None:  # type: ignore[type-arg]
            with open(calls, "a", encoding="utf-8") as log:
                log.write(f"{hook_name} {','.join(i.plugin_name for i in impls)}\n")

        pm.add_hookcall_monitoring(before, lambda *_: None)
        return pm

    monkeypatch.setattr(cli_module, "make_plugin_manager", traced)
    plugin = tmp_path / "every_hook.py"
    plugin.write_text(EVERY_HOOK)
    package = tmp_path / "pkg"
    build_package({"documents": [{"type": "site-inspection", "date": "2026-03-14"}]}, package)
    result = CliRunner().invoke(cli_module.cli, ["-p", str(plugin), "check", str(package), "--anniversary", "2026-12-31",
                                                 "--submitted", "2026-12-01", "--no-cache", "--format", "json"])
    assert result.exit_code == 1, result.output  # not ready (one document), and no plugin failed
    seen: dict[str, set[str]] = {}
    for line in calls.read_text().splitlines():
        hook_name, plugins = line.split(" ", 1)
        seen.setdefault(hook_name, set()).update(plugins.split(","))
    assert not [h for h in HOOKS if h not in seen], f"never called in a check: {[h for h in HOOKS if h not in seen]}"
    without_partner = [h for h in HOOKS if str(plugin) not in seen[h]]
    assert not without_partner, f"EVERY_HOOK above does not implement {without_partner}"
    assert "secordoc_load_file" in seen  # asked in a worker process, seen through the log file

