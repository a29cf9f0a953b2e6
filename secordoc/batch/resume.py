"""Resume: a package whose reports were written by an earlier run, from the same files with the
same facts and settings, is kept as it is; anything else (a changed, new, failed or half-written
package) is checked again. ``--force`` checks everything again.

Each package's row is saved in ``OUT/.batch/`` right after its reports are written, so an
interrupted batch loses at most the packages that were running.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .. import __version__
from ..plugin_manager import SecordocPluginManager
from ..settings import Settings
from .jobs import PackageJob
from .outputs import write_whole

STATE_FOLDER = ".batch"
#: Settings that change a report; the number of threads or the limits do not.
REPORT_SETTINGS = ("ocr", "language", "render_dpi", "ocr_engine", "passwords")


def fingerprint(job: PackageJob, settings: Settings, pm: SecordocPluginManager) -> str:
    """What the package's report depends on: its files (names, sizes, modification times), the job's
    facts, the settings that matter, secordoc's version and the plugins."""
    chosen = asdict(settings)
    blob = json.dumps({
        "job": {**job.to_dict(), "size": None},
        "files": _listing(Path(job.path)),
        "settings": {k: chosen[k] for k in REPORT_SETTINGS},
        "secordoc": __version__,
        "plugins": sorted(f"{i.name} {i.version}" for i in pm.infos.values()),
    }, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _listing(path: Path) -> list[tuple[str, int, int]]:
    def stat(p: Path, rel: str) -> tuple[str, int, int]:
        info = p.lstat()
        return rel, info.st_size, info.st_mtime_ns

    if not path.is_dir():
        return [stat(path, path.name)]
    found = []
    for folder, dirs, names in os.walk(path):
        dirs.sort()
        for name in sorted(names):
            p = Path(folder) / name
            found.append(stat(p, p.relative_to(path).as_posix()))
    return found


def kept_row(out: Path, name: str, print_: str, paths: dict[str, str]) -> dict[str, Any] | None:
    """The saved row of ``name`` if its package was checked from these very inputs and every
    report it needs is still there; else None (check it again)."""
    try:
        saved = json.loads(_state_file(out, name).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    row = saved.get("row") or {}
    if saved.get("fingerprint") != print_ or row.get("status") != "checked":
        return None
    if row.get("reports") != paths or not all((out / p).is_file() for p in paths.values()):
        return None
    return row  # type: ignore[no-any-return]


def remember(out: Path, name: str, print_: str, row: dict[str, Any]) -> None:
    target = _state_file(out, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_whole(target, json.dumps({"fingerprint": print_, "row": row}))


def _state_file(out: Path, name: str) -> Path:
    return out / STATE_FOLDER / f"{name}.json"
