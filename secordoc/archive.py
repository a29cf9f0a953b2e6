"""Unpack zip packages safely: only into the private temporary folder, within limits.

Zip slip (``..`` or absolute names), symlinks, encrypted entries, bombs (total size, ratio,
entry count, nesting depth) and duplicate or non-UTF-8 names each become an entry status,
never an exception and never a file written elsewhere.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import PurePosixPath

from .entries import MANIFEST_NAME, Entry
from .office.formats import is_office_file
from .settings import Settings

CHUNK = 1 << 20


def is_zip(path: str) -> bool:
    """A zip archive to unpack; a Word or Excel file is a zip too, but a document (never unpacked)."""
    try:
        with open(path, "rb") as fh:
            zipped = fh.read(4) == b"PK\x03\x04" or path.lower().endswith(".zip")
    except OSError:
        return False
    return zipped and not is_office_file(path)


def unpack_zip(path: str, prefix: str, tempdir: str, settings: Settings, depth: int) -> list[Entry]:
    try:
        archive = zipfile.ZipFile(path)
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds on damaged archives
        source = prefix.rstrip("/") or os.path.basename(path)
        return [Entry(source, None, _size(path), "unreadable", f"damaged zip archive ({exc})")]
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        problem = _bomb_check(infos, settings)
        if problem:
            source = prefix.rstrip("/") or os.path.basename(path)
            return [Entry(source, None, _size(path), "unreadable", problem)]
        folder = os.path.join(tempdir, f"zip{len(os.listdir(tempdir)):04d}")
        os.makedirs(folder)
        seen: dict[str, int] = {}
        entries: list[Entry] = []
        budget = [settings.zip_max_total_bytes]
        for number, info in enumerate(infos):
            name = _display_name(info)
            seen[name] = seen.get(name, 0) + 1
            source = prefix + (name if seen[name] == 1 else f"{name} (copy {seen[name]})")
            entries.extend(_one(archive, info, source, folder, number, settings, depth, budget))
    return entries


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _bomb_check(infos: list[zipfile.ZipInfo], settings: Settings) -> str | None:
    if len(infos) > settings.zip_max_entries:
        return f"the zip holds {len(infos)} files, more than the limit of {settings.zip_max_entries}"
    total = sum(i.file_size for i in infos)
    if total > settings.zip_max_total_bytes:
        return (
            f"the zip unpacks to {total / 1e9:.1f} GB, more than the limit of "
            f"{settings.zip_max_total_bytes / 1e9:.1f} GB (possible zip bomb)"
        )
    return None


def _display_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # not flagged UTF-8: zipfile decoded cp437; try UTF-8 bytes
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _unsafe(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return name.startswith("/") or ".." in parts or (len(name) > 1 and name[1] == ":")


def _one(archive, info, source, folder, number, settings, depth, budget):  # type: ignore[no-untyped-def]
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return [Entry(source, None, info.file_size, "skipped", "a symbolic link inside the zip: not followed")]
    if _unsafe(info.filename):
        return [Entry(source, None, info.file_size, "skipped",
                      "unsafe path inside the zip (points outside the package): not unpacked")]
    if info.flag_bits & 0x1:
        return [Entry(source, None, info.file_size, "unreadable",
                      "password protected inside the zip: send an unprotected copy")]
    if info.compress_size and info.file_size / info.compress_size > settings.zip_max_ratio:
        return [Entry(source, None, info.file_size, "unreadable",
                      f"compressed more than {settings.zip_max_ratio:.0f} to 1 (possible zip bomb): not unpacked")]
    if PurePosixPath(source).name == MANIFEST_NAME and "/" not in source:
        reason = "the submission manifest (settings, not evidence)"
    else:
        reason = None
    suffix = PurePosixPath(info.filename).suffix[:10]
    target = os.path.join(folder, f"{number:06d}{suffix}")
    try:
        written = _copy_limited(archive, info, target, budget)
    except Exception as exc:  # noqa: BLE001 - zlib.error, struct.error, ...: the entry is damaged
        if os.path.exists(target):
            os.unlink(target)
        return [Entry(source, None, info.file_size, "unreadable", f"damaged inside the zip ({type(exc).__name__}: {exc})")]
    if written is None:
        return [Entry(source, None, info.file_size, "unreadable",
                      "unpacks to more than the zip size limit (possible zip bomb)")]
    if reason:
        return [Entry(source, target, written, "skipped", reason)]
    if is_zip(target) and target.lower().endswith(".zip"):
        if depth >= settings.zip_max_depth:
            return [Entry(source, None, written, "skipped", f"a zip inside a zip nested more than {settings.zip_max_depth} deep: not unpacked")]
        nested = unpack_zip(target, source + "/", os.path.dirname(folder), settings, depth + 1)
        return [Entry(source, None, written, "skipped", "a zip archive: its files are listed one by one"), *nested]
    return [Entry(source, target, written)]


def _copy_limited(archive, info, target, budget):  # type: ignore[no-untyped-def]
    """Stream one member out, stopping when the real size passes the remaining budget."""
    written = 0
    with archive.open(info) as src, open(target, "xb") as dst:
        while chunk := src.read(CHUNK):
            written += len(chunk)
            if written > budget[0]:
                dst.close()
                os.unlink(target)
                return None
            dst.write(chunk)
    budget[0] -= written
    return written
