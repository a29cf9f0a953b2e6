"""Find a document's activity date among all the dates printed on it, by what labels each one.

Every date on the document's pages is paired with its label in two dimensions: the words before
it in its phrase, the phrase to its left on the same line, the label above it in the same box
(grid forms print "Date" in a box's top-left corner), its table column's header, or a caption
printed under its line. The label decides: the document type's own date labels (data) win, a
plain "Date" comes next; labels that mark another date (revision, hire, next due, last
service, expiry, print or fax stamps: global and per-type data) rule a date out. Day-first or
month-first is settled per document by its own unambiguous dates before the profile's order is
used. Two equally good candidates that disagree make the date ambiguous, naming both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..dates import DateOrder, FoundDate, document_order, find_dates, find_partial_dates, reorder
from ..layout.model import PageLayout, Segment, union
from ..model import Word
from ..textnorm import fold

#: Labels that mark a date as something other than the activity, whatever the document type.
NOT_ACTIVITY = re.compile(
    r"\b(rev|revision|revised|version|ver|hire|hired|birth|dob|due|next|target|expir\w*|valid|"
    r"print\w*|fax\w*|page|effective|last updated|updated|deadline|imprim\w*|revis\w*|orig|original|stamp|"
    r"echeance|prochain\w*|naissance|embauche)\b",
    re.IGNORECASE,
)
#: "Date" in a few languages: a label that names a date without saying which.
GENERIC = re.compile(r"\b(date|dated|day|on|le|jour)\b", re.IGNORECASE)
#: Format hints printed over boxes ("YYYY MM DD", "(dd/mm/yyyy)"): never a label themselves.
FORMAT_HINT = re.compile(r"^[\s()\[\]/.-]*(yyyy|yy|mm|dd|aaaa|jj|mmm)([\s()\[\]/.-]+(yyyy|yy|mm|dd|aaaa|jj|mmm))*[\s()\[\]/.-]*$",
                         re.IGNORECASE)


@dataclass(frozen=True)
class DateCandidate:
    value: date
    text: str
    label: str
    label_from: str  # phrase | left | above | column | caption | field | stamp | name | none
    page: int
    box: tuple[float, float, float, float]
    score: float | None  # None: ruled out by its label
    ambiguous: bool = False
    why: str = ""


@dataclass(frozen=True)
class ActivityDate:
    value: date | None
    text: str | None = None
    label: str | None = None
    ambiguous: bool = False
    reason: str | None = None
    candidates: tuple[DateCandidate, ...] = ()
    #: Another candidate as good as the chosen one, with another date: the document is ambiguous.
    rival: DateCandidate | None = None


def _words_box(seg: Segment, start: int, end: int) -> tuple[float, float, float, float]:
    """The box of the words of ``seg`` covering characters ``start:end`` of its text."""
    boxes, pos = [], 0
    for word in seg.words:
        w_end = pos + len(word.text)
        if w_end > start and pos < end:
            boxes.append(word.box)
        pos = w_end + 1
    return union(boxes) if boxes else seg.box


def _clause(prefix: str) -> str:
    """The label part of the text before a date: after the last separator or earlier value."""
    parts = re.split(r"[;|]|\s{3,}|\b(?:to|au|à)\b", prefix)
    return parts[-1].strip(" -–:") if parts else ""


def _ruled_apart(layout: PageLayout, left: Segment, box: tuple[float, float, float, float]) -> bool:
    """A vertical rule between two phrases of a line: they sit in different table cells."""
    y = (box[1] + box[3]) / 2
    return any(left.box[2] - 1 <= r.box[0] <= box[0] + 1 and r.box[1] - 2 <= y <= r.box[3] + 2 for r in layout.vertical)


def _label_for(layout: PageLayout, seg: Segment, found: FoundDate, box: tuple[float, float, float, float]) -> tuple[str, str]:
    prefix = _clause(seg.text[: found.start])
    scraps = re.search(r"\d", prefix) and not re.search(r"[^\W\d_]{3}", prefix)  # "aL 026." of "2026.06.16"
    if sum(c.isalpha() for c in prefix) >= 2 and not scraps:
        return prefix, "phrase"
    left = layout.left_of(seg, reach=160)
    if left is not None and any(c.isalpha() for c in left.text) and not find_dates(left.text) \
            and (not _ruled_apart(layout, left, box) or left.text.rstrip().endswith(":") or GENERIC.search(left.text)):
        return left.text, "left"
    reach = 2.6 * max(6.0, seg.height) + 6
    probe = box
    for _ in range(3):  # skip format hints printed over boxes
        above = layout.above(probe, reach)
        if above is None:
            break
        if FORMAT_HINT.match(above.text):
            probe = (box[0], above.box[1], box[2], above.box[3])
            continue
        if any(c.isalpha() for c in above.text) and not find_dates(above.text) and len(above.words) <= 6:
            return above.text, "above"
        break
    header = layout.column_header(box)
    if header is not None and header.box[1] < box[1]:
        return header.text, "column"
    below = [s for s in layout.segments if 0 <= s.box[1] - box[3] <= 1.6 * max(6.0, seg.height) + 4
             and min(s.box[2], box[2]) - max(s.box[0], box[0]) > 0 and len(s.words) <= 4 and not find_dates(s.text)]
    if below:
        return min(below, key=lambda s: s.box[1]).text, "caption"
    return "", "none"


def _has(clause: str, phrase: str) -> bool:
    return bool(phrase) and re.search(rf"(?<!\w){re.escape(fold(phrase).lower())}(?!\w)", clause) is not None


FALLBACK_SCORE = 0.5


def _score(label: str, label_from: str, date_labels: Sequence[str], excluded: Sequence[str],
           fallback: Sequence[str] = ()) -> tuple[float | None, str]:
    """The type's own labels first (a certificate's "Completion date", a plan's "Effective
    date"), then the global exclusions, then a plain "Date"; a fallback label ("Date of hire"
    on an orientation) only when nothing else is there."""
    clause = fold(label).lower()
    if any(_has(clause, x) for x in fallback):
        return FALLBACK_SCORE, f"label '{label}' stands in for the activity date only when no other date does"
    if any(_has(clause, x) for x in excluded):
        return None, f"label '{label}' marks another date on this kind of document"
    for rank, wanted in enumerate(w for w in date_labels if not GENERIC.fullmatch(w)):
        if _has(clause, wanted):
            return 10.0 - min(rank, 10) * 0.3 + len(wanted) / 100, f"label '{label}' is one of this type's date labels"
    if NOT_ACTIVITY.search(clause):
        return None, f"label '{label}' marks another date"
    if GENERIC.search(clause):
        return (2.5 if label_from == "column" else 3.0), f"label '{label}' names a date"
    if not clause:
        return 1.0, "no label"
    return 0.8, f"label '{label}' does not name the activity"


def digit_runs(layout: PageLayout) -> list[Segment]:
    """Digits written in boxes across several cells of one line ("2 0 2 5 | 01 | 1 0" under
    "YYYY MM DD"), joined into one segment holding the eight digits of a date."""
    out = []
    by_line: dict[int, list[Segment]] = {}
    for segment in layout.segments:
        by_line.setdefault(segment.line, []).append(segment)
    for segs in by_line.values():
        run: list[Segment] = []
        ordered: list[Segment | None] = [*sorted(segs, key=lambda s: s.box[0]), None]
        for seg in ordered:
            numeric = seg is not None and re.fullmatch(r"[\d\s|]+", seg.text) is not None
            close = seg is not None and bool(run) and seg.box[0] - run[-1].box[2] <= 4 * max(6.0, seg.height)
            if seg is not None and numeric and (not run or close):
                run.append(seg)
                continue
            digits = "".join(re.sub(r"\D", "", s.text) for s in run)
            if len(run) > 1 and len(digits) == 8:
                out.append(Segment((Word(digits, union([s.box for s in run])),), run[0].line))
            run = [seg] if seg is not None and numeric else []
    return out


#: A day and month completed with the review period's year (see ``partial_candidates``): it counts
#: only where its label names the activity, and below any whole date so labelled.
PARTIAL = "partial"
PARTIAL_MIN_SCORE = 2.5
PARTIAL_PENALTY = 1.0

#: A time right after a date: a print, scan or fax stamp ("04/09/2025 12:50 PM").
TIMESTAMP = re.compile(r"^\W{0,3}\d{1,2}:\d{2}")


def page_candidates(layout: PageLayout, order: DateOrder) -> list[tuple[FoundDate, str, str, tuple[float, float, float, float]]]:
    out = []
    for seg in layout.segments + digit_runs(layout):
        for found in find_dates(seg.text, order):
            box = _words_box(seg, found.start, found.end)
            if TIMESTAMP.match(seg.text[found.end:]):
                out.append((found, "time stamp", "stamp", box))
                continue
            label, source = _label_for(layout, seg, found, box)
            out.append((found, label, source, box))
    return out


def partial_candidates(layout: PageLayout, order: DateOrder, period: tuple[date, date]
                       ) -> list[tuple[FoundDate, str, str, tuple[float, float, float, float]]]:
    """Days and months whose year did not read ("UN/07/13" for a handwritten "2026/07/13"), each
    completed with the one year that puts it inside ``period``, with its label."""
    out = []
    for seg in layout.segments:
        for partial in find_partial_dates(seg.text, order):
            value = partial.complete(*period)
            if value is None:
                continue
            found = FoundDate(value, partial.text, partial.start, partial.end, PARTIAL)
            box = _words_box(seg, found.start, found.end)
            label, source = _label_for(layout, seg, found, box)
            out.append((found, label, source, box))
    return out


#: A capture stamp in a file name: a date run straight into a time ("Scan_20270918_100811",
#: "PXL_20260527_092843794", "Photo 2025-02-04 09 13 45", "20260830091230"), or a scanner's date
#: and counter ("CCF03232027_0043"): when the file was
#: scanned or photographed, not when the activity happened.
CAPTURE_STAMP = re.compile(r"(?<!\d)(?:(?:19|20)\d{6}[ _-]?\d{4,}|\d{8}[_-]\d{3,}|(?:19|20)\d\d-\d\d-\d\d[ _T-]\d\d[ _.:-]\d\d)")
#: A date in the file's name weighs as much as a generic label: below the activity's own label,
#: above a date without one.
NAME_SCORE = 2.0


def name_candidates(name: str, order: DateOrder, period: tuple[date, date] | None) -> list[FoundDate]:
    """Dates in a file's name ("Service - 2026-08-17.pdf", "toolbox_talk_May 05.pdf"), unless the
    name is a scanner's or camera's capture stamp; a day and month alone take the period's year."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.rsplit("/", 1)[-1])
    if CAPTURE_STAMP.search(stem):
        return []
    text = re.sub(r"[_]+", " ", stem)
    found = find_dates(text, order)
    if not found and period is not None:
        found = [FoundDate(value, p.text, p.start, p.end, PARTIAL) for p in find_partial_dates(text, order)
                 if (value := p.complete(*period)) is not None]
    return found


#: A year this far after the review period is not what was written (a "2" read as a "7"): an
#: activity cannot happen years from now. Years before it are left alone: an old certificate is
#: old, not misread.
IMPLAUSIBLE_YEARS = 2


def _year_misread(value: date, period: tuple[date, date]) -> date | None:
    """The date with one digit of its year mended, when its year is years in the future and the
    mended one puts it inside the review period (2076-06-12 for 2026-06-12); else None."""
    first, last = period
    if value.year < last.year + IMPLAUSIBLE_YEARS:
        return None
    written = f"{value.year:04d}"
    for year in range(first.year, last.year + 1):
        if sum(a != b for a, b in zip(written, f"{year:04d}")) == 1:
            try:
                mended = value.replace(year=year)
            except ValueError:
                continue
            if first <= mended <= last:
                return mended
    return None


def _year_first(found: FoundDate, period: tuple[date, date]) -> date | None:
    """A date of three two-digit numbers read year first ("25-01-14": 2025-01-14, not 25 January
    2014) when only that reading puts it inside the review period; else None."""
    first, last = period
    if found.kind != "n-n-y" or found.pair is None or first <= found.value <= last \
            or len(re.findall(r"\d+", found.text)[-1]) != 2:  # the year written with two digits
        return None
    a, b = found.pair
    try:
        value = date(2000 + a, b, found.value.year % 100)
    except ValueError:
        return None
    return value if first <= value <= last else None


def _one_part_apart(a: date, b: date) -> bool:
    """Two dates that differ by one digit, as OCR misreads one (2026-08-17 and 2026-04-17)."""
    return sum(x != y for x, y in zip(a.isoformat(), b.isoformat())) == 1


def choose_activity_date(
    layouts: Sequence[PageLayout],
    fields: dict[str, str],
    date_labels: Sequence[str],
    excluded: Sequence[str] = (),
    order: DateOrder = "MDY",
    fallback: Sequence[str] = (),
    period: tuple[date, date] | None = None,
    name: str = "",
) -> ActivityDate:
    """The activity's date among every date of the document, by its label. With ``period`` (the
    review period), a labelled day and month whose year is illegible also counts, below any
    whole date: its year is the one inside the period. ``name`` is the file's name when the file
    holds this one document: people name scans by the activity's date."""
    raw: list[tuple[FoundDate, str, str, int, tuple[float, float, float, float]]] = []
    for layout in layouts:
        raw += [(f, label, src, layout.number, box) for f, label, src, box in page_candidates(layout, order)]
    for name, value in fields.items():
        raw += [(f, name.replace("_", " "), "field", 0, (0.0, 0.0, 0.0, 0.0)) for f in find_dates(value, order)]
    if period is not None:
        for layout in layouts:
            raw += [(f, label, src, layout.number, box) for f, label, src, box in partial_candidates(layout, order, period)]
    named = name_candidates(name, order, period) if name else []
    raw += [(f, "file name", "name", 0, (0.0, 0.0, 0.0, 0.0)) for f in named[:1]]
    if not raw:
        return ActivityDate(None, reason="no date found on the document")
    own = document_order([f for f, *_ in raw])
    if own is not None:
        raw = [(reorder(f, own), label, src, page, box) for f, label, src, page, box in raw]
    # the days and months written with their year somewhere in the document
    whole_days = {(f.value.month, f.value.day) for f, _, src, _, _ in raw if f.kind != PARTIAL and src != "name"}
    candidates = []
    for found, label, src, page, box in raw:
        mended = _year_misread(found.value, period) if period is not None else None
        year_first = _year_first(found, period) if period is not None and mended is None else None
        score, why = (NAME_SCORE, "the file is named by this date") if src == "name" else \
            _score(label, src, date_labels, excluded, fallback)
        if found.kind == PARTIAL and src != "name" and score is not None:  # an activity's own date only, below whole ones
            score, why = (score - PARTIAL_PENALTY, f"{why}; year not legible, taken from the review period") \
                if score >= PARTIAL_MIN_SCORE else (None, f"{why}; a day and month alone count only beside the activity's label")
            if score is not None and (found.value.month, found.value.day) in whole_days:
                # the same day and month read whole elsewhere ("Feb 14" and the comb's 20280214): the
                # year written there is better evidence than the period's
                score, why = None, f"{why}; this day and month are written with their year elsewhere"
        if mended is not None:
            why = f"{why}; year {found.value.year} is one misread digit from the review period's"
        elif year_first is not None:
            why = f"{why}; read year first, the one reading inside the review period"
            mended = year_first
        candidates.append(DateCandidate(mended or found.value, found.text, label, src, page, box, score, found.ambiguous, why))
    usable = [c for c in candidates if c.score is not None]
    if not usable:
        texts = ", ".join(f"'{c.label[-25:]} {c.text}'" for c in candidates[:3])
        return ActivityDate(None, reason=f"only other dates found ({texts})", candidates=tuple(candidates))
    best_score = max(c.score or 0.0 for c in usable)
    best = [c for c in usable if c.score == best_score]
    chosen = best[0]  # the first in reading order when equally labelled
    # only a whole date in the name: a day and month there took its year from the period, and the
    # page's year, read, is better evidence than that
    whole_name = bool(named) and named[0].kind != PARTIAL
    by_name = next((c for c in usable if c.label_from == "name"), None) if whole_name else None
    if by_name is not None and by_name is not chosen and _one_part_apart(by_name.value, chosen.value):
        # the page's date with one digit misread (an 8 read as a 4): the name typed on a keyboard wins
        chosen = by_name
        best = [by_name]
    rival = next((c for c in best[1:] if c.value != chosen.value and best_score >= 3.0), None)
    return ActivityDate(chosen.value, chosen.text, chosen.label, chosen.ambiguous, candidates=tuple(candidates), rival=rival)
