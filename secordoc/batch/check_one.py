"""Check one package of a batch and say what came of it; never raises for a bad package.

Runs inside whatever process an executor chose (a forked child here, a subprocess on a Dask
worker), so a package that fails takes its own row with the reason, never the batch.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from ..check import CheckRequest, run_check
from ..errors import SecordocError
from ..plugin_manager import SecordocPluginManager
from ..settings import Settings
from .jobs import PackageJob, PackageResult
from .outputs import render_reports


def check_package(job: PackageJob, pm: SecordocPluginManager, settings: Settings) -> PackageResult:
    """``secordoc check`` on one package, its outcome as a ``PackageResult`` with the rendered reports."""
    start = time.monotonic()
    request = CheckRequest(
        Path(job.path), job.profile, _day(job.anniversary), _day(job.submitted), job.employees
    )
    try:
        report = run_check(request, pm, settings)
    except SecordocError as exc:
        return PackageResult(job.name, "error", time.monotonic() - start, reason=str(exc).replace("\n", " "))
    except Exception as exc:  # noqa: BLE001 - a bug shown on one package's row, the batch goes on
        reason = f"internal error: {type(exc).__name__}: {exc}"
        return PackageResult(job.name, "crashed", time.monotonic() - start, reason=reason)
    try:
        rendered = render_reports(Path(job.path), report, pm, settings, job.formats)
    except Exception as exc:  # noqa: BLE001 - a plugin's renderer failing on one report
        reason = f"its report could not be rendered ({type(exc).__name__}: {exc})"
        return PackageResult(job.name, "error", time.monotonic() - start, reason=reason, report=report)
    return PackageResult(job.name, "checked", time.monotonic() - start, report=report, rendered=rendered)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
