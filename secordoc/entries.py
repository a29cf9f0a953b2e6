"""What ingest and the zip reader both produce: one entry per file of the package (a leaf
module, so that ``ingest`` and ``archive`` need not import each other)."""

from __future__ import annotations

from dataclasses import dataclass

#: The submission manifest's file name at the top of a package: settings, not evidence.
MANIFEST_NAME = "secordoc.json"


@dataclass
class Entry:
    """One file of the package. ``disk_path`` is where to read it (None when not readable)."""

    source: str
    disk_path: str | None
    size: int
    status: str = "pending"  # pending | skipped | unreadable
    reason: str | None = None
