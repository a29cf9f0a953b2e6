"""The batch from start to summary: discover, resume, check, write as results arrive, summarise."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from .. import __version__
from ..errors import UsageError
from ..plugin_manager import SecordocPluginManager
from ..settings import Settings
from .dates import PackageDates, dates_for, read_dates
from .discover import Candidate, discover
from .jobs import PackageJob, PackageResult
from .outputs import choose_formats, report_paths, write_reports
from .progress import BatchProgress
from .resume import fingerprint, kept_row, remember
from .summary import ordered, row_for, write_summary


class Executor(Protocol):
    name: str

    def run(self, jobs: list[PackageJob]) -> Iterator[PackageResult]: ...


@dataclass(frozen=True)
class BatchOptions:
    root: Path
    out: Path
    dates: Path | None = None
    profile: str | None = None
    formats: tuple[str, ...] = ()
    force: bool = False
    workers: int = 1
    package_time_limit: float = 3600.0
    executor: Literal["local", "dask"] = "local"
    scheduler: str | None = None
    #: How the checking processes rebuild the plugin manager (Dask workers start afresh).
    plugins: tuple[str, ...] = ()
    keep_going: bool = False
    show_progress: bool = True


@dataclass
class BatchOutcome:
    rows: list[dict[str, Any]]
    unmatched_dates: list[str] = field(default_factory=list)

    @property
    def all_checked(self) -> bool:
        return all(r["status"] == "checked" for r in self.rows)


def run_batch(options: BatchOptions, pm: SecordocPluginManager, settings: Settings,
              executor: Executor | None = None) -> BatchOutcome:
    """Check every package under ``options.root``; reports and summary go to ``options.out``.
    Raises ``UsageError`` for a bad folder or dates file, before any work."""
    if not options.root.is_dir():
        raise UsageError(f"There is no folder at {options.root}.", "secordoc batch takes a folder holding the packages.")
    table = read_dates(options.dates) if options.dates else {}
    formats = choose_formats(pm, options.formats)
    try:
        options.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"Cannot make the output folder {options.out} ({exc.strerror}).",
                         "Give a folder you may write to with --output.") from None
    excluded = (options.out,) + ((options.dates,) if options.dates else ())
    candidates = discover(options.root, pm, excluded)
    rows, todo = _plan(candidates, table, formats, options, pm, settings)
    started = time.monotonic()
    progress = BatchProgress(len(todo), sum(j.size for j, _ in todo.values()), len(rows) - _not_packages(rows),
                             quiet=not options.show_progress)
    try:
        runner = executor or _executor(options, pm, settings)
        jobs = sorted((j for j, _ in todo.values()), key=lambda j: -j.size)  # largest first: no long tail
        for result in runner.run(jobs):
            job, print_ = todo.pop(result.name)
            row = _finish(options.out, result)
            remember(options.out, job.name, print_, row)
            rows.append(row)
            progress.package_done(row, job.size)
    finally:
        progress.close()
        rows += [row_for(PackageResult(name, "interrupted", reason="the batch stopped before this package was checked"))
                 for name in todo]
        write_summary(options.out, rows, _meta(options, rows, time.monotonic() - started))
    unmatched = sorted(n for n in table if not any(dates_for(c.name, {n: table[n]}) for c in candidates))
    return BatchOutcome(ordered(rows), unmatched)


def _plan(candidates: list[Candidate], table: dict[str, PackageDates], formats: tuple[str, ...],
          options: BatchOptions, pm: SecordocPluginManager, settings: Settings,
          ) -> tuple[list[dict[str, Any]], dict[str, tuple[PackageJob, str]]]:
    """Rows known before any work (not packages, packages kept from an earlier run) and the jobs
    to run, each with its input fingerprint."""
    rows: list[dict[str, Any]] = []
    todo: dict[str, tuple[PackageJob, str]] = {}
    for c in candidates:
        if c.reason is not None:
            rows.append(row_for(PackageResult(c.name, "not-a-package", reason=c.reason)))
            continue
        facts = dates_for(c.name, table) or PackageDates()
        job = PackageJob(c.name, str(c.path.resolve()), facts.anniversary, facts.submitted,
                         facts.profile or options.profile, facts.employees, c.size, formats)
        print_ = fingerprint(job, settings, pm)
        kept = None if options.force else kept_row(options.out, c.name, print_, report_paths(c.name, formats))
        if kept is not None:
            rows.append({**kept, "resumed": True})
        else:
            todo[c.name] = (job, print_)
    return rows, todo


def _not_packages(rows: list[dict[str, Any]]) -> int:
    return sum(1 for r in rows if r["status"] == "not-a-package")


def _meta(options: BatchOptions, rows: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    checked = sum(1 for r in rows if r["status"] == "checked")
    return {"tool": {"name": "secordoc", "version": __version__}, "folder": str(options.root),
            "executor": options.executor, "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "seconds": round(seconds, 2), "counts": {"packages": len(rows), "checked": checked,
                                                     "not_checked": len(rows) - checked}}


def _finish(out: Path, result: PackageResult) -> dict[str, Any]:
    """Write the package's reports; its row names them."""
    if result.status != "checked":
        return row_for(result)
    return row_for(result, write_reports(out, result.name, result.rendered))


def _executor(options: BatchOptions, pm: SecordocPluginManager, settings: Settings) -> Executor:
    if options.executor == "dask":
        from .dask_executor import DaskExecutor  # dask is an optional extra

        return DaskExecutor(settings, options.plugins, options.keep_going, options.package_time_limit,
                            options.scheduler, options.workers)
    from .local import LocalExecutor

    return LocalExecutor(pm, settings, options.workers, options.package_time_limit)
