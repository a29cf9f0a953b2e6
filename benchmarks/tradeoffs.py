#!/usr/bin/env python3
"""What each of the second reader's rereads costs and what it buys, on the development corpus.

The second reader (PP-OCR on small crops, after tesseract) is what reads hand-filled dates and the
labels that signatures cross; it is also most of what secordoc spends on a scanned page beyond
tesseract's own reading (``stages.py``). Whether a throughput target can be met by reading less
is a question of figures: this prints, for secordoc as it is, with each reread switched off, and
with all of them off, the scorer's wall time for a tier against plain tesseract on the same pages
(``bench.py``'s baseline), next to the tier's recognition figures and which of the targets below
each configuration misses.

A reread switched off hands the page's words on unchanged. Each check runs in a child Python
(``--run-without``) that puts the pass-through in place of the stage's function before secordoc's
command line starts, the way ``stages.py`` wraps them; the scorer (``../shared/eval/score.py``)
runs that child as its command, cold, one package after another.

Not a test: it prints figures.
`python benchmarks/tradeoffs.py [--corpus ../shared/devcorpus] [--tier tier3] [--jobs N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "devcorpus"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

#: The rereads that can be switched off: (module, function). Each takes the page image, its DPI and
#: the page's words first, and returns the words.
REREADS = {
    "labels": ("secordoc.layout.reread_labels", "reread_labels"),
    "dateless-top": ("secordoc.layout.reread", "reread_dateless_top"),
    "dates": ("secordoc.layout.reread", "reread_dates"),
    "doubtful": ("secordoc.layout.reread_doubtful", "reread_doubtful_dates"),
    "title-bars": ("secordoc.layout.banners", "read_banners"),
}
#: Issue 11's targets for tier 3 (scorer figure: least value), and the throughput's.
TARGETS = {"doc_found": 0.98, "split_acc": 0.95, "class_acc": 0.95, "date_acc": 0.93, "sig_acc": 0.93, "findings_f1": 0.90}
TARGET_RATIO = 0.8


# --- the child side ------------------------------------------------------------------------------

def run_without(names: list[str], argv: list[str]) -> None:
    """Switch the rereads ``names`` off, then run ``secordoc`` with ``argv``."""
    from stages import replace_everywhere

    for name in names:
        module, function = REREADS[name]
        replace_everywhere(module, function, lambda _original: _pass_through)
    from secordoc.cli import cli

    cli(args=argv, prog_name="secordoc")


def _pass_through(_image: Any, _dpi: float, words: Any, *_args: Any, **_kwargs: Any) -> Any:
    return words


# --- the parent side -----------------------------------------------------------------------------

def scored(corpus: Path, tier: str, without: list[str], work: Path) -> dict[str, Any]:
    """The scorer's figures for ``tier`` with the rereads ``without`` switched off, cold."""
    command = shlex.join([sys.executable, __file__, "--run-without", ",".join(without) or "-"])
    metrics = work / f"metrics-{'+'.join(without) or 'none'}.json"
    env = {**os.environ, "SECORDOC_CACHE_DIR": str(work / f"cache-{'+'.join(without) or 'none'}")}
    subprocess.run([sys.executable, str(SCORER), str(corpus), "--cmd", command, "--tier", tier, "--json", str(metrics)],
                   capture_output=True, text=True, env=env, check=False)
    try:
        return dict(json.loads(metrics.read_text())["tiers"][tier])
    except (OSError, ValueError, KeyError):
        return {}


def tesseract_seconds(corpus: Path, tier: str, jobs: int, work: Path) -> tuple[float, int]:
    """Plain tesseract on the tier's scanned and photographed pages, as ``bench.py`` times it."""
    from bench import corpus_packages, page_images, tesseract_on

    folder = work / "pages"
    folder.mkdir()
    images = []
    for package, _ in corpus_packages(corpus, [tier]):
        (folder / package.name).mkdir()
        images += page_images(package, folder / package.name)
    return tesseract_on(images, jobs, work / "tesseract"), len(images)


def misses(figures: dict[str, Any], ratio: float) -> str:
    missed = [f"{key} {figures.get(key, 0.0):.3f}<{least}" for key, least in TARGETS.items() if figures.get(key, 0.0) < least]
    missed += [f"speed {ratio:.2f}x<{TARGET_RATIO}x"] if ratio < TARGET_RATIO else []
    return ", ".join(missed) or "none"


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--run-without":
        run_without([n for n in sys.argv[2].split(",") if n in REREADS], sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the development corpus (packages and their truth)")
    parser.add_argument("--tier", default="tier3", help="the corpus's tier to score")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for plain tesseract (secordoc uses its default)")
    args = parser.parse_args()
    if not SCORER.is_file():
        sys.exit(f"the scorer is not at {SCORER}")
    configurations: list[tuple[str, list[str]]] = [("as shipped", [])]
    configurations += [(f"without {name}", [name]) for name in REREADS]
    configurations.append(("without any reread", list(REREADS)))
    with tempfile.TemporaryDirectory(prefix="secordoc-tradeoffs-") as tmp:
        work = Path(tmp)
        tess, pages = tesseract_seconds(args.corpus, args.tier, args.jobs, work)
        print(f"{args.tier} of the development corpus: plain tesseract on its {pages} scanned and photographed pages, "
              f"{args.jobs} processes: {tess:.1f} s")
        print(f"{'secordoc check':<28}{'wall s':>8}{'vs tess':>9}{'class':>7}{'date':>7}{'sig':>7}{'find F1':>9}{'verdict':>9}  targets missed")
        for label, without in configurations:
            figures = scored(args.corpus, args.tier, without, work)
            if not figures:
                print(f"{label:<28}  the scorer gave no figures")
                continue
            wall = float(figures["wall_s"])
            ratio = tess / wall if wall else 0.0
            print(f"{label:<28}{wall:>8.1f}{ratio:>8.2f}x{figures['class_acc']:>7.3f}{figures['date_acc']:>7.3f}"
                  f"{figures['sig_acc']:>7.3f}{figures['findings_f1']:>9.3f}{figures['verdict_acc']:>9.3f}  {misses(figures, ratio)}",
                  flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
