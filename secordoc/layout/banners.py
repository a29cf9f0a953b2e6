"""Titles printed white on a dark bar, read.

Forms often carry their name in a banner: white letters on a black or dark-coloured bar across
the page ("FLHA", "TOOLBOX TALK"). Tesseract reads dark print on light paper; on a scan it often
returns nothing for the bar, and the document loses its title, the strongest evidence of what it
is. A bar is a large dark blob, far wider than tall and mostly filled, in the top half of the
page; it is cut out, turned light-on-dark to dark-on-light, and read by the second reader (the
bar is a thin strip: about 0.1 s). Its words join the page's where the reader found them, as
tall as the bar's letters, so the layout model sees a heading.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageOps

from ..model import Box, Word
from .reread import centre_inside, in_reading_order, line_words, reader, to_page

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
    look = dpi / factor
    top = TOP_SHARE * image.height / factor  # where a bar may start, in rows of the reduced copy
    # only the top of the page, and a tall bar's foot below it, is looked at
    rows = min(image.height // factor, math.ceil(top + MAX_HEIGHT_IN * look + 2))
    if rows < 1 or image.width < factor:
        return []
    small = np.asarray(image.reduce(factor, box=(0, 0, image.width // factor * factor, rows * factor)).convert("L"))
    dark = (small < DARK).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    out: list[Box] = []
    for x, y, w, h, area in stats[1:count]:
        if (w >= MIN_WIDTH_SHARE * small.shape[1] and MIN_HEIGHT_IN * look <= h <= MAX_HEIGHT_IN * look
                and area >= MIN_FILL * w * h and y < top):
            out.append((float(x * factor), float(y * factor), float((x + w) * factor), float((y + h) * factor)))
    return out


def read_banners(image: Image.Image, dpi: float, words: Sequence[Word]) -> tuple[Word, ...]:
    """``words`` with the text of each title bar tesseract did not read, as read by the second
    reader (loaded only when a page has such a bar); unchanged without bars or a second reader."""
    scale = dpi / 72.0
    added: list[Word] = []
    for x0, y0, x1, y1 in bars(image, dpi):
        bar = (x0 / scale, y0 / scale, x1 / scale, y1 / scale)
        if any(centre_inside(w.box, bar) and w.confidence >= READ_CONFIDENCE and len(w.text) > 1 for w in words):
            continue
        second = reader()
        if second is None:
            break
        light = ImageOps.invert(image.crop((int(x0), int(y0), int(x1), int(y1))).convert("L"))
        added += _read(second, light, bar, scale)
    if not added:
        return tuple(words)
    return in_reading_order([*words, *added])


def _read(second: Any, light: Image.Image, bar: Box, scale: float) -> list[Word]:
    """The words on the bar (turned dark on light), where the second reader found them: its
    confident lines whose middle is inside the bar, not a line of the page the blob touched."""
    out: list[Word] = []
    for box, text, score in second(light.convert("RGB"), use_cls=False)[0] or []:
        middle = sum(pt[1] for pt in box) / len(box)
        if float(score) >= MIN_SCORE and sum(c.isalpha() for c in str(text)) >= 3 and 0.15 * light.height <= middle <= 0.85 * light.height:
            out += line_words(str(text), to_page(box, bar, scale), round(float(score) * 100, 1))
    return out
