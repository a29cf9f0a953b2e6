#!/usr/bin/env python3
"""Signature detection per rendition on the fixture generator's signed/unsigned pairs (a unit
check of the ink stage, not accuracy: the generator draws what secordoc looks for; accuracy is
benchmarks/accuracy.py), plus what it says on the real OSHA forms in ../shared/realdata.

Each document comes three ways: signed, left empty, and with a typed name on the line (a trap:
a name is not a signature). Pens vary in colour and width, some signatures cross the line; scans
are 150, 200 and 300 DPI with skew, noise and JPEG; photos are tilted and unevenly lit.

    python benchmarks/signatures.py [--seeds 2] [--show-values]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from secordoc.analyse import document_types, layouts_of, sign_document  # noqa: E402
from secordoc.extract import extract_package  # noqa: E402
from secordoc.plugin_manager import make_plugin_manager  # noqa: E402
from secordoc.settings import Settings  # noqa: E402
from secordoc.testing.forms import TEMPLATES  # noqa: E402
from secordoc.testing.generator import DocSpec, build  # noqa: E402

TYPES = ("hazard-assessment", "site-inspection", "maintenance-record", "incident-investigation", "orientation",
         "emergency-response-plan", "year-end-summary", "audit-action-plan")
RENDITIONS = {"digital": {"render": "digital"}, "scan-300": {"render": "scan", "dpi": 300},
              "scan-200": {"render": "scan", "dpi": 200}, "scan-150": {"render": "scan", "dpi": 150},
              "photo": {"render": "photo"}}
VARIANTS = {"signed": {"signed": True}, "empty": {"signed": False}, "typed-name": {"signed": False, "typed_names": True}}


def build_set(folder: Path, seeds: int) -> dict[str, tuple[str, str, DocSpec]]:
    truth = {}
    for seed in range(seeds):
        for i, kind in enumerate(TYPES):
            for rendition, how in RENDITIONS.items():
                for variant, sig in VARIANTS.items():
                    spec = DocSpec(kind, "2026-05-14", seed=seed * 31 + i, title=seed + i,
                                   filename=f"{rendition}-{variant}-{kind}-{seed}", **how, **sig)  # type: ignore[arg-type]
                    name, data = build(spec)
                    (folder / name).write_bytes(data)
                    truth[name] = (rendition, variant, spec)
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--show-values", action="store_true", help="print ink share and span of each field")
    args = parser.parse_args()
    pm = make_plugin_manager(load_entry_points=False)
    types = document_types(pm)
    counts: dict = defaultdict(lambda: defaultdict(int))
    with tempfile.TemporaryDirectory() as tmp:
        truth = build_set(Path(tmp), args.seeds)
        files = extract_package(Path(tmp), pm, Settings(use_cache=False)).files
        for item in files:
            rendition, variant, spec = truth[item.file.path]
            marks = sign_document(item, layouts_of(item), types[spec.type][0], [t for t, _ in types.values()])
            wanted = [role for role, _ in TEMPLATES[spec.type].signatures]
            c = counts[rendition]
            for role in wanted:
                found = [m for m in marks if m["role"] == role]
                c["fields"] += 1
                if not found:
                    c["not found"] += 1
                    if args.show_values:
                        print(f"  NOT FOUND {item.file.path} {role}")
                    continue
                signed = any(m["signed"] for m in found)
                c["correct"] += signed == (variant == "signed")
                if signed and variant != "signed":
                    c[f"false signed ({variant})"] += 1
                if not signed and variant == "signed":
                    c["missed signature"] += 1
                if args.show_values or signed != (variant == "signed"):
                    vals = [(f["label"], f["how"], f.get("ink")) for m in found for f in m["fields"]]
                    print(f"  {'WRONG' if signed != (variant == 'signed') else 'ok   '} {item.file.path} {role}: {vals}")
    print(f"\n{'rendition':<10}{'fields':>8}{'accuracy':>10}  details")
    for rendition in RENDITIONS:
        c = counts[rendition]
        detail = ", ".join(f"{k} {v}" for k, v in c.items() if k not in ("fields", "correct"))
        print(f"{rendition:<10}{c['fields']:>8}{c['correct'] / max(c['fields'], 1):>10.1%}  {detail or 'all correct'}")
    osha = ROOT.parent / "shared" / "realdata" / "safety_forms_osha"
    if osha.is_dir():
        print("\nReal pages: the OSHA 300/300A/301 forms (blank, unsigned):")
        type_list = [t for t, _ in types.values()]
        for item in extract_package(osha, pm, Settings(use_cache=False)).files:
            for role in sign_document(item, layouts_of(item), None, type_list):
                for f in role["fields"]:
                    print(f"  {item.file.path} p{f['page']}: '{f['label']}' ({f['how']}) -> "
                          f"{'SIGNED' if f['signed'] else 'empty'} (ink {f.get('ink')})")


if __name__ == "__main__":
    sys.exit(main())
