#!/usr/bin/env python3
"""What the HTML report costs beside the text report (the baseline), on a package, warm cache:
whole-process seconds (best of --runs), the file's size, and its evidence pictures. Both runs read
the same cached extraction, so the difference is opening the pages and cutting the crops.

    python benchmarks/report_html.py [PACKAGE] [--anniversary 2026-12-31] [--runs 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECORDOC = [sys.executable, "-c", "from secordoc.cli import main; main()"]


def run(package: Path, anniversary: str, fmt: str, output: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run([*SECORDOC, "check", str(package), "--anniversary", anniversary, "--submitted", "2026-12-01",
                           "--format", fmt, "-o", str(output), "-q"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"secordoc failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", type=Path, default=ROOT / "fixtures" / "sample-package")
    parser.add_argument("--anniversary", default="2026-12-31")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        run(args.package, args.anniversary, "json", out / "warm.json")  # fill the cache
        best = {fmt: min(run(args.package, args.anniversary, fmt, out / f"report.{fmt}") for _ in range(args.runs))
                for fmt in ("text", "html")}
        html = (out / "report.html").read_text("utf-8")
    pictures = {kind: html.count(f'class="crop" data-kind="{kind}"') for kind in ("title", "date", "signature")}
    thumbnails = html.count('class="thumb"')
    print(f"package: {args.package} (warm cache, best of {args.runs})")
    print(f"{'report':<22}{'seconds':>9}{'size':>12}")
    print(f"{'text (baseline)':<22}{best['text']:>9.2f}{'':>12}")
    print(f"{'html':<22}{best['html']:>9.2f}{len(html.encode()) / 1000:>9.0f} KB   "
          f"+{best['html'] - best['text']:.2f} s; crops: {pictures['title']} titles, {pictures['date']} dates, "
          f"{pictures['signature']} signature lines; {thumbnails} thumbnails")


if __name__ == "__main__":
    main()
