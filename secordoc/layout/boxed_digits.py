"""Digits written one per box, with the boxes taken away so a reader sees only the writing.

Forms ask for dates in combs of boxes ("YYYY MM DD", common on Canadian government forms). Both
OCR models read the box edges as letters ("[2 ov 7| {\\ 2|" for 2027 12) or drop the digits next
to them, and the date is lost. The comb's top and bottom rules are long horizontal runs of dark
pixels; its box edges are vertical runs as tall as the gap between them, taller than any digit
written inside a box. Both are erased, the strip between the rules is kept, and a reader sees a
row of handwritten digits it reads well.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

#: A comb's rules run at least this share of the region's width.
RULE_SHARE = 1 / 8
#: A box edge runs at least this share of the box's height; a digit inside a box is shorter.
EDGE_SHARE = 0.8
#: A comb has at least this many box edges (two boxes side by side have three).
MIN_EDGES = 3


@dataclass(frozen=True)
class Cleaned:
    """The region without rules and box edges, cut to the comb's rows when there is one."""

    image: Image.Image
    #: Where ``image`` sits in the region given (pixels): left, top, right, bottom.
    box: tuple[int, int, int, int]
    #: Whether a comb of boxes was found (rules above and below, edges between).
    comb: bool


def without_box_edges(region: Image.Image) -> Cleaned | None:
    """``region`` with its ruling lines and box edges erased and specks dropped, cut to the ink
    left; None when no ink is left."""
    grey = np.asarray(region.convert("L"))
    _, dark = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    height, width = dark.shape
    rules = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(10, round(width * RULE_SHARE)), 1)))
    comb = _comb_rows(dark, _rule_rows(rules, width))
    edges = rules
    if comb is not None:
        top, bottom = comb
        edges = cv2.bitwise_or(edges, _box_edges(dark, bottom - top))
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    ink = cv2.bitwise_and(dark, cv2.bitwise_not(edges))
    ink = _despeckled(ink, height)
    if comb is not None:
        top, bottom = comb
        ink[:top] = 0
        ink[bottom:] = 0
    ys, xs = np.nonzero(ink)
    if len(xs) == 0:
        return None
    pad = max(2, height // 20)
    x0, y0 = max(0, int(xs.min()) - pad), max(0, int(ys.min()) - pad)
    x1, y1 = min(width, int(xs.max()) + 1 + pad), min(height, int(ys.max()) + 1 + pad)
    cut = 255 - ink[y0:y1, x0:x1]
    return Cleaned(Image.fromarray(cut).convert("RGB"), (x0, y0, x1, y1), comb is not None)


def _rule_rows(rules: np.ndarray, width: int) -> list[int]:
    """The middle row of each horizontal rule, top to bottom."""
    on = np.count_nonzero(rules, axis=1) >= width * RULE_SHARE
    rows: list[int] = []
    start = None
    for y, flag in enumerate([*on.tolist(), False]):
        if flag and start is None:
            start = y
        elif not flag and start is not None:
            rows.append((start + y - 1) // 2)
            start = None
    return rows


def _comb_rows(dark: np.ndarray, rows: list[int]) -> tuple[int, int] | None:
    """The rows between a comb's top and bottom rules: of two rules one above the other, the pair
    with the most box edges between them (at least ``MIN_EDGES``: an underlined field or a
    table's rows have none)."""
    best: tuple[int, int, int] | None = None
    for top, bottom in zip(rows, rows[1:]):
        if bottom - top < 8:
            continue
        edges = _box_edges(dark[top:bottom], bottom - top)
        columns = np.count_nonzero(edges, axis=0) > 0
        count = int(np.count_nonzero(columns[1:] & ~columns[:-1]) + columns[0])
        if count >= MIN_EDGES and (best is None or count > best[0]):
            best = (count, top, bottom)
    return (best[1], best[2]) if best else None


def _box_edges(dark: np.ndarray, box_height: int) -> np.ndarray:
    """The vertical runs of dark pixels nearly as tall as a box: its edges, not the digits in it."""
    tall = max(3, round(box_height * EDGE_SHARE))
    return cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, tall)))


def _despeckled(ink: np.ndarray, height: int) -> np.ndarray:
    """``ink`` without the specks a scan leaves (smaller than a pen stroke's dot)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    smallest = max(6, (height / 40) ** 2)
    keep = np.zeros(count, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= smallest
    return np.where(keep[labels], 255, 0).astype(np.uint8)
