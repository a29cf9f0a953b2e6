"""Run one document's parsing in a child process with a time limit and a memory cap.

A parser that crashes (a segfault in pdfium), loops (a recursive page tree) or eats memory
(a decompression bomb) ends that child only; the document becomes unreadable with the reason
and the run goes on. Children are forked, so plugins loaded from anywhere work unchanged.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import multiprocessing.connection
import resource
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import DocumentError


@dataclass
class Outcome:
    ok: bool
    value: Any = None
    reason: str | None = None
    kind: str = "unreadable"


def _child(conn: multiprocessing.connection.Connection, fn: Callable[..., Any], args: tuple, memory_mb: int) -> None:  # type: ignore[type-arg]
    faulthandler.disable()  # a crashing reader is reported by its exit signal, not a C traceback
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send(Outcome(True, fn(*args)))
    except DocumentError as exc:
        conn.send(Outcome(False, reason=exc.reason, kind=exc.kind))
    except MemoryError:
        conn.send(Outcome(False, reason=f"needs more than {memory_mb} MB of memory to read", kind="too-big"))
    except RecursionError:
        conn.send(Outcome(False, reason="damaged file: its structure loops or nests too deeply"))
    except BaseException as exc:  # noqa: BLE001 - every failure of a reader is the document's
        last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        where = f" in {last[0].name}" if last else ""
        conn.send(Outcome(False, reason=f"could not be read ({type(exc).__name__}{where}: {str(exc)[:200]})"))
    finally:
        conn.close()


class IsolatedRunner:
    """Runs up to ``jobs`` children at once; ``run_all`` yields (key, Outcome) as they finish."""

    def __init__(self, jobs: int, time_limit: float, memory_mb: int) -> None:
        self.jobs = max(1, jobs)
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self.context = multiprocessing.get_context("fork")

    def run_all(self, tasks: list[tuple[Any, Callable[..., Any], tuple]]):  # type: ignore[no-untyped-def, type-arg]
        pending = list(reversed(tasks))
        running: dict[Any, tuple[Any, Any, float]] = {}
        try:
            while pending or running:
                while pending and len(running) < self.jobs:
                    key, fn, args = pending.pop()
                    parent, child = self.context.Pipe(duplex=False)
                    process = self.context.Process(target=_child, args=(child, fn, args, self.memory_mb), daemon=True)
                    process.start()
                    child.close()
                    running[parent] = (key, process, time.monotonic() + self.time_limit)
                now = time.monotonic()
                timeout = max(0.0, min(deadline for _, _, deadline in running.values()) - now)
                ready = multiprocessing.connection.wait(list(running), timeout=min(timeout, 1.0))
                for conn in ready:
                    key, process, _ = running.pop(conn)  # type: ignore[call-overload]
                    yield key, self._collect(conn, process)  # type: ignore[arg-type]
                now = time.monotonic()
                for conn, (key, process, deadline) in list(running.items()):
                    if now >= deadline:
                        running.pop(conn)
                        process.kill()
                        process.join()
                        conn.close()
                        yield key, Outcome(False, reason=f"took longer than {self.time_limit:.0f} s to read", kind="timeout")
        finally:
            for conn, (_, process, _) in running.items():
                process.kill()
                process.join()
                conn.close()

    def _collect(self, conn: multiprocessing.connection.Connection, process: Any) -> Outcome:
        try:
            outcome = conn.recv()
        except (EOFError, OSError):
            process.join()
            code = process.exitcode
            if code is not None and code < 0:
                return Outcome(False, reason=f"the PDF or image reader crashed on this file (signal {-code})", kind="crash")
            return Outcome(False, reason="the reader stopped without an answer", kind="crash")
        finally:
            conn.close()
        process.join()
        return outcome
