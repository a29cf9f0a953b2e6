#!/usr/bin/env python3
"""Measure classification and activity-date accuracy, and finding precision/recall.

Builds its corpus with the fixture generator (every document type, every title wording, every
date format, plus invoices and menus that must stay unclassified), as born-digital, filled-form,
scanned and photographed renditions, runs secordoc's extraction and analysis, and compares with
the generator's truth. Then runs every folder case in fixtures/cases and counts findings.

    python benchmarks/accuracy.py [--seeds 3] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from secordoc.analyse import analyse, document_types  # noqa: E402
from secordoc.extract import extract_package  # noqa: E402
from secordoc.periods import review_period  # noqa: E402
from secordoc.plugin_manager import make_plugin_manager  # noqa: E402
from secordoc.settings import Settings  # noqa: E402
from secordoc.testing import finding_codes, run_case  # noqa: E402
from secordoc.testing.forms import DATE_FORMATS, TEMPLATES  # noqa: E402
from secordoc.testing.generator import DocSpec, compliant_documents, write_package, PackageSpec  # noqa: E402

GROUPS = {"digital": ("digital", "form"), "scanned": ("scan", "photo")}


def corpus(seeds: int) -> list[DocSpec]:
    docs: list[DocSpec] = []
    for seed in range(seeds):
        for render in ("digital", "form", "scan", "photo"):
            for i, doc in enumerate(compliant_documents("2026-12-31", render, seed=seed * 100)):
                if render in ("scan", "photo") and i % 2:  # half of them: OCR is the slow part
                    continue
                fmt = (i + seed) % len(DATE_FORMATS)
                docs.append(replace(doc, date_format=fmt, title=i + seed, dpi=(200, 250, 300)[(i + seed) % 3],
                                    filename=f"{render}-{seed}-{i:02d}"))
        for kind in ("unclassified-invoice", "unclassified-menu"):
            for render in ("digital", "scan"):
                docs.append(DocSpec(kind, "2026-05-02", render, seed=seed, filename=f"{kind}-{render}-{seed}"))
    # the generator writes ambiguous dates only on request; make them unambiguous for this count
    return [d if not (d.date_format == 6 and d.date and int(d.date[8:]) <= 12) else replace(d, date_format=0) for d in docs]


def measure_documents(seeds: int, work: Path) -> dict:
    truth = write_package(PackageSpec(corpus(seeds)), work / "corpus")["files"]
    pm = make_plugin_manager(load_entry_points=False)
    extraction = extract_package(work / "corpus", pm, Settings(use_cache=False))
    docs = analyse(extraction.files, document_types(pm), review_period(__import__("datetime").date(2026, 12, 31)), "MDY")
    counts: dict = defaultdict(lambda: defaultdict(int))
    misses = []
    for doc in docs:
        want = truth[doc.source]
        group = next(g for g, renders in GROUPS.items() if want["render"] in renders)
        c = counts[group]
        c["documents"] += 1
        c["class_ok"] += doc.category == want["category"]
        if want["category"]:
            c["dated"] += 1
            c["date_ok"] += (doc.date.isoformat() if doc.date else None) == want["date"]
        if doc.category != want["category"] or (want["category"] and (doc.date.isoformat() if doc.date else None) != want["date"]):
            misses.append((doc.source, want["category"], doc.category, want["date"], doc.date and doc.date.isoformat()))
    return {"counts": counts, "misses": misses, "files": len(extraction.files)}


def measure_findings(work: Path) -> dict:
    tp = fp = fn = 0
    wrong = []
    for case in sorted((ROOT / "fixtures" / "cases").iterdir()):
        report, expected = run_case(case, work / "cases" / case.name)
        severity = {f["code"]: f["severity"] for f in report["findings"]}
        found = {json.dumps([c, k], sort_keys=True) for c, k in finding_codes(report) if severity[c] != "info"}
        want = {json.dumps([f["code"], {k: v for k, v in f.items() if k != "code"}], sort_keys=True) for f in expected["findings"]}
        tp += len(found & want)
        fp += len(found - want)
        fn += len(want - found)
        wrong += [(case.name, "extra", x) for x in found - want] + [(case.name, "missed", x) for x in want - found]
    return {"tp": tp, "fp": fp, "fn": fn, "wrong": wrong}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.out or tmp)
        docs = measure_documents(args.seeds, work)
        findings = measure_findings(work)
    print(f"document types: {len(TEMPLATES)} templates; corpus files: {docs['files']}")
    print(f"{'rendition':<10}{'documents':>10}{'classified ok':>15}{'dated ok':>12}")
    for group, c in docs["counts"].items():
        print(f"{group:<10}{c['documents']:>10}{c['class_ok'] / c['documents']:>14.1%} {c['date_ok'] / max(c['dated'], 1):>11.1%}"
              f"   ({c['class_ok']}/{c['documents']}, {c['date_ok']}/{c['dated']})")
    for miss in docs["misses"]:
        print("  miss:", miss)
    tp, fp, fn = findings["tp"], findings["fp"], findings["fn"]
    print(f"findings over {len(list((ROOT / 'fixtures' / 'cases').iterdir()))} cases: precision {tp / max(tp + fp, 1):.1%}, "
          f"recall {tp / max(tp + fn, 1):.1%} (tp {tp}, fp {fp}, fn {fn})")
    for item in findings["wrong"]:
        print("  finding:", item)


if __name__ == "__main__":
    main()
