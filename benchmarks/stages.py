#!/usr/bin/env python3
"""Where the CPU of ``secordoc check`` goes, stage by stage, on the development corpus's packages.

Speed work on scanned and photographed pages starts from this table: tesseract's reading and its
orientation detection, each of the second reader's rereads, the raster stage, loading the second
reader's models, what the OCR workers do outside those stages (loading files, flattening photos,
rendering PDF pages, decoding images) and the main processes (start-up, scheduling, analysis,
checks, the report). Each package is checked cold with ``-j`` workers, one after another, as
``bench.py`` times them; each stage's CPU is its own (a stage's time inside another is counted
once, in the inner one).

Each check runs in a child Python that wraps the stage functions (``--shim``, below) before
secordoc's command line starts; the wrappers are inherited by the forked OCR workers, which append
one line per call to a log. The checks run with ``--ocr-engine tesserocr``, so tesseract reads in
the workers: the pytesseract engine's tesseract runs in processes of its own, outside the table.

Not a test: it prints figures.
`python benchmarks/stages.py [--corpus ../shared/devcorpus] [--tiers tier3] [--jobs N]`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "devcorpus"

#: (module, attribute, the stage's name in the table, the least CPU a call must take to count: the
#: reader's lookup is a call too once its models are loaded): the functions timed, in table order.
STAGES = (
    ("secordoc.builtin.tesserocr_engine", "TesserocrEngine._recognise", "tesseract: reading", 0.0),
    ("secordoc.builtin.tesserocr_engine", "TesserocrEngine._orientation", "tesseract: orientation detection", 0.0),
    ("secordoc.layout.reread_labels", "reread_labels", "second reader: labels beside signatures", 0.0),
    ("secordoc.layout.reread", "reread_dateless_top", "second reader: top of dateless pages", 0.0),
    ("secordoc.layout.reread", "reread_dates", "second reader: dates beside labels", 0.0),
    ("secordoc.layout.reread_doubtful", "reread_doubtful_dates", "second reader: doubtful dates", 0.0),
    ("secordoc.layout.banners", "read_banners", "second reader: title bars", 0.0),
    ("secordoc.layout.reread", "reader", "second reader: models loaded", 0.01),
    ("secordoc.layout.raster", "analyse_raster", "raster: rules and ink", 0.0),
)
MAIN = "main processes: start-up, scheduling, analysis, checks, report"
OTHER = "workers, outside these stages: loading files, photos, rendering, decoding"


# --- the child side ------------------------------------------------------------------------------

def shim(log: str, argv: list[str]) -> None:
    """Wrap every stage, run ``secordoc`` with ``argv``, then log this process's own CPU and its
    reaped children's (the OCR workers)."""
    open_stages: list[float] = []  # per stage running, the CPU of the stages inside it so far
    for module, attribute, name, floor in STAGES:
        replace_everywhere(module, attribute, partial(_timed, name=name, floor=floor, log=log, open_stages=open_stages))
    from secordoc.cli import cli

    try:
        cli(args=argv, prog_name="secordoc")
    except SystemExit:
        pass
    t = os.times()
    _write(log, "@main", t.user + t.system)
    _write(log, "@children", t.children_user + t.children_system)


def replace_everywhere(module: str, attribute: str, make: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    """Put ``make(original)`` in place of the function ``module.attribute`` (a dotted attribute for
    a method), and of every copy a secordoc module imported by name (``from .reread import
    reader``), before secordoc's command line starts."""
    owner: Any = importlib.import_module(module)
    *path, last = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, last)
    replacement = make(original)
    setattr(owner, last, replacement)
    for loaded in [m for n, m in sys.modules.items() if n.startswith("secordoc.")]:
        for name, value in list(vars(loaded).items()):
            if value is original:
                setattr(loaded, name, replacement)


def _timed(fn: Callable[..., Any], name: str, floor: float, log: str, open_stages: list[float]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        open_stages.append(0.0)
        try:
            return fn(*args, **kwargs)
        finally:
            spent = time.process_time() - start
            own = spent - open_stages.pop()
            if open_stages:
                open_stages[-1] += spent
            if own >= floor:
                _write(log, name, own)

    return timed


def _write(log: str, name: str, seconds: float) -> None:
    with open(log, "a", encoding="utf-8") as fh:  # one short line per write: appends do not interleave
        fh.write(f"{name}\t{seconds:.4f}\n")


# --- the parent side -----------------------------------------------------------------------------

def check_all(found: list[tuple[Path, dict[str, Any]]], jobs: int, work: Path) -> tuple[float, int, dict[str, list[float]]]:
    """Every package checked cold through the shim: (wall seconds, OCR'd pages, CPU per stage)."""
    log = work / "stages.tsv"
    env = {**os.environ, "SECORDOC_CACHE_DIR": str(work / "cache")}
    wall, pages = 0.0, 0
    from bench import check_argv  # here, not at the top: the checks' processes need none of bench's imports

    for package, truth in found:
        argv = [*check_argv(package, truth, jobs), "--ocr-engine", "tesserocr"]  # tesseract in the workers
        start = time.monotonic()
        done = subprocess.run([sys.executable, __file__, "--shim", str(log), *argv], capture_output=True, text=True, env=env)
        wall += time.monotonic() - start
        try:
            pages += json.loads(done.stdout)["stats"]["ocr_pages"]
        except (ValueError, KeyError, TypeError):
            print(f"  {package.name}: no report ({done.stderr.strip()[-200:]})")
    spent: dict[str, list[float]] = defaultdict(list)
    for line in (log.read_text(encoding="utf-8") if log.exists() else "").splitlines():  # no line: every check failed
        name, seconds = line.split("\t")
        spent[name].append(float(seconds))
    return wall, pages, spent


def table(spent: dict[str, list[float]]) -> list[tuple[str, int, float]]:
    """(stage, calls, CPU seconds) in table order, the workers' remainder and the main processes last."""
    rows = [(name, len(spent[name]), sum(spent[name])) for _, _, name, _ in STAGES if spent.get(name)]
    staged = sum(cpu for _, _, cpu in rows)
    rows.append((OTHER, 0, max(0.0, sum(spent.get("@children", [])) - staged)))
    rows.append((MAIN, len(spent.get("@main", [])), sum(spent.get("@main", []))))
    return rows


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--shim":
        shim(sys.argv[2], sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the development corpus (packages and their truth)")
    parser.add_argument("--tiers", default="tier3", help="the corpus's tiers to check (comma separated)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="OCR workers per package (-j)")
    args = parser.parse_args()
    from bench import corpus_packages

    found = corpus_packages(args.corpus, args.tiers.split(","))
    if not found:
        sys.exit(f"no {args.tiers} packages in {args.corpus} (--corpus to point at it)")
    with tempfile.TemporaryDirectory(prefix="secordoc-stages-") as tmp:
        wall, pages, spent = check_all(found, args.jobs, Path(tmp))
    rows = table(spent)
    total = sum(cpu for _, _, cpu in rows)
    print(f"{args.tiers} of the development corpus: {len(found)} packages, {pages} OCR'd pages, checked cold one "
          f"after another with -j {args.jobs}")
    print(f"wall {wall:.1f} s; CPU {total:.1f} s")
    print(f"{'stage':<72}{'calls':>7}{'CPU s':>8}{'share':>7}")
    for name, calls, cpu in rows:
        print(f"{name:<72}{calls or '':>7}{cpu:>8.1f}{cpu / (total or 1):>7.0%}")


if __name__ == "__main__":
    main()
