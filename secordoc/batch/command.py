"""``secordoc batch``: the click command (registered on the main group in ``cli``)."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import click

from ..settings import Settings, default_jobs

BATCH_EXIT_HELP = """Exit codes: 0 every package was checked (verdicts are in the summary), 1 some entry
was not checked (its row says why), 2 bad usage, 3 missing dependency, 130 interrupted (run again to resume)."""


@click.command(epilog=BATCH_EXIT_HELP)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--output", "-o", type=click.Path(path_type=Path, file_okay=False), default=Path("secordoc-batch"),
              show_default=True, help="Folder for the reports (reports/) and summary.csv, summary.json.")
@click.option("--dates", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="CSV of package,anniversary[,submitted,profile,employees] for packages without secordoc.json.")
@click.option("--profile", help="Profile for packages whose manifest or dates row names none.")
@click.option("--format", "formats", multiple=True,
              help="Report format beside json (repeatable; default: html when a plugin supplies it).")
@click.option("--force", is_flag=True, help="Check again packages whose reports an earlier run wrote.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: processes on this machine; dask: a Dask cluster (pip install 'secordoc[dask]').")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="The Dask scheduler (--executor dask); without it, a LocalCluster of --workers workers.")
@click.option("--workers", type=click.IntRange(1, 1024),
              help="Packages checked at once (default: one per core).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256),
              help="OCR threads per package (default: the cores divided among the --workers).")
@click.option("--package-time-limit", type=click.FloatRange(1), default=3600.0, show_default=True,
              help="Seconds one package may take before its row says it timed out.")
@click.option("--time-limit", type=click.FloatRange(1, 86400), default=120.0, show_default=True,
              help="Seconds one document may take before it is reported unreadable.")
@click.option("--memory-limit", type=click.IntRange(128, 1 << 20), default=2048, show_default=True,
              help="Megabytes one document's reader may use.")
@click.option("--no-ocr", is_flag=True, help="Read text layers only.")
@click.option("--no-cache", is_flag=True, help="Extract everything again, ignoring and not filling the cache.")
@click.option("--ocr-engine", type=click.Choice(["auto", "tesserocr", "tesseract"]), default="auto", show_default=True)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@click.pass_obj
def batch(run: Any, folder: Path, output: Path, dates: Path | None, profile: str | None, formats: tuple[str, ...],
          force: bool, executor: str, scheduler: str | None, workers: int | None, jobs: int | None,
          package_time_limit: float, time_limit: float, memory_limit: int, no_ocr: bool, no_cache: bool,
          ocr_engine: str, quiet: bool) -> None:
    """Check every package under FOLDER (each subfolder, zip or PDF/image file) and summarise.

    Writes one report per package to OUTPUT/reports/ and OUTPUT/summary.csv and summary.json, the
    packages needing a person first. Run it again to resume: reports already written are kept.
    """
    from ..cli import _guard  # the one place that turns errors into exit codes
    from .runner import BatchOptions, run_batch

    def go() -> int:
        cores = default_jobs()
        width = workers or cores
        settings = Settings(ocr=not no_ocr, jobs=jobs or max(1, cores // width), use_cache=not no_cache,
                            time_limit=time_limit, memory_limit_mb=memory_limit, ocr_engine=ocr_engine)
        if executor == "local" and settings.ocr:
            _check_ocr_engine(run.pm, settings)
        options = BatchOptions(folder, output, dates, profile, formats, force, width, package_time_limit,
                               "dask" if executor == "dask" else "local", scheduler, run.plugins, run.keep_going,
                               not quiet)
        previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops a batch as Ctrl-C does
        try:
            outcome = run_batch(options, run.pm, settings)
        except KeyboardInterrupt:
            click.echo("secordoc: interrupted; the reports written so far are kept: run again to resume.", err=True)
            return 130
        finally:
            signal.signal(signal.SIGTERM, previous)
        for name in outcome.unmatched_dates:
            click.echo(f"secordoc: the dates file names '{name}', which is not a package under {folder}.", err=True)
        checked = sum(1 for r in outcome.rows if r["status"] == "checked")
        if not quiet:
            click.echo(f"{checked} of {len(outcome.rows)} checked; summary in {output / 'summary.csv'}", err=True)
        return 0 if outcome.all_checked else 1

    _guard(go)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _check_ocr_engine(pm: Any, settings: Settings) -> None:
    """A missing tesseract is one message before any work, not a failed row per package."""
    engine = pm.hook.secordoc_ocr_engine(settings=settings)
    if engine is not None:
        engine.check()
