"""Check every package under a folder in one run: a reviewer's season of submissions.

``run_batch`` finds the packages (``discover``), skips those already checked (``resume``), hands
the rest to an executor (``local``: forked processes on this machine; ``dask_executor``: a Dask
cluster), writes each report as it arrives (``outputs``) and ends with ``summary.csv`` and
``summary.json`` (``summary``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .runner import BatchOptions, BatchOutcome, run_batch

__all__ = ["BatchOptions", "BatchOutcome", "run_batch"]


def __getattr__(name: str) -> Any:
    """The runner loads on first use: ``cli`` imports ``batch.command`` on every run, batch or not."""
    if name in __all__:
        from . import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
