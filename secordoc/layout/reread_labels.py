"""A second look at the labels beside signatures that tesseract lost.

A signature often crosses its own label ("Chairperson" under a pen stroke), and tesseract drops
small print on a noisy scan ("Conducted by:" left of the line): the signature stage then finds
ink with nothing to say whose it is, and a signed form reads as unsigned. After the page's ink is
known, each signature-sized mark with no confidently read word to its left on its line has that
line (from the page's left edge to the mark's end), or the caption band under it when a word
there read doubtfully, read again by the second reader (PP-OCR, see
``reread``); confidently read words replace tesseract's doubtful ones there. The lowest marks go
first (sign-offs sit at the bottom of a form), and at most a few lines are read per page.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from ..model import Box, InkMark, Word
from .model import overlap_share
from .reread import centre_inside, crop, line_words, reader, to_page

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
    for region in regions:
        cut = crop(image, region, scale)
        if cut is None:
            continue
        found: list[Word] = []
        for points, text, confidence in second(cut)[0] or []:
            if float(confidence) >= ACCEPT and sum(c.isalpha() for c in text) >= 3:
                found += line_words(str(text), to_page(points, region, scale), round(float(confidence) * 100, 1))
        if not found:
            continue
        sure = [w for w in kept if w.confidence >= DOUBTFUL]
        new = [w for w in found if not any(overlap_share(w.box, s.box) > 0.3 or overlap_share(s.box, w.box) > 0.3 for s in sure)]
        kept = [w for w in kept if w.confidence >= DOUBTFUL or not any(overlap_share(w.box, n.box) > 0.2 or overlap_share(n.box, w.box) > 0.2
                                                                       for n in new)]
        kept += new
    return tuple(sorted(kept, key=lambda w: (round(w.box[1] / 4), w.box[0])))
