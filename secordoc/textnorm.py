"""Text normalisation shared by the classifier and the dater, tolerant of OCR noise."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
#: Frequent OCR confusions inside words (not numbers): fixed before matching cue phrases.
_OCR_FIXES = (("0rientation", "orientation"), ("inspectlon", "inspection"), ("safetv", "safety"), ("rn", "m"))


def normalise(text: str) -> str:
    """Lower case, accents folded, '&' as 'and', every run of non-alphanumerics one space."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("-\n", "")
    return " " + _NON_WORD.sub(" ", text).strip() + " "


def variants(text: str) -> tuple[str, ...]:
    """The normalised text and a copy with common OCR confusions undone."""
    base = normalise(text)
    fixed = base
    for wrong, right in _OCR_FIXES:
        fixed = fixed.replace(wrong, right)
    return (base,) if fixed == base else (base, fixed)


def fold(text: str) -> str:
    """Accents removed ("Février" -> "Fevrier"), one character for one, so positions hold."""
    if text.isascii():
        return text
    return "".join(_fold_char(c) for c in text)


def _fold_char(c: str) -> str:
    if c.isascii():
        return c
    base = [d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d)]
    return base[0] if len(base) == 1 else c


def has_phrase(text: str, phrase: str) -> bool:
    """``phrase`` in ``text`` (both normalised), allowing one short word of the phrase ("by",
    "of") misread by OCR as another short word with its first letter ("Approved ber", "Inspected
    bv"): the words that carry the meaning must read exactly."""
    if f" {phrase} " in text:
        return True
    wanted = phrase.split()
    if len(wanted) < 2:
        return False
    words = text.split()
    for start in range(len(words) - len(wanted) + 1):
        misread = 0
        for want, got in zip(wanted, words[start:start + len(wanted)]):
            if want == got:
                continue
            if len(want) <= 3 and len(got) <= 4 and got[0] == want[0]:
                misread += 1
                continue
            misread = 2
            break
        if misread == 1:
            return True
    return False
