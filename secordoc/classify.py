"""Decide a document's type from its title, body and field labels, with the cues that decided it.

Each type's vocabulary is data (``DocumentType.titles`` and ``cues``). A type's title phrases
found in the document's title block (the layout's largest text near the top, or its first lines)
weigh three times; found elsewhere they weigh as written; body cues add their weight once each.
The title block is also matched with OCR tolerance (rapidfuzz), so "Hazard Assesment" or
"lnspection" still name their type. The best type wins only with a clear score and a clear
margin over the runner-up; otherwise the document is unclassified, its best guess named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from .doctypes.base import Cue, DocumentType
from .textnorm import normalise, variants

MIN_SCORE = 4.0
MIN_MARGIN = 1.5
TITLE_LINES = 6
TITLE_FACTOR = 3.0
#: A title phrase this similar (0-100) to part of the title block counts, for OCR's sake.
FUZZY_TITLE = 88


@dataclass(frozen=True)
class Classification:
    category: str | None
    confidence: float
    evidence: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    best_guess: str | None = None
    #: The title block the decision read (the layout's largest text near the top).
    title: str = ""


def _contains(haystacks: Sequence[str], phrase: str) -> bool:
    needle = f" {phrase} "
    return any(needle in text for text in haystacks)


@lru_cache(maxsize=64)
def _windows(title: str, size: int) -> tuple[str, ...]:
    """Every run of ``size`` words of the title (made once per title and size)."""
    words = title.split()
    return tuple(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))


def _fuzzy_in(title: str, phrase: str) -> bool:
    """The phrase against every run of as many words of the title (never the title inside a
    longer phrase: "PM Inspection" is not "planned inspection")."""
    if len(phrase) < 8:
        return False
    windows = _windows(title, len(phrase.split()))
    return bool(windows) and process.extractOne(phrase, windows, scorer=fuzz.ratio, score_cutoff=FUZZY_TITLE) is not None


#: In a title, a phrase's words may be this many words apart ("Annual Safety Program Review" is
#: an "annual review"; "Site Safety Inspection" a "site inspection").
TITLE_GAP = 2


def _gapped_in(title: str, phrase: str) -> bool:
    """The phrase's words in the title in order, each within ``TITLE_GAP`` extra words of the one
    before: titles insert qualifiers into the names they use."""
    wanted = phrase.split()
    if len(wanted) < 2:
        return False
    words = title.split()
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        at, found = start, 1
        while found < len(wanted):
            window = words[at + 1:at + 2 + TITLE_GAP]
            if wanted[found] not in window:
                break
            at += 1 + window.index(wanted[found])
            found += 1
        if found == len(wanted):
            return True
    return False


@cache
def _phrases(doc_type: DocumentType) -> list[tuple[Cue, bool, str]]:
    """A type's title phrases and cues, normalised once, longest first."""
    phrases = [(c, True) for c in doc_type.titles] + [(c, False) for c in doc_type.cues]
    return [(c, t, normalise(c.phrase).strip()) for c, t in sorted(phrases, key=lambda item: -len(item[0].phrase))]


def _score(doc_type: DocumentType, body: Sequence[str], title: str, name: str) -> tuple[float, list[str]]:
    score = 0.0
    evidence: list[str] = []
    matched = ""  # a longer phrase that matched makes its sub-phrases redundant
    for cue, is_title, phrase in _phrases(doc_type):
        if not phrase or f" {phrase} " in matched:
            continue
        in_title = is_title and (f" {phrase} " in title or _fuzzy_in(title, phrase) or _gapped_in(title, phrase))
        if in_title or _contains(body, phrase):
            matched += f" {phrase} |"
            weight = cue.weight * (TITLE_FACTOR if in_title else 1)
            score += weight
            evidence.append(f"'{cue.phrase}'{' in title' if in_title else ''} (+{weight:g})")
        elif is_title and cue.weight >= 3 and f" {phrase} " in name:
            score += 1
            evidence.append(f"'{cue.phrase}' in file name (+1)")
    return score, evidence


def classify(text: str, file_name: str, types: Sequence[DocumentType], title: str = "") -> Classification:
    """``title`` is the layout's title block; without it the first lines of ``text`` stand in."""
    body = variants(text)
    head_text = title or "\n".join(text.strip().splitlines()[:TITLE_LINES])
    head = variants(head_text)[-1]
    name = normalise(file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    results = {t.slug: _score(t, body, head, name) for t in types}
    found_title = " / ".join(line for line in head_text.splitlines() if line.strip())
    scores = {slug: round(s, 2) for slug, (s, _) in results.items() if s > 0}
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if not ranked:
        return Classification(None, 0.0, ("no document type's wording found",), scores, title=found_title)
    best, best_score = ranked[0]
    if best_score < MIN_SCORE:
        why = (f"best guess {best} scored only {best_score:g} (needs {MIN_SCORE:g})" if best_score >= MIN_SCORE / 2
               else "no document type's wording found")
        return Classification(None, 0.0, (why,), scores, best, found_title)
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score - runner_up < MIN_MARGIN:
        return Classification(None, 0.0, (f"{best} and {ranked[1][0]} are equally likely",), scores, best, found_title)
    confidence = min(0.99, 0.5 + 0.5 * (best_score - runner_up) / best_score) * min(1.0, best_score / (2 * MIN_SCORE))
    return Classification(best, round(max(confidence, 0.5), 2), tuple(results[best][1]), scores, best, found_title)


#: A page's title names a type only with a title phrase at least this strong (weight), so a
#: stray word of a section heading does not open a document.
TITLE_TYPE_WEIGHT = 4.0


def title_type(title: str, types: Sequence[DocumentType]) -> str | None:
    """The type a title block alone names (by the types' title phrases, OCR-tolerant), or ``None``
    when none does or two do equally."""
    head = variants(title)[-1]
    scores: dict[str, float] = {}
    for doc_type in types:
        score, _ = _score(doc_type, (), head, "")
        strong = any(cue.weight >= TITLE_TYPE_WEIGHT and (f" {phrase} " in head or _fuzzy_in(head, phrase))
                     for cue, is_title, phrase in _phrases(doc_type) if is_title and phrase)
        if strong:
            scores[doc_type.slug] = score
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0]
