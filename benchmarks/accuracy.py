#!/usr/bin/env python3
"""Recognition accuracy on packages secordoc's authors did not make: the development corpus.

Runs the independent scorer (``../shared/eval/score.py``) on ``../shared/devcorpus`` (18
packages in three tiers, made outside this repository, with their truth) and prints each tier's
figures next to the recognition issue's targets. The corpus is a yardstick, not a training set:
nothing in secordoc is fitted to its files.

    python benchmarks/accuracy.py [--tier tier1,tier2] [--cmd .venv/bin/secordoc] [--json out.json]

Fixture-generator figures (``secordoc/testing``) are unit-test data, not accuracy: they are no
longer reported here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

#: The recognition issue's "done" targets for born-digital (tier1) and scanned (tier2) packages;
#: tier 3 (combined scans, photos) must only not get worse than before the layout model.
TARGETS = {"class_acc": 0.98, "date_acc": 0.97, "sig_acc": 0.97, "findings_f1": 0.95, "verdict_acc": 0.95}
#: Tier 3 as measured with secordoc 0.1 (commit e028d81), before this work.
TIER3_BEFORE = {"class_acc": 0.573, "date_acc": 0.354, "sig_acc": 0.213, "findings_f1": 0.188, "verdict_acc": 0.833}
#: The hard-inputs issue's targets for tier 3 (combined scans, photos, rotated pages, filled forms).
TIER3_TARGETS = {"doc_found": 0.98, "split_acc": 0.95, "class_acc": 0.95, "date_acc": 0.93, "sig_acc": 0.93,
                 "findings_f1": 0.90}
COLUMNS = ("class_acc", "date_acc", "sig_acc", "findings_p", "findings_r", "findings_f1", "verdict_acc",
           "split_acc", "doc_found", "crashes", "pages_per_s")


def run_scorer(cmd: str, corpus: Path, tiers: str | None, only: str | None = None, env: dict[str, str] | None = None) -> dict:
    """The scorer's metrics (its ``--json``) for ``cmd`` on ``corpus``; ``env`` for the checks'
    environment (a cache folder of their own, for a cold run)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "metrics.json"
        args = [sys.executable, str(SHARED / "eval" / "score.py"), str(corpus), "--cmd", cmd, "--json", str(out)]
        args += ["--tier", tiers] if tiers else []
        args += ["--only", only] if only else []
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
        return json.loads(out.read_text())


def targets(tier: str) -> dict[str, float]:
    """The recognition targets of ``tier`` (scorer figure: least value); none for other tiers."""
    return TARGETS if tier in ("tier1", "tier2") else TIER3_TARGETS if tier == "tier3" else {}


def table(metrics: dict) -> str:
    lines = [f"{'tier':8}" + "".join(f"{c:>13}" for c in COLUMNS)]
    for tier, m in sorted(metrics["tiers"].items()):
        lines.append(f"{tier:8}" + "".join(f"{m.get(c, 0):>13.3f}" for c in COLUMNS))
        rows = ([("before", TIER3_BEFORE)] if tier == "tier3" else []) + ([("target", targets(tier))] if targets(tier) else [])
        for name, target in rows:
            cells = [f"{'>= ' if name == 'target' else ''}{target[c]:.2f}" if c in target else "" for c in COLUMNS]
            met = [m.get(c, 0) >= target[c] - 1e-9 for c in target]
            lines.append(f"{'  ' + name:8}" + "".join(f"{cell:>13}" for cell in cells)
                         + f"   {'met' if all(met) else 'NOT met'} ({sum(met)}/{len(met)})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cmd", default=str(ROOT / ".venv" / "bin" / "secordoc"), help="the secordoc command to score")
    parser.add_argument("--corpus", type=Path, default=SHARED / "devcorpus")
    parser.add_argument("--tier", default=None, help="only these tiers, e.g. tier1,tier2")
    parser.add_argument("--json", type=Path, help="also write the scorer's metrics here")
    args = parser.parse_args()
    if not (SHARED / "eval" / "score.py").is_file() or not args.corpus.is_dir():
        print(f"The development corpus and scorer are not beside this checkout ({SHARED}).", file=sys.stderr)
        return 2
    metrics = run_scorer(args.cmd, args.corpus, args.tier)
    if args.json:
        args.json.write_text(json.dumps(metrics, indent=2))
    print(f"secordoc on {args.corpus} (scored by ../shared/eval/score.py), {metrics['elapsed_s']:.0f} s")
    print(table(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
