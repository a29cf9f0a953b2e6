"""Extraction results kept by content hash, so an unchanged file is never parsed or OCR'd twice.

The key covers everything that changes the answer: the file's bytes, the OCR engine and its
version, the settings that matter and secordoc's extraction format. Entries are JSON written
to a temporary name and renamed into place, so two runs sharing the cache never see half an
entry; an unreadable or corrupt entry is treated as a miss and rewritten.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

FORMAT_VERSION = 2
DEFAULT_LIMIT_BYTES = 512 * 1024 * 1024


def default_cache_dir() -> Path:
    return Path(os.environ.get("SECORDOC_CACHE_DIR") or platformdirs.user_cache_dir("secordoc"))


#: The modules whose code decides what extraction returns: a change to any of them is a new cache.
EXTRACTION_MODULES = ("extract", "model", "serialize", "pdf_structure", "digital_signatures", "builtin/pdf_loader",
                      "builtin/image_loader", "builtin/tesseract_engine", "builtin/tesserocr_engine",
                      "builtin/evidence_types", "layout/vector", "layout/raster", "layout/reread", "layout/reread_doubtful", "layout/reread_labels", "layout/boxed_digits", "layout/banners", "dates",
                      "layout/build", "builtin/office_loader", "office/formats", "office/typeset", "office/docx_reader",
                      "office/xlsx_reader", "office/odf_reader", "imaging/flatten", "imaging/orientation", "form_fields")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the extraction code itself, so a changed secordoc never reuses old answers,
    released or not (the version number alone misses development builds)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for name in EXTRACTION_MODULES:  # a module missing from the install is a packaging bug: raise
        digest.update((package / f"{name}.py").read_bytes())
    return digest.hexdigest()[:16]


def file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class ExtractionCache:
    def __init__(self, root: str | Path | None = None, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> None:
        self.root = Path(root) if root else default_cache_dir()
        self.limit_bytes = limit_bytes

    def key(self, sha256: str, fingerprint: dict[str, Any]) -> str:
        blob = json.dumps({"file": sha256, "v": FORMAT_VERSION, **fingerprint}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / f"v{FORMAT_VERSION}" / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            with open(path, encoding="utf-8") as fh:
                value = json.load(fh)
            os.utime(path)  # recently used entries survive eviction
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None  # corrupt or half-deleted: a miss; the next put rewrites it
        return value if isinstance(value, dict) and value.get("key") == key else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({**value, "key": key}, fh)
            os.replace(tmp, path)
        except OSError:
            return  # a read-only or full cache never fails a check

    def entries(self) -> list[Path]:
        base = self.root / f"v{FORMAT_VERSION}"
        return list(base.glob("*/*.json")) if base.exists() else []

    def info(self) -> dict[str, Any]:
        files = self.entries()
        size = sum(_size(p) for p in files)
        return {"path": str(self.root), "entries": len(files), "bytes": size, "limit_bytes": self.limit_bytes}

    def clear(self) -> int:
        files = self.entries()
        for path in files:
            _unlink(path)
        return len(files)

    def evict(self) -> None:
        """Drop least recently used entries until the cache is under its size limit.

        Lists the whole cache, so a run calls it once at its end, not after every entry."""
        files = [(p, p.stat()) for p in self.entries() if p.exists()]
        total = sum(s.st_size for _, s in files)
        if total <= self.limit_bytes:
            return
        for path, st in sorted(files, key=lambda item: item[1].st_mtime):
            _unlink(path)
            total -= st.st_size
            if total <= self.limit_bytes * 0.8:
                break


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


