"""Every date written in a piece of text, however people and OCR write it.

Formats: ISO and year-first (2026-03-14, 2026.04.30), day or month first with four- or two-digit
years (14/03/2026, 3/14/90, 12-01-19), month names in English and French, abbreviated or not
(Mar. 14/26, 14 March 2026, le 14 mars 2026, 06-Sep-2025), OCR's stray spaces ("8/ 7/ 87",
"03 /02 /90") and digits written one per box ("2 0 2 6 | 0 4 | 3 0"). Numbers glued to a date
("2026-03-145") are not dates. Which date is the activity's is decided elsewhere
(``secordoc.recognition.activity_date``); this module only reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .textnorm import fold

DateOrder = Literal["MDY", "DMY"]

#: Month names and abbreviations, English and French (accents removed before matching).
MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "janv": 1, "janvier": 1,
    "feb": 2, "february": 2, "fev": 2, "fevr": 2, "fevrier": 2,
    "mar": 3, "march": 3, "mars": 3,
    "apr": 4, "april": 4, "avr": 4, "avril": 4,
    "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juin": 6,
    "jul": 7, "july": 7, "juil": 7, "juillet": 7,
    "aug": 8, "august": 8, "aou": 8, "aout": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9,
    "oct": 10, "october": 10, "octobre": 10,
    "nov": 11, "november": 11, "novembre": 11,
    "dec": 12, "december": 12, "decembre": 12,
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_B = r"(?<![\w.])"  # not glued to a preceding word or number
_E = r"(?![\w])(?![/.-]\d)"  # nor to a following one (2026/03/14/2)
_S = r"\s?[-/.]\s?"  # a separator, with the spaces OCR puts around it
_Y4 = r"(?:19|20)\d\d"
_Y2 = r"\d\d(?!\s?\d)"  # a two-digit year, not the first half of a four-digit one split by OCR
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(_B + rf"(?P<y>{_Y4}){_S}(?P<m>\d{{1,2}}){_S}(?P<d>\d{{1,2}})" + _E)),
    ("d-mon-y", re.compile(_B + rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?[\s.-]*(?:de\s+)?(?P<mon>{_MONTH})\.?,?[\s/.-]*(?P<y>{_Y4}|{_Y2})" + _E,
                           re.IGNORECASE)),
    ("mon-d-y", re.compile(_B + rf"(?P<mon>{_MONTH})\.?\s*(?P<d>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?\s*[,/.-]?\s*(?P<y>{_Y4}|{_Y2})" + _E,
                           re.IGNORECASE)),
    ("n-n-y", re.compile(_B + rf"(?P<a>\d{{1,2}}){_S}(?P<b>\d{{1,2}}){_S}(?P<y>{_Y4}|{_Y2})" + _E)),
    ("comb", re.compile(r"(?<![\d])(?P<digits>(?:19|20)\d{6}|\d{4}(?:19|20)\d\d)(?![\d])")),
)
#: Digits written one per box: single digits separated by spaces or box edges ("2 0 2 6 | 0 4").
_COMB = re.compile(r"(?<![\w])\d(?:[\s|\[\]]{1,4}\d){5,7}(?![\w])")


@dataclass(frozen=True)
class FoundDate:
    value: date
    text: str
    start: int
    end: int
    kind: str
    #: Day and month could be either way round (03/04/2026), and ``value`` took ``order``'s way.
    ambiguous: bool = False
    #: The raw numbers of a day/month-first date, so a document's other dates can settle it.
    pair: tuple[int, int] | None = None


def _year(raw: str) -> int:
    year = int(raw)
    if year >= 100:
        return year
    return 2000 + year if year < 70 else 1900 + year


def _parse(kind: str, m: re.Match[str], order: DateOrder) -> FoundDate | None:
    try:
        if kind == "ymd":
            return FoundDate(date(int(m["y"]), int(m["m"]), int(m["d"])), m.group(0), m.start(), m.end(), kind)
        if kind in ("mon-d-y", "d-mon-y"):
            month = MONTHS[fold(m["mon"]).lower()]
            return FoundDate(date(_year(m["y"]), month, int(m["d"])), m.group(0), m.start(), m.end(), kind)
        if kind == "comb":
            return _comb(m)
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        if a > 12 >= b:
            value, ambiguous = date(y, b, a), False
        elif b > 12 >= a:
            value, ambiguous = date(y, a, b), False
        else:
            ambiguous = a != b
            value = date(y, a, b) if order == "MDY" else date(y, b, a)
        return FoundDate(value, m.group(0), m.start(), m.end(), kind, ambiguous, (a, b))
    except (ValueError, KeyError, OverflowError):
        return None


def _comb(m: re.Match[str]) -> FoundDate | None:
    digits = m["digits"]
    for y, mo, d in ((digits[:4], digits[4:6], digits[6:]), (digits[4:], digits[2:4], digits[:2])):
        try:
            if y.startswith(("19", "20")):
                return FoundDate(date(int(y), int(mo), int(d)), m.group(0), m.start(), m.end(), "comb")
        except ValueError:
            continue
    return None


def collapse_combs(text: str) -> str:
    """Digits in boxes joined into one number, keeping the text's length (so positions hold)."""
    def join(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        return digits + " " * (len(m.group(0)) - len(digits))
    return _COMB.sub(join, text)


def find_dates(text: str, order: DateOrder = "MDY") -> list[FoundDate]:
    """Every date in ``text`` (one line or phrase), left to right, each span read once."""
    out: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for source, combs in ((text, False), (collapse_combs(text), True)):
        for kind, pattern in PATTERNS:
            if (kind == "comb") != combs:
                continue
            for m in pattern.finditer(fold(source)):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                found = _parse(kind, m, order)
                if found is None or not 1950 <= found.value.year <= 2100:
                    continue
                end = m.end()
                if kind == "comb":  # the boxes' own span in the original text
                    end = next((c.end() for c in _COMB.finditer(text) if c.start() == m.start()), end)
                taken.append((m.start(), end))
                out.append(FoundDate(found.value, text[m.start():end].strip(), m.start(), end, kind,
                                     found.ambiguous, found.pair))
    return sorted(out, key=lambda f: f.start)


def reorder(found: FoundDate, order: DateOrder) -> FoundDate:
    """An ambiguous day/month date read the other way when the document says which way it writes."""
    if not found.pair or not found.ambiguous:
        return found
    a, b = found.pair
    try:
        value = date(found.value.year, a, b) if order == "MDY" else date(found.value.year, b, a)
    except ValueError:
        return found
    return FoundDate(value, found.text, found.start, found.end, found.kind, False, found.pair)


def document_order(found: list[FoundDate]) -> DateOrder | None:
    """The order a document's own unambiguous dates prove (a 14 in the first place is a day)."""
    votes = {"DMY": 0, "MDY": 0}
    for f in found:
        if f.pair and not f.ambiguous:
            a, b = f.pair
            votes["DMY" if a > 12 else "MDY"] += 1 if (a > 12) != (b > 12) else 0
    if votes["DMY"] != votes["MDY"]:
        return "DMY" if votes["DMY"] > votes["MDY"] else "MDY"
    return None


_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "C": "0", "c": "0", "l": "1", "I": "1", "|": "1", "i": "1", "S": "5", "s": "5",
                            "Z": "2", "z": "2", "B": "8", "g": "9"})
#: A separator read as a "1" or "l" between day and month or month and year ("03122/2027").
_LOST_SEPARATOR = (
    re.compile(r"(?<!\d)(\d{2})[1lI|](\d{2})([/.-])((?:19|20)\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{2})[1lI|]((?:19|20)\d\d)(?!\d)"),
)


#: Month names long enough for a misreading to be told from another word.
_LONG_MONTHS = tuple(m for m in MONTHS if len(m) >= 4)


#: Short month names and abbreviations: one letter misread, lost or added is mended only when
#: every name that close is the same month ("Nay" -> may, "Jne" -> june; "Mav": mar or may).
_SHORT_MONTHS = tuple(m for m in MONTHS if len(m) <= 4)
#: Short words forms print next to numbers that are one letter from a month: never mended.
_FORM_WORDS = frozenset({"rev", "ref", "new", "now", "per", "see", "set", "sec", "net", "nos", "page"})
#: Letters OCR reads as others ("ri" as "n": "Apnl"; "rn" as "m"): tried before fuzzy matching.
_OCR_LETTERS = (("n", "ri"), ("m", "rn"), ("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("0", "u"), ("3", "b"), ("1", "l"))


def _month(token: str) -> str:
    """A misread month name mended ("Apil" -> "april", "Decmber" -> "december", "Nay" -> "may",
    "Apnl" -> "april"); else as it was."""
    word = fold(token).strip(".,").lower()
    if not 3 <= len(word) <= 10 or not any(c.isalpha() for c in word) or word in MONTHS:
        return token
    for wrong, right in _OCR_LETTERS:
        if wrong in word and word.replace(wrong, right) in MONTHS:
            return word.replace(wrong, right)
    if not word.isalpha():
        return token
    if len(word) <= 4:
        if word in _FORM_WORDS:
            return token
        near = [m for m in _SHORT_MONTHS if Levenshtein.distance(word, m, score_cutoff=1) <= 1]
        if near:
            return near[0] if len({MONTHS[m] for m in near}) == 1 else token
    best = process.extractOne(word, _LONG_MONTHS, scorer=fuzz.ratio, score_cutoff=75)
    return best[0] if best else token


def _mended_token(token: str) -> str:
    """One token mended: mostly digits, their lookalikes; a word, as a month; a day, month and
    year joined by dashes or dots ("29-J0n-2026"), each part as such."""
    parts = re.split(r"([-./])", token)
    if len(parts) == 5 and parts[1] == parts[3] and sum(c.isalpha() for c in parts[2]) >= 2 and _mostly_digits(parts[0] + parts[4]):
        middle = _month(parts[2])
        if middle != parts[2]:
            return "".join([parts[0].translate(_LOOKALIKE), parts[1], middle, parts[3], parts[4].translate(_LOOKALIKE)])
    return token.translate(_LOOKALIKE) if _mostly_digits(token) else _month(token)


def _mostly_digits(token: str) -> bool:
    """At least half of the token's letters and digits are digits ("1l," "2o25", not "Nov.")."""
    chars = [c for c in token if c.isalnum()]
    return bool(chars) and sum(c.isdigit() for c in chars) >= len(chars) / 2


def _split(text: str) -> str:
    """Words and numbers OCR glued together taken apart ("17Apil2027" -> "17 Apil 2027")."""
    return re.sub(r"(?<=\d)(?=[^\W\d_]{3})|(?<=[^\W\d_]{3})(?=\d)", " ", text.replace(":", ": "))


def repair_ocr_date(text: str) -> str | None:
    """A date OCR has garbled in the usual ways (O for 0, l for 1, a "/" read as "1"), mended;
    None when no mending gives a date. For text already known to sit where a date belongs."""
    if find_dates(text):
        return text
    tokens = [_mended_token(t) for t in _split(text).split()]
    mended = " ".join(tokens)
    if find_dates(mended):
        return mended
    for pattern, shape in zip(_LOST_SEPARATOR, (r"\1\3\2\3\4", r"\1\2\3\2\4")):
        candidate = pattern.sub(shape, mended)
        if candidate != mended and find_dates(candidate):
            return candidate
    return None


@dataclass(frozen=True)
class PartialDate:
    """A day and month whose year was not written or not legible ("UN/07/13" for a handwritten
    "2026/07/13"; "July 13"). Only its context can give the year: see ``complete``."""

    month: int
    day: int
    text: str
    start: int
    end: int

    def complete(self, first: date, last: date) -> date | None:
        """The one date with this day and month between ``first`` and ``last`` (a review period
        is a year, so there is at most one), or None."""
        for year in range(first.year, last.year + 1):
            try:
                value = date(year, self.month, self.day)
            except ValueError:
                continue
            if first <= value <= last:
                return value
        return None


_DIGITISH = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "i": "1"})
#: A numeric day and month with an illegible year before ("UN/07/13") or after ("07/13/ZOZ6"), or
#: none ("/07/13"). Year first only with one separator throughout: "Ag.4/26" is a month (Aug. 4,
#: '26), not a year.
_YEAR_FIRST_PARTIAL = re.compile(r"^(?P<pre>[^\s/.\-]{0,5})(?P<sep>[/.\-])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})$")
_YEAR_LAST_PARTIAL = re.compile(r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<post>\S{1,5})$")
_NAMED_PARTIAL = (
    re.compile(_B + rf"(?P<mon>{_MONTH})\.?\s*(?P<d>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?![\s,./-]*\d)", re.IGNORECASE),
    re.compile(_B + rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?\s*(?:de\s+)?(?P<mon>{_MONTH})\b\.?(?![\s,./-]*\d)", re.IGNORECASE),
)


def find_partial_dates(text: str, order: DateOrder = "MDY") -> list[PartialDate]:
    """Days and months written without a legible year, where no whole date was read."""
    whole = [(f.start, f.end) for f in find_dates(text, order)]
    out: list[PartialDate] = []
    for token in re.finditer(r"\S+", text):
        if any(s < token.end() and token.start() < e for s, e in whole):
            continue
        written = token.group(0).strip(",;").translate(_DIGITISH)
        first, last = _YEAR_FIRST_PARTIAL.match(written), _YEAR_LAST_PARTIAL.match(written)
        if first is not None:  # year/month/day, the year illegible or missing ("UN/07/13", "/07/13")
            month, day = int(first["a"]), int(first["b"])
        elif last is not None:  # day and month first, by the profile's order unless a number says
            a, b = int(last["a"]), int(last["b"])
            month, day = (a, b) if (order == "MDY" and a <= 12) or b > 12 else (b, a)
        else:
            continue
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append(PartialDate(month, day, token.group(0), token.start(), token.end()))
    folded = fold(text)
    for pattern in _NAMED_PARTIAL:
        for m in pattern.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in whole) or any(p.start < m.end() and m.start() < p.end for p in out):
                continue
            day = int(m["d"])
            if 1 <= day <= 31:
                out.append(PartialDate(MONTHS[m["mon"].lower()], day, text[m.start():m.end()], m.start(), m.end()))
    return sorted(out, key=lambda p: p.start)
