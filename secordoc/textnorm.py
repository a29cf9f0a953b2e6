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
