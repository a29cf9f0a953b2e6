#!/usr/bin/env python3
"""atheris fuzz target: any bytes, as a PDF, an image or a zip, must give a file status, never an
exception out of the pipeline. Local only (not in CI):

    pip install atheris
    python fuzz/fuzz_extract.py -atheris_runs=20000 ../shared/realdata/pdf_hostile_qpdf/fuzz_qpdf_extra

The corpus folder seeds the mutations; a crash leaves its input as crash-<hash> in the current folder.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from secordoc.extract import extract_package
    from secordoc.plugin_manager import make_plugin_manager
    from secordoc.settings import Settings

PM = make_plugin_manager(load_entry_points=False)
SETTINGS = Settings(ocr=False, use_cache=False, jobs=1, time_limit=10, memory_limit_mb=1024)
NAMES = ("input.pdf", "input.png", "input.jpg", "input.tif", "input.zip")


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris' name
    if not data:
        return
    with tempfile.TemporaryDirectory() as tmp:
        name = NAMES[data[0] % len(NAMES)]
        (Path(tmp) / name).write_bytes(data[1:])
        files = extract_package(Path(tmp), PM, SETTINGS).files
        assert files and all(f.file.status in ("read", "unreadable", "skipped") for f in files)
        assert all(f.file.status == "read" or f.file.reason for f in files)


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
