"""A second opinion on dates tesseract read, but doubtfully: handwriting.

Tesseract reads a handwritten date into a date often enough, with one digit wrong ("2027-01-10"
for "2027-01-20", "2026-12-27" for "2026-12-22"), and then nothing looks again: the date parses.
Its confidence says it was unsure. Each date whose words tesseract read below ``DOUBTFUL`` is
cropped (a little larger than its words) and read again by the second reader's recognition
model alone (PP-OCR, no detection, the page's dates in one batch: about 30 ms a date, see ``reread``), which reads handwriting
better. When that reading is a confident whole date, it replaces tesseract's words there; a page
with no doubtful date costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from ..dates import find_dates, find_partial_dates, repair_ocr_date
from ..model import Box, Word
from .build import visual_lines
from .model import union
from .reread import PRINT_CONFIDENCE, as_bgr, crop, reader

#: The confidence (0-100) under which a date's words are read again: below print's (see ``reread``).
DOUBTFUL = PRINT_CONFIDENCE
#: The second reader's score (0-1) from which its reading replaces tesseract's.
ACCEPT = 0.85
#: The crop around the date's words, as a share of their height on every side.
MARGIN = 0.2
#: At most this many dates a page are read again.
MAX_DATES = 6


def doubtful_dates(words: Sequence[Word]) -> list[tuple[Box, tuple[Word, ...], str, str]]:
    """Each date (or day and month) in ``words`` read with a word below ``DOUBTFUL``: its box, its words, and the text
    of those words before and after the date (a label glued on: "Date:2026-12-27")."""
    out: list[tuple[Box, tuple[Word, ...], str, str]] = []
    for line in visual_lines(words):
        text = " ".join(w.text for w in line)
        starts = []
        position = 0
        for word in line:
            starts.append(position)
            position += len(word.text) + 1
        spans = [(f.start, f.end) for f in find_dates(text)] + [(p.start, p.end) for p in find_partial_dates(text)]
        for begin, end in spans:  # whole dates, and days and months whose year was lost too ("Wr7-01-10")
            covering = [(w, s) for w, s in zip(line, starts) if s < end and s + len(w.text) > begin]
            if not covering or min(w.confidence for w, _ in covering) >= DOUBTFUL:
                continue
            (first, first_start), (last, last_start) = covering[0], covering[-1]
            before = first.text[: max(0, begin - first_start)]
            after = last.text[max(0, end - last_start):]
            out.append((union(w.box for w, _ in covering), tuple(w for w, _ in covering), before, after))
    return out[:MAX_DATES]


def reread_doubtful_dates(image: Image.Image, dpi: float, words: Sequence[Word]) -> tuple[Word, ...]:
    """``words`` with each doubtfully read date replaced by the second reader's confident reading
    of it, where that differs; unchanged without a second reader or a doubtful date."""
    doubtful = doubtful_dates(words)
    second = reader() if doubtful else None
    if second is None:
        return tuple(words)
    scale = dpi / 72.0
    crops = []
    for box, covering, before, after in doubtful:
        grow = MARGIN * (box[3] - box[1])
        cut = crop(image, (box[0] - grow, box[1] - grow, box[2] + grow, box[3] + grow), scale)
        if cut is not None:
            crops.append(((box, covering, before, after), as_bgr(cut)))
    if not crops:
        return tuple(words)
    readings, _ = second.text_rec([pixels for _, pixels in crops])  # one batch for the page's dates
    replaced: dict[int, Word | None] = {}
    for ((box, covering, before, after), _), (text, score) in zip(crops, readings):
        mended = repair_ocr_date(str(text).strip(" :;,."))
        found = find_dates(mended) if mended and float(score) >= ACCEPT else []
        old = find_dates(" ".join(w.text for w in covering))
        if len(found) != 1 or (old and old[0].value == found[0].value):
            continue
        replaced[id(covering[0])] = Word(f"{before}{found[0].text}{after}", box, round(float(score) * 100, 1))
        for word in covering[1:]:
            replaced[id(word)] = None
    if not replaced:
        return tuple(words)
    out = [replaced.get(id(w), w) for w in words]
    return tuple(w for w in out if w is not None)
