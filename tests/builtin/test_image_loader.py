"""The image loader on every colour mode, EXIF rotation, TIFF pages and damaged files."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import extract_only, package_dir
from helpers import truth_text, word_recall
from photos import background, photograph
from secordoc.builtin.image_loader import FLATTENED, TURNED
from secordoc.testing.generator import DocSpec, rasterise, build_pdf

SPEC = DocSpec("site-inspection", "2026-03-14", "scan", seed=3)


@pytest.fixture(scope="module")
def page_image() -> Image.Image:
    return rasterise(build_pdf(SPEC), 200, 0, colour=True)


def read(tmp_path: Path, pm, settings, name: str, data: bytes):  # type: ignore[no-untyped-def]
    package = package_dir(tmp_path)
    (package / name).write_bytes(data)
    item = extract_only(package, pm, settings)
    return item


def encode(image: Image.Image, fmt: str, **kw) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    image.save(out, format=fmt, **kw)
    return out.getvalue()


@pytest.mark.parametrize("mode, fmt", [("CMYK", "JPEG"), ("P", "PNG"), ("RGBA", "PNG"), ("I;16", "PNG"), ("L", "PNG")])
def test_colour_modes(tmp_path, pm, settings, page_image, mode, fmt):
    if mode == "I;16":  # a 16-bit scan uses the whole 0..65535 range
        image = page_image.convert("L").point(lambda v: v * 257, "I").convert("I;16")
    else:
        image = page_image.convert(mode)
    item = read(tmp_path, pm, settings, f"page.{fmt.lower()}", encode(image, fmt, dpi=(200, 200)))
    assert item.file.status == "read"
    assert word_recall(truth_text(SPEC), item.pages[0].text) >= 0.9


def test_exif_rotation_is_applied(tmp_path, pm, settings, page_image):
    turned = page_image.rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 8  # "rotate 90 CW to view": the camera held sideways
    item = read(tmp_path, pm, settings, "IMG_1.jpg", encode(turned, "JPEG", exif=exif, quality=90))
    page = item.pages[0]
    assert page.height > page.width and word_recall(truth_text(SPEC), page.text) >= 0.9


def test_multi_page_tiff_gives_one_page_per_frame(tmp_path, pm, settings, page_image):
    grey = page_image.convert("L")
    data = encode(grey, "TIFF", save_all=True, append_images=[grey.rotate(0)], dpi=(200, 200))
    item = read(tmp_path, pm, settings, "fax.tif", data)
    assert [p.number for p in item.pages] == [1, 2]
    assert all(word_recall(truth_text(SPEC), p.text) >= 0.9 for p in item.pages)


def test_truncated_image_is_unreadable(tmp_path, pm, settings, page_image):
    data = encode(page_image, "JPEG")
    item = read(tmp_path, pm, settings, "cut.jpg", data[: len(data) // 2])
    assert item.file.status == "unreadable" and item.file.reason


def test_absurd_dimensions_are_refused_not_decoded(tmp_path, pm, settings):
    header = Image.new("L", (1, 1))
    data = bytearray(encode(header, "PNG"))
    data[16:24] = (60000).to_bytes(4, "big") + (60000).to_bytes(4, "big")  # IHDR width, height
    item = read(tmp_path, pm, settings, "huge.png", bytes(data))
    assert item.file.status == "unreadable" and ("too large" in item.file.reason or "damaged" in item.file.reason)


def phone_photo(page_image: Image.Image, turn: int = 0) -> Image.Image:
    """The form printed, laid on a table (turned ``turn`` degrees counter-clockwise) and photographed."""
    return photograph(page_image.rotate(turn, expand=True) if turn else page_image)


def test_a_phone_photo_is_flattened_then_read(tmp_path, pm, settings, page_image):
    item = read(tmp_path, pm, settings, "PXL_0001.jpg", encode(phone_photo(page_image), "JPEG", quality=88))
    page = item.pages[0]
    assert FLATTENED in page.warnings and TURNED not in page.warnings
    assert page.height > page.width and 550 < page.width < 680  # the sheet, not the photo around it
    assert word_recall(truth_text(SPEC), page.text) >= 0.85


@pytest.mark.parametrize("turn", [90, 270])
def test_a_sideways_photo_is_turned_upright(tmp_path, pm, settings, page_image, turn):
    item = read(tmp_path, pm, settings, "IMG_0002.jpg", encode(phone_photo(page_image, turn), "JPEG", quality=88))
    page = item.pages[0]  # no EXIF tag says so: the lines running up and down do
    assert TURNED in page.warnings
    assert word_recall(truth_text(SPEC), page.text) >= 0.85


def heic(image: Image.Image, tmp_path: Path) -> bytes:
    """HEIC bytes, encoded in a child process: libheif's encoder threads must not live in the
    process that later forks loaders and runs OCR threads (it then stalled OCR for minutes)."""
    source, target = tmp_path / "photo.png", tmp_path / "photo.heic"
    image.save(source)
    script = ("import sys, pillow_heif; from PIL import Image; pillow_heif.register_heif_opener(); "
              "Image.open(sys.argv[1]).save(sys.argv[2], format='HEIF', quality=85, enc_params={'preset': 'ultrafast'})")
    subprocess.run([sys.executable, "-c", script, str(source), str(target)], check=True, timeout=120)
    return target.read_bytes()


def test_a_heic_photo_is_read(tmp_path, pm, settings, page_image):
    item = read(tmp_path, pm, settings, "IMG_0003.HEIC", heic(phone_photo(page_image), tmp_path))
    assert item.file.status == "read" and item.file.media_type == "image/heic"
    assert FLATTENED in item.pages[0].warnings
    assert word_recall(truth_text(SPEC), item.pages[0].text) >= 0.85


def test_a_photo_of_no_sheet_is_not_made_into_a_page(tmp_path, pm, settings):
    item = read(tmp_path, pm, settings, "IMG_0004.jpg", encode(Image.fromarray(background()), "JPEG"))
    assert item.file.status == "read"
    assert FLATTENED not in item.pages[0].warnings and len(item.pages[0].text.split()) < 10
