"""Long-lived worker processes that each run many tasks, every task under a time limit and a memory cap.

A parser that crashes (a segfault in pdfium), loops (a recursive page tree), eats memory (a
decompression bomb), or a tesseract that hangs on one page, ends its own task only: the worker is
killed or retires, a fresh one takes its place at the next task, and the task's key gets an
``Outcome`` saying why. Forking a child per file cost about 13 ms of kernel time a file (61
born-digital files/s); a worker reused for every file costs a pipe round trip.

Workers are forked from the calling thread, so plugins loaded from anywhere work unchanged and
the objects a task needs but that cannot be pickled (the plugin manager, the OCR engine) reach
the workers as ``shared``, given at fork time. Only the task's function (by name) and its
arguments travel through the pipe. The scheduler is the caller's single thread: there is no
manager thread, so no fork ever happens while another thread of ours holds a lock (the hazard
fixed in d5e25ab). This is also why the pool is ours rather than a library's: pebble's manager
thread forks replacements while the main thread runs, and the standard library's pools have no
per-task time limit and break whole on one crashed worker.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import multiprocessing.connection
import resource
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import DocumentError

#: A task's key: anything hashable that names it to the caller.
Key = Any
#: A worker is replaced after this many tasks, so slow leaks in C libraries stay bounded.
TASKS_PER_WORKER = 2000


@dataclass
class Outcome:
    ok: bool
    value: Any = None
    reason: str | None = None
    kind: str = "unreadable"  # also "timeout", "crash", "too-big", "encrypted"...
    #: The worker ended itself after this task (a MemoryError may leave a C library in a bad state).
    retire: bool = False
    #: The signal that ended the worker, when it crashed.
    signal: int = 0


def attempt(fn: Callable[..., Any], shared: Any, args: tuple[Any, ...], memory_mb: int) -> Outcome:
    """Run one task; every failure it raises becomes the task's Outcome (never the worker's end)."""
    try:
        return Outcome(True, fn(shared, *args))
    except DocumentError as exc:
        return Outcome(False, reason=exc.reason, kind=exc.kind)
    except MemoryError:
        return Outcome(False, reason=f"needs more than {memory_mb} MB of memory to read", kind="too-big", retire=True)
    except RecursionError:
        return Outcome(False, reason="damaged file: its structure loops or nests too deeply")
    except Exception as exc:  # noqa: BLE001 - every failure of a reader is the document's
        last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        where = f" in {last[0].name}" if last else ""
        return Outcome(False, reason=f"could not be read ({type(exc).__name__}{where}: {str(exc)[:200]})")


def _serve(conn: multiprocessing.connection.Connection, shared: Any, memory_mb: int) -> None:
    """A worker's life: take a task, answer it, until told to stop, the pipe closes, or it retires."""
    faulthandler.disable()  # a crashing reader is reported by its exit signal, not a C traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it kills us
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    for _ in range(TASKS_PER_WORKER):
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        fn, args = task
        outcome = attempt(fn, shared, args, memory_mb)
        try:
            conn.send(outcome)
        except Exception as exc:  # noqa: BLE001 - an answer that cannot be pickled is the task's failure
            conn.send(Outcome(False, reason=f"could not be read (its result cannot be passed on: {type(exc).__name__})"))
        if outcome.retire:
            return


class _Worker:
    def __init__(self, context: Any, shared: Any, memory_mb: int) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child, shared, memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.tasks = 0
        self.key: Key | None = None
        self.deadline = 0.0
        self.time_limit = 0.0

    @property
    def busy(self) -> bool:
        return self.key is not None

    def give(self, key: Key, fn: Callable[..., Any], args: tuple[Any, ...], time_limit: float) -> None:
        self.conn.send((fn, args))
        self.key, self.time_limit, self.deadline = key, time_limit, time.monotonic() + time_limit
        self.tasks += 1

    def answered(self) -> Outcome:
        """The answer to this worker's task, or why there is none (it died)."""
        try:
            return self.conn.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError):
            self.process.join()
            code = self.process.exitcode
            if code is not None and code < 0:
                return Outcome(False, reason=f"the reader crashed on this file (signal {-code})", kind="crash", retire=True,
                               signal=-code)
            return Outcome(False, reason="the reader stopped without an answer", kind="crash", retire=True)
        except Exception as exc:  # noqa: BLE001 - an answer that cannot be unpickled
            return Outcome(False, reason=f"could not be read (its result cannot be passed on: {type(exc).__name__})",
                           retire=True)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class WorkerPool:
    """Up to ``jobs`` long-lived workers. The caller feeds it with ``start`` while ``free`` > 0 and
    takes answers with ``collect``; each answer is (key, Outcome). Use as a context manager: every
    worker is ended on leaving, also on an exception or Ctrl-C."""

    def __init__(self, jobs: int, memory_mb: int, shared: Any = None) -> None:
        self.jobs = max(1, jobs)
        self.memory_mb = memory_mb
        self.shared = shared
        self.context = multiprocessing.get_context("fork")
        self.workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def busy(self) -> int:
        return sum(1 for w in self.workers if w.busy)

    @property
    def running(self) -> list[Key]:
        """The keys of the tasks running now."""
        return [w.key for w in self.workers if w.key is not None]

    @property
    def free(self) -> int:
        return self.jobs - self.busy

    def start(self, key: Key, fn: Callable[..., Any], args: tuple[Any, ...], time_limit: float) -> None:
        """Run ``fn(shared, *args)`` in an idle worker (forked now if none is left). ``fn`` must be a
        module-level function and ``args`` picklable."""
        worker = next((w for w in self.workers if not w.busy), None)
        if worker is not None:
            try:
                worker.give(key, fn, args, time_limit)
                return
            except OSError:  # it died while idle (killed from outside): replace it
                self._drop(worker)
        if len(self.workers) >= self.jobs:
            raise RuntimeError("no free worker: start only while free > 0")
        worker = _Worker(self.context, self.shared, self.memory_mb)
        self.workers.append(worker)
        worker.give(key, fn, args, time_limit)

    def collect(self, timeout: float | None = None) -> list[tuple[Key, Outcome]]:
        """Wait for at least one answer (or a task over its time limit, or ``timeout``); return
        every answer ready. Dead, timed-out and retiring workers are removed here."""
        busy = [w for w in self.workers if w.busy]
        if not busy:
            return []
        wait = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        if timeout is not None:
            wait = min(wait, timeout)
        ready = set(multiprocessing.connection.wait([w.conn for w in busy], timeout=wait))
        out: list[tuple[Key, Outcome]] = []
        now = time.monotonic()
        for worker in busy:
            key = worker.key
            assert key is not None
            if worker.conn in ready:
                outcome = worker.answered()
            elif now >= worker.deadline:
                worker.kill()
                outcome = Outcome(False, reason=f"took longer than {worker.time_limit:.0f} s to read", kind="timeout",
                                  retire=True)
            else:
                continue
            worker.key = None
            if outcome.retire or worker.tasks >= TASKS_PER_WORKER:
                self._drop(worker)
            out.append((key, outcome))
        return out

    def _drop(self, worker: _Worker) -> None:
        worker.kill()
        self.workers.remove(worker)

    def close(self) -> None:
        """End every worker now: an idle one holds nothing, a busy one's answer is no longer wanted."""
        for worker in self.workers:
            worker.kill()
        self.workers = []


def run_isolated(
    tasks: list[tuple[Key, Callable[..., Any], tuple[Any, ...]]],
    jobs: int,
    time_limit: float,
    memory_mb: int,
    shared: Any = None,
) -> dict[Key, Outcome]:
    """Every task through a ``WorkerPool``: the simple case of one kind of task, all known up front."""
    pending = list(reversed(tasks))
    results: dict[Key, Outcome] = {}
    with WorkerPool(jobs, memory_mb, shared) as pool:
        while pending or pool.busy:
            while pending and pool.free:
                key, fn, args = pending.pop()
                pool.start(key, fn, args, time_limit)
            results.update(pool.collect())
    return results
