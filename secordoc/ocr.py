"""What an OCR engine is, for the ``secordoc_ocr_engine`` hook."""

from __future__ import annotations

from typing import Protocol

from .model import OcrResult, PageImage


class OcrEngine(Protocol):
    """An OCR engine. ``read`` is called from several threads at once."""

    name: str
    version: str

    def check(self) -> None:
        """Raise ``MissingDependencyError`` (naming the install step) when the engine cannot run."""

    def read(self, image: PageImage) -> OcrResult:
        """Read one page image. Raise ``OcrError`` for a page that cannot be read."""


class OcrError(Exception):
    """One page could not be OCR'd; it becomes a warning on that page."""
