"""Plugins from installed distributions, from --plugin, and what happens when one is broken."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from secordoc.errors import PluginError
from secordoc.hookspecs import hookimpl
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
    # first-result hooks, asked before the built-ins: a partner's failure is named like any other
    "evidence": "from secordoc.hookspecs import hookimpl\n@hookimpl\ndef secordoc_evidence_type(path, head):\n    raise ValueError('bad magic')\n",
    "evidence-shape": "from secordoc.hookspecs import hookimpl\n@hookimpl\ndef secordoc_evidence_type(path, head):\n    return 42\n",
    "engine": "from secordoc.hookspecs import hookimpl\n@hookimpl\ndef secordoc_ocr_engine(settings):\n    raise RuntimeError('no licence')\n",
    # a hook wrapper around the built-in validators whose own code raises after they answered
    "wrapper": ("from secordoc.hookspecs import hookimpl\n@hookimpl(wrapper=True)\ndef secordoc_validate(context):\n"
                "    findings = yield\n    return findings[99]\n"),
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


WRAPPER = textwrap.dedent('''
    from secordoc.hookspecs import hookimpl

    seen = []

    @hookimpl(wrapper=True)
    def secordoc_validate(context):
        answers = yield  # every validator's list, the built-ins' included
        seen.append(sum(len(findings) for findings in answers))
        return [[f for f in findings if f.code != "quarter-gap"] for findings in answers]
''')


def test_a_partner_wrapper_runs_around_the_built_in_validators(tmp_path):
    plugin = tmp_path / "quarter_wrapper.py"
    plugin.write_text(WRAPPER)
    package = tmp_path / "pkg"
    build_package({"base": "compliant", "drop": [{"type": "site-inspection", "quarter": 2}]}, package)
    plain = check_package(package, anniversary="2026-12-31", submitted="2026-12-01")
    assert ("quarter-gap", {"category": "site-inspection", "quarter": 2}) in finding_codes(plain)
    wrapped = check_package(package, anniversary="2026-12-31", submitted="2026-12-01", plugins=[str(plugin)])
    assert "quarter-gap" not in [code for code, _ in finding_codes(wrapped)]
    seen = sys.modules["secordoc_cli_plugin_quarter_wrapper"].seen
    assert seen == [len(plain["findings"])]  # it saw the built-ins' findings, once, before filtering
    sys.modules.pop("secordoc_cli_plugin_quarter_wrapper", None)


FIRST_RESULT_PROBLEMS = {
    "evidence": "secordoc_evidence_type failed (ValueError: bad magic)",
    "evidence-shape": "secordoc_evidence_type returned int, not a media type (str)",
    "engine": "secordoc_ocr_engine failed (RuntimeError: no licence)",
}


@pytest.mark.parametrize("kind", sorted(FIRST_RESULT_PROBLEMS))
def test_a_raising_first_result_hook_is_a_plugin_error_on_the_command_line(tmp_path, kind):
    from click.testing import CliRunner

    from secordoc.cli import cli

    plugin, package = broken_setup(tmp_path, kind)
    result = CliRunner().invoke(cli, ["-p", str(plugin), "check", str(package), "--anniversary", "2026-12-31",
                                      "--submitted", "2026-12-01", "--no-cache"])
    assert result.exit_code == 5, result.output  # a failing plugin, not "a bug in secordoc" (6)
    assert f"Plugin {plugin} local failed: {FIRST_RESULT_PROBLEMS[kind]}" in result.output
    sys.modules.pop(f"secordoc_cli_plugin_broken_{kind}", None)


#: Partner loaders that break on one file of the package (the inspection): as an implementation
#: that raises, one that answers in the wrong shape, and a wrapper around the built-in readers.
BROKEN_READERS = {
    "raises": ("@hookimpl(tryfirst=True)\ndef secordoc_load_file(source):\n"
               "    if source.startswith('site-inspection'):\n        raise KeyError('page tree')\n",
               "failed (KeyError: 'page tree')"),
    "shape": ("@hookimpl(tryfirst=True)\ndef secordoc_load_file(source):\n"
              "    return 42 if source.startswith('site-inspection') else None\n",
              "failed: its secordoc_load_file returned int, not a LoadedFile"),
    "wrapper": ("@hookimpl(wrapper=True)\ndef secordoc_load_file(source):\n    loaded = yield\n"
                "    if source.startswith('site-inspection'):\n        raise ValueError('wrapper broke')\n    return loaded\n",
                "failed: its secordoc_load_file wrapper failed (ValueError: wrapper broke)"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_READERS))
def test_a_partner_reader_that_breaks_on_the_command_line_makes_its_file_unreadable_and_names_it(tmp_path, kind):
    """The design for loaders: a file is read in a worker process, and whatever its reader does
    is that file's, so a partner's reader that breaks makes that one file unreadable, with the
    plugin named in the reason; the other files are read and the run goes on (not exit 5 or 6)."""
    import json

    from click.testing import CliRunner

    from secordoc.cli import cli

    source, problem = BROKEN_READERS[kind]
    plugin = tmp_path / f"reader_{kind}.py"
    plugin.write_text("from secordoc.hookspecs import hookimpl\n" + source)
    package = tmp_path / "pkg"
    build_package({"documents": [{"type": "site-inspection", "date": "2026-03-14"},
                                 {"type": "hazard-assessment", "date": "2026-03-20"}]}, package)
    result = CliRunner().invoke(cli, ["-p", str(plugin), "check", str(package), "--anniversary", "2026-12-31",
                                      "--submitted", "2026-12-01", "--no-cache", "--format", "json"])
    assert result.exit_code == 1, result.output  # not ready; no plugin error, no bug
    report = json.loads(result.output)
    status = {f["path"].split("-2026")[0]: (f["status"], f["reason"]) for f in report["files"]}
    assert status["hazard-assessment"] == ("read", None)
    assert status["site-inspection"] == ("unreadable", f"the reader of plugin '{plugin}' {problem}")
    assert report["tool"]["plugin_problems"] == []
    sys.modules.pop(f"secordoc_cli_plugin_reader_{kind}", None)


def test_calls_go_through_pluggy_so_its_monitoring_sees_every_implementation(tmp_path):
    from secordoc.findings import registry

    pm = make_plugin_manager(load_entry_points=False)
    called: list[tuple[str, list[str]]] = []
    pm.add_hookcall_monitoring(lambda name, impls, kwargs: called.append((name, [i.plugin_name for i in impls])),
                               lambda outcome, name, impls, kwargs: None)
    codes = registry(pm)
    assert called == [("secordoc_finding_codes", [i.plugin_name for i in pm.hook.secordoc_finding_codes.get_hookimpls()])]
    assert "secordoc.builtin.core_findings" in called[0][1] and "quarter-gap" in codes


def test_contributions_name_the_plugin_that_gave_each_answer():
    class Partner:
        @hookimpl
        def secordoc_profiles(self):  # type: ignore[no-untyped-def]
            return [{"name": "partner-one"}]

    pm = make_plugin_manager(load_entry_points=False)
    pm.register(Partner(), name="partner")
    answers = pm.contributions("secordoc_profiles")
    assert ("partner", [{"name": "partner-one"}]) in answers
    assert {plugin for plugin, _ in answers} == {"partner", "secordoc.builtin.builtin_profiles"}


def test_a_plugin_registered_directly_is_guarded_too():
    class Shapeless:
        @hookimpl
        def secordoc_document_types(self):  # type: ignore[no-untyped-def]
            return "ppe-inspection"

    pm = make_plugin_manager(load_entry_points=False)
    pm.register(Shapeless(), name="shapeless")
    with pytest.raises(PluginError, match="shapeless unknown failed: secordoc_document_types returned str, not a list of DocumentType"):
        pm.hook.secordoc_document_types()
    pm.keep_going = True
    assert all(isinstance(types, list) for types in pm.hook.secordoc_document_types())  # the rest still answer
    assert pm.get_plugin("shapeless") is None and [p.plugin for p in pm.problems] == ["shapeless", "shapeless"]


class EarlyWrapper:
    @hookimpl(wrapper=True)
    def secordoc_finding_codes(self):  # type: ignore[no-untyped-def]
        return []  # a generator that ends before its yield
        yield


class TwiceWrapper:
    @hookimpl(wrapper=True)
    def secordoc_finding_codes(self):  # type: ignore[no-untyped-def]
        answers = yield
        yield answers


@pytest.mark.parametrize(("wrapper", "problem"), [(EarlyWrapper, "wrapper did not yield"), (TwiceWrapper, "wrapper yielded twice")])
def test_a_wrapper_that_breaks_pluggys_rules_is_named_too(wrapper, problem):
    pm = make_plugin_manager(load_entry_points=False)
    pm.register(wrapper(), name="odd-wrapper")
    with pytest.raises(PluginError, match=f"odd-wrapper unknown failed: secordoc_finding_codes {problem}"):
        pm.hook.secordoc_finding_codes()
    pm.keep_going = True
    answers = pm.hook.secordoc_finding_codes()  # the built-ins' codes still come through
    assert any(code.code == "quarter-gap" for codes in answers for code in codes)


def test_a_partner_reader_that_breaks_makes_its_file_unreadable_and_is_named():
    from secordoc.errors import DocumentError
    from secordoc.settings import Settings

    class BrokenReader:
        @hookimpl(tryfirst=True)
        def secordoc_load_file(self, path, source, media_type, workdir, settings):  # type: ignore[no-untyped-def]
            raise KeyError("page tree")

    pm = make_plugin_manager(load_entry_points=False)
    pm.register(BrokenReader(), name="acme-reader")
    with pytest.raises(DocumentError, match="the reader of plugin 'acme-reader' failed \\(KeyError"):
        pm.hook.secordoc_load_file(path="x.pdf", source="x.pdf", media_type="application/pdf", workdir="/tmp",
                                   settings=Settings(use_cache=False))
    assert pm.problems == []  # the run goes on: the file is unreadable, with the plugin named


#: A partner's code that runs outside any hook call, and breaks there.
OUTSIDE_HOOKS = {
    "renderer": ("from secordoc.hookspecs import hookimpl\ndef render(report):\n    raise KeyError('no such column')\n"
                 "@hookimpl\ndef secordoc_report_formats():\n    return {'csv': render}\n",
                 ["--format", "csv"], "KeyError: 'no such column'"),
    "engine-check": ("from secordoc.hookspecs import hookimpl\nclass Engine:\n    name, version = 'acme-ocr', '1'\n"
                     "    def check(self):\n        raise RuntimeError('licence server down')\n"
                     "    def read(self, image):\n        raise AssertionError('never asked')\n"
                     "@hookimpl\ndef secordoc_ocr_engine(settings):\n    return Engine()\n",
                     [], "RuntimeError: licence server down"),
}


@pytest.mark.parametrize("kind", sorted(OUTSIDE_HOOKS))
def test_a_partners_code_that_raises_outside_a_hook_call_is_a_plugin_error_naming_it(tmp_path, kind):
    from click.testing import CliRunner

    from secordoc.cli import cli

    source, options, problem = OUTSIDE_HOOKS[kind]
    plugin = tmp_path / f"outside_{kind.replace('-', '_')}.py"
    plugin.write_text(source)
    package = tmp_path / "pkg"
    build_package({"documents": [{"type": "site-inspection", "date": "2026-03-14", "render": "scan"}]}, package)
    result = CliRunner().invoke(cli, ["-p", str(plugin), "check", str(package), "--anniversary", "2026-12-31",
                                      "--submitted", "2026-12-01", "--no-cache", *options])
    assert result.exit_code == 5, result.output  # not "a bug in secordoc" (6)
    assert f"Plugin {plugin} local failed: {problem}" in result.output
    sys.modules.pop(f"secordoc_cli_plugin_{plugin.stem}", None)


def test_a_plugin_is_blamed_for_its_own_code_and_the_libraries_it_calls_but_not_for_secordocs():
    import json

    from secordoc.periods import review_period

    class Partner:
        @hookimpl
        def secordoc_report_formats(self):  # type: ignore[no-untyped-def]
            return {}

        def own(self) -> None:
            raise ValueError("its own")

        def library(self) -> None:
            json.loads("{not json")

        def core(self) -> None:
            review_period("2026-12-31")  # type: ignore[arg-type]  # secordoc raises (a str is no date)

    pm = make_plugin_manager(load_entry_points=False)
    partner = Partner()
    pm.register(partner, name="partner")
    blamed = {}
    for method in ("own", "library", "core"):
        try:
            getattr(partner, method)()
        except Exception as exc:  # noqa: BLE001 - the point of the test
            blamed[method] = pm.plugin_that_raised(exc)
    assert blamed == {"own": "partner", "library": "partner", "core": None}
