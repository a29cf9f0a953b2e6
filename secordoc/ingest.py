"""Turn a package (folder, zip or single file) into a deterministic list of entries.

Every file found becomes an entry with a status, so nothing is silently dropped. Zips are
unpacked only into the private temporary folder the caller owns (see ``archive``); the user's
package is only ever read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .archive import is_zip, unpack_zip
from .entries import MANIFEST_NAME, Entry
from .settings import Settings

__all__ = ["MANIFEST_NAME", "Entry", "collect", "expand_zips"]


def collect(package: Path, tempdir: str, settings: Settings) -> list[Entry]:
    """All entries of ``package`` in a stable order (by path inside the package)."""
    package = Path(package)
    if package.is_dir():
        entries = expand_zips(list(_walk(package)), tempdir, settings)
    elif is_zip(str(package)):
        entries = unpack_zip(str(package), "", tempdir, settings, depth=1)
    else:
        entries = [_file_entry(package, package.name)]
    entries.sort(key=lambda e: e.source)
    return entries


def _walk(root: Path) -> Iterator[Entry]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        for name in sorted(filenames) + [d for d in dirnames if (here / d).is_symlink()]:
            path = here / name
            yield _file_entry(path, path.relative_to(root).as_posix())


def _file_entry(path: Path, source: str) -> Entry:
    try:
        info = path.lstat()
    except OSError as exc:
        return Entry(source, None, 0, "unreadable", f"cannot be opened ({exc.strerror})")
    if stat.S_ISLNK(info.st_mode):
        return Entry(source, None, 0, "skipped", "a symbolic link: not followed")
    if not stat.S_ISREG(info.st_mode):
        return Entry(source, None, 0, "skipped", "not a regular file")
    if source == MANIFEST_NAME:
        return Entry(source, str(path), info.st_size, "skipped", "the submission manifest (settings, not evidence)")
    if not os.access(path, os.R_OK):
        return Entry(source, None, info.st_size, "unreadable", "no permission to read this file")
    return Entry(source, str(path), info.st_size)


def expand_zips(entries: list[Entry], tempdir: str, settings: Settings) -> list[Entry]:
    """Replace each zip inside a folder by its own entry plus the files it holds."""
    out: list[Entry] = []
    for entry in entries:
        if entry.status == "pending" and entry.disk_path and is_zip(entry.disk_path):
            out.append(Entry(entry.source, None, entry.size, "skipped", "a zip archive: its files are listed one by one"))
            out.extend(unpack_zip(entry.disk_path, entry.source + "/", tempdir, settings, depth=2))
        else:
            out.append(entry)
    out.sort(key=lambda e: e.source)
    return out
