"""The extraction pipeline end to end: text layers, forms, scans, photos, rotation, zips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from helpers import truth_text, word_recall
from secordoc.extract import extract_package
from secordoc.plugin_manager import make_plugin_manager
from secordoc.settings import Settings
from secordoc.testing.generator import DocSpec, build

SCANS = [
    DocSpec("site-inspection", "2026-03-14", "scan", dpi=300, seed=1),
    DocSpec("hazard-assessment", "2026-05-20", "scan", dpi=300, seed=2),
    DocSpec("toolbox-meeting", "2026-07-09", "scan", dpi=250, seed=3),
    DocSpec("incident-investigation", "2026-09-02", "scan", dpi=200, seed=4),
    DocSpec("orientation", "2026-04-22", "scan", dpi=300, seed=5),
    DocSpec("year-end-summary", "2026-12-01", "scan", dpi=300, seed=6),
]


def write(folder: Path, *specs: DocSpec) -> dict[str, DocSpec]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for spec in specs:
        name, data = build(spec)
        (folder / name).write_bytes(data)
        out[name] = spec
    return out


def by_path(extraction):  # type: ignore[no-untyped-def]
    return {f.file.path: f for f in extraction.files}


def test_text_layer_pages_are_read_without_ocr(tmp_path, pm, settings):
    names = write(tmp_path, DocSpec("site-inspection", "2026-03-14", "digital"))
    result = by_path(extract_package(tmp_path, pm, settings))
    page = result[next(iter(names))].pages[0]
    assert page.source == "text-layer"
    assert "Date of inspection: March 14, 2026" in page.text
    word = next(w for w in page.words if w.text == "Inspection")
    x0, y0, x1, y1 = word.box
    assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 < page.height / 3  # the title is near the top


def test_filled_form_field_values_are_read(tmp_path, pm, settings):
    names = write(tmp_path, DocSpec("maintenance-record", "2026-02-16", "form", date_format=0))
    item = by_path(extract_package(tmp_path, pm, settings))[next(iter(names))]
    assert item.fields == {"activity_date": "2026-02-16"}
    assert "2026-02-16" not in item.pages[0].text  # the date lives only in the field


def test_scans_are_ocrd_with_high_word_recall(tmp_path, pm, settings):
    names = write(tmp_path, *SCANS)
    result = by_path(extract_package(tmp_path, pm, settings))
    recalls = []
    for name, spec in names.items():
        page = result[name].pages[0]
        assert page.source == "ocr" and page.confidence and page.confidence > 60
        recalls.append(word_recall(truth_text(spec), page.text))
    assert min(recalls) >= 0.90, recalls
    assert sum(recalls) / len(recalls) >= 0.95, recalls


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_sideways_and_upside_down_scans_are_turned_upright(tmp_path, pm, settings, turn):
    spec = DocSpec("orientation", "2026-04-22", "scan", rotate=turn, seed=7)
    names = write(tmp_path, spec)
    page = by_path(extract_package(tmp_path, pm, settings))[next(iter(names))].pages[0]
    assert page.rotation == turn  # degrees clockwise that made it upright (the scan was turned anticlockwise)
    assert page.height > page.width  # upright letter page
    assert word_recall(truth_text(spec), page.text) >= 0.9


def test_phone_photos_are_read(tmp_path, pm, settings):
    spec = DocSpec("toolbox-meeting", "2026-07-09", "photo", seed=8)
    names = write(tmp_path, spec)
    page = by_path(extract_package(tmp_path, pm, settings))[next(iter(names))].pages[0]
    assert page.source == "ocr"
    assert word_recall(truth_text(spec), page.text) >= 0.9


def test_mixed_zip_package_lists_every_file_in_order(tmp_path, pm, settings):
    folder = tmp_path / "src"
    names = write(folder, DocSpec("site-inspection", "2026-03-14"), DocSpec("hazard-assessment", "2026-05-20", "scan"),
                  DocSpec("toolbox-meeting", "2026-07-09", "photo"))
    package = tmp_path / "package.zip"
    with zipfile.ZipFile(package, "w") as archive:
        for name in names:
            archive.write(folder / name, f"2026/{name}")
        archive.writestr("index.txt", "binder index")
        archive.writestr("empty.pdf", b"")
        archive.writestr("fake.pdf", b"this is not a pdf at all")
    files = extract_package(package, pm, settings).files
    assert [f.file.path for f in files] == sorted(f.file.path for f in files)
    status = {f.file.path: f.file.status for f in files}
    assert status == {
        **{f"2026/{n}": "read" for n in names},
        "index.txt": "skipped",
        "empty.pdf": "unreadable",
        "fake.pdf": "unreadable",
    }
    reasons = {f.file.path: f.file.reason for f in files}
    assert "empty" in reasons["empty.pdf"] and "not a PDF" in reasons["fake.pdf"]


def test_no_ocr_reads_text_layers_and_says_which_pages_went_unread(tmp_path, pm):
    names = write(tmp_path, DocSpec("site-inspection", "2026-03-14"), DocSpec("hazard-assessment", "2026-05-20", "scan"))
    result = by_path(extract_package(tmp_path, pm, Settings(ocr=False, use_cache=False)))
    digital, scan = (result[n] for n in names)
    assert digital.pages[0].source == "text-layer"
    assert scan.pages[0].source == "none" and "OCR is off" in scan.pages[0].warnings[0]


FIXED_ENGINE = '''
from secordoc.hookspecs import hookimpl
from secordoc.model import OcrResult, Word

class FixedEngine:
    name = "fixed"
    version = "1"
    def check(self):
        pass
    def read(self, image):
        return OcrResult("Site Inspection Report\\nDate of inspection: 2026-02-03", (Word("Site", (1, 1, 2, 2), 99.0),), 99.0)

@hookimpl
def secordoc_ocr_engine(settings):
    return FixedEngine()
'''


def test_a_plugin_replaces_the_builtin_ocr_engine(tmp_path, settings):
    plugin = tmp_path / "fixed_ocr.py"
    plugin.write_text(FIXED_ENGINE)
    package = tmp_path / "pkg"
    names = write(package, DocSpec("hazard-assessment", "2026-05-20", "scan"))
    pm = make_plugin_manager([str(plugin)], load_entry_points=False)
    result = extract_package(package, pm, settings)
    page = by_path(result)[next(iter(names))].pages[0]
    assert page.text == "Site Inspection Report\nDate of inspection: 2026-02-03"
    assert result.engine == {"name": "fixed", "version": "1"}



def test_progress_counts_every_ocr_page_once_up_to_the_total(tmp_path, settings):
    plugin = tmp_path / "fixed_ocr.py"
    plugin.write_text(FIXED_ENGINE)
    package = tmp_path / "pkg"
    write(package, *[DocSpec("toolbox-meeting", f"2026-07-{10 + i}", "scan", seed=i, filename=f"scan{i}") for i in range(4)],
          DocSpec("site-inspection", "2026-03-14"))
    calls: list[tuple[int, int]] = []
    pm = make_plugin_manager([str(plugin)], load_entry_points=False)
    extract_package(package, pm, settings, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]  # the born-digital page is no OCR page

FLAKY_ENGINE = '''
import time
from secordoc.hookspecs import hookimpl
from secordoc.model import OcrResult, Word
from secordoc.ocr import OcrError

class Flaky:
    name = "flaky"
    version = "1"
    def check(self):
        pass
    def read(self, image):
        if round(image.dpi) == 250:
            raise OcrError("tesseract could not read the page: simulated failure")
        if round(image.dpi) == 200:
            raise MemoryError("simulated crash inside the engine")
        time.sleep(0.2)
        return OcrResult("Toolbox Talk\\nMeeting date: 2026-07-09", (Word("Toolbox", (1, 1, 2, 2), 95.0),), 95.0)

@hookimpl
def secordoc_ocr_engine(settings):
    return Flaky()
'''


def test_a_failing_page_does_not_stall_or_stop_the_rest(tmp_path, settings):
    plugin = tmp_path / "flaky.py"
    plugin.write_text(FLAKY_ENGINE)
    package = tmp_path / "pkg"
    dpis = [250, 200, 300, 300, 300]  # the engine fails on the first two, each its own way
    write(package, *[DocSpec("toolbox-meeting", f"2026-07-{10 + i}", "scan", seed=i, filename=f"scan{i}", dpi=dpis[i])
                     for i in range(5)])
    pm = make_plugin_manager([str(plugin)], load_entry_points=False)
    files = extract_package(package, pm, settings).files
    pages = [f.pages[0] for f in files]
    assert [p.source for p in pages] == ["none", "none", "ocr", "ocr", "ocr"]
    assert "simulated failure" in pages[0].warnings[-1] and "MemoryError" in pages[1].warnings[-1]
    assert "the flaky engine" in pages[1].warnings[-1]  # a partner engine that breaks is named
    assert all(f.file.status == "read" for f in files)


def test_turning_a_sideways_photo_never_writes_beside_the_users_file(tmp_path, monkeypatch):
    """The pytesseract engine writes its turned copy of a sideways page into the scratch folder,
    never beside the image it reads (a user's photo is read in place). Called on the engine
    itself: whether a loader turns photos first is the loader's business."""
    import io
    import tempfile as tempfile_module

    from PIL import Image

    from secordoc.builtin import tesseract_engine
    from secordoc.model import PageImage

    spec = DocSpec("site-inspection", "2026-03-14", "photo", seed=5)
    _, data = build(spec)
    sideways = Image.open(io.BytesIO(data)).rotate(90, expand=True)
    package, scratch = tmp_path / "pkg", tmp_path / "scratch"
    package.mkdir()
    scratch.mkdir()
    photo = package / "IMG_0007.jpg"
    sideways.save(photo, format="JPEG", quality=90)
    used = []
    real_mkstemp = tempfile_module.mkstemp

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        used.append(kwargs.get("dir"))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tesseract_engine.tempfile, "mkstemp", spy)
    engine = tesseract_engine.TesseractEngine()
    engine.check()
    dpi = sideways.height / 8.5  # the photo's page is 8.5 in wide once upright
    result = engine.read(PageImage(str(photo), dpi, sideways.width, sideways.height, str(scratch)))
    assert result.rotation == 90 and word_recall(truth_text(spec), result.text) >= 0.9
    assert used and all(d == str(scratch) for d in used)
    assert sorted(p.name for p in package.iterdir()) == ["IMG_0007.jpg"]
    assert list(scratch.iterdir()) == []  # the turned copy is removed too
