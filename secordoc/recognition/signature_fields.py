"""Where signatures go on a page: regions found from the layout, not from a label's right-hand side.

A field is a region with a label that names a signer:
- the cell under a table's "Signature" column, one per row, its role from the row's own text
  ("Investigation completed by | Darcy Paquette | <signature> | 2026.04.30");
- the inside of a box whose top carries the label ("Facilitator sign-off" over an empty box);
- the rule a caption sits under ("Supervisor signature" printed below the line);
- the rule that runs on from a label on its line ("Inspected by: ________");
- failing all of these, the space right of the label (or above it at the page's edge).
Headings ("Sign-off", "Part D - Sign-off") and running text ("Scaffold tag not signed") are
never fields. A label that only names a role ("Technician:", "Foreman / Supervisor") is a field
of lower standing: it counts only when the role has no explicit signature field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ..textnorm import fold, has_phrase, normalise
from ..layout.model import MIN_ROW, PageLayout, Segment
from ..model import Box

SIGN_WORDS = re.compile(r"\b(signature|signatures|signed|sign|sign[- ]off|signoff|signe|signee)\b", re.IGNORECASE)
#: "Inspected by", "Given by", "Conducted by": a verb that names who did it.
BY_VERB = re.compile(r"\b([a-z]+ed|given|done|led|made|taken|written|par)\s+(by|par)\b", re.IGNORECASE)
#: Words that make a phrase running text rather than a label ("not signed", "post signed",
#: "Digitally signed by John Doe": a digital signature's own appearance, read by OCR).
NOT_A_LABEL = re.compile(r"\b(not|no|unsigned|post|posted|were|was|is|are|must|should|shall|please|if|when|be|have|has|"
                         r"digitally|electronically)\b",
                         re.IGNORECASE)
#: Labels of other fields that bound a field on its line ("Date:", "Name (print)").
OTHER_FIELD = re.compile(r"^(date|name|print|printed|title|position|phone|company|time|signature date)\b", re.IGNORECASE)
#: Words that make a phrase naming a role a sentence, not a label ("report to supervisor").
RUNNING_TEXT = re.compile(r"\b(to|the|for|with|your|all|any)\b", re.IGNORECASE)
MAX_LABEL_WORDS = 7
#: Narrower "cells" are slivers between a rule and a stroke the raster took for a rule.
MIN_CELL_WIDTH = 30.0


@dataclass(frozen=True)
class SignatureField:
    label: str
    label_box: Box
    box: Box
    page: int
    how: str  # column | box | caption | rule | beside | below | above
    explicit: bool  # named as a signature (not only a role)
    row_text: str = ""  # a table row's other cells (the row's role or the attendee's name)
    label_colon: bool = False  # the label ends with ":" (a "Label: value" field)


def label_kind(text: str, role_phrases: tuple[str, ...]) -> str | None:
    """'explicit' for a signature label, 'role' for a bare role name, None for anything else."""
    clean = fold(text).strip().lower()
    words = clean.split()
    if not words or len(words) > MAX_LABEL_WORDS or clean.endswith("."):
        return None
    if SIGN_WORDS.search(clean) or BY_VERB.search(clean):
        if NOT_A_LABEL.search(clean):
            return None
        return "explicit"
    if RUNNING_TEXT.search(clean):  # "Report sightings to supervisor": a sentence naming a role
        return None
    core = normalise(re.sub(r"\s*\((print|printed|please print|name)\)\s*:?$", "", clean)).strip()
    # "Owner / Senior Manager", its last word lost under a pen stroke: each alternative counts
    alternatives = [core, *(normalise(a).strip() for a in clean.split("/"))] if "/" in clean else [core]
    if len(words) <= 4 and any(_ends_with_role(a, p) for a in alternatives if a for p in role_phrases if p):
        return "role"
    return None


def _ends_with_role(core: str, phrase: str) -> bool:
    """The label ends with the role phrase, one word of it possibly misread ("Approved ber"), or
    a one-word role OCR split in two where a pen stroke crossed it ("Chair erson")."""
    words = core.split()
    tail = words[-len(phrase.split()):]
    if has_phrase(f" {' '.join(tail)} ", phrase):
        return True
    return " " not in phrase and len(words) >= 2 and has_phrase(f" {''.join(words[-2:])} ", phrase)


def label_part(seg: Segment) -> Segment:
    """The label of a "label: value" phrase ("Inspected by (sign):" of "Inspected by (sign): hak
    Vrdone", where OCR read the signature itself as words): the value is where one signs."""
    for i, word in enumerate(seg.words[:-1]):
        if word.text.endswith(":"):
            return Segment(seg.words[: i + 1], seg.line)
    words = list(seg.words)
    first = seg.words[0].box[3] - seg.words[0].box[1]
    while len(words) > 1 and (len(words[-1].text) <= 3 or not words[-1].text.isalpha()) \
            and (words[-1].confidence < PRINT_CONFIDENCE - 15  # a stroke OCR read as letters...
                 or words[-1].box[3] - words[-1].box[1] >= STROKE_HEIGHT * first):  # ...or one far taller than print
        words.pop()
    return seg if len(words) == len(seg.words) else Segment(tuple(words), seg.line)


#: Mean OCR confidence above which a phrase is print, not handwriting read as words.
PRINT_CONFIDENCE = 75.0
#: A short "word" this many times taller than the label's first word is a pen stroke across it.
STROKE_HEIGHT = 1.5


def printed(layout: PageLayout, seg: Segment) -> bool:
    """Printed or typed text, not a signature or hand-filled value that OCR read as words."""
    confidence = sum(w.confidence for w in seg.words) / len(seg.words)
    return confidence >= PRINT_CONFIDENCE and not layout.ink_in(seg.box, 0.3)


def _is_heading(seg: Segment) -> bool:
    """A section heading: only sign-off words ("Sign-off", "3. Signatures"), nothing naming who."""
    clean = re.sub(r"^(part\s+\w+|section\s+\w+|\w{1,3}[.)])\s*[-–:]?\s*", "", fold(seg.text).lower()).strip(" :")
    generic = re.fullmatch(r"(sign[- ]?offs?|signatures?|review and sign[- ]off|approvals?|review|acknowledge?ments?)", clean)
    return bool(generic)


def find_fields(layout: PageLayout, role_phrases: tuple[str, ...]) -> list[SignatureField]:
    out: list[SignatureField] = []
    for whole in layout.segments:
        seg = label_part(whole)
        kind = label_kind(seg.text, role_phrases)
        if kind is None and seg is not whole:  # what label_part took for a stroke was the label's "by"
            seg, kind = whole, label_kind(whole.text, role_phrases)
        if kind is None:
            continue
        explicit = kind == "explicit"
        if explicit and _is_heading(seg) and not _column_cells(layout, seg):
            continue
        out += _regions(layout, seg, explicit)
    return out


def _field(layout: PageLayout, seg: Segment, box: Box, how: str, explicit: bool, row_text: str = "") -> SignatureField:
    clipped = (max(0.0, box[0]), max(0.0, box[1]), min(layout.width, box[2]), min(layout.height, box[3]))
    return SignatureField(seg.text.strip(" :"), seg.box, clipped, layout.number, how, explicit, row_text,
                          seg.text.rstrip().endswith(":"))


def _regions(layout: PageLayout, seg: Segment, explicit: bool) -> list[SignatureField]:
    lb = seg.box
    h = max(6.0, seg.height)
    cells = _column_cells(layout, seg) if explicit else []
    if cells:
        return [_field(layout, seg, box, "column", True, row) for box, row in cells]
    cell = layout.cell_at((lb[0] + lb[2]) / 2, (lb[1] + lb[3]) / 2)
    row = layout.row_cells(cell.box) if cell.closed else []
    if len(row) >= 2 and cell.box[3] - lb[3] < max(18.0, 1.5 * h):
        inside = (lb[0] - 2, cell.box[1] + 1, cell.box[2] - 1, cell.box[3] + 1.5 * h)
        if cell.box[2] - lb[2] >= max(120.0, 2 * (lb[2] - lb[0])) and layout.ink_in(inside, 0.6):
            # a wide box the label only titles, with the signature in it (across the label, as
            # often): not a table row whose next cell is where one signs
            return [_field(layout, seg, inside, "box", explicit)]
        in_row = _row_field(layout, seg, cell.box, row, explicit)
        if in_row or not SIGN_WORDS.search(fold(seg.text)):
            return in_row
        # a signature label ("Facilitator sign-off") whose "row" has no cell to sign in: strokes
        # the raster took for rules; look around the label instead
    if cell.closed and cell.box[3] - lb[3] >= max(18.0, 1.5 * h) and lb[1] - cell.box[1] < 2.5 * h:
        below_text = [s for s in layout.segments_in((cell.box[0], lb[3] + 1, cell.box[2], cell.box[3])) if s is not seg]
        if not below_text or all(label_kind(s.text, ()) or OTHER_FIELD.match(s.text) for s in below_text[:1]):
            return [_field(layout, seg, (cell.box[0] + 1, lb[3] + 1, cell.box[2] - 1, cell.box[3] - 1), "box", explicit)]
        # a box titled by the label, the signature under the title, printed fields further down
        # ("Printed Name: ...", a misread "Date:"): signing room is what lies above the first of them
        top = min((s.box[1] for s in below_text if printed(layout, s) and ":" in s.text), default=None)
        if top is not None and top - lb[3] >= max(12.0, 1.2 * h):
            return [_field(layout, seg, (cell.box[0] + 1, lb[3] + 1, cell.box[2] - 1, top - 1), "box", explicit)]
    over = None if seg.text.rstrip().endswith(":") else _rule_over(layout, seg, h)  # "Name:" labels its own line
    if over is not None:
        top = _free_above(layout, over, 3.2 * h + 12)
        if over[1] - top >= max(12.0, 1.4 * h):  # room to sign above the line
            above = (over[0], top, over[2], over[1] + 2)
            under = _under(layout, seg, h, 3.2 * h + 6)
            if not layout.ink_in(above) and under is not None and layout.ink_in(under):
                # no ink over the rule, ink under the label: the rule is the top of a box the label
                # titles (its sides not found), and the signature is in the box
                return [_field(layout, seg, under, "below", explicit)]
            return [_field(layout, seg, above, "caption", explicit)]
    beside = _rule_beside(layout, seg, h)
    if beside is not None:
        return [_field(layout, seg, (beside[0], beside[1] - 3.0 * h - 8, beside[2], beside[1] + 2), "rule", explicit)]
    nxt = [s for s in layout.segments if s.line == seg.line and s.box[0] > lb[2] + 2]
    bound = [s for s in nxt if OTHER_FIELD.match(s.text) or label_kind(s.text, ()) is not None]
    right = min((s.box[0] for s in bound), default=min(lb[2] + 260, layout.width - 10)) - 4
    if right - lb[2] >= 40:
        beside_box = (lb[2] + 2, lb[1] - 1.2 * h, right, lb[3] + 0.6 * h)
        under = _under(layout, seg, h, 2.5 * h + 4)
        if under is not None and not layout.ink_in(beside_box) and layout.ink_in(under):
            # nothing beside it and ink just under it, over no text: a box whose label sits at its
            # top, its rules not found (a signature "under" its label)
            return [_field(layout, seg, under, "below", explicit)]
        if not nxt and not layout.ink_in(beside_box):
            titled = _titled_table(layout, seg, h)
            if titled:
                return [_field(layout, seg, box, "column", True, row) for box, row in titled]
        return [_field(layout, seg, beside_box, "beside", explicit)]
    return [_field(layout, seg, (lb[0], lb[1] - 2.8 * h, lb[0] + 220, lb[1] - 1), "above", explicit)]


def _under(layout: PageLayout, seg: Segment, h: float, reach: float) -> Box | None:
    """The space just under a label, ``reach`` down at most and not past the next printed text:
    where a box's signature is when the label titles the box. None when less than a line high."""
    lb = seg.box
    under = (lb[0] - 4, lb[3] + 1, min(layout.width, lb[0] + 260), lb[3] + reach)
    next_print = [s.box[1] for s in layout.segments_in(under) if printed(layout, s) and s.box[1] > lb[3]]
    under = (*under[:3], min([under[3], *next_print]) - 1)
    return under if under[3] - under[1] >= h else None


def _row_field(layout: PageLayout, seg: Segment, cell: Box, row: list[tuple[Box, list[Segment]]],
               explicit: bool) -> list[SignatureField]:
    """A label in a table row ("Completed by (worker) | Luis Dubois | <signature>"): the first
    cell to its right without printed text, past the printed name."""
    right = [(box, texts) for box, texts in row if box[0] >= cell[2] - 2 and box[2] - box[0] >= MIN_CELL_WIDTH]
    for box, _ in right:  # the column headed "Signature", when the table has headers
        if _headed_signature(layout, box):
            return [_cell_field(layout, seg, box, right, explicit)]
    # no heading read (a shaded header row often is not): a cell with nothing OCR could read as
    # words, else one without print, the least legible first: a hand-filled name is read as words
    # (confidence 50-80), a scribble seldom is, or as garbage (near 0)
    def legibility(item: tuple[Box, list[Segment]]) -> tuple[bool, float]:
        words = [w for t in item[1] for w in t.words]
        return bool(words), sum(w.confidence for w in words) / len(words) if words else 0.0
    for box, texts in sorted(right[:3], key=legibility):
        if not any(printed(layout, t) for t in texts):
            return [_cell_field(layout, seg, box, right, explicit)]
    return []


def _cell_field(layout: PageLayout, seg: Segment, box: Box, right: list[tuple[Box, list[Segment]]],
                explicit: bool) -> SignatureField:
    """The inside of a row's cell, with the text of the cells between the label and it (the name)."""
    names = " ".join(t.text for b, ts in right if b[0] < box[0] for t in ts)
    return _field(layout, seg, (box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1), "row", explicit, names)


def _headed_signature(layout: PageLayout, box: Box) -> bool:
    """A "Signature" heading over this cell's column: from the table's rules, or, where a shaded
    header row hides them, the nearest printed phrase above whose centre falls in the column."""
    header = layout.column_header(box)
    if header is not None:
        return bool(SIGN_WORDS.search(fold(header.text)))
    above = [s for s in layout.segments if s.box[3] <= box[1] + 1 and box[1] - s.box[3] < 120
             and box[0] <= (s.box[0] + s.box[2]) / 2 <= box[2] and printed(layout, s)]
    return any(SIGN_WORDS.search(fold(s.text)) and len(s.words) <= 3 for s in above)


def _rule_over(layout: PageLayout, seg: Segment, h: float) -> Box | None:
    """A horizontal rule just above the label and spanning it: the label is the line's caption."""
    lb = seg.box
    best = None
    for r in layout.horizontal:
        y = (r.box[1] + r.box[3]) / 2
        if lb[1] - 1.6 * h - 4 <= y <= lb[1] + 1 and r.box[0] <= lb[0] + 0.5 * (lb[2] - lb[0]) and r.box[2] >= lb[0] + 10 \
                and r.box[2] - r.box[0] >= 50 and r.box[2] - r.box[0] < 0.9 * layout.width and not _table_edge(layout, r.box):
            if best is None or y > best[1]:
                best = (r.box[0], y, r.box[2], y)
    return best


def _table_edge(layout: PageLayout, rule: Box) -> bool:
    """A horizontal rule that vertical rules meet: a table's or box's edge, not a line to sign on."""
    y = (rule[1] + rule[3]) / 2
    return sum(1 for v in layout.vertical if rule[0] - 2 <= v.box[0] <= rule[2] + 2 and v.box[1] - 2 <= y <= v.box[3] + 2) >= 2


def _rule_beside(layout: PageLayout, seg: Segment, h: float) -> Box | None:
    """A horizontal rule starting right of the label on its baseline: the line to sign on."""
    lb = seg.box
    best = None
    for r in layout.horizontal:
        y = (r.box[1] + r.box[3]) / 2
        if -4 <= r.box[0] - lb[2] <= 40 and lb[3] - 0.6 * h <= y <= lb[3] + 0.8 * h + 3 and r.box[2] - r.box[0] >= 40:
            if best is None or r.box[0] < best[0]:
                best = (r.box[0], y, r.box[2], y)
    return best


def _free_above(layout: PageLayout, rule: Box, reach: float) -> float:
    """How high the space over a signing line goes: up to the text or rule above, at most ``reach``."""
    top = rule[1] - reach
    for s in layout.segments:
        if s.box[3] <= rule[1] - 2 and min(s.box[2], rule[2]) - max(s.box[0], rule[0]) > 0 and s.box[3] > top:
            if printed(layout, s):  # a signature's own OCR noise is not the text above
                top = s.box[3] + 1
    for r in layout.horizontal:
        y = (r.box[1] + r.box[3]) / 2
        if rule[1] - 4 > y > top and min(r.box[2], rule[2]) - max(r.box[0], rule[0]) > 20 and not _stroke_of_ink(layout, r.box):
            top = y + 1
    return top


def _stroke_of_ink(layout: PageLayout, rule: Box) -> bool:
    """A "rule" touching a signature's ink: the long straight stroke or underline of a pen
    signature the raster took for a ruling line, not a line that bounds the signing room."""
    grown = (rule[0] - 2, rule[1] - 3, rule[2] + 2, rule[3] + 3)
    return any(min(m.box[2], grown[2]) - max(m.box[0], grown[0]) > 0.3 * (rule[2] - rule[0])
               and m.box[1] <= grown[3] and m.box[3] >= grown[1] for m in layout.ink)


def _titled_table(layout: PageLayout, seg: Segment, h: float) -> list[tuple[Box, str]]:
    """The signature column's cells of a table that the label titles from just above it
    ("Attendees" over a sign-in sheet, often on a dark bar, with nothing beside it): the column
    headed "Signature", also where OCR garbled that heading in its shaded row ("Ngnature")."""
    lb = seg.box
    tops = [r for r in layout.horizontal if lb[3] - 2 <= (r.box[1] + r.box[3]) / 2 <= lb[3] + 2.5 * h + 8
            and r.box[0] <= lb[2] and r.box[2] - r.box[0] >= 0.4 * layout.width]
    for top in sorted(tops, key=lambda r: r.box[1]):  # the first row under the rule (or the bar's two edges)
        first = layout.cell_at(top.box[0] + 3, top.box[3] + 3)
        if first.closed and first.box[3] - first.box[1] >= MIN_ROW:
            break
    else:
        return []
    headers = layout.row_cells(first.box)
    for box, texts in headers:
        heading = " ".join(t.text for t in texts)
        if SIGN_WORDS.search(fold(heading)) or any(_signature_misread(w) for w in fold(heading).lower().split()):
            return _column_cells_under(layout, box)
    # no heading reads so: the last column whose heading did not read at all (a shaded header
    # row loses words) and that holds ink; the others' headings ("Name", "Company") read
    for box, texts in reversed(headers[1:]):
        if not texts:
            cells = _column_cells_under(layout, box)
            return cells if any(layout.ink_in(cell, 0.5) for cell, _ in cells) else []
    return []


def _signature_misread(word: str) -> bool:
    """"Signature" with a letter or two misread (a heading in a shaded row: "Ngnature", "Sigriature")."""
    word = word.strip(" :|()[]")
    return len(word) >= 7 and Levenshtein.distance("signature", word, score_cutoff=2) <= 2


def _column_cells(layout: PageLayout, seg: Segment) -> list[tuple[Box, str]]:
    """The cells under a column header, with the text of the rest of each row."""
    lb = seg.box
    header = layout.cell_at((lb[0] + lb[2]) / 2, (lb[1] + lb[3]) / 2)
    if not header.closed:
        return []
    return _column_cells_under(layout, header.box)


def _column_cells_under(layout: PageLayout, header: Box) -> list[tuple[Box, str]]:
    """The cells under the header cell ``header``, with the text of the rest of each row; none
    when the column holds printed text (roles, names), where nobody signs."""
    out: list[tuple[Box, str]] = []
    top = header[3]
    texts = 0
    for _ in range(60):
        box = layout.cell_under(header, top)
        if box is None:
            break
        row = [" ".join(s.text for s in segs) for b, segs in layout.row_cells(box) if abs(b[0] - box[0]) > 4]
        inside = (box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1)
        texts += any(printed(layout, s) for s in layout.segments_in(inside))
        out.append((inside, " | ".join(t for t in row if t)))
        top = box[3]
    if out and texts > len(out) / 2:  # a column of printed text (roles, names): not where people sign
        return []
    return out
