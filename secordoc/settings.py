"""Run settings every stage may read. Frozen: a hook cannot change another's view of the run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass(frozen=True)
class Settings:
    ocr: bool = True
    language: str = "eng"
    jobs: int = field(default_factory=default_jobs)
    render_dpi: int = 300
    #: Per-document limits; a document over them is unreadable, the run goes on.
    time_limit: float = 120.0
    memory_limit_mb: int = 2048
    #: Passwords to try on encrypted PDFs, by path inside the package ("*" for every file).
    passwords: dict[str, str] = field(default_factory=dict)
    use_cache: bool = True
    cache_dir: str | None = None
    #: Zip limits (zip bombs): total bytes, entries, compression ratio, nesting depth.
    zip_max_total_bytes: int = 2 * 1024**3
    zip_max_entries: int = 5000
    zip_max_ratio: float = 200.0
    zip_max_depth: int = 2
    #: The OCR engine: "auto" (tesserocr in-process when it can run, else the tesseract program
    #: through pytesseract; the SECORDOC_OCR_ENGINE environment variable may choose), "tesserocr"
    #: or "tesseract".
    ocr_engine: str = "auto"

    def password_for(self, path: str) -> str | None:
        return self.passwords.get(path, self.passwords.get("*"))
