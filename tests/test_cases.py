"""Folder-driven acceptance cases: fixtures/cases/NAME/{package.json, expected.json}.

A new case is a new folder: package.json describes the package in a few words (see
secordoc.testing.build_package), expected.json lists every error and warning finding the check
must report (no more, no fewer), any info findings it must include, and the verdict. A case for
a partner's rule names the partner plugins it needs (``"plugins": ["secordoc_nsny"]``), loaded
from plugins/*/src whether installed or not.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, assert_valid_report
from secordoc.testing import build_package, check_package, finding_codes, run_case

CASES = sorted(p for p in (ROOT / "fixtures" / "cases").iterdir() if (p / "package.json").exists())


def _run(case: Path, workdir: Path) -> tuple[dict, dict]:
    """run_case, with the partner plugins a case names."""
    description = json.loads((case / "package.json").read_text())
    plugins = description.get("plugins", [])
    if not plugins:
        return run_case(case, workdir)
    for src in sorted((ROOT / "plugins").glob("*/src")):
        if str(src) not in sys.path:
            sys.path.insert(0, str(src))
    build_package({k: v for k, v in description.items() if k != "plugins"}, workdir)
    return check_package(workdir, plugins=plugins), json.loads((case / "expected.json").read_text())


def _key(item: dict) -> tuple:
    return (item["code"], tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in item.items() if k != "code")))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    report, expected = _run(case, tmp_path)
    assert_valid_report(report)
    found = finding_codes(report)
    severity = {f["code"]: f["severity"] for f in report["findings"]}
    serious = sorted(_key({"code": c, **k}) for c, k in found if severity[c] in ("error", "warning"))
    assert serious == sorted(_key(f) for f in expected["findings"]), json.dumps(report["findings"], indent=1)
    for info in expected.get("infos", []):
        assert _key(info) in {_key({"code": c, **k}) for c, k in found}
    assert report["verdict"] == expected["verdict"]
    assert len(report["files"]) == len(list(tmp_path.iterdir()))
