"""Find signature fields on a page and decide, from the page image, whether each holds ink.

Fields are found from words with boxes (text layer or OCR alike): a label such as "Supervisor
signature", "Inspected by" or "Approved by" marks the line to its right; a table column headed
"... signature" marks one field per row below it. Ink is what is dark in that region once the
form's own rules, box borders and printed words (typed names included) are taken out: a typed
name is not a signature, an empty line is not signed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from PIL import Image, ImageFilter

from .model import Box, Word

#: Phrases that label a signature line (lower case, normalised spaces).
LABELS = (
    "signature", "signatures", "signed", "sign", "sign off", "sign-off", "inspected by", "reviewed by",
    "approved by", "authorized by", "performed by", "investigated by", "serviced by", "conducted by",
    "facilitator", "presented by", "orientation given by",
)
_LABEL_WORD = re.compile(r"^\(?(signature|signatures|signed|sign|sign-off)\)?:?$", re.I)
_BY = re.compile(r"^(inspected|reviewed|approved|authorized|performed|investigated|serviced|conducted|presented|given)$", re.I)
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


def _lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into visual lines (vertical overlap), each sorted left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box[1], w.box[0])):
        for line in lines:
            ref = line[0].box
            overlap = min(ref[3], word.box[3]) - max(ref[1], word.box[1])
            if overlap > 0.5 * min(ref[3] - ref[1], word.box[3] - word.box[1]):
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def _label_span(line: list[Word]) -> tuple[int, int] | None:
    """Index range of the signature label in a line (up to the label word, from the line start or a gap)."""
    for i, word in enumerate(line):
        text = word.text.strip(":").lower()
        if _LABEL_WORD.match(word.text) or (text == "by:" or text == "by") and i and _BY.match(line[i - 1].text):
            start = i
            while start > 0 and line[start].box[0] - line[start - 1].box[2] < 8 and start > i - 4:
                start -= 1
            return start, i
        if text in ("facilitator", "facilitator:"):
            return i, i
    return None


def find_fields(words: Sequence[Word], page_width: float, page_height: float) -> list[SignatureField]:
    fields: list[SignatureField] = []
    lines = _lines(words)
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
        following = line[end + 1:]
        if _is_column_header(line, start, end, lines, n):
            fields += _column_fields(label, (x0, y0, x1, y1), line, end, lines[n + 1:], page_width)
            continue
        right_end = following[0].box[0] - 4 if following and following[0].box[0] - x1 < 300 else min(x1 + 260, page_width - 10)
        if right_end - x1 < 40:  # nothing to sign right of it: the line above or below the label
            box = (x0, y0 - 2.5 * height, x0 + 220, y0 - 1)
        else:
            box = (x1 + 2, y0 - 1.4 * height, right_end, y1 + 0.6 * height)
        fields.append(SignatureField(label, (x0, y0, x1, y1), _clip(box, page_width, page_height)))
    return fields


def _is_column_header(line: list[Word], start: int, end: int, lines: list[list[Word]], n: int) -> bool:
    """A label that heads a table column: other headers beside it and rows of words below."""
    return (start > 0 or end < len(line) - 1) and len(line) >= 3 and n + 1 < len(lines) and len(lines[n + 1]) >= 1 and \
        any(w.text.lower().startswith("name") for w in line)


def _column_fields(label: str, header: Box, line: list[Word], end: int, below: list[list[Word]], page_width: float) -> list[SignatureField]:
    x0 = header[0] - 4
    x1 = line[end + 1].box[0] - 4 if end + 1 < len(line) else min(header[0] + 250, page_width - 10)
    fields = []
    previous_bottom = header[3]
    for row in below[:30]:
        left = [w for w in row if w.box[2] < x0]
        if not left or row[0].box[1] - previous_bottom > 40:
            break
        top, bottom = min(w.box[1] for w in left), max(w.box[3] for w in left)
        height = bottom - top
        fields.append(SignatureField(label, header, (x0 + 3, top - 0.6 * height, x1 - 3, bottom + 0.5 * height),
                                     row_label=" ".join(w.text for w in left)))
        previous_bottom = bottom
    return fields


def _grow(mask: np.ndarray) -> np.ndarray:
    """A line mask widened by one pixel each side (anti-aliased edges of rules)."""
    grown = mask.copy()
    grown[1:] |= mask[:-1]
    grown[:-1] |= mask[1:]
    return grown


def _clip(box: Box, width: float, height: float) -> Box:
    return (max(0.0, box[0]), max(0.0, box[1]), min(width, box[2]), min(height, box[3]))


def read_ink(image: Image.Image, scale: float, field: SignatureField, words: Sequence[Word]) -> InkReading:
    """Is there ink in the field? ``scale`` is pixels per point of ``image``."""
    x0, y0, x1, y1 = (round(v * scale) for v in field.box)
    if x1 - x0 < 8 or y1 - y0 < 4:
        return InkReading(False, 0.0, 0.0, 0.3)
    region = image.crop((x0, y0, x1, y1)).convert("L").filter(ImageFilter.MedianFilter(3))
    dark = np.asarray(region) < DARK
    height, width = dark.shape
    rules = _grow(dark.mean(axis=1) > 0.5)  # printed rules and underscores: rows mostly dark
    dark[rules, :] = False
    borders = _grow(dark.mean(axis=0) > 0.6)  # box borders: columns mostly dark
    dark[:, borders] = False
    for word in words:  # printed or typed words are not ink (a signature is not read as a confident word)
        if word.confidence < 80 or not any(ch.isalnum() for ch in word.text):
            continue
        wx0, wy0, wx1, wy1 = (round(v * scale) for v in word.box)
        dark[max(0, wy0 - y0 - 2): max(0, wy1 - y0 + 3), max(0, wx0 - x0 - 2): max(0, wx1 - x0 + 3)] = False
    share = float(dark.mean())
    columns = np.flatnonzero(dark.any(axis=0))
    span = float(columns[-1] - columns[0]) / width if columns.size else 0.0
    signed = share >= MIN_INK_SHARE and span >= MIN_INK_SPAN
    margin = min(abs(share - MIN_INK_SHARE) / MIN_INK_SHARE, 1.0)
    return InkReading(signed, round(share, 4), round(span, 2), round(0.5 + 0.5 * margin, 2))
