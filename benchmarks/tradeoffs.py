#!/usr/bin/env python3
"""What each of the second reader's rereads costs and what it buys, on the development corpus.

The second reader (PP-OCR on small crops, after tesseract) is what reads hand-filled dates and the
labels that signatures cross; it is also most of what secordoc spends on a scanned page beyond
tesseract's own reading (``stages.py``). Whether a throughput target can be met by reading less
is a question of figures: this prints, for secordoc as it is, with each reread switched off, and
with all of them off, the scorer's wall time for a tier against plain tesseract on the same pages
(``bench.py``'s baseline), next to the tier's recognition figures and which of its targets
(``accuracy.py``'s, and for tier 3 the throughput target below) each configuration misses.

A reread switched off hands the page's words on unchanged. Each check runs in a child Python
(``--run-without labels+dates``, or ``none``) that puts the pass-through in place of the stage's function before secordoc's
command line starts, the way ``stages.py`` wraps them; the scorer (``../shared/eval/score.py``)
runs that child as its command, cold, one package after another.

Not a test: it prints figures.
`python benchmarks/tradeoffs.py [--corpus ../shared/devcorpus] [--tier tier3] [--jobs N]`.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "devcorpus"

#: The rereads that can be switched off: (module, function). Each takes the page image, its DPI and
#: the page's words first, and returns the words.
REREADS = {
    "labels": ("secordoc.layout.reread_labels", "reread_labels"),
    "dateless-top": ("secordoc.layout.reread", "reread_dateless_top"),
    "dates": ("secordoc.layout.reread", "reread_dates"),
    "doubtful": ("secordoc.layout.reread_doubtful", "reread_doubtful_dates"),
    "title-bars": ("secordoc.layout.banners", "read_banners"),
}
#: Issue 11's throughput target: scanned pages of tier 3 at this fraction of plain tesseract's speed.
THROUGHPUT_TARGETS = {"tier3": 0.8}


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
    from accuracy import run_scorer

    name = "+".join(without) or "none"
    command = shlex.join([sys.executable, __file__, "--run-without", name])
    env = {**os.environ, "SECORDOC_CACHE_DIR": str(work / f"cache-{name}")}
    return dict(run_scorer(command, corpus, tier, env=env)["tiers"][tier])


def misses(figures: dict[str, Any], tier: str, ratio: float) -> str:
    """The targets of ``tier`` these figures and this speed (against plain tesseract) miss."""
    from accuracy import targets

    missed = [f"{key} {figures.get(key, 0.0):.3f}<{least}" for key, least in targets(tier).items() if figures.get(key, 0.0) < least]
    least_ratio = THROUGHPUT_TARGETS.get(tier, 0.0)
    missed += [f"speed {ratio:.2f}x<{least_ratio}x"] if ratio < least_ratio else []
    return ", ".join(missed) or "none"


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--run-without":
        names = [] if sys.argv[2] == "none" else sys.argv[2].split("+")
        unknown = [n for n in names if n not in REREADS]
        if unknown:  # a misspelt name would time secordoc as shipped under another label
            sys.exit(f"--run-without: no reread called {', '.join(unknown)} (known: {', '.join(REREADS)})")
        run_without(names, sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the development corpus (packages and their truth)")
    parser.add_argument("--tier", default="tier3", help="the corpus's tier to score")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for plain tesseract (secordoc uses its default)")
    args = parser.parse_args()
    # here, not at the top: the checks' processes (this script as the scorer's command) need none of these
    from bench import corpus_images, corpus_packages, tesseract_on

    configurations: list[tuple[str, list[str]]] = [("as shipped", [])]
    configurations += [(f"without {name}", [name]) for name in REREADS]
    configurations.append(("without any reread", list(REREADS)))
    with tempfile.TemporaryDirectory(prefix="secordoc-tradeoffs-") as tmp:
        work = Path(tmp)
        images = corpus_images(corpus_packages(args.corpus, [args.tier]), work / "pages")
        tess, pages = tesseract_on(images, args.jobs, work / "tesseract"), len(images)
        print(f"{args.tier} of the development corpus: plain tesseract on its {pages} scanned and photographed pages, "
              f"{args.jobs} processes: {tess:.1f} s")
        print(f"{'secordoc check':<28}{'wall s':>8}{'vs tess':>9}{'class':>7}{'date':>7}{'sig':>7}{'find F1':>9}{'verdict':>9}  targets missed")
        for label, without in configurations:
            figures = scored(args.corpus, args.tier, without, work)
            wall = float(figures["wall_s"])
            ratio = tess / wall if wall else 0.0
            print(f"{label:<28}{wall:>8.1f}{ratio:>8.2f}x{figures['class_acc']:>7.3f}{figures['date_acc']:>7.3f}"
                  f"{figures['sig_acc']:>7.3f}{figures['findings_f1']:>9.3f}{figures['verdict_acc']:>9.3f}  {misses(figures, args.tier, ratio)}",
                  flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
