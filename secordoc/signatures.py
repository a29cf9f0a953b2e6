"""Find signature fields on a page and decide, from the page image, whether each holds ink.

Fields are found from words with boxes (text layer or OCR alike): a label such as "Supervisor
signature", "Inspected by" or "Approved by" marks the line to its right; a table column headed
"... signature" marks one field per row below it. Ink is what is dark in that region once the
form's own rules, box borders and printed words (typed names included) are taken out: a typed
name is not a signature, an empty line is not signed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from .model import Box, Word

#: The words that make a line a signature line: "signature", "(sign)", "sign-off"..., "<verb> by"
#: ("Inspected by", "Approved by"), and "Facilitator" (see _label_span).
_LABEL_WORD = re.compile(r"^\(?(signature|signatures|signed|sign|sign-off)\)?:?$", re.IGNORECASE)
_BY = re.compile(r"^(inspected|reviewed|approved|authorized|performed|investigated|serviced|conducted|presented|given)$", re.IGNORECASE)
DARK = 150  # grey level under which a pixel is ink
#: A field is signed when this share of its cleaned region is ink and the ink spans this share of its width.
MIN_INK_SHARE = 0.006
MIN_INK_SPAN = 0.2


@dataclass(frozen=True)
class SignatureField:
    label: str
    label_box: Box
    box: Box  # where the signature goes, in points from the top-left
    row_label: str | None = None  # a sign-in table's row (the attendee's name)


@dataclass(frozen=True)
class InkReading:
    signed: bool
    ink_share: float
    span: float
    confidence: float


def _lines(words: Sequence[Word], slope: float) -> list[list[Word]]:
    """Words chained into visual lines left to right, each word joining the line whose rightmost
    word it overlaps vertically once the page's tilt is allowed for (a phone photo's 2 degrees
    move a word 200 pt away by 7 pt)."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.box[0]):
        best, best_overlap = None, 0.0
        for line in lines:
            last = line[-1].box
            if last[2] > word.box[0] + 5 or word.box[0] - last[2] > 250:
                continue
            shift = slope * (word.box[0] - last[0])
            overlap = min(last[3] + shift, word.box[3]) - max(last[1] + shift, word.box[1])
            # against the taller of the two, so a tall "/" or "|" does not capture the next line's word
            share = overlap / max(1.0, last[3] - last[1], word.box[3] - word.box[1])
            if share > 0.4 and share > best_overlap:
                best, best_overlap = line, share
        if best is None:
            lines.append([word])
        else:
            best.append(word)
    return sorted(lines, key=lambda line: line[0].box[1])


def page_tilt(words: Sequence[Word]) -> float:
    """The page's tilt (dy per dx), from lines grouped without allowing for any."""
    return _tilt(_lines(words, 0.0))


def _tilt(lines: list[list[Word]]) -> float:
    """The page's tilt (dy per dx) as the median slope of its longer lines."""
    slopes = []
    for line in lines:
        if len(line) >= 3 and line[-1].box[0] - line[0].box[0] > 80:
            a, b = line[0].box, line[-1].box
            slopes.append(((b[1] + b[3]) - (a[1] + a[3])) / 2 / (b[0] - a[0]))
    return sorted(slopes)[len(slopes) // 2] if slopes else 0.0


def _label_span(line: list[Word]) -> tuple[int, int] | None:
    """Index range of the signature label in a line: the label word with the words that run into
    it (up to 3 before, "Supervisor signature"; "(signature)" after, "Inspected by (signature)")."""
    for i, word in enumerate(line):
        text = word.text.strip(":").lower()
        is_by = text == "by" and i > 0 and bool(_BY.match(line[i - 1].text))
        if not (_LABEL_WORD.match(word.text) or is_by or text == "facilitator"):
            continue
        start = i
        while start > 0 and start > i - 4 and line[start].box[0] - line[start - 1].box[2] < 12:
            start -= 1
        end = i
        while end + 1 < len(line) and line[end + 1].box[0] - line[end].box[2] < 12 and _LABEL_WORD.match(line[end + 1].text):
            end += 1
        return start, end
    return None


def find_fields(words: Sequence[Word], page_width: float, page_height: float, tilt: float | None = None) -> list[SignatureField]:
    """Signature fields from labelled lines and sign-in columns. ``tilt`` if the caller has it."""
    fields: list[SignatureField] = []
    slope = page_tilt(words) if tilt is None else tilt
    lines = _lines(words, slope)
    for n, line in enumerate(lines):
        span = _label_span(line)
        if span is None:
            continue
        start, end = span
        label_words = line[start: end + 1]
        label = " ".join(w.text for w in label_words).rstrip(":")
        x0, y0 = label_words[0].box[0], min(w.box[1] for w in label_words)
        x1, y1 = label_words[-1].box[2], max(w.box[3] for w in label_words)
        height = max(y1 - y0, 6.0)
        # only the next field's label bounds the field ("Date:"); a typed name on the line or a
        # signature OCR'd as a "word" is inside it
        following = [w for w in line[end + 1:] if w.confidence >= 80 and _NEXT_LABEL.match(w.text)]
        if _is_column_header(line, start, end, lines, n):
            fields += _column_fields(label, (x0, y0, x1, y1), line, end, lines[n + 1:], page_width)
            continue
        right_end = following[0].box[0] - 4 if following and following[0].box[0] - x1 < 300 else min(x1 + 260, page_width - 10)
        if right_end - x1 < 40:  # nothing to sign right of it: the line above or below the label
            box = (x0, y0 - 2.5 * height, x0 + 220, y0 - 1)
        else:
            shift = slope * ((x1 + right_end) / 2 - (x0 + x1) / 2)  # the line runs on along the page's tilt
            box = (x1 + 2, y0 - 0.9 * height + shift, right_end, y1 + 0.6 * height + shift)
        fields.append(SignatureField(label, (x0, y0, x1, y1), _clip(box, page_width, page_height)))
    return fields


_NEXT_LABEL = re.compile(r"^(\w[\w/.-]*:|date|name|title|print|position|phone)$", re.IGNORECASE)
_ROW_HEADERS = re.compile(r"^(name|names|print|printed|attendee|attendees|worker|workers|employee|employees)\b", re.IGNORECASE)


def _is_column_header(line: list[Word], start: int, end: int, lines: list[list[Word]], n: int) -> bool:
    """A label heading a table column: a names column beside it and lines below."""
    return n + 1 < len(lines) and any(_ROW_HEADERS.match(w.text) for w in line[:start])


def _column_fields(label: str, header: Box, line: list[Word], end: int, below: list[list[Word]], page_width: float) -> list[SignatureField]:
    """The whole column under the header, down to the next signature label or a gap; the rows are
    told apart later from the table's own rules in the image."""
    x0 = header[0] - 4
    x1 = line[end + 1].box[0] - 4 if end + 1 < len(line) else min(header[0] + 250, page_width - 10)
    bottom = header[3]
    for row in below[:30]:
        if _label_span(row) is not None or row[0].box[1] - bottom > 45:
            break
        bottom = max(w.box[3] for w in row) + 4
    if bottom - header[3] < 8:
        return []
    return [SignatureField(label, header, (x0, header[3] + 1, x1, bottom), row_label="table")]


def _despeckle(dark: np.ndarray) -> np.ndarray:
    """Drop dark pixels with fewer than two dark neighbours (scan speckle and JPEG noise); a pen
    stroke, even one pixel wide, keeps its neighbours along the stroke. A tenth of a median filter's cost."""
    padded = np.pad(dark, 1).astype(np.uint8)
    height, width = dark.shape
    neighbours = sum(
        padded[1 + dy: 1 + dy + height, 1 + dx: 1 + dx + width]
        for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx
    )
    return dark & (neighbours >= 2)


def _clear_long_runs(dark: np.ndarray, length: int) -> None:
    """Clear horizontal runs of dark pixels longer than ``length`` (with the rows above and below):
    pen strokes curve, printed rules run straight."""
    height = dark.shape[0]
    for y in range(height):
        row = np.concatenate(([False], dark[y], [False]))
        edges = np.flatnonzero(row[1:] != row[:-1])
        for start, stop in zip(edges[::2], edges[1::2]):
            if stop - start > length:
                dark[max(0, y - 1): min(height, y + 2), start:stop] = False


def _grow(mask: np.ndarray) -> np.ndarray:
    """A line mask widened by one pixel each side (anti-aliased edges of rules)."""
    grown = mask.copy()
    grown[1:] |= mask[:-1]
    grown[:-1] |= mask[1:]
    return grown


def _clip(box: Box, width: float, height: float) -> Box:
    return (max(0.0, box[0]), max(0.0, box[1]), min(width, box[2]), min(height, box[3]))


def read_ink_region(region: Image.Image, scale: float, field: SignatureField, words: Sequence[Word],
                    tilt: float = 0.0, denoise: bool = True) -> InkReading:
    """Is there ink in ``region``, the image of exactly ``field.box`` at ``scale`` pixels per point?
    ``tilt`` (dy per dx) is the page's skew: the region is turned level first, so that a scanned
    rule lies in one pixel row and is recognised as a rule."""
    x0, y0 = round(field.box[0] * scale), round(field.box[1] * scale)
    if region.width < 8 or region.height < 4:
        return InkReading(False, 0.0, 0.0, 0.3)
    region = region.convert("L")
    if abs(tilt) > 0.002:
        region = region.rotate(math.degrees(math.atan(tilt)), resample=Image.Resampling.BILINEAR, fillcolor=255)
    slack = 2 + round(abs(tilt) * region.width / 2)  # word boxes move a little when levelled
    dark = np.asarray(region) < DARK
    if denoise:  # scan speckle; a clean render keeps its thinnest pen strokes
        dark = _despeckle(dark)
    height, width = dark.shape
    rules = _grow(dark.mean(axis=1) > 0.5)  # printed rules and underscores: rows mostly dark
    dark[rules, :] = False
    _clear_long_runs(dark, max(30, width // 4))  # and any long straight stretch of one (a rule cut by the crop)
    borders = _grow(dark.mean(axis=0) > 0.6)  # box borders: columns mostly dark
    dark[:, borders] = False
    for word in words:  # printed or typed words are not ink (a signature is not read as a confident word)
        if word.confidence < 80 or not any(ch.isalnum() for ch in word.text):
            continue
        wx0, wy0, wx1, wy1 = (round(v * scale) for v in word.box)
        dark[max(0, wy0 - y0 - slack): max(0, wy1 - y0 + slack + 1), max(0, wx0 - x0 - 2): max(0, wx1 - x0 + 3)] = False
    share = float(dark.mean())
    columns = np.flatnonzero(dark.any(axis=0))
    span = float(columns[-1] - columns[0]) / width if columns.size else 0.0
    signed = share >= MIN_INK_SHARE and span >= MIN_INK_SPAN
    margin = min(abs(share - MIN_INK_SHARE) / MIN_INK_SHARE, 1.0)
    return InkReading(signed, round(share, 4), round(span, 2), round(0.5 + 0.5 * margin, 2))


def row_bands(region: Image.Image, min_height: int = 12) -> list[tuple[int, int]]:
    """Row bands of a sign-in column, between the table's horizontal rules (pixel rows)."""
    dark = np.asarray(region.convert("L")) < DARK
    # a rule on a skewed scan spreads over several pixel rows: look at a few rows at once
    reach = max(1, int(0.02 * dark.shape[1]))
    smeared = np.zeros_like(dark)
    for k in range(-reach, reach + 1):
        smeared |= np.roll(dark, k, axis=0)
    rules = np.flatnonzero((dark.mean(axis=1) > 0.5) | ((smeared.mean(axis=1) > 0.85) & (dark.mean(axis=1) > 0.1)))
    cuts = [0] + [int(r) for i, r in enumerate(rules) if i == 0 or r - rules[i - 1] > 2] + [dark.shape[0]]
    return [(a + 2, b - 2) for a, b in zip(cuts, cuts[1:]) if b - a > min_height]


def read_field(region: Image.Image, scale: float, field: SignatureField, words: Sequence[Word], page: int,
               tilt: float = 0.0, denoise: bool = True) -> list[dict]:
    """Records for one field: one for a line, one per row for a sign-in column."""
    if field.row_label != "table":
        return [as_record(field, read_ink_region(region, scale, field, words, tilt, denoise), page)]
    out = []
    # a row is at least a line of text and a bit: thinner slices are a skewed rule's remains
    min_height = max(12, round(1.3 * (field.label_box[3] - field.label_box[1]) * scale))
    for number, (top, bottom) in enumerate(row_bands(region, min_height), start=1):
        box = (field.box[0], field.box[1] + top / scale, field.box[2], field.box[1] + bottom / scale)
        row = SignatureField(field.label, field.label_box, box, row_label=f"row {number}")
        out.append(as_record(row, read_ink_region(region.crop((0, top, region.width, bottom)), scale, row, words, tilt, denoise), page))
    return out


def as_record(field: SignatureField, reading: InkReading, page: int) -> dict:
    """The plain form a page keeps (and the cache stores)."""
    return {
        "label": field.label, "row": field.row_label, "page": page,
        "box": [round(v, 1) for v in field.box], "signed": reading.signed, "method": "ink" if reading.signed else "none",
        "ink": reading.ink_share, "span": reading.span, "confidence": reading.confidence,
    }


def read_page_image(path: str, dpi: float, rotation: int, words: Sequence[Word], width: float, height: float,
                    page: int) -> tuple[dict, ...]:
    """Signature fields of an OCR'd page, read from the very image OCR read (never rendered again)."""
    tilt = page_tilt(words)
    fields = find_fields(words, width, height, tilt)
    if not fields:
        return ()
    with Image.open(path) as im:
        # full resolution: decoding at half size (JPEG draft mode) was measured to lose thin, light pen strokes
        image = im.rotate(-rotation, expand=True) if rotation else im.copy()
    scale = dpi / 72.0
    out: list[dict] = []
    for f in fields:
        x0, y0, x1, y1 = (round(v * scale) for v in f.box)
        out += read_field(image.crop((x0, y0, x1, y1)), scale, f, words, page, tilt)
    return tuple(out)
