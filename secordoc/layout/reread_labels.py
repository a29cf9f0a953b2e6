"""A second look at the labels beside signatures that tesseract lost.

A signature often crosses its own label ("Chairperson" under a pen stroke), and tesseract drops
small print on a noisy scan ("Conducted by:" left of the line): the signature stage then finds
ink with nothing to say whose it is, and a signed form reads as unsigned. After the page's ink is
known, each signature-sized mark with no confidently read word to its left on its line has that
line (from the page's left edge to the mark's end), or the caption band under it when a word
there read doubtfully, read again by the second reader (PP-OCR, see
``reread``); confidently read words replace tesseract's doubtful ones there. The lowest marks go
first (sign-offs sit at the bottom of a form), and at most a few lines are read per page.

A strip is read by detection, then recognition of only the lines detection found there that
tesseract did not already read with confidence (their words would be thrown away: about half the
recognition a strip costs), in one batch; and a strip many times wider than high is detected with
half the black band the reader would put above and below it (see ``LETTERBOX``), on a copy at
most ``DETECT_SIDE`` long whose small print stays ``MIN_DETECT_PRINT`` tall. The memory the
reader's tensors leave free is handed back to the system afterwards, by a worker holding more
than ``KEEP_RESIDENT_MB`` (``heap.hand_back_freed_memory``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import cv2
import numpy as np
from PIL import Image

from ..heap import hand_back_freed_memory
from ..model import Box, InkMark, Word
from .model import overlap_share
from .reread import centre_inside, crop, in_reading_order, line_words, reader, to_page

#: A mark this size (points) may be a signature; smaller ones are ticks and specks.
MIN_MARK_WIDTH = 35.0
MIN_MARK_HEIGHT = 6.0
MAX_MARK_HEIGHT = 45.0
#: A confidently read word this far left of a mark, on its line, is taken for its label.
LABEL_REACH = 260.0
LABEL_CONFIDENCE = 80.0
#: Tesseract words below this confidence in a line read again give way to the second reader's.
DOUBTFUL = 60.0
#: The second reader's words count from this confidence (0-1).
ACCEPT = 0.85
MAX_LINES = 3
#: A detected line is recognised only when this much of it (in its own heights: two or three
#: letters), the spaces between confidently read words not counted, is not covered by those words.
MIN_UNREAD = 0.75
#: The gap between two confidently read words (in the line's heights) taken for a space.
WORD_SPACE = 0.35
#: The share of its letterbox a strip is detected with. The reader pads a strip more than
#: ``width_height_ratio`` (8) times wider than high with black to a quarter of its width, above
#: and below, which doubles what detection reads (a 2000 x 230 px strip is detected as 2000 x
#: 500: 0.1-0.45 s, and the OCR worker's peak memory). Detection with no band at all merged and
#: split some labels differently ("Supervisor" read "2SuperviSo", "Print Name" as one word); with
#: half of it the lines read changed about as much as a one-pixel change of the band changes them
#: (a few words a page, gained and lost alike), and the development corpus scored the same.
LETTERBOX = 0.5
#: A worker holding more than this (MB resident) after a strip hands freed memory back; below it,
#: the memory is kept (handing it back cost the next page about 35 ms of page faults).
KEEP_RESIDENT_MB = 300
#: Detection sees a strip at most this many pixels long; recognition still reads the lines it
#: finds from the strip itself. The reader detects a strip longer than 1500 px at up to 2000 px:
#: at 300 DPI a line from the page's edge to a signature is 1500-2500 px, and detecting it whole
#: cost 0.1-0.2 s and took the OCR worker's peak memory from about 300 MB to 360 (60 scanned
#: pages). Shrunk to 1500 px, 10-point print is still about 30 px tall, which detection finds as
#: surely; the development corpus scored the same and the 60 pages read the same text.
DETECT_SIDE = 1500
#: ... but the page's small print is never shrunk below this height (pixels, a word's box): a
#: label in 6-point print crossed by a pen stroke, on a 300 DPI strip shrunk to 1500 px, was lost
#: where detection at full size found it.
MIN_DETECT_PRINT = 16.0
#: The page's small print: this share of its confidently read words is smaller.
SMALL_PRINT_SHARE = 0.2


def lines_to_reread(words: Sequence[Word], ink: Sequence[InkMark]) -> list[Box]:
    """The lines (page left edge to the mark's right end) of signature-sized marks whose label
    did not read: no confident word left of the mark on its line; else, where a doubtful word
    sits just under the mark (a caption the stroke crossed: "Signature of Wor|ker"), that band."""
    out: list[Box] = []
    marks = [m for m in ink if m.box[2] - m.box[0] >= MIN_MARK_WIDTH and MIN_MARK_HEIGHT <= m.box[3] - m.box[1] <= MAX_MARK_HEIGHT]
    for mark in sorted(marks, key=lambda m: -m.box[3]):
        x0, y0, x1, y1 = mark.box
        height = y1 - y0
        line = (0.0, y0 - 0.5 * height - 4, x1, y1 + 0.3 * height + 4)
        left = (max(0.0, x0 - LABEL_REACH), line[1], x0, line[3])
        labelled = any(centre_inside(w.box, left) and w.confidence >= LABEL_CONFIDENCE and sum(c.isalpha() for c in w.text) >= 3
                       and overlap_share(w.box, mark.box) < 0.2 for w in words)
        caption = (max(0.0, x0 - 40), y1 - 0.3 * height, x1 + 40, y1 + 16)
        crossed = any(centre_inside(w.box, caption) and w.confidence < DOUBTFUL and any(c.isalpha() for c in w.text) for w in words)
        region = caption if labelled and crossed else None if labelled else line
        if region is None or any(overlap_share(region, done) > 0.5 for done in out):
            continue
        out.append(region)
        if len(out) >= MAX_LINES:
            break
    return out


def reread_labels(image: Image.Image, dpi: float, words: Sequence[Word], ink: Sequence[InkMark]) -> tuple[Word, ...]:
    """``words`` with the lost labels beside signatures read again; unchanged when none is lost
    or the second reader is not installed."""
    regions = lines_to_reread(words, ink)
    second = reader() if regions else None
    if second is None:
        return tuple(words)
    scale = dpi / 72.0
    kept = list(words)
    print_px = small_print(words) * scale
    for region in regions:
        cut = crop(image, region, scale)
        if cut is None:
            continue
        sure = [w for w in kept if w.confidence >= DOUBTFUL and w.box[3] > region[1] and w.box[1] < region[3]]

        def unread(points: Any, region: Box = region, sure: list[Word] = sure) -> bool:
            box = to_page(points, region, scale)
            return unread_width(box, sure) >= MIN_UNREAD * (box[3] - box[1])

        found: list[Word] = []
        for points, text, confidence in read_strip(second, cut, unread, print_px):
            if float(confidence) >= ACCEPT and sum(c.isalpha() for c in text) >= 3:
                found += line_words(str(text), to_page(points, region, scale), round(float(confidence) * 100, 1))
        if not found:
            continue
        new = [w for w in found if not any(overlap_share(w.box, s.box) > 0.3 or overlap_share(s.box, w.box) > 0.3 for s in sure)]
        kept = [w for w in kept if w.confidence >= DOUBTFUL or not any(overlap_share(w.box, n.box) > 0.2 or overlap_share(n.box, w.box) > 0.2
                                                                       for n in new)]
        kept += new
    # the reader's tensors leave the heap fragmented: a worker's resident size would grow to its
    # largest reading so far (one tier-3 package, one worker: 592 MB without, 500 MB with this)
    hand_back_freed_memory(KEEP_RESIDENT_MB)
    return in_reading_order(kept)


def unread_width(box: Box, sure: Sequence[Word]) -> float:
    """How much of a line's width (points) the confidently read words ``sure`` on it do not cover,
    a space between two of them (up to ``WORD_SPACE`` of the line's height) counting as covered."""
    x0, y0, x1, y1 = box
    spans = sorted((max(x0, w.box[0]), min(x1, w.box[2])) for w in sure
                   if y0 <= (w.box[1] + w.box[3]) / 2 <= y1 and w.box[2] > x0 and w.box[0] < x1)
    covered: list[list[float]] = []
    for a, b in spans:
        if covered and a - covered[-1][1] <= WORD_SPACE * (y1 - y0):
            covered[-1][1] = max(covered[-1][1], b)
        else:
            covered.append([a, b])
    return (x1 - x0) - sum(b - a for a, b in covered)


def small_print(words: Sequence[Word]) -> float:
    """The height (points) of the page's small print: the ``SMALL_PRINT_SHARE`` quantile of its
    confidently read words' heights; 0 when it has none."""
    heights = sorted(w.box[3] - w.box[1] for w in words if w.confidence >= LABEL_CONFIDENCE and sum(c.isalpha() for c in w.text) >= 2)
    return heights[int(SMALL_PRINT_SHARE * (len(heights) - 1))] if heights else 0.0


def read_strip(second: Any, cut: Image.Image, keep: Callable[[Any], bool], print_px: float = 0.0) -> list[tuple[Any, str, float]]:
    """The lines the second reader finds in ``cut`` that ``keep`` accepts (given a line's corners
    in ``cut``'s pixels), as [corners, text, score]: its own steps (scaled down to its largest
    side, letterboxed by ``LETTERBOX``, detection on a copy at most ``DETECT_SIDE`` long, each
    line cut out square to its box), with recognition of the kept lines only, in one batch. With
    a reader whose steps are not these, the whole reading, kept lines only."""
    steps = ("load_img", "preprocess", "auto_text_det", "get_crop_img_list", "text_rec", "width_height_ratio", "min_height")
    if not all(hasattr(second, step) for step in steps):
        return [(points, str(text), float(score)) for points, text, score in second(cut)[0] or [] if keep(points)]
    img = second.load_img(cut)
    raw_h, raw_w = img.shape[:2]
    img, ratio_h, ratio_w = second.preprocess(img)
    h, w = img.shape[:2]
    top = 0
    if h <= second.min_height or w / h > second.width_height_ratio:  # the reader's letterbox, in part
        top = int(LETTERBOX * abs(max(int(w / second.width_height_ratio), second.min_height) * 2 - h) / 2)
        if top:
            img = cv2.copyMakeBorder(img, top, top, 0, 0, cv2.BORDER_CONSTANT, value=(0, 0, 0))
    shrink = min(1.0, DETECT_SIDE / max(img.shape[:2]))
    if print_px > 0:  # the page's small print, as tall in ``img`` as this, stays MIN_DETECT_PRINT tall
        shrink = min(1.0, max(shrink, MIN_DETECT_PRINT / (print_px * h / raw_h)))
    seen = img if shrink == 1.0 else cv2.resize(img, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
    boxes, _ = second.auto_text_det(seen)
    if boxes is None:
        return []
    boxes = [box / shrink for box in boxes]
    lines = []
    for box in boxes:
        corners = box.copy()
        corners[:, 0] = np.clip(corners[:, 0] * ratio_w, 0, raw_w)
        corners[:, 1] = np.clip((corners[:, 1] - top) * ratio_h, 0, raw_h)
        if keep(corners.tolist()):
            lines.append((box, corners.tolist()))
    if not lines:
        return []
    texts, _ = second.text_rec(second.get_crop_img_list(img, [box for box, _ in lines]))
    return [(corners, str(text), float(score)) for (_, corners), (text, score) in zip(lines, texts)]
