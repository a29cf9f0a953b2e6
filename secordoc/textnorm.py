"""Text normalisation shared by the classifier and the dater, tolerant of OCR noise."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

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


#: A word this long, misread by OCR in at most ``LONG_WORD_EDITS`` letters (a pen stroke across
#: "Chairperson" read as "Chairpeyon"), is still that word.
LONG_WORD = 8
LONG_WORD_EDITS = 2


def has_phrase(text: str, phrase: str) -> bool:
    """``phrase`` in ``text`` (both normalised), allowing one word of the phrase misread by OCR:
    a short word ("by", "of") read as another short word with its first letter ("Approved ber",
    "Inspected bv"), or a long word with a letter or two wrong ("Chairpeyon"); the other words
    must read exactly."""
    if f" {phrase} " in text:
        return True
    wanted = phrase.split()
    words = text.split()
    for start in range(len(words) - len(wanted) + 1):
        misread = 0
        for want, got in zip(wanted, words[start:start + len(wanted)]):
            if want == got:
                continue
            if len(wanted) > 1 and len(want) <= 3 and len(got) <= 4 and got[0] == want[0]:
                misread += 1
                continue
            if _long_word_misread(want, got) or _head_lost(want, got):
                misread += 1
                continue
            misread = 2
            break
        if misread == 1:
            return True
    return False


def _head_lost(want: str, got: str) -> bool:
    """A long word whose first letters a pen stroke hid ("ployee" under the signature across
    "Employee", "stigator" of "Investigator"): the rest, most of the word, reads exactly."""
    return (len(want) >= LONG_WORD and len(got) >= LONG_WORD - 2 and len(got) >= 0.6 * len(want)
            and len(got) < len(want) and want.endswith(got))


def _long_word_misread(want: str, got: str) -> bool:
    """Same first two letters and last letter (so "inspection" is no "inspector", nor
    "investigation" an "investigator": word families differ at the end), a letter or two off."""
    return (len(want) >= LONG_WORD and want[:2] == got[:2] and want[-1] == got[-1] and not got.isdigit()
            and Levenshtein.distance(want, got, score_cutoff=LONG_WORD_EDITS) <= LONG_WORD_EDITS)
