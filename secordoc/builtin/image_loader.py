"""The built-in image loader: photos and scans (PNG, JPEG, TIFF with any number of pages).

A phone photo of a sheet (the sheet's outline found on its background) is flattened and evenly
lit first (``secordoc.imaging.flatten``), and a page whose lines run up and down is turned a
quarter (``secordoc.imaging.orientation``; the OCR engine settles upside down). Otherwise a plain
upright JPEG or PNG goes to tesseract as the file it is, and anything tesseract would misread
(EXIF rotation, CMYK, 16-bit, palette, alpha, TIFF frames) is normalised once to an uncompressed
greyscale BMP in the private work folder. HEIC/HEIF photos (iPhones) are decoded by pillow-heif.
"""

from __future__ import annotations

import os
import warnings
from typing import cast

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import DocumentError
from ..hookspecs import hookimpl
from ..imaging.flatten import find_page, flatten, flattened_dpi
from ..imaging.orientation import upright_turn
from ..model import LoadedFile, PageImage, RawPage
from ..settings import Settings

#: Pillow's decompression-bomb limit (pixels); above it an image is unreadable, not a crash.
MAX_PIXELS = 90_000_000
#: A photo's DPI tag is meaningless; estimate it from a letter-size page (8.5 in wide).
ASSUMED_PAGE_WIDTH_IN = 8.5
EXIF_ORIENTATION = 0x0112
HEIF_TYPES = ("image/heic", "image/heif")
FLATTENED = "a photo: the sheet was found, flattened and evenly lit before OCR"
TURNED = "its lines ran up and down: turned a quarter before OCR"


@hookimpl(trylast=True)
def secordoc_load_file(
    path: str, source: str, media_type: str, workdir: str, settings: Settings
) -> LoadedFile | None:
    if not media_type.startswith("image/"):
        return None
    if media_type in HEIF_TYPES:
        _read_heif()
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                pages = tuple(_frames(im, path, workdir, settings))
    except DocumentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentError(f"the image is too large to read safely ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise DocumentError("not an image secordoc can read (damaged or an unknown format)") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise DocumentError(f"damaged image: {exc}") from exc
    if not pages:
        raise DocumentError("the image has no pages")
    return LoadedFile(media_type=media_type, pages=pages)


def _frames(im: Image.Image, path: str, workdir: str, settings: Settings):  # type: ignore[no-untyped-def]
    count = getattr(im, "n_frames", 1)
    for index in range(count):
        im.seek(index)
        im.load()  # decode fully now: a truncated file fails here, in the isolated worker
        dpi = _dpi(im)
        width_pt, height_pt = im.width * 72 / dpi, im.height * 72 / dpi
        if not settings.ocr:
            yield RawPage(index + 1, width_pt, height_pt, warnings=("not read: OCR is off (--no-ocr)",))
            continue
        image, notes = _prepared(im, path, workdir, index, dpi, photo=count == 1)
        yield RawPage(index + 1, image.width_px * 72 / image.dpi, image.height_px * 72 / image.dpi, image=image,
                      warnings=notes)


def _read_heif() -> None:
    """Teach Pillow HEIC/HEIF (pillow-heif, imported only for such photos: it loads libheif)."""
    import pillow_heif

    pillow_heif.register_heif_opener()


def _prepared(im: Image.Image, path: str, workdir: str, index: int, dpi: float, photo: bool) -> tuple[PageImage, tuple[str, ...]]:
    """The page image OCR reads: a photographed sheet flattened (single images only: a TIFF's
    frames are scanner pages), a sideways page turned a quarter; else the file as it is when
    tesseract reads it right, or a normalised copy. Nothing is written beside the user's file."""
    frame = _grey(ImageOps.exif_transpose(im.copy()) or im.copy())
    notes: list[str] = []
    quad = find_page(frame) if photo else None
    if quad is not None:
        frame, dpi = flatten(frame, quad), flattened_dpi(quad.size)
        notes.append(FLATTENED)
    turn = upright_turn(np.asarray(frame))
    if turn:
        frame = frame.rotate(turn, expand=True)
        notes.append(TURNED)
    if not notes and photo and _usable_as_is(im):
        return PageImage(path, dpi, im.width, im.height), ()
    target = os.path.join(workdir, f"frame{index + 1:05d}.bmp")
    frame.save(target, format="BMP")
    return PageImage(target, round(dpi, 1), frame.width, frame.height), tuple(notes)


def _usable_as_is(im: Image.Image) -> bool:
    orientation = im.getexif().get(EXIF_ORIENTATION, 1)
    return im.format in ("JPEG", "PNG") and im.mode in ("L", "RGB") and orientation in (1, None)


def _grey(frame: Image.Image) -> Image.Image:
    """8-bit grey, whatever the colour mode: transparency on white, 16-bit stretched to 8 bits."""
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        frame = frame.convert("RGBA")
        background = Image.new("RGBA", frame.size, "white")
        frame = Image.alpha_composite(background, frame)
    if frame.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        frame = frame.convert("F")
        low, high = cast(tuple[float, float], frame.getextrema())  # one band: two numbers
        span = (high - low) or 1  # stretch whatever range the scanner used to 8 bits
        frame = frame.point(lambda v: (v - low) * 255.0 / span)
    return frame.convert("L")


def _dpi(im: Image.Image) -> float:
    raw = im.info.get("dpi")
    try:
        dpi = float(raw[0]) if raw else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    if 100 <= dpi <= 1200:
        return dpi
    return max(100.0, min(600.0, im.width / ASSUMED_PAGE_WIDTH_IN))
