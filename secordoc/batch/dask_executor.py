"""The Dask executor: each package a task on a Dask distributed cluster (``--scheduler``), or on a
``LocalCluster`` of ``workers`` single-threaded workers when no scheduler is given.

A task checks its package in a fresh ``python -m secordoc.batch.child`` process on the worker
(see ``child``), under the package time limit, and returns the result; the reports and the
summary are written here, so workers need the packages at the same path but no shared output
folder. A worker lost mid-package is Dask's to handle: the scheduler gives the task to another
worker, up to its ``distributed.scheduler.allowed-failures``; past that the package's row says so.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import Any

from ..errors import MissingDependencyError, UsageError
from ..settings import Settings
from .child import request_text
from .jobs import PackageJob, PackageResult, stopped_without_report, timed_out
from .local import GRACE_SECONDS

#: Retries of a task that raised (the child could not start, say); a lost worker is retried by the
#: scheduler itself, whatever this says.
RETRIES = 1
CONNECT_SECONDS = 30
#: Environment variables Dask's nanny sets for its workers that a package's check runs better without.
DASK_TWEAKS_UNDONE = ("MALLOC_TRIM_THRESHOLD_",)


def check_in_subprocess(job: dict[str, Any], settings: dict[str, Any], plugins: list[str], keep_going: bool,
                        time_limit: float) -> dict[str, Any]:
    """Runs on a Dask worker: check one package in a child process; a ``PackageResult`` as a dict."""
    name, start = job["name"], time.monotonic()
    text = request_text(PackageJob.from_dict(job), Settings(**settings), tuple(plugins), keep_going)
    with tempfile.TemporaryDirectory(prefix="secordoc-batch-") as tmp:
        out = os.path.join(tmp, "result.json")
        child = subprocess.Popen([sys.executable, "-m", "secordoc.batch.child", out], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                                 env=child_environment())
        try:
            _, err = child.communicate(text, timeout=time_limit)
        except subprocess.TimeoutExpired:
            _end_group(child)
            return timed_out(name, time.monotonic() - start, time_limit).to_dict()
        finally:
            _end_group(child, signal.SIGKILL)  # readers a crashed child may have left behind
        if child.returncode == 0 and os.path.exists(out):
            with open(out, encoding="utf-8") as fh:
                return json.load(fh)  # type: ignore[no-any-return]
    last = (err or "").strip().splitlines()[-1:] or ["no message"]
    return PackageResult(name, "crashed", time.monotonic() - start,
                         reason=stopped_without_report(child.returncode, last[0][:300])).to_dict()


def child_environment() -> dict[str, str]:
    """The worker's environment less the allocator setting Dask's nanny gives its workers
    (``MALLOC_TRIM_THRESHOLD_``, from ``distributed.nanny.pre-spawn-environ``): measured on 14
    scanned pages, it doubled a package's time (10 s of system time instead of 0.4: page images'
    memory handed back to the system and asked for again on every page)."""
    env = dict(os.environ)
    try:
        import dask
        import distributed  # noqa: F401 - loads its configuration (already imported on a worker)

        tweaks = dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {}
    except ImportError:
        tweaks = {}
    for key in DASK_TWEAKS_UNDONE:
        if key in tweaks and env.get(key) == str(tweaks[key]):
            del env[key]
    return env


def _end_group(child: subprocess.Popen[str], sig: int = signal.SIGTERM) -> None:
    try:
        os.killpg(child.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
    if sig == signal.SIGTERM:
        try:
            child.wait(GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            _end_group(child, signal.SIGKILL)
    child.wait()


class DaskExecutor:
    """Hands each package to a Dask cluster; ``run`` yields results as they come back."""

    name = "dask"

    def __init__(self, settings: Settings, plugins: tuple[str, ...], keep_going: bool, time_limit: float,
                 scheduler: str | None = None, workers: int = 1,
                 task: Callable[..., dict[str, Any]] = check_in_subprocess) -> None:
        self.settings, self.plugins, self.keep_going, self.time_limit = settings, plugins, keep_going, time_limit
        self.scheduler, self.workers, self.task = scheduler, workers, task

    def run(self, jobs: list[PackageJob]) -> Iterator[PackageResult]:
        distributed = _import_distributed()
        cluster, client = self._connect(distributed)
        try:
            futures = {
                client.submit(self.task, job.to_dict(), asdict(self.settings), list(self.plugins), self.keep_going,
                              self.time_limit, key=f"secordoc-check-{job.name}-{uuid.uuid4().hex[:8]}", pure=False,
                              retries=RETRIES): job
                for job in jobs
            }
            for future in distributed.as_completed(futures):
                job = futures[future]
                if future.status == "finished":
                    yield PackageResult.from_dict(future.result())
                else:
                    yield PackageResult(job.name, "crashed", reason=_failure(future.exception()))
                future.release()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self, distributed: Any) -> tuple[Any, Any]:
        if self.scheduler is None:
            cluster = distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
            return cluster, distributed.Client(cluster)
        try:
            return None, distributed.Client(self.scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"Cannot reach the Dask scheduler at {self.scheduler} ({exc}).",
                             "Start one with `dask scheduler` and give its address, tcp://HOST:PORT.") from None


def _failure(exc: BaseException | None) -> str:
    if type(exc).__name__ == "KilledWorker":
        return f"the Dask workers checking it were lost too many times ({exc})"
    return f"the Dask task failed ({type(exc).__name__}: {exc})"


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise MissingDependencyError("The Dask executor needs Dask's distributed scheduler.",
                                     "Install it with: pip install 'secordoc[dask]'.") from None
    return distributed
