"""A regression in recognition fails CI: every born-digital (tier1) package of the independent
development corpus, and its first two scanned (tier2) packages, go through ``secordoc check``
and are scored by the corpus's own scorer (``../shared/eval/score.py``).

Floors: tier1 at the recognition issue's 0.95. The scanned packages' floors sit just under what
is measured today (activity dates on hand-filled scans are read wrongly by tesseract and the
second reader alike: see the README's accuracy section); they catch a drop, they do not claim
the target. Raise them when recognition improves, never lower them to pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
CORPUS = SHARED / "devcorpus"
SECORDOC = str(Path(sys.executable).parent / "secordoc")

pytestmark = pytest.mark.skipif(not SCORER.is_file() or not CORPUS.is_dir(),
                                reason="../shared/devcorpus and ../shared/eval are not beside this checkout")


def score(tmp_path: Path, **selection: str) -> dict:
    out = tmp_path / "metrics.json"
    args = [sys.executable, str(SCORER), str(CORPUS), "--cmd", SECORDOC, "--json", str(out)]
    for key, value in selection.items():
        args += [f"--{key}", value]
    done = subprocess.run(args, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(out.read_text())["tiers"]["overall"]


def test_born_digital_packages(tmp_path):
    m = score(tmp_path, tier="tier1")
    assert m["crashes"] == 0 and m["invalid_json"] == 0
    assert m["class_acc"] >= 0.95, m
    assert m["date_acc"] >= 0.95, m
    assert m["sig_acc"] >= 0.95, m
    assert m["verdict_acc"] >= 0.95, m


def test_two_scanned_packages(tmp_path):
    m = score(tmp_path, only="pkg-007,pkg-008")
    assert m["crashes"] == 0 and m["invalid_json"] == 0
    assert m["class_acc"] >= 0.95, m
    assert m["sig_acc"] >= FLOORS["sig_acc"], m
    assert m["date_acc"] >= FLOORS["date_acc"], m


#: Measured on pkg-007 and pkg-008 when this test was written, rounded down.
FLOORS = {"sig_acc": 0.80, "date_acc": 0.65}
