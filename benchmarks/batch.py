"""Batch throughput on the development corpus: a loop of `secordoc check` beside `secordoc batch`.

Prints, in one run on one machine, packages per minute and pages per second for the 12 tier-1
and tier-2 packages of ../shared/devcorpus (dates and profile from each package's truth file):
  1. a sequential loop of `secordoc check` processes (what a reviewer scripts today);
  2. `secordoc batch` (local executor);
  3. `secordoc batch --executor dask` on a LocalCluster of two workers;
then the same batch again right after run 2, with one package changed (one of its scanned
files replaced by a new version), as a share of run 2. Every run starts from an empty extraction cache of its
own except the re-run, which keeps run 2's (that is what it measures). The packages are copied
to a temporary folder first: the corpus is never written.

    python benchmarks/batch.py [--corpus ../shared/devcorpus] [--no-dask]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECORDOC = [str(Path(sys.executable).with_name("secordoc"))]  # the console script beside this Python
TIERS = ("tier1", "tier2")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "devcorpus")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask run (dask not installed)")
    args = parser.parse_args()
    truths = sorted(p for p in args.corpus.glob("pkg-*.truth.json") if json.loads(p.read_text())["tier"] in TIERS)
    if not truths:
        print(f"no tier1/tier2 packages in {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="secordoc-batch-bench-") as tmp:
        work = Path(tmp)
        inbox, jobs = _inbox(args.corpus, truths, work)
        print(f"machine: {len(os.sched_getaffinity(0))} cores; {len(jobs)} packages ({' + '.join(TIERS)}) from {args.corpus}")
        runs: list[tuple[str, float, float, int]] = []
        loop_seconds, loop_cpu, pages, loop_reports = _loop(jobs, work)
        runs.append(("loop of `secordoc check` processes", loop_seconds, loop_cpu, pages))
        code = _code_fingerprint()
        batch_seconds, batch_cpu, batch_rows = _batch(inbox, work, "batch", work / "cache-batch")
        runs.append(("secordoc batch", batch_seconds, batch_cpu, _pages(batch_rows)))
        changed = _change_one(inbox, truths)
        rerun_seconds, _, rerun_rows = _batch(inbox, work, "batch", work / "cache-batch")
        code_changed = _code_fingerprint() != code
        if not args.no_dask:
            dask_seconds, dask_cpu, dask_rows = _batch(inbox, work, "dask", work / "cache-dask",
                                                       "--executor", "dask", "--workers", "2")
            runs.append(("secordoc batch --executor dask (2 workers)", dask_seconds, dask_cpu, _pages(dask_rows)))
        _table(runs, len(jobs))
        differ = [name for name, r in loop_reports.items() if not _same(r, batch_rows.get(name))]
        print(f"batch summary rows equal to `secordoc check`'s reports (verdict, errors, warnings, pages): "
              f"{len(loop_reports) - len(differ)}/{len(loop_reports)}")
        for name in differ:
            r, row = loop_reports[name], batch_rows.get(name) or {}
            print(f"  {name}: check {r['verdict']} {r['summary']['errors']}/{r['summary']['warnings']}, "
                  f"batch {row.get('verdict')} {row.get('errors')}/{row.get('warnings')}")
        again = [r for r in rerun_rows.values() if not r.get("resumed")]
        stats = json.loads((work / "out-batch" / "reports" / f"{changed[0]}.json").read_text())["stats"]
        print(f"re-run with one package changed ({changed[0]}/{changed[1]} replaced by a new version): "
              f"{rerun_seconds:.2f} s = {100 * rerun_seconds / batch_seconds:.1f}% of the first batch run "
              f"({len(again)} package(s) checked again, {len(rerun_rows) - len(again)} kept; in the changed one "
              f"{stats['from_cache']} of {stats['files']} files from the cache, {stats['ocr_pages']} page(s) OCR'd)")
        if code_changed:
            print("WARNING: secordoc's extraction code changed between the first batch run and its re-run (a shared "
                  "tree): the cache was invalidated, so the re-run figure is not valid. Run again.")
    return 0


def _inbox(corpus: Path, truths: list[Path], work: Path) -> tuple[Path, list[dict]]:
    inbox = work / "inbox"
    inbox.mkdir()
    jobs = []
    with open(work / "dates.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["package", "anniversary", "submitted", "profile"])
        for truth_path in truths:
            truth = json.loads(truth_path.read_text())
            name, facts = truth["package"], truth["args"]
            shutil.copytree(corpus / name, inbox / name)
            writer.writerow([name, facts["anniversary"], facts["submitted"], facts["profile"]])
            jobs.append({"name": name, "path": inbox / name, **facts})
    return inbox, jobs


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "SECORDOC_CACHE_DIR": str(cache)}


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}"


def _cpu() -> float:
    """CPU seconds of every finished child process and its descendants (each waits for its own)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _code_fingerprint() -> str:
    return subprocess.run([sys.executable, "-c", "from secordoc.cache import code_fingerprint; print(code_fingerprint())"],
                          capture_output=True, text=True).stdout.strip()


def _loop(jobs: list[dict], work: Path) -> tuple[float, float, int, dict[str, dict]]:
    out, env = work / "out-loop", _env(work / "cache-loop")
    out.mkdir()
    print(f"  running the loop ({_load()})", file=sys.stderr)
    start, cpu = time.perf_counter(), _cpu()
    for job in jobs:
        cmd = [*SECORDOC, "check", str(job["path"]), "--anniversary", job["anniversary"], "--submitted", job["submitted"],
               "--profile", job["profile"], "--format", "json", "--output", str(out / f"{job['name']}.json"), "--quiet"]
        code = subprocess.run(cmd, env=env).returncode
        if code not in (0, 1):
            raise SystemExit(f"secordoc check {job['name']} exited {code}")
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    reports = {job["name"]: json.loads((out / f"{job['name']}.json").read_text()) for job in jobs}
    return seconds, cpu, sum(r["stats"]["pages"] for r in reports.values()), reports


def _batch(inbox: Path, work: Path, label: str, cache: Path, *extra: str) -> tuple[float, float, dict[str, dict]]:
    out = work / f"out-{label}"
    print(f"  running secordoc batch {' '.join(extra)} ({_load()})", file=sys.stderr)
    start, cpu = time.perf_counter(), _cpu()
    code = subprocess.run([*SECORDOC, "batch", str(inbox), "--dates", str(work / "dates.csv"), "--output", str(out),
                           "--format", "json", "--quiet", *extra], env=_env(cache)).returncode
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    if code != 0:
        raise SystemExit(f"secordoc batch {' '.join(extra)} exited {code}: not every package was checked")
    rows = json.loads((out / "summary.json").read_text())["packages"]
    return seconds, cpu, {r["package"]: r for r in rows}


def _pages(rows: dict[str, dict]) -> int:
    return sum(r["pages"] or 0 for r in rows.values())


def _same(report: dict, row: dict | None) -> bool:
    return row is not None and (row["verdict"], row["errors"], row["warnings"], row["pages"]) == (
        report["verdict"], report["summary"]["errors"], report["summary"]["warnings"], report["stats"]["pages"])


def _change_one(inbox: Path, truths: list[Path]) -> tuple[str, str]:
    """A new version of the largest (scanned) document of the last tier-2 package: the same pages,
    new bytes (a comment after the end of the PDF), so it must be read and OCR'd again."""
    name = json.loads(truths[-1].read_text())["package"]
    target = max((inbox / name).glob("*.pdf"), key=lambda p: (p.stat().st_size, p.name))
    with open(target, "ab") as fh:
        fh.write(b"\n% revised\n")
    return name, target.name


def _table(runs: list[tuple[str, float, float, int]], packages: int) -> None:
    """Wall seconds, throughput, and CPU seconds with the cores kept busy on average (CPU / wall):
    on a shared machine the CPU column shows whether the work was the same and the wall clock
    was disturbed."""
    base = runs[0][1]
    print(f"{'run':46}{'seconds':>9}{'packages/min':>14}{'pages/s':>9}{'vs loop':>9}{'CPU s':>8}{'cores busy':>12}")
    for label, seconds, cpu, pages in runs:
        print(f"{label:46}{seconds:9.1f}{60 * packages / seconds:14.1f}{pages / seconds:9.2f}{base / seconds:8.2f}x"
              f"{cpu:8.0f}{cpu / seconds:12.2f}")


if __name__ == "__main__":
    sys.exit(main())
