"""Find a document's activity date among all the dates printed on it.

Every date-like text is found with its label (the words before it on its line). The activity
date is the candidate whose label is one of the type's date labels; dates labelled as a form
revision, a hire date, a due or target date, or a print or fax stamp are never chosen. Numbers
glued to a date ("2026-03-145") are not dates. A day/month order the text cannot settle
(03/04/2026) follows the profile's ``date_order`` and is flagged ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from dateutil import parser as date_parser

DateOrder = Literal["MDY", "DMY"]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_B = r"(?<![\w.])"  # not glued to a preceding word or number
_E = r"(?![\w])"  # nor to a following one ("/" after a year is also glue: 2026/03/14/2)
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(_B + r"(?P<y>(?:19|20)\d\d)\s?[-/.]\s?(?P<m>\d{1,2})\s?[-/.]\s?(?P<d>\d{1,2})" + _E + r"(?![/.-]\d)")),
    ("d-mon-y", re.compile(_B + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s-]*(?P<mon>" + _MONTH + r")\.?,?[\s-]*(?P<y>(?:19|20)\d\d)" + _E, re.IGNORECASE)),
    ("mon-d-y", re.compile(_B + r"(?P<mon>" + _MONTH + r")\.?\s*(?P<d>\d{1,2})(?!\d)(?:st|nd|rd|th)?\s*[,/]?\s*(?P<y>(?:19|20)\d\d|\d\d)" + _E, re.IGNORECASE)),
    ("n-n-y", re.compile(_B + r"(?P<a>\d{1,2})\s?[/.-]\s?(?P<b>\d{1,2})\s?[/.-]\s?(?P<y>(?:19|20)\d\d)" + _E)),
)
#: Labels that mark a date as something other than the activity (checked in the label text).
NOT_ACTIVITY = re.compile(
    r"\b(rev|revision|revised|version|ver|form|hire|hired|birth|dob|due|next|target|expir\w*|valid|"
    r"print\w*|fax\w*|page|effective|incident date|date of incident|follow[- ]?up|completion date|deadline)\b",
    re.IGNORECASE,
)
GENERIC_LABEL = re.compile(r"\b(date|dated|on)\b\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateCandidate:
    value: date
    text: str
    label: str
    line: int
    ambiguous: bool = False
    from_field: bool = False
    column: int = 0


@dataclass(frozen=True)
class ActivityDate:
    value: date | None
    text: str | None = None
    label: str | None = None
    ambiguous: bool = False
    reason: str | None = None
    candidates: tuple[DateCandidate, ...] = ()


def _year(raw: str) -> int:
    year = int(raw)
    return year + 2000 if year < 100 else year


def _parse(kind: str, m: re.Match[str], order: DateOrder) -> tuple[date, bool] | None:
    try:
        if kind == "ymd":
            return date(int(m["y"]), int(m["m"]), int(m["d"])), False
        if kind in ("mon-d-y", "d-mon-y"):
            parsed = date_parser.parse(f"{m['mon']} {m['d']} {_year(m['y'])}")
            return parsed.date(), False
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 and b <= 12:
            return date(y, b, a), False
        if b > 12 and a <= 12:
            return date(y, a, b), False
        ambiguous = a != b
        return (date(y, a, b) if order == "MDY" else date(y, b, a)), ambiguous
    except (ValueError, OverflowError):
        return None


def find_dates(text: str, order: DateOrder = "MDY") -> list[DateCandidate]:
    out: list[DateCandidate] = []
    for number, line in enumerate(text.splitlines()):
        taken: list[tuple[int, int]] = []
        for kind, pattern in PATTERNS:
            for m in pattern.finditer(line):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                parsed = _parse(kind, m, order)
                if parsed is None or not 1990 <= parsed[0].year <= 2100:
                    continue
                taken.append((m.start(), m.end()))
                label = line[max(0, m.start() - 60): m.start()]
                out.append(DateCandidate(parsed[0], m.group(0), label.strip(), number, parsed[1], column=m.start()))
    return sorted(out, key=lambda c: (c.line, c.column))


def field_dates(fields: dict[str, str], order: DateOrder) -> list[DateCandidate]:
    """Dates held only in filled form fields: the field's name is their label."""
    out: list[DateCandidate] = []
    for name, value in fields.items():
        for found in find_dates(value, order):
            label = name.replace("_", " ")
            out.append(DateCandidate(found.value, found.text, label, -1, found.ambiguous, True))
    return out


def _label_score(label: str, date_labels: Sequence[str]) -> float | None:
    """None when the label rules the date out; otherwise higher is more likely the activity date."""
    tail = label[-45:].lower()
    clause = re.split(r"[;|]|\s{3,}", tail)[-1]
    if NOT_ACTIVITY.search(clause):
        return None
    for rank, wanted in enumerate(date_labels):
        if wanted in clause:
            return 10.0 - rank * 0.5 + len(wanted) / 100
    if GENERIC_LABEL.search(clause) or clause.rstrip().endswith(":"):
        return 2.0
    return 0.5


def choose_activity_date(
    text: str, fields: dict[str, str], date_labels: Sequence[str], order: DateOrder = "MDY"
) -> ActivityDate:
    candidates = find_dates(text, order) + field_dates(fields, order)
    if not candidates:
        return ActivityDate(None, reason="no date found on the document")
    scored = [(score, c) for c in candidates if (score := _label_score(c.label, date_labels)) is not None]
    if not scored:
        texts = ", ".join(f"'{c.label[-25:]} {c.text}'" for c in candidates[:3])
        return ActivityDate(None, reason=f"only other dates found ({texts})", candidates=tuple(candidates))
    best_score = max(s for s, _ in scored)
    best = [c for s, c in scored if s == best_score]
    chosen = best[0]  # the first on the page when two are equally labelled
    return ActivityDate(chosen.value, chosen.text, chosen.label, chosen.ambiguous, candidates=tuple(candidates))
