"""Which entries under the batch folder are packages: each subfolder, zip, or top-level file that
secordoc reads. Anything else gets a row saying why it is not a package, never silence."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..archive import is_zip
from ..errors import UsageError
from ..plugin_manager import SecordocPluginManager

HEAD_BYTES = 2048


@dataclass(frozen=True)
class Candidate:
    """One entry at the top of the batch folder. ``reason`` is None for a package, else why not."""

    name: str
    path: Path
    size: int
    reason: str | None = None


def discover(root: Path, pm: SecordocPluginManager, exclude: tuple[Path, ...] = ()) -> list[Candidate]:
    """Every visible entry of ``root`` in name order, except ``exclude`` (the output folder, the dates file)."""
    skip = {p.resolve() for p in exclude}
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise UsageError(f"Cannot list the folder {root} ({exc.strerror}).") from None
    found = []
    for path in entries:
        if path.name.startswith(".") or path.resolve() in skip:
            continue
        found.append(_candidate(path, pm))
    return found


def _candidate(path: Path, pm: SecordocPluginManager) -> Candidate:
    if path.is_symlink():
        return Candidate(path.name, path, 0, "a symbolic link: not followed")
    if path.is_dir():
        return _folder(path, pm)
    if not path.is_file():
        return Candidate(path.name, path, 0, "not a regular file or folder")
    size = _size(path)
    if _readable(path, pm):
        return Candidate(path.name, path, size)
    return Candidate(path.name, path, size, "not a folder, a zip, or a file secordoc reads (PDF, image)")


def _folder(path: Path, pm: SecordocPluginManager) -> Candidate:
    files = [Path(d) / f for d, _, names in os.walk(path) for f in names]
    size = sum(_size(f) for f in files)
    if any(_readable(f, pm) for f in files):
        return Candidate(path.name, path, size)
    if not files:
        return Candidate(path.name, path, 0, "an empty folder")
    return Candidate(path.name, path, size, f"no PDF, image or zip among its {len(files)} file(s)")


def _readable(path: Path, pm: SecordocPluginManager) -> bool:
    """A file the check would read: a zip (its entries are checked then), or evidence by the plugins."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return False
    return is_zip(str(path)) or pm.hook.secordoc_evidence_type(path=path.name, head=head) is not None


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0
