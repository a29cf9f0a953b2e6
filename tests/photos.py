"""Phone photos made in the test: a page image laid in perspective on a textured background.

The corners where the page lands are known, so a test can check the sheet's outline was found.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

import secordoc.imaging.flatten  # noqa: F401 - one OpenCV thread before any use here: workers fork from this process

#: Where the page's corners land in a 1600x2000 photo (top-left, top-right, bottom-right, bottom-left).
CORNERS = ((230.0, 260.0), (1390.0, 190.0), (1460.0, 1780.0), (150.0, 1840.0))
PHOTO_SIZE = (1600, 2000)
#: The same for a landscape sheet, in a 2000x1600 photo.
LANDSCAPE_CORNERS = ((260.0, 150.0), (1840.0, 230.0), (1780.0, 1390.0), (190.0, 1460.0))


def background(size: tuple[int, int] = PHOTO_SIZE, seed: int = 1) -> np.ndarray:
    """A wood-like table: brown stripes with grain noise (RGB)."""
    rng = np.random.default_rng(seed)
    width, height = size
    x = np.arange(width)
    stripes = 25 * np.sin(x / 17.0)[None, :] + rng.normal(0, 12, (height, width))
    base = np.array([120, 90, 60], dtype=np.float64)
    table = base[None, None, :] + stripes[:, :, None]
    return np.clip(table, 0, 255).astype(np.uint8)


def photograph(page: Image.Image, corners: tuple[tuple[float, float], ...] | None = None,
               size: tuple[int, int] | None = None, shade: bool = True) -> Image.Image:
    """``page`` warped onto ``corners`` of a table photo, lit more on one side than the other
    (by default the corners above, portrait or landscape as the page is)."""
    landscape = page.width > page.height
    corners = corners or (LANDSCAPE_CORNERS if landscape else CORNERS)
    size = size or ((PHOTO_SIZE[1], PHOTO_SIZE[0]) if landscape else PHOTO_SIZE)
    source = np.asarray(page.convert("RGB"))
    h, w = source.shape[:2]
    matrix = cv2.getPerspectiveTransform(
        np.array([(0, 0), (w - 1, 0), (w - 1, h - 1), (0, h - 1)], dtype=np.float32), np.array(corners, dtype=np.float32))
    warped = cv2.warpPerspective(source, matrix, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, size, flags=cv2.INTER_NEAREST)
    photo = np.where(mask[:, :, None] > 0, warped, background(size))
    if shade:  # light falls off from left to right
        light = np.linspace(1.0, 0.7, size[0])[None, :, None]
        photo = np.clip(photo * light, 0, 255).astype(np.uint8)
    return Image.fromarray(photo)


def drawn_page(width: int = 1275, height: int = 1650) -> Image.Image:
    """A plain page with a title, ruled rows and lines of text (no OCR needed to find it)."""
    page = np.full((height, width, 3), 245, np.uint8)
    cv2.putText(page, "SITE INSPECTION", (120, 180), cv2.FONT_HERSHEY_SIMPLEX, 2.4, (20, 20, 20), 5)
    for row in range(12):
        y = 320 + row * 90
        cv2.line(page, (100, y), (width - 100, y), (40, 40, 40), 3)
        cv2.putText(page, f"Item {row + 1}: checked and in order", (120, y + 60), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (30, 30, 30), 2)
    return Image.fromarray(page)
