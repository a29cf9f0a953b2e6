"""The local executor: packages checked side by side in forked processes on this machine.

Each package gets a process of its own (forked from the batch, so there is no Python start-up
per package and plugins loaded from anywhere work), up to ``workers`` at once, each reading its
pages with ``settings.jobs`` OCR threads. With one package per core and one OCR thread each, one
package's single-threaded stages (loading, layout, classification) overlap another's OCR, and no
core waits for the end of a package. Each process leads its own process group, so a package over
its time limit is ended together with the readers it started.

The batch process itself starts no thread, so nothing is forked while a lock is held.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
from collections.abc import Iterator
from typing import Any

from ..plugin_manager import SecordocPluginManager
from ..settings import Settings
from .check_one import check_package
from .jobs import PackageJob, PackageResult, stopped_without_report, timed_out

#: Seconds a package over its time limit gets to clean up (its work folder) before it is killed.
GRACE_SECONDS = 5.0
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _child(conn: multiprocessing.connection.Connection, job: PackageJob, pm: SecordocPluginManager,
           settings: Settings, parent: int) -> None:
    os.setpgrp()  # its own group: a timeout ends the package's readers too, Ctrl-C reaches only the batch
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_cleanly)
    _end_with_parent(parent)
    try:
        conn.send(check_package(job, pm, settings))
    finally:
        conn.close()


def _end_with_parent(parent: int) -> None:
    """Linux: SIGTERM when the batch process dies, however it dies (even SIGKILL), so no package
    goes on checking for nobody in a process group of its own."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # it died before the line above
        raise SystemExit(128 + signal.SIGTERM)


def _exit_cleanly(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # unwinds the run's ``finally`` blocks: its work folder is removed


class _Running:
    def __init__(self, context: Any, job: PackageJob, pm: SecordocPluginManager, settings: Settings,
                 time_limit: float) -> None:
        self.job = job
        self.conn, child = context.Pipe(duplex=False)
        self.process = context.Process(target=_child, args=(child, job, pm, settings, os.getpid()), daemon=False)
        self.started = time.monotonic()
        self.deadline = self.started + time_limit
        self.time_limit = time_limit
        self.terminated = False
        self.process.start()
        child.close()

    def answer(self) -> PackageResult:
        try:
            result: PackageResult = self.conn.recv()
        except (EOFError, OSError):
            self.end()
            if self.terminated:
                return self.timed_out()
            return PackageResult(self.job.name, "crashed", time.monotonic() - self.started,
                                 reason=stopped_without_report(self.process.exitcode))
        self.end()
        return result

    def timed_out(self) -> PackageResult:
        return timed_out(self.job.name, time.monotonic() - self.started, self.time_limit)

    def stop(self) -> None:
        """Over its time limit: ask it to clean up, and kill its group if it does not in time."""
        if not self.terminated:
            self.terminated = True
            self.deadline = time.monotonic() + GRACE_SECONDS
            _signal_group(self.process.pid, signal.SIGTERM)
        else:
            self.end()

    def end(self) -> None:
        """Kill whatever is left of the package's process group (readers a crash left behind)."""
        _signal_group(self.process.pid, signal.SIGKILL)
        self.process.join()
        self.conn.close()


def _signal_group(pid: int | None, sig: int) -> None:
    if pid is None:
        return
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):  # the group is gone, or not made yet: the process alone
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


class LocalExecutor:
    """Up to ``workers`` packages at once on this machine; ``run`` yields results as they finish."""

    name = "local"

    def __init__(self, pm: SecordocPluginManager, settings: Settings, workers: int, time_limit: float) -> None:
        self.pm = pm
        self.settings = settings
        self.workers = max(1, workers)
        self.time_limit = time_limit
        self.context = multiprocessing.get_context("fork")

    def run(self, jobs: list[PackageJob]) -> Iterator[PackageResult]:
        pending = list(reversed(jobs))
        running: dict[Any, _Running] = {}
        try:
            while pending or running:
                while pending and len(running) < self.workers:
                    item = _Running(self.context, pending.pop(), self.pm, self.settings, self.time_limit)
                    running[item.conn] = item
                wait = max(0.0, min(r.deadline for r in running.values()) - time.monotonic())
                for conn in multiprocessing.connection.wait(list(running), timeout=wait):
                    yield running.pop(conn).answer()
                now = time.monotonic()
                for conn, item in list(running.items()):
                    if now < item.deadline:
                        continue
                    if item.terminated:
                        running.pop(conn).end()
                        yield item.timed_out()
                    else:
                        item.stop()
        finally:
            for item in running.values():
                item.end()
