"""Small pictures of page regions, as data URIs a self-contained HTML file can carry.

A crop shows the region that decided something (a date, a signature line) with some of the page
around it, the region outlined; it is downscaled and encoded as WebP (JPEG where Pillow has no
WebP), so a 30-document report stays at a few hundred kilobytes.
"""

from __future__ import annotations

import base64
import io

from PIL import Image, ImageDraw, features

from ..model import Box

#: Widest a crop or a thumbnail is stored, in pixels (shown at most this wide on screen).
CROP_MAX_WIDTH = 440
THUMB_WIDTH = 170
QUALITY = 70
OUTLINE = {"ok": (22, 128, 60), "bad": (200, 30, 30), "plain": (30, 90, 200)}


def _format() -> tuple[str, str]:
    return ("WEBP", "image/webp") if features.check("webp") else ("JPEG", "image/jpeg")


def to_pixels(box: Box, image: Image.Image, page_width: float) -> tuple[int, int, int, int]:
    """A box in page points to a pixel box on the page's picture, clamped to the picture."""
    scale = image.width / page_width if page_width else 1.0
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    x0, x1 = sorted((max(0, min(image.width, x0)), max(0, min(image.width, x1))))
    y0, y1 = sorted((max(0, min(image.height, y0)), max(0, min(image.height, y1))))
    return x0, y0, x1, y1


def crop(image: Image.Image, view: Box, mark: Box | None, page_width: float, tone: str = "plain") -> Image.Image | None:
    """The ``view`` region of the page, with ``mark`` outlined; None when the region is empty."""
    left, top, right, bottom = to_pixels(view, image, page_width)
    if right - left < 4 or bottom - top < 4:
        return None
    picture = image.crop((left, top, right, bottom)).convert("RGB")
    if mark is not None:
        x0, y0, x1, y1 = to_pixels(mark, image, page_width)
        ImageDraw.Draw(picture).rectangle((x0 - left, y0 - top, x1 - left, y1 - top), outline=OUTLINE[tone], width=2)
    return picture


def data_uri(picture: Image.Image, max_width: int = CROP_MAX_WIDTH) -> str:
    """The picture downscaled to ``max_width`` and encoded as a base64 data URI."""
    if picture.width > max_width:
        height = max(1, round(picture.height * max_width / picture.width))
        picture = picture.resize((max_width, height), Image.Resampling.LANCZOS)
    kind, mime = _format()
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format=kind, quality=QUALITY)
    return f"data:{mime};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"


def thumbnail(image: Image.Image) -> str:
    return data_uri(image, THUMB_WIDTH)
