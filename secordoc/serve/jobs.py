"""One check at a time: a queue of uploaded packages and the single thread that checks them.

Two browser tabs, or two people on one machine, never run two checks at once (each check
already uses every core); the second waits and sees its place in the queue. A job's upload
folder is deleted as soon as its report is made, whether the check worked or not, and every
folder left is deleted when the server stops.
"""

from __future__ import annotations

import queue
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Reports are kept in memory for this long after they are made, then forgotten.
KEEP_SECONDS = 3600
#: At most this many jobs (waiting, running or finished) are remembered.
MAX_JOBS = 50


@dataclass
class Job:
    folder: Path
    package: Path
    name: str
    options: dict[str, Any]
    id: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    state: str = "queued"  # queued | running | done | failed (done and failed only once the upload is deleted)
    #: What the check came to (done | failed), set by the runner; the state follows once cleaned up.
    outcome: str = ""
    stage: str = "waiting for the check before it"
    done: int = 0
    total: int = 0
    message: str = ""
    html: str = ""
    json: str = ""
    verdict: str = ""
    finished: float = 0.0

    def status(self, position: int) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "stage": self.stage, "done": self.done, "total": self.total,
                "message": self.message, "verdict": self.verdict, "ahead": position}

    def progress(self, done: int, total: int) -> None:
        """The pipeline's page progress (pages read so far, of all pages to read by OCR)."""
        self.stage, self.done, self.total = "reading pages", done, total


class CheckQueue:
    """FIFO of jobs run by one thread with ``run(job)``, which fills in the job's result."""

    def __init__(self, run: Callable[[Job], None]) -> None:
        self._run = run
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._waiting: list[Job] = []
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._stopping = False
        self._thread = threading.Thread(target=self._work, name="secordoc-check", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        with self._lock:
            self._forget_old()
            self.jobs[job.id] = job
            self._waiting.append(job)
        self._queue.put(job)

    def position(self, job: Job) -> int:
        """How many checks run or wait before this one."""
        with self._lock:
            if job not in self._waiting:
                return 0
            running = any(j.state == "running" for j in self.jobs.values())
            return self._waiting.index(job) + (1 if running else 0)

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if self._stopping:  # the server is stopping: a waiting upload is not checked
                shutil.rmtree(job.folder, ignore_errors=True)
                continue
            with self._lock:
                self._waiting.remove(job)
                job.state, job.stage = "running", "opening the files"
            try:
                self._run(job)
            finally:
                shutil.rmtree(job.folder, ignore_errors=True)
                job.finished = time.monotonic()
                job.state = job.outcome or "failed"

    def _forget_old(self) -> None:
        now = time.monotonic()
        finished = [j for j in self.jobs.values() if j.finished and now - j.finished > KEEP_SECONDS]
        finished += sorted((j for j in self.jobs.values() if j.finished), key=lambda j: j.finished)[:max(0, len(self.jobs) - MAX_JOBS)]
        for job in finished:
            self.jobs.pop(job.id, None)

    def stop(self, timeout: float = 5.0) -> None:
        """No new work; the thread ends after the current check (or is left, a daemon, at exit)."""
        self._stopping = True
        self._queue.put(None)
        self._thread.join(timeout)
