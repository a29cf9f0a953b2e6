"""Titles printed white on a dark bar, read.

Forms often carry their name in a banner: white letters on a black or dark-coloured bar across
the page ("FLHA", "TOOLBOX TALK"). Tesseract reads dark print on light paper; on a scan it often
returns nothing for the bar, and the document loses its title, the strongest evidence of what it
is. A bar is a large dark blob, far wider than tall and mostly filled, in the top half of the
page; it is cut out, turned light-on-dark to dark-on-light, and read by the second reader (the
bar is a thin strip: about 0.1 s). Its words join the page's, as tall as the bar's
letters, so the layout model sees a heading.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageOps

from ..model import Box, Word
from .reread import reader

#: Pages are looked at this coarsely for bars (pixels per inch).
LOOK_DPI = 50.0
#: A bar is darker than this (grey level) ...
DARK = 110
#: ... at least this share of the page wide, this tall (inches) and this much filled.
MIN_WIDTH_SHARE = 0.3
MIN_HEIGHT_IN, MAX_HEIGHT_IN = 0.15, 0.8
MIN_FILL = 0.6
#: Only the top of the page holds a form's title.
TOP_SHARE = 0.5
#: Tesseract read the bar when it has this many confident words inside it.
READ_CONFIDENCE = 80.0
MIN_SCORE = 0.6


def bars(image: Image.Image, dpi: float) -> list[Box]:
    """The dark title bars in the top of the page image, in pixels of ``image``."""
    factor = max(1, round(dpi / LOOK_DPI))
    small = np.asarray(image.convert("L").reduce(factor))
    dark = (small < DARK).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    look = dpi / factor
    out: list[Box] = []
    for x, y, w, h, area in stats[1:count]:
        if (w >= MIN_WIDTH_SHARE * small.shape[1] and MIN_HEIGHT_IN * look <= h <= MAX_HEIGHT_IN * look
                and area >= MIN_FILL * w * h and y < TOP_SHARE * small.shape[0]):
            out.append((float(x * factor), float(y * factor), float((x + w) * factor), float((y + h) * factor)))
    return out


def read_banners(image: Image.Image, dpi: float, words: Sequence[Word]) -> tuple[Word, ...]:
    """``words`` with the text of each title bar tesseract did not read, as read by the second
    reader (loaded only when a page has such a bar); unchanged without bars or a second reader."""
    scale = dpi / 72.0
    added: list[Word] = []
    for x0, y0, x1, y1 in bars(image, dpi):
        box = (x0 / scale, y0 / scale, x1 / scale, y1 / scale)
        inside = [w for w in words if box[0] <= (w.box[0] + w.box[2]) / 2 <= box[2] and box[1] <= (w.box[1] + w.box[3]) / 2 <= box[3]]
        if any(w.confidence >= READ_CONFIDENCE and len(w.text) > 1 for w in inside):
            continue
        second = reader()
        if second is None:
            break
        light = ImageOps.invert(image.crop((int(x0), int(y0), int(x1), int(y1))).convert("L"))
        text, score = _read(second, light)
        if score < MIN_SCORE or sum(c.isalpha() for c in text) < 3:
            continue
        added += _words(text, box, score)
    if not added:
        return tuple(words)
    return tuple(sorted([*words, *added], key=lambda w: (round(w.box[1] / 4), w.box[0])))


def _read(second: Any, light: Image.Image) -> tuple[str, float]:
    """The text on the bar (turned dark on light), its lines left to right: those whose middle is
    inside the bar, not a line of the page the blob touched above or below it."""
    result = second(light.convert("RGB"), use_cls=False)[0] or []
    height = light.height
    inside = [(box, text, score) for box, text, score in result
              if 0.15 * height <= sum(pt[1] for pt in box) / len(box) <= 0.85 * height]
    if not inside:
        return "", 0.0
    inside.sort(key=lambda item: min(pt[0] for pt in item[0]))
    return " ".join(str(t) for _, t, _ in inside).strip(), min(float(c) for _, _, c in inside)


def _words(text: str, bar: Box, score: float) -> list[Word]:
    """The bar's text as words spread over its middle (the letters fill about its middle half)."""
    parts = text.split()
    height = bar[3] - bar[1]
    top, bottom = bar[1] + 0.2 * height, bar[3] - 0.2 * height
    width = 0.6 * height * sum(len(p) + 1 for p in parts)  # letters about as wide as 0.6 of their height
    x = max(bar[0], (bar[0] + bar[2]) / 2 - width / 2)
    out = []
    for part in parts:
        w = 0.6 * height * len(part)
        out.append(Word(part, (round(x, 1), round(top, 1), round(x + w, 1), round(bottom, 1)), round(score * 100, 1)))
        x += w + 0.6 * height
    return out
