"""Turn a sideways page so its lines of text run across, before OCR.

tesseract's orientation detection gives up on a sideways phone photo of a sparse form ("too few
characters"), yet tells 0 from 180 degrees reliably once the lines run across. So the sideways
case is settled here, from the shape of the text itself: smeared along their own direction,
letters merge into long thin line blobs; smeared across it, they do not.
"""

from __future__ import annotations

import cv2
import numpy as np

# One thread: pages already run in parallel, one worker process per core; and an OpenCV thread
# pool started in a process that later forks workers deadlocks them (a child's first resize of
# the pool waits forever on the parent's threads).
cv2.setNumThreads(1)

#: The page is looked at with this long side (pixels): about 130 DPI for letter paper.
WORK_SIDE = 1400
#: A text line blob is at least this many times longer than it is thick.
LINE_SHAPE = 5.0
#: Sideways only when vertical line blobs outnumber horizontal ones this many times, and are enough.
SIDEWAYS_MARGIN = 2.0
MIN_LINES = 6


def upright_turn(grey: np.ndarray) -> int:
    """The counter-clockwise quarter turn (0, 90 or 270 degrees, as ``Image.rotate`` takes it) that
    makes the page's lines run across. Which of 90 and 270 is told by where the lines start: text
    is left-aligned, so its line starts line up; a wrong guess leaves the page upside down, which
    the OCR engine's own orientation check then turns."""
    scale = WORK_SIDE / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    ink = _text_ink(small)
    across, down = _line_blobs(ink, horizontal=True), _line_blobs(ink, horizontal=False)
    if not (len(down) >= MIN_LINES and len(down) > SIDEWAYS_MARGIN * len(across)):
        return 0
    tops, bottoms = down[:, 1], down[:, 1] + down[:, 3]
    return 90 if _spread(tops) <= _spread(bottoms) else 270  # starts at the top: it reads downwards


def _spread(values: np.ndarray) -> float:
    return float(np.median(np.abs(values - np.median(values))))


def _text_ink(grey: np.ndarray) -> np.ndarray:
    """Dark pixels, less the ruling lines (a table's rules are long in both directions)."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    reach = max(grey.shape) // 12
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, reach)))
    rules = cv2.dilate(cv2.bitwise_or(across, down), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    return np.asarray(cv2.bitwise_and(ink, cv2.bitwise_not(rules)))


def _line_blobs(ink: np.ndarray, horizontal: bool) -> np.ndarray:
    """The line-shaped blobs the ink makes when smeared one way (x, y, width, height rows)."""
    side = max(ink.shape)
    smear = max(5, side // 100)  # about the gap between letters and words at this size
    kernel = (smear, 1) if horizontal else (1, smear)
    merged = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    _, _, stats, _ = cv2.connectedComponentsWithStats(merged, connectivity=8)
    boxes = stats[1:, :4]
    width, height = boxes[:, 2], boxes[:, 3]
    length, thickness = (width, height) if horizontal else (height, width)
    text_sized = (thickness >= side / 400) & (thickness <= side / 40)
    return boxes[text_sized & (length >= LINE_SHAPE * thickness) & (length >= side / 30)]
