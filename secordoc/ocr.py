"""What an OCR engine is, for the ``secordoc_ocr_engine`` hook; and a page image decoded once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from PIL import Image

from .model import OcrResult, PageImage


class OcrEngine(Protocol):
    """An OCR engine. ``read`` runs in worker processes, several at once (one page each), and
    must also be safe to call from several threads at once."""

    name: str
    version: str

    def check(self) -> None:
        """Raise ``MissingDependencyError`` (naming the install step) when the engine cannot run."""

    def read(self, image: PageImage) -> OcrResult:
        """Read one page image. Raise ``OcrError`` for a page that cannot be read."""


#: Tesseract settings both built-in engines read pages with. The fixed-pitch test decides, row by
#: row, whether a line is typewriter print, so the legacy classifier can cut it into character
#: cells; these engines run the LSTM recogniser alone (``--oem 1``), which reads whole lines. Off, it
#: saved 3% of tesseract's time and changed no word on 40 synthetic form pages, 5 of 5,498 on 40
#: tier-3 pages of the development corpus (which scored the same).
TESSERACT_VARIABLES = {"textord_disable_pitch_test": "1"}

#: Pages coarser than this are enlarged to ``READ_DPI`` before tesseract reads them (see
#: ``enlarged_for_reading``).
COARSE_DPI = 150.0
READ_DPI = 200.0


def enlarged_for_reading(page: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    """The page as tesseract should read it, and its resolution then. A phone photo of a whole
    sheet gives 110-150 DPI: small print is then 10-14 pixels tall, and tesseract drops whole lines
    (a form's title, its "Date:" label) that it reads at 200 DPI. Only the OCR sees the enlarged
    copy; word boxes come back in points, so nothing else changes."""
    if dpi >= COARSE_DPI:
        return page, dpi
    grow = READ_DPI / dpi
    return page.resize((round(page.width * grow), round(page.height * grow)), Image.Resampling.BICUBIC), READ_DPI


class OcrError(Exception):
    """One page could not be OCR'd; it becomes a warning on that page."""


_kept = threading.local()


@contextmanager
def one_decode_per_page() -> Iterator[None]:
    """While active (one page's OCR and raster stages), ``open_page_image`` decodes each image
    once and hands the same pixels out again: a 300 DPI page costs ~14 ms CPU to decode, about
    4% of reading it, and OCR and the raster stages both need it."""
    _kept.images = {}
    try:
        yield
    finally:
        _kept.images = None


def open_page_image(path: str) -> Image.Image:
    """The image at ``path`` decoded (first frame, as stored); the caller must not change it in place.
    Raises what ``Image.open`` raises."""
    kept = getattr(_kept, "images", None)
    if kept is not None and path in kept:
        return kept[path]  # type: ignore[no-any-return]
    with Image.open(path) as im:
        im.load()
    if kept is not None:
        kept[path] = im
    return im
