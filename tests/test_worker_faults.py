"""A loader or OCR engine that hangs or crashes loses its own file or page, with the reason;
the rest of the package is read, and the run ends in time."""

from __future__ import annotations

import io
import time
from pathlib import Path

from pypdf import PdfWriter

from secordoc.extract import extract_package
from secordoc.plugin_manager import make_plugin_manager
from secordoc.settings import Settings
from secordoc.testing.generator import DocSpec, build

#: A loader asked before the built-ins: hangs or segfaults on files named so, passes on the rest.
FAULTY_LOADER = '''
import os, signal, time
from secordoc.hookspecs import hookimpl

@hookimpl(tryfirst=True)
def secordoc_load_file(path, source):
    if "hangs" in source:
        time.sleep(600)
    if "crashes" in source:
        os.kill(os.getpid(), signal.SIGSEGV)
    return None
'''

#: An OCR engine that hangs on 250 DPI pages, segfaults on 200 DPI ones and reads the rest.
FAULTY_ENGINE = '''
import os, signal, time
from secordoc.hookspecs import hookimpl
from secordoc.model import OcrResult, Word

class Faulty:
    name = "faulty"
    version = "1"
    def check(self):
        pass
    def read(self, image):
        if round(image.dpi) == 250:
            time.sleep(600)
        if round(image.dpi) == 200:
            os.kill(os.getpid(), signal.SIGSEGV)
        return OcrResult("Toolbox Talk\\nMeeting date: 2026-07-09", (Word("Toolbox", (1, 1, 2, 2), 95.0),), 95.0)

@hookimpl
def secordoc_ocr_engine(settings):
    return Faulty()
'''


def _scan(spec: DocSpec) -> bytes:
    return build(spec)[1]


def _joined(*documents: bytes) -> bytes:
    writer = PdfWriter()
    for data in documents:
        writer.append(io.BytesIO(data))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    package.mkdir()
    good = [DocSpec("toolbox-meeting", f"2026-07-{10 + i}", "scan", seed=i) for i in range(3)]
    (package / "a-good.pdf").write_bytes(_scan(good[0]))
    (package / "b-hangs.pdf").write_bytes(_scan(good[1]))
    (package / "c-crashes.pdf").write_bytes(_scan(good[2]))
    (package / "d-born-digital.pdf").write_bytes(build(DocSpec("site-inspection", "2026-03-14"))[1])
    slow_page = _scan(DocSpec("hazard-assessment", "2026-05-20", "scan", dpi=250, seed=5))
    bad_page = _scan(DocSpec("orientation", "2026-04-22", "scan", dpi=200, seed=6))
    (package / "e-ocr-stuck-on-page-2.pdf").write_bytes(_joined(_scan(good[0]), slow_page))
    (package / "f-ocr-dies-on-page-1.pdf").write_bytes(_joined(bad_page, _scan(good[1])))
    return package


def test_hanging_and_crashing_files_and_pages_end_with_their_reason_and_the_rest_is_read(tmp_path):
    plugins = []
    for name, text in (("faulty_loader.py", FAULTY_LOADER), ("faulty_engine.py", FAULTY_ENGINE)):
        (tmp_path / name).write_text(text)
        plugins.append(str(tmp_path / name))
    pm = make_plugin_manager(plugins, load_entry_points=False)
    settings = Settings(use_cache=False, cache_dir=str(tmp_path / "cache"), time_limit=2, jobs=2)
    start = time.monotonic()
    files = {f.file.path: f for f in extract_package(_package(tmp_path), pm, settings).files}
    assert time.monotonic() - start < 40  # two hangs of 600 s each were cut at their limits

    assert files["b-hangs.pdf"].file.status == "unreadable"
    assert "took longer than 2 s" in (files["b-hangs.pdf"].file.reason or "")
    assert files["c-crashes.pdf"].file.status == "unreadable"
    assert "crashed" in (files["c-crashes.pdf"].file.reason or "") and "signal 11" in (files["c-crashes.pdf"].file.reason or "")

    hangs = files["e-ocr-stuck-on-page-2.pdf"]
    assert hangs.file.status == "read"
    assert [p.source for p in hangs.pages] == ["ocr", "none"]
    assert "longer than" in hangs.pages[1].warnings[-1]
    crashes = files["f-ocr-dies-on-page-1.pdf"]
    assert crashes.file.status == "read"
    assert [p.source for p in crashes.pages] == ["none", "ocr"]
    assert "crashed" in crashes.pages[0].warnings[-1] and "signal 11" in crashes.pages[0].warnings[-1]

    assert files["a-good.pdf"].pages[0].text.startswith("Toolbox Talk")
    assert files["d-born-digital.pdf"].pages[0].source == "text-layer"
    assert "Date of inspection: March 14, 2026" in files["d-born-digital.pdf"].pages[0].text
