"""The package's pages as pictures: PDFs and photos, inside zips too, turned as OCR turned them;
a damaged or missing file is no picture, never an exception; nothing left behind."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from secordoc.evidence.crops import crop, data_uri, to_pixels
from secordoc.evidence.pages import DISPLAY_DPI, PackagePages
from secordoc.settings import Settings
from secordoc.testing.generator import DocSpec, build


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    pdf_name, pdf = build(DocSpec("site-inspection", "2026-05-12", seed=3))
    photo_name, photo = build(DocSpec("toolbox-meeting", "2026-11-12", "photo", seed=4))
    return {pdf_name: pdf, photo_name: photo, "broken.pdf": b"%PDF-1.7\n" + b"\x00garbage" * 50}


def _report(rotations: dict[str, int]) -> dict[str, Any]:
    return {"documents": [{"source": s, "page_sources": [{"page": 1, "rotation": r}]} for s, r in rotations.items()]}


def _settings(tmp_path: Path) -> Settings:
    return Settings(use_cache=False, cache_dir=str(tmp_path / "cache"), jobs=2, time_limit=20)


def test_pages_of_a_zip_are_pictures_at_screen_resolution_and_the_work_folder_goes(files, tmp_path, pm):
    package = tmp_path / "package.zip"
    with zipfile.ZipFile(package, "w") as archive:
        for name, data in files.items():
            archive.writestr(f"docs/{name}", data)
    pdf, photo = (f"docs/{n}" for n in list(files)[:2])
    pages = PackagePages(package, _report({}), pm, _settings(tmp_path))
    with pages:
        pages.prefetch([(pdf, 1), (photo, 1), ("docs/broken.pdf", 1), ("docs/absent.pdf", 1)])
        picture = pages.image(pdf, 1)
        assert picture is not None and picture.mode == "RGB"
        assert picture.width == round(612 * DISPLAY_DPI / 72)
        assert picture.getextrema() != ((255, 255), (255, 255), (255, 255))  # something is drawn on it
        assert pages.image(photo, 1) is not None
        assert pages.image("docs/broken.pdf", 1) is None
        assert pages.image("docs/absent.pdf", 1) is None
        assert pages.image(pdf, 7) is None
        work = pages._tmp
        assert work and Path(work).exists()
    assert not Path(work).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "package.zip"]


def test_a_page_ocr_turned_is_turned_the_same_way(files, tmp_path, pm):
    folder = tmp_path / "package"
    folder.mkdir()
    name = list(files)[0]
    (folder / name).write_bytes(files[name])
    with PackagePages(folder, _report({name: 90}), pm, _settings(tmp_path)) as pages:
        turned = pages.image(name, 1)
    assert turned is not None and turned.width > turned.height  # a portrait page, turned a quarter


def test_a_crop_is_the_region_in_points_with_its_mark_and_a_small_data_uri(files, tmp_path, pm):
    folder = tmp_path / "package"
    folder.mkdir()
    name = list(files)[0]
    (folder / name).write_bytes(files[name])
    with PackagePages(folder, _report({}), pm, _settings(tmp_path)) as pages:
        page = pages.image(name, 1)
    assert page is not None
    assert to_pixels((0, 0, 612, 792), page, 612.0) == (0, 0, page.width, page.height)
    assert to_pixels((-50, -50, 5000, 5000), page, 612.0) == (0, 0, page.width, page.height)  # clamped
    piece = crop(page, (72, 72, 300, 144), (100, 90, 200, 120), 612.0, "bad")
    assert piece is not None and piece.size == (round(228 * page.width / 612), round(72 * page.width / 612))
    assert piece.getpixel((round(28 * page.width / 612), round(30 * page.width / 612))) == (200, 30, 30)  # the mark
    assert crop(page, (700, 700, 800, 800), None, 612.0) is None  # off the page: nothing
    uri = data_uri(page)
    assert uri.startswith("data:image/") and len(uri) < 120_000


def test_a_package_gone_before_the_report_gives_no_pictures_and_no_error(tmp_path, pm):
    with PackagePages(tmp_path / "gone", _report({"a.pdf": 0}), pm, _settings(tmp_path)) as pages:
        assert pages.image("a.pdf", 1) is None
