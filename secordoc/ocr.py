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
