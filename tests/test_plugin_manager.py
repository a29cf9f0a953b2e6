"""Plugins from installed distributions, from --plugin, and what happens when one is broken."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from secordoc.errors import PluginError
from secordoc.plugin_manager import BUILTIN_PLUGINS, make_plugin_manager
from secordoc.testing import build_package, check_package, finding_codes

EXTRA_RULE = textwrap.dedent('''
    __version__ = "2.1.0"
    from secordoc.hookspecs import hookimpl
    from secordoc.findings import FindingCode

    @hookimpl
    def secordoc_finding_codes():
        return [FindingCode("owner-name-missing", "warning", "No owner named", (), "Name the owner in secordoc.json.")]

    @hookimpl
    def secordoc_validate(context):
        if not context.manifest.get("company"):
            return [context.finding("owner-name-missing", "The package does not name the company. Add it to secordoc.json.")]
        return []
''')


def install_distribution(site: Path, name: str, module_source: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A real installed distribution: a module plus a .dist-info with an entry point, on sys.path."""
    (site / f"{name}.py").write_text(module_source)
    info = site / f"{name}-2.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 2.1.0\n")
    (info / "entry_points.txt").write_text(f"[secordoc]\n{name} = {name}\n")
    monkeypatch.syspath_prepend(str(site))


def test_builtins_are_registered_like_any_plugin(pm):
    assert [i.name for i in pm.infos.values() if i.origin == "builtin"] == list(BUILTIN_PLUGINS)


def test_entry_point_plugin_from_an_installed_distribution(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    install_distribution(tmp_path / "site", "secordoc_extra_rule", EXTRA_RULE, monkeypatch)
    pm = make_plugin_manager()
    info = pm.infos["secordoc_extra_rule"]
    assert info.version == "2.1.0" and "entry point" in info.origin
    package = tmp_path / "pkg"
    build_package({"base": "compliant"}, package)
    report = check_package(package, anniversary="2026-12-31", submitted="2026-12-01", entry_points=True)
    assert ("owner-name-missing", {}) in finding_codes(report)
    assert any(p["name"] == "secordoc_extra_rule" and p["version"] == "2.1.0" for p in report["tool"]["plugins"])


def test_plugin_from_a_file_on_the_command_line(tmp_path):
    plugin = tmp_path / "my_rule.py"
    plugin.write_text(EXTRA_RULE)
    package = tmp_path / "pkg"
    build_package({"base": "compliant"}, package)
    report = check_package(package, anniversary="2026-12-31", submitted="2026-12-01", plugins=[str(plugin)])
    assert ("owner-name-missing", {}) in finding_codes(report)


BROKEN = {
    "profiles": "from secordoc.hookspecs import hookimpl\n@hookimpl\ndef secordoc_profiles():\n    raise OSError('no profile folder')\n",
    "import": "raise ImportError('needs partnerlib')",
    "raises": "from secordoc.hookspecs import hookimpl\n@hookimpl\ndef secordoc_validate(context):\n    raise KeyError('x')\n",
    "shape": "from secordoc.hookspecs import hookimpl\n@hookimpl\ndef secordoc_validate(context):\n    return {'not': 'a list'}\n",
    "contract": "from secordoc.hookspecs import hookimpl\n@hookimpl\ndef secordoc_validate(context, unknown_argument):\n    return []\n",
}


def broken_setup(tmp_path: Path, kind: str) -> tuple[Path, Path]:
    plugin = tmp_path / f"broken_{kind}.py"
    plugin.write_text(BROKEN[kind])
    package = tmp_path / "pkg"
    build_package({"base": "compliant", "drop": [{"type": "orientation"}]}, package)
    return plugin, package


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_plugin_is_named_and_stops_the_run(tmp_path, kind):
    plugin, package = broken_setup(tmp_path, kind)
    with pytest.raises(PluginError) as raised:
        check_package(package, anniversary="2026-12-31", submitted="2026-12-01", plugins=[str(plugin)])
    assert f"broken_{kind}" in str(raised.value) and "--keep-going" in str(raised.value)


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_keep_going_runs_without_the_broken_plugin_and_says_so(tmp_path, kind):
    from datetime import date

    from secordoc.check import CheckRequest, run_check
    from secordoc.settings import Settings

    plugin, package = broken_setup(tmp_path, kind)
    pm = make_plugin_manager([str(plugin)], load_entry_points=False, keep_going=True)
    report = run_check(CheckRequest(package, None, date(2026, 12, 31), date(2026, 12, 1)), pm, Settings(use_cache=False))
    assert ("missing-category", {"category": "orientation"}) in finding_codes(report)
    assert report["tool"]["plugin_problems"][0]["plugin"].endswith(f"broken_{kind}.py")
    sys.modules.pop(f"secordoc_cli_plugin_broken_{kind}", None)


def test_an_implementation_may_take_fewer_arguments_than_the_hook(tmp_path):
    plugin = tmp_path / "no_args.py"
    plugin.write_text(textwrap.dedent('''
        from secordoc.hookspecs import hookimpl
        from secordoc.findings import FindingCode

        @hookimpl
        def secordoc_finding_codes():
            return [FindingCode("always-note", "info", "A note", (), "Nothing to do.")]

        @hookimpl
        def secordoc_validate():  # takes none of the hook's arguments: allowed, arguments only grow
            return []
    '''))
    package = tmp_path / "pkg"
    build_package({"base": "compliant"}, package)
    report = check_package(package, anniversary="2026-12-31", submitted="2026-12-01", plugins=[str(plugin)])
    assert report["verdict"] == "ready"
