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
