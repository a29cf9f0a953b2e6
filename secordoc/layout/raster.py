"""Ruling lines and hand-drawn ink on a scanned or photographed page.

A raster has no vector paths to tell a signature from print, so we work by elimination: the
form's ruling lines are the long thin straight runs of dark pixels (a morphological opening with
long thin kernels finds them), the printed words are where OCR read text with confidence, and the
ink is what stays dark once both are removed, despeckled and grouped into clusters. A few cheap,
general shape tests drop what is plainly print OCR missed: a row of uniform letters on a
baseline, an empty checkbox, a short straight printed line, a large solid fill (bar, logo).

Everything runs at 100-160 DPI with OpenCV on one thread (a 300 DPI page is averaged down to
150): 20-30 ms for a 300 DPI letter page, a few percent of what tesseract spends on it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from ..model import Box, InkMark, Rule, Word

__all__ = ["analyse_raster"]

cv2.setNumThreads(1)  # pages already run in parallel, one worker per core

# Every size is in inches (or pixels at 100 DPI), converted to the working resolution.
WORK_DPI_MAX = 160.0  # pages are averaged down by a whole factor to at most this (300 -> 150, 200 -> 100)
BACKGROUND_WINDOW_IN = 0.5  # wider than any pen stroke or letter: the max filter sees paper
DARK_RATIO = 0.72  # dark = darker than 72% of the local paper brightness...
DARK_MIN_CONTRAST = 30  # ...and at least this many grey levels below it (grey shading stays light)
RULE_MIN_LENGTH_IN = 0.18  # about 13 pt: longer than any letter stroke of body text
RULE_MAX_THICKNESS_IN = 0.06  # thicker than this is a fill or a marker stroke, not a rule
RULE_GAP_IN = 0.02  # a scanned line broken by a dropout of this much is still one rule
RULE_CHECK_ENDS_IN = 1.0  # runs shorter than this must end cleanly (see _carries_on)
RULE_MARGIN_IN = 0.007  # rule pixels are removed with this margin (one pixel at 150 DPI) before looking for ink
WORD_MIN_CONFIDENCE = 60.0
STROKE_HEIGHT = 1.8  # a "word" this many times the page's typical print height...
STROKE_LETTERS = 4  # ...of this many characters at most...
STROKE_CONFIDENCE = 90.0  # ...read below this confidence is a pen stroke, not print
WORD_MARGIN_IN = 0.02
SPECKLE_PX_AT_100DPI = 6.0  # components smaller than this * (dpi/100)^2 pixels are dust
CLUSTER_GAP_IN = 0.12  # strokes this close side by side are one mark
MIN_STRENGTH_PT2 = 2.0
BRIDGE_IN = 0.04  # ink broken only by a removed rule (a signature crossing its line) is one mark
SOLID_MIN_FILL = 0.6  # a cluster this full and this large is a printed fill (bar, logo), not pen
SOLID_MIN_AREA_IN2 = 0.25
BOX_MAX_SIZE_IN = 0.3  # empty boxes smaller than a rule's minimum length (checkboxes)
PRINTED_MIN_GLYPHS = 3  # fewer separate, level, even components than this are never taken for print


def analyse_raster(image: Image.Image, dpi: float, words: Sequence[Word]) -> tuple[tuple[Rule, ...], tuple[InkMark, ...]]:
    """The ruling lines and the hand-drawn ink marks of an upright page image.

    ``dpi`` is the image's resolution, ``words`` the OCR words (boxes in points). Everything
    returned is in points from the page's top-left corner.
    """
    if dpi <= 0:
        raise ValueError(f"resolution must be positive, not {dpi}")
    factor = max(1, math.ceil(dpi / WORK_DPI_MAX))
    if min(image.size) < 16 * factor:  # a thumbnail or a sliver: nothing to find
        return (), ()
    work = _working_grey(image, factor)
    wdpi = dpi / factor
    scale = 72.0 / wdpi  # points per working pixel
    dark = _dark_mask(work, wdpi)
    del work  # page-sized arrays are let go as soon as possible: fresh memory costs page faults

    across, along = _runs(dark, wdpi, True), _runs(dark, wdpi, False)  # lines may cross words
    confident = _confident_boxes(words, scale)
    printed = np.concatenate([confident, _inline_symbols(words, confident, scale)])
    cv2.subtract(dark, _boxes_mask(dark.shape, printed, wdpi), dst=dark)  # from here on, dark is what print OCR read is not
    free = cv2.subtract(dark, along.mask)
    h_rules, h_pixels = _rules(across, free, confident, wdpi, scale)
    v_rules, v_pixels = _rules(along, cv2.subtract(dark, across.mask, dst=free), confident, wdpi, scale, corners=h_pixels)
    del across, along, free
    margin = max(3, _odd(2 * RULE_MARGIN_IN * wdpi))
    removed = cv2.dilate(cv2.bitwise_or(h_pixels, v_pixels, dst=h_pixels), np.ones((margin, margin), np.uint8))

    marks = _ink_marks(cv2.subtract(dark, removed, dst=dark), removed, wdpi, scale)
    rules = sorted(h_rules + v_rules, key=lambda r: (r.box[1], r.box[0]))
    return tuple(rules), marks


# --- pixels -------------------------------------------------------------------------------


def _working_grey(image: Image.Image, factor: int) -> np.ndarray:
    """8-bit luminance averaged over blocks of factor x factor pixels (thin strokes turn grey,
    not lost), with transparency composited onto white paper.

    Pillow converts and reduces before numpy sees the page: copying a full-size page out of
    Pillow costs more than reducing it.
    """
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        values = np.asarray(image, dtype=np.float32)
        top = float(values.max()) or 1.0
        return _downscale(np.clip(values * (255.0 / top), 0, 255).astype(np.uint8), factor)
    if "A" in image.getbands() or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
    if image.mode != "L":
        image = image.convert("L")
    if factor > 1:
        image = image.reduce(factor, box=(0, 0, image.width // factor * factor, image.height // factor * factor))
    return np.asarray(image)


def _downscale(grey: np.ndarray, factor: int) -> np.ndarray:
    """Average blocks of factor x factor pixels, dropping the partial blocks at the edges."""
    if factor == 1:
        return grey
    h, w = grey.shape[0] // factor, grey.shape[1] // factor
    return cv2.resize(grey[: h * factor, : w * factor], (w, h), interpolation=cv2.INTER_AREA)


def _dark_mask(work: np.ndarray, wdpi: float) -> np.ndarray:
    """Pixels clearly darker than the paper around them (0/255).

    The paper's brightness is a max filter over a window wider than any stroke, taken at 1/8
    scale, so uneven lighting in photographs and grey shaded bars do not turn dark, while pen
    and print do.
    """
    h, w = work.shape
    small = _downscale(work, 8) if min(h, w) >= 8 else work
    window = _odd(BACKGROUND_WINDOW_IN * wdpi / 8)
    paper = cv2.blur(cv2.dilate(small, np.ones((window, window), np.uint8)), (3, 3))
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    threshold = cv2.convertScaleAbs(paper, alpha=DARK_RATIO)
    cv2.min(threshold, cv2.subtract(paper, DARK_MIN_CONTRAST, dst=paper), dst=threshold)  # type: ignore[call-overload]
    return cv2.compare(work, threshold, cv2.CMP_LT, dst=paper)


def _odd(size: float) -> int:
    return max(1, int(round(size)) // 2 * 2 + 1)


# --- words --------------------------------------------------------------------------------


def _confident_boxes(words: Sequence[Word], scale: float) -> np.ndarray:
    """Boxes (working pixels, n x 4) of the words OCR read as real text with confidence.

    A word holding a run of underscores ("Signature:______") is a label glued to its field: its
    box covers the line someone signs on, so it is not removed as print.
    """
    read = [w for w in words if w.confidence >= WORD_MIN_CONFIDENCE and _is_text(w.text)]
    heights = sorted(w.box[3] - w.box[1] for w in read)
    typical = heights[len(heights) // 2] if heights else 0.0
    boxes = [w.box for w in read if not _stroke_read_as_word(w, typical)]
    return np.asarray(boxes, dtype=np.float64).reshape(-1, 4) / scale


def _stroke_read_as_word(word: Word, typical: float) -> bool:
    """A pen stroke OCR read as a short word ("hy", "LOA" in a signature): far taller than the
    page's print, a few letters, read without certainty. It stays ink."""
    return (typical > 0 and word.box[3] - word.box[1] > STROKE_HEIGHT * typical and len(word.text) <= STROKE_LETTERS
            and word.confidence < STROKE_CONFIDENCE)


def _is_text(text: str) -> bool:
    return any(c.isalnum() for c in text) and "__" not in text


def _inline_symbols(words: Sequence[Word], text: np.ndarray, scale: float) -> np.ndarray:
    """Boxes of confidently read symbols with no letter or digit ("/", "&", "(") that sit in a
    line of text, no taller than its words and about a space away from one: print too.

    A lone symbol elsewhere may be a hand tick read as "/" or "v", so it stays.
    """
    boxes = [
        w.box for w in words if w.confidence >= WORD_MIN_CONFIDENCE and not any(c.isalnum() for c in w.text) and w.text.strip()
    ]
    marks = np.asarray(boxes, dtype=np.float64).reshape(-1, 4) / scale
    if not len(marks) or not len(text):
        return marks[:0]
    m, t = marks[:, None, :], text[None, :, :]
    height, line = m[..., 3] - m[..., 1], t[..., 3] - t[..., 1]
    overlap = np.minimum(m[..., 3], t[..., 3]) - np.maximum(m[..., 1], t[..., 1])
    gap = np.maximum(m[..., 0] - t[..., 2], t[..., 0] - m[..., 2])
    small = (m[..., 2] - m[..., 0] <= 1.5 * line) & (height <= 1.2 * line)  # one glyph, not a run of dashes
    inline = small & (overlap >= 0.5 * np.minimum(height, line)) & (gap <= line)
    return marks[inline.any(axis=1)]


def _boxes_mask(shape: tuple[int, ...], boxes: np.ndarray, wdpi: float) -> np.ndarray:
    """The words' boxes, with a margin for blur and for accents that stick out, filled in 255."""
    mask = np.zeros(shape[:2], np.uint8)
    for x0, y0, x1, y1 in boxes:
        pad = WORD_MARGIN_IN * wdpi + 0.08 * (y1 - y0)
        cv2.rectangle(mask, (int(x0 - pad), int(y0 - pad)), (int(np.ceil(x1 + pad)), int(np.ceil(y1 + pad))), 255, -1)
    return mask


# --- rules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Runs:
    """Long straight runs of dark pixels in one direction: candidate rules."""

    horizontal: bool
    mask: np.ndarray  # 0/255
    outlines: Sequence[np.ndarray]  # one outer contour per run
    boxes: np.ndarray  # n x 4 (x, y, w, h) in working pixels


def _runs(dark: np.ndarray, wdpi: float, horizontal: bool) -> _Runs:
    """Straight runs at least RULE_MIN_LENGTH_IN long, small gaps closed.

    The dark mask is first thickened by one pixel across the run, so a line skewed by a few
    degrees (whose rows step every ~30 pixels) still holds one unbroken run.
    """
    length = _odd(RULE_MIN_LENGTH_IN * wdpi)
    gap = _odd(RULE_GAP_IN * wdpi)
    along, across, bridge = ((1, length), (3, 1), (1, gap)) if horizontal else ((length, 1), (1, 3), (gap, 1))
    mask = cv2.dilate(dark, np.ones(across, np.uint8))
    cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones(along, np.uint8), dst=mask)
    cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones(bridge, np.uint8), dst=mask)
    # Contours rather than labelled components: runs are few and OpenCV's component statistics
    # cost ~10 ns for every pixel of the page, background included.
    outlines, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = np.array([cv2.boundingRect(c) for c in outlines], np.float64).reshape(-1, 4)
    return _Runs(horizontal, mask, outlines, boxes)


def _rules(
    runs: _Runs, free: np.ndarray, words: np.ndarray, wdpi: float, scale: float, corners: np.ndarray | None = None
) -> tuple[list[Rule], np.ndarray]:
    """The candidate runs that are rules, and the rules' own pixels (``runs.mask``, edited).

    A rule is thin (thicker is a fill or a marker stroke), is not a stroke inside a confidently
    read word, and, when short, ends cleanly: a flat stretch of a pen stroke carries on, curving,
    past its ends. ``free`` is the dark mask without the words and the runs of the other
    direction (a rule may end on a crossing one; a stroke carries on into its own next flat
    stretch). With ``corners`` (the horizontal rules' pixels), a short vertical run must also
    meet one at an end: short vertical lines are box edges, while the stems of large letters
    stand alone.
    """
    x, y, w, h = runs.boxes.T
    length = w if runs.horizontal else h
    keep = ~_inside_words(x, y, w, h, runs.horizontal, words)
    for i in np.flatnonzero(keep & (length < RULE_CHECK_ENDS_IN * wdpi)):
        box = runs.boxes[i]
        keep[i] = not _carries_on(free, box, runs.horizontal, wdpi) and (corners is None or _meets(corners, box, wdpi))
    rules, rejected = [], []
    for i, outline in enumerate(runs.outlines):  # type: ignore[assignment]
        line = _line(runs.mask, outline, runs.boxes[i], runs.horizontal, wdpi) if keep[i] else None
        if line is None:
            rejected.append(outline)
        else:
            rules.append(Rule(_points(line, scale)))
    cv2.drawContours(runs.mask, rejected, -1, 0, cv2.FILLED)
    return rules, runs.mask


def _line(mask: np.ndarray, outline: np.ndarray, box: np.ndarray, horizontal: bool, wdpi: float) -> tuple[int, ...] | None:
    """The box of the line in one run, or None when the run is too thick for a line.

    Pen strokes lying along a line (a signature on its line) join its run; they are cleared from
    ``mask``, so they stay ink, and left out of the box: the line is the run's thinnest common
    cross-section, followed along a gentle curve (skew, a photographed page's bow).
    """
    x, y, w, h = (int(v) for v in box)
    mine = np.zeros((h, w), np.uint8)
    cv2.drawContours(mine, [outline], -1, 1, cv2.FILLED, offset=(-x, -y))
    view = mask[y : y + h, x : x + w] if horizontal else mask[y : y + h, x : x + w].T  # rows across, columns along
    on = (mine if horizontal else mine.T).astype(bool) & (view > 0)
    counts = on.sum(axis=0)
    if not counts.any():  # only another run's pixels, nested in this one's outline, and already cut
        return None
    thickness = float(np.percentile(counts[counts > 0], 10))
    if thickness > RULE_MAX_THICKNESS_IN * wdpi + 2:  # +2: the one-pixel thickening of the runs
        return None
    if counts.max() > thickness + 2:
        core = _core(on, counts, thickness)
        if core.any():
            view[on & ~core] = 0
            on = core
    along, across = np.flatnonzero(on.any(axis=0)), np.flatnonzero(on.any(axis=1))
    a0, a1, c0, c1 = int(along[0]), int(along[-1]) + 1, int(across[0]), int(across[-1]) + 1
    if c1 - c0 > 2:  # undo the one-pixel thickening
        c0, c1 = c0 + 1, c1 - 1
    return (x + a0, y + c0, x + a1, y + c1) if horizontal else (x + c0, y + a0, x + c1, y + a1)


def _core(on: np.ndarray, counts: np.ndarray, thickness: float) -> np.ndarray:
    """The pixels of a run (rows across, columns along) within half a line's thickness of its
    centre, a parabola fitted through the columns where nothing else touches the line."""
    rows, columns = np.arange(on.shape[0])[:, None], np.arange(on.shape[1])
    centre = (on * rows).sum(axis=0) / np.maximum(counts, 1)
    clear = np.flatnonzero((counts > 0) & (counts <= thickness + 1))
    if len(clear) < 3:
        return on
    fit = np.polyfit(clear, centre[clear], 2 if len(clear) > 10 else 1)
    near = np.abs(centre[clear] - np.polyval(fit, clear)) <= 1.5
    if near.sum() >= 3:  # once more without the columns a stroke still pulled aside
        fit = np.polyfit(clear[near], centre[clear][near], 2 if near.sum() > 10 else 1)
    return on & (np.abs(rows - np.polyval(fit, columns)[None, :]) <= thickness / 2 + 0.5)


def _carries_on(free: np.ndarray, box: np.ndarray, horizontal: bool, wdpi: float) -> bool:
    """Whether dark pixels continue just past either end of a run, straight on or curving away
    (a stroke, not a rule)."""
    x, y, w, h = (int(v) for v in box[:4])
    skip, reach = 2, 2 + max(2, int(round(0.02 * wdpi)))
    if not horizontal:  # look along the run: transpose the problem
        free, (x, y, w, h) = free.T, (y, x, h, w)
    rows = free[max(0, y - reach) : y + h + reach]
    before = rows[:, max(0, x - reach) : max(0, x - skip)]
    after = rows[:, x + w + skip : x + w + reach]
    return bool(before.any() or after.any())


def _meets(corners: np.ndarray, box: np.ndarray, wdpi: float) -> bool:
    """Whether a vertical run's top or bottom end touches a horizontal rule."""
    x, y, w, h = (int(v) for v in box[:4])
    reach = 2 + max(2, int(round(0.02 * wdpi)))
    columns = corners[:, max(0, x - reach) : x + w + reach]
    return bool(columns[max(0, y - reach) : y + reach].any() or columns[max(0, y + h - reach) : y + h + reach].any())


def _inside_words(x: np.ndarray, y: np.ndarray, w: np.ndarray, h: np.ndarray, horizontal: bool, words: np.ndarray) -> np.ndarray:
    """Candidates lying within a confidently read word: strokes of big letters, not rules."""
    if not len(words) or not len(x):
        return np.zeros(len(x), bool)
    wx0, wy0, wx1, wy1 = (words[:, i][None, :] for i in range(4))
    cx, cy = (x + w / 2)[:, None], (y + h / 2)[:, None]
    if horizontal:
        overlap = np.minimum(x[:, None] + w[:, None], wx1) - np.maximum(x[:, None], wx0)
        inside = (overlap >= 0.8 * w[:, None]) & (cy >= wy0) & (cy <= wy1)
    else:
        overlap = np.minimum(y[:, None] + h[:, None], wy1) - np.maximum(y[:, None], wy0)
        inside = (overlap >= 0.8 * h[:, None]) & (cx >= wx0) & (cx <= wx1)
    return inside.any(axis=1)


# --- ink ----------------------------------------------------------------------------------


def _ink_marks(ink: np.ndarray, removed: np.ndarray, wdpi: float, scale: float) -> tuple[InkMark, ...]:
    """Despeckle the leftover dark pixels, group them into clusters and keep the pen-like ones."""
    labels, stats = _components(ink)
    x, y, w, h, area = stats.T
    rows, cols = ink.shape
    min_area = SPECKLE_PX_AT_100DPI * (wdpi / 100.0) ** 2
    touches_edge = (x == 0) | (y == 0) | (x + w >= cols) | (y + h >= rows)  # scanner borders, page edges
    keep = (area >= min_area) & ~touches_edge
    keep[0] = False
    if not keep.any():
        return ()
    clean = _lookup(np.where(keep, 255, 0).astype(np.uint8), labels, out=ink)  # ink is not needed again
    members = np.flatnonzero(keep)
    cluster = _clusters(clean, removed, wdpi)[_pixel_of_each(labels, stats, members)]
    order = np.argsort(cluster, kind="stable")
    members, cluster = members[order], cluster[order]
    starts = np.flatnonzero(np.r_[True, cluster[1:] != cluster[:-1]])
    parts = stats[members].astype(np.float64)
    boxes, dark = _cluster_boxes(parts, starts)
    marks = []
    for i in np.flatnonzero(_pen_like(boxes, dark, wdpi, scale) & ~_printed_lines(parts, starts, boxes, wdpi)):
        x0, y0, x1, y1 = boxes[i].astype(int)
        crop = clean[y0:y1, x0:x1]
        if max(crop.shape) <= BOX_MAX_SIZE_IN * wdpi and _is_empty_box(crop, wdpi):
            continue
        marks.append(InkMark(_points(boxes[i], scale), "raster", round(float(dark[i]) * scale * scale, 2)))
    return tuple(sorted(marks, key=lambda m: (m.box[1], m.box[0])))


def _lookup(table: np.ndarray, labels: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``table[labels]`` in bands of rows: numpy widens the indices to 64 bits first, and one
    page-sized temporary of those costs more in page faults than the lookup itself."""
    for top in range(0, labels.shape[0], 64):
        np.take(table, labels[top : top + 64], out=out[top : top + 64])
    return out


def _components(mask: np.ndarray, stats: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Labels and statistics (x, y, w, h, area; row 0 is the background) of 8-connected components."""
    try:  # 16-bit labels run several times faster...
        return _label(mask, stats, cv2.CV_16U)
    except cv2.error:  # ...but stop at 65,535 components (a page of noise)
        return _label(mask, stats, cv2.CV_32S)


def _label(mask: np.ndarray, stats: bool, ltype: int) -> tuple[np.ndarray, np.ndarray]:
    if stats:
        _, labels, table, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=ltype)
        return labels, table
    return cv2.connectedComponents(mask, connectivity=8, ltype=ltype)[1], np.empty((0, 5), np.int32)


def _clusters(clean: np.ndarray, removed: np.ndarray, wdpi: float) -> np.ndarray:
    """A label image of the clusters of ink.

    Strokes merge when they lie within CLUSTER_GAP_IN of each other side by side (a dilation that
    is wide but hardly taller), and across a removed rule that split one stroke in two.
    """
    bridge_size = _odd(2 * BRIDGE_IN * wdpi)  # ink grows into the removed band from both sides
    joined = cv2.dilate(clean, np.ones((bridge_size, bridge_size), np.uint8))
    cv2.bitwise_and(joined, removed, dst=joined)
    cv2.bitwise_or(joined, clean, dst=joined)
    reach = _odd(CLUSTER_GAP_IN * wdpi)
    return _components(cv2.dilate(joined, np.ones((3, reach), np.uint8), dst=joined), stats=False)[0]


def _pixel_of_each(labels: np.ndarray, stats: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns) of one pixel of each component in ``ids``: the first of its top row, found
    by looking only along the top rows of the components' boxes."""
    x, y, w = stats[ids, 0], stats[ids, 1], stats[ids, 2]
    owner = np.repeat(np.arange(len(ids)), w)
    rows = np.repeat(y, w)
    cols = np.repeat(x, w) + np.arange(owner.size) - np.repeat(np.cumsum(w) - w, w)
    hits = np.flatnonzero(labels[rows, cols] == np.repeat(ids, w))
    owners = owner[hits]
    first = hits[np.r_[True, owners[1:] != owners[:-1]]]  # every top row holds a pixel
    return rows[first], cols[first]


def _cluster_boxes(stats: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Box (x0, y0, x1, y1) and dark pixel count of each cluster, from its members' statistics
    (``stats`` rows grouped by cluster, each group beginning at ``starts``)."""
    x, y, w, h, area = stats.T
    boxes = np.stack(
        [
            np.minimum.reduceat(x, starts),
            np.minimum.reduceat(y, starts),
            np.maximum.reduceat(x + w, starts),
            np.maximum.reduceat(y + h, starts),
        ],
        axis=1,
    )
    return boxes, np.add.reduceat(area, starts)


def _pen_like(boxes: np.ndarray, dark: np.ndarray, wdpi: float, scale: float) -> np.ndarray:
    """Clusters worth a closer look: enough ink, neither a large solid fill (a bar, a logo) nor a
    thin straight level or upright segment (a printed line too short to be a rule, such as the
    edge of a low box; a pen stroke always wobbles or slants)."""
    width, height = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]
    enough = dark * scale * scale >= MIN_STRENGTH_PT2
    solid = (dark >= SOLID_MIN_FILL * width * height) & (width * height >= SOLID_MIN_AREA_IN2 * wdpi * wdpi)
    length, thickness = np.maximum(width, height), np.minimum(width, height)
    straight = (thickness <= 0.02 * wdpi + 0.035 * length) & (length >= 3 * thickness) & (dark >= 0.5 * width * height)
    return enough & ~solid & ~straight


def _printed_lines(parts: np.ndarray, starts: np.ndarray, boxes: np.ndarray, wdpi: float) -> np.ndarray:
    """Which clusters are a row of a few small, separate glyphs of uniform height standing
    on one straight baseline: printed text OCR did not read. Handwriting is joined up, uneven and
    wavy. ``parts`` are the clusters' components (x, y, w, h, area), grouped as in _cluster_boxes;
    every cluster is judged at once, as a page of unread print has hundreds."""
    x, y, w, h, _ = parts.T
    count = np.diff(np.r_[starts, len(h)])
    group = np.repeat(np.arange(len(starts)), count)
    size, width = _group_median(h, group, starts, count), _group_median(w, group, starts, count)
    tall, wide = boxes[:, 3] - boxes[:, 1], boxes[:, 2] - boxes[:, 0]
    glyphs = (count >= PRINTED_MIN_GLYPHS) & (size <= 0.25 * wdpi) & (width <= 1.5 * size)
    row = glyphs & (tall <= 2.5 * size + 0.045 * wide)  # one line of type, skew allowed
    even = (h >= 0.6 * size[group]) & (h <= 1.7 * size[group])
    uniform = np.add.reduceat(even.astype(np.float64), starts) >= 0.8 * count
    centre, bottom = x + w / 2, y + h
    tolerance = np.maximum(1.0, 0.1 * size)[group]
    inliers = np.ones(len(h), bool)
    for _ in range(2):  # least squares, then again without the descenders
        slope, mean_x, mean_y = _group_line(centre, bottom, inliers.astype(np.float64), group, starts)
        inliers = np.abs(bottom - mean_y[group] - slope[group] * (centre - mean_x[group])) <= tolerance
    aligned = np.add.reduceat(inliers.astype(np.float64), starts) >= 0.7 * count
    return row & uniform & aligned & (np.abs(slope) <= 0.05)


def _group_median(values: np.ndarray, group: np.ndarray, starts: np.ndarray, count: np.ndarray) -> np.ndarray:
    return values[np.lexsort((values, group))][starts + count // 2]


def _group_line(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, group: np.ndarray, starts: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted least-squares line of each group: slope and the point it passes through."""
    total = np.maximum(np.add.reduceat(weight, starts), 1e-9)
    mean_x, mean_y = np.add.reduceat(weight * x, starts) / total, np.add.reduceat(weight * y, starts) / total
    dx, dy = x - mean_x[group], y - mean_y[group]
    spread = np.add.reduceat(weight * dx * dx, starts)
    slope = np.add.reduceat(weight * dx * dy, starts) / np.where(spread > 0, spread, 1.0)
    return slope, mean_x, mean_y


def _is_empty_box(crop: np.ndarray, wdpi: float) -> bool:
    """A small printed box (a checkbox) with nothing in it: ink along all four edges, none inside."""
    edge = max(2, int(round(0.015 * wdpi)))
    rows, cols = crop.shape
    if rows <= 2 * edge + 1 or cols <= 2 * edge + 1:
        return False
    on = crop > 0
    sides = (on[:edge].any(axis=0), on[-edge:].any(axis=0), on[:, :edge].any(axis=1), on[:, -edge:].any(axis=1))
    if min(float(side.mean()) for side in sides) < 0.85:
        return False
    return int(on[edge:-edge, edge:-edge].sum()) <= 0.1 * int(on.sum())


def _points(box: Sequence[float], scale: float) -> Box:
    x0, y0, x1, y1 = (round(float(v) * scale, 2) for v in box)
    return (x0, y0, x1, y1)
