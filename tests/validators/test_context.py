"""The check context is read-only at run time, not only to type checkers: a validator that
changes it fails as a named plugin error, and what the next validator and the report see stays as
it was. Coverage is worked out once per check, and the validator and the report read the same."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest
from validator_helpers import compliant, context, of, plugin_manager

from secordoc.check import validate
from secordoc.checking import CheckContext, FrozenDict, FrozenList
from secordoc.errors import PluginError
from secordoc.hookspecs import hookimpl

#: What a careless validator might try, one statement each: every one must fail.
MUTATIONS = {
    "attribute": "context.employees = 500",
    "profile-rule": 'context.profile["categories"]["orientation"]["required"] = False',
    "profile-pop": 'context.profile["categories"].pop("orientation")',
    "profile-list": 'context.profile["training"].clear()',
    "manifest": 'context.manifest.update(company="Someone Else Ltd")',
    "not-applicable": 'context.not_applicable.setdefault("orientation", "no new hires")',
    "documents": "context.documents.append(context.documents[0])",
    "files": "del context.files[0]",
    "codes": 'context.codes.pop("missing-category")',
    "document": "context.documents[0].quarter = 9",
    "signature": 'context.documents[0].signatures[0]["signed"] = False',
    "coverage": 'context.coverage()["site-inspection"][1].clear()',
    "file-fields": 'context.files[0].fields["Inspector"] = "someone"',
    "document-fields": "context.documents[0].extracted.fields.clear()",
    "scores": 'context.documents[0].classification.scores["orientation"] = 99.0',
}


class Meddler:
    """A validator, asked before the built-ins, that tries to change the context."""

    def __init__(self, statement: str) -> None:
        self.statement = statement

    @hookimpl(tryfirst=True)
    def secordoc_validate(self, context: Any) -> list[Any]:
        exec(self.statement, {"context": context})
        return []


def documents_without_orientation() -> list[Any]:
    return [d for d in compliant() if d.category != "orientation"]


def findings_of(pm: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(f.code, f.keys) for f in validate(context(documents_without_orientation(), pm=pm), pm)]


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_validator_that_changes_the_context_is_a_plugin_error_naming_it(name):
    pm = plugin_manager()
    pm.register(Meddler(MUTATIONS[name]), name="meddler")
    with pytest.raises(PluginError, match=r"meddler unknown failed: secordoc_validate failed \((TypeError|FrozenInstanceError)"):
        findings_of(pm)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_what_the_other_validators_see_is_unchanged_after_a_validator_tried(name):
    baseline = findings_of(plugin_manager())
    assert ("missing-category", {"category": "orientation"}) in baseline
    pm = plugin_manager()
    pm.keep_going = True
    pm.register(Meddler(MUTATIONS[name]), name="meddler")
    assert findings_of(pm) == baseline  # the meddler ran first; nothing it tried took
    assert [p.plugin for p in pm.problems] == ["meddler"]


def test_the_read_only_context_still_reads_copies_pickles_and_serialises_like_plain_data():
    pm = plugin_manager()
    documents = compliant()
    manifest = {"company": "Acme", "not_applicable": {"orientation": "no new hires"}, "documents": {"a.pdf": [[1, 2]]}}
    ctx = context(documents, manifest=manifest, pm=pm)
    assert isinstance(ctx.profile, dict) and isinstance(ctx.documents, list)  # validators' isinstance checks hold
    assert type(ctx.profile) is FrozenDict and type(ctx.profile["training"]) is FrozenList
    assert ctx.manifest == manifest and json.loads(json.dumps(ctx.manifest)) == manifest
    assert ctx.not_applicable == {"orientation": "no new hires"}
    mine = copy.deepcopy(ctx.profile)  # a copy of one's own is plain and may be changed
    mine["categories"]["orientation"]["required"] = False
    assert type(mine) is dict and ctx.profile["categories"]["orientation"]["required"] is True
    shallow = copy.copy(ctx.manifest)
    shallow["company"] = "Other"
    assert ctx.manifest["company"] == "Acme"
    again = pickle.loads(pickle.dumps(ctx.profile))
    assert again == ctx.profile and type(again) is FrozenDict
    with pytest.raises(TypeError):
        again["name"] = "changed"
    assert documents[0].signatures == ctx.documents[0].signatures  # same values, now read-only
    assert manifest["not_applicable"] == {"orientation": "no new hires"}  # the caller's own dict untouched


def test_coverage_is_worked_out_once_per_check_and_the_report_shows_what_the_validator_judged(tmp_path, monkeypatch):
    from secordoc.testing import build_package, check_package, finding_codes

    made = []
    original = CheckContext._coverage

    def counted(self: CheckContext) -> Any:
        made.append(self)
        return original(self)

    monkeypatch.setattr(CheckContext, "_coverage", counted)
    package = tmp_path / "pkg"
    build_package({"base": "compliant", "drop": [{"type": "site-inspection", "quarter": 2}]}, package)
    report = check_package(package, anniversary="2026-12-31", submitted="2026-12-01")
    assert len(made) == 1  # the coverage validator and the report share one computation
    gaps = {(keys["category"], keys["quarter"]) for code, keys in finding_codes(report) if code == "quarter-gap"}
    shown = {(category, int(quarter)) for category, entry in report["coverage"].items()
             for quarter, sources in entry["quarters"].items() if len(sources) < entry["per_quarter"]}
    assert gaps == shown == {("site-inspection", 2)}


def test_what_the_context_works_out_is_worked_out_once_and_kept():
    pm = plugin_manager()
    ctx = context(compliant(), pm=pm)
    assert ctx.coverage() is ctx.coverage() and ctx.duplicates() is ctx.duplicates() and ctx.rules() is ctx.rules()
    assert of(validate(ctx, pm), "quarter-gap") == []
