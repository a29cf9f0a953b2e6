"""Progress on stderr: packages and pages done, and the time left.

The time left is weighed by the bytes of the packages still to check (a scanned package is
bigger and slower than a born-digital one, so bytes predict better than a count of packages).
On a terminal it is click's progress bar; otherwise one line per finished package, for logs.
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from typing import Any, TextIO

import click


class BatchProgress:
    def __init__(self, total: int, total_bytes: int, kept: int, stream: TextIO | None = None,
                 quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.total, self.total_bytes, self.kept = total, max(1, total_bytes), kept
        self.done = self.pages = self.done_bytes = 0
        self.started = time.monotonic()
        self.bar: Any = None
        if not quiet and self.stream.isatty():
            self.bar = click.progressbar(length=self.total_bytes, label="Checking packages", file=self.stream,
                                         show_eta=True, show_percent=False, item_show_func=lambda _: self.counts())
            self.bar.__enter__()
        if kept and not quiet:
            click.echo(f"{kept} package(s) kept from an earlier run (--force checks them again).", file=self.stream)

    def counts(self) -> str:
        return f"{self.done}/{self.total} packages, {self.pages} pages"

    def eta(self) -> str:
        if not self.done_bytes:
            return "unknown"
        elapsed = time.monotonic() - self.started
        left = elapsed * (self.total_bytes - self.done_bytes) / self.done_bytes
        return str(timedelta(seconds=round(left)))

    def package_done(self, row: dict[str, Any], size: int) -> None:
        self.done += 1
        self.pages += row.get("pages") or 0
        self.done_bytes += size
        if self.bar is not None:
            self.bar.update(size)
        if self.bar is not None or self.quiet:
            return
        outcome = row["verdict"] if row["status"] == "checked" else f"{row['status']}: {row['reason']}"
        click.echo(f"[{self.counts()}] {row['package']}: {outcome} ({row['seconds']:.1f} s); "
                   f"time left about {self.eta()}", file=self.stream)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
