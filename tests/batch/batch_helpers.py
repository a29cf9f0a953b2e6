"""Small batch inboxes made from the sample package's born-digital files (no OCR: fast), and a
plugin that misbehaves on the package whose manifest names it (crash, hang)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample-package"
PLUGIN = Path(__file__).with_name("misbehaving_plugin.py")
DIGITAL = sorted(p.name for p in SAMPLE.glob("*-digital-*.pdf"))


def make_package(folder: Path, company: str, files: list[str], anniversary: str | None = "2026-12-31") -> Path:
    folder.mkdir(parents=True)
    for name in files:
        shutil.copy(SAMPLE / name, folder / name)
    manifest = {"company": company, "submitted": "2026-12-01"}
    if anniversary:
        manifest["anniversary"] = anniversary
    (folder / "secordoc.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def make_inbox(root: Path) -> Path:
    """Two good packages (a folder, a zip), a package with a broken manifest, one with no
    anniversary, a folder with nothing secordoc reads, and a stray text file."""
    inbox = root / "inbox"
    make_package(inbox / "alpha", "Alpha Ltd.", DIGITAL[:6])
    beta = make_package(root / "beta-src", "Beta Inc.", DIGITAL[6:])
    with zipfile.ZipFile(inbox / "beta.zip", "w") as archive:
        for path in sorted(beta.iterdir()):
            archive.write(path, path.name)
    broken = make_package(inbox / "broken", "Broken Co.", DIGITAL[:2])
    (broken / "secordoc.json").write_text("{not json", encoding="utf-8")
    make_package(inbox / "undated", "Undated Co.", DIGITAL[:2], anniversary=None)
    (inbox / "photos-of-the-office").mkdir()
    (inbox / "photos-of-the-office" / "readme.txt").write_text("nothing to see", encoding="utf-8")
    (inbox / "notes.txt").write_text("call Alpha back", encoding="utf-8")
    return inbox


def kill_worker_once(job, settings, plugins, keep_going, time_limit):  # type: ignore[no-untyped-def]
    """A Dask task that kills its worker the first time it runs for a package (a machine lost
    mid-package), then checks the package as usual when the scheduler hands it out again."""
    import os

    from secordoc.batch.dask_executor import check_in_subprocess

    marker = Path(settings["cache_dir"]) / f"worker-killed-{job['name']}"
    if not marker.exists():
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        os._exit(1)
    return check_in_subprocess(job, settings, plugins, keep_going, time_limit)


def always_kill_worker(job, settings, plugins, keep_going, time_limit):  # type: ignore[no-untyped-def]
    import os

    os._exit(1)
