"""Decide a document's type from its text, with the cues that decided it.

Each type's cue phrases are looked up in the normalised text; a phrase in the first lines (where
titles are) counts double. The best type wins only with a clear score and a clear margin over
the runner-up; otherwise the document is unclassified, not guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .doctypes.base import DocumentType
from .textnorm import normalise, variants

MIN_SCORE = 4.0
MIN_MARGIN = 1.5
TITLE_LINES = 6


@dataclass(frozen=True)
class Classification:
    category: str | None
    confidence: float
    evidence: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)


def _score(doc_type: DocumentType, body: Sequence[str], head: str, name: str) -> tuple[float, list[str]]:
    score = 0.0
    evidence: list[str] = []
    # A longer cue that matched makes its shorter sub-phrases redundant ("hazard assessment" in FLHA).
    matched: list[str] = []
    for cue in sorted(doc_type.cues, key=lambda c: -len(c.phrase)):
        needle = f" {cue.phrase} "
        if any(needle in text for text in body):
            if any(needle in f" {m} " for m in matched):
                continue
            matched.append(cue.phrase)
            weight = cue.weight * (2 if needle in head else 1)
            score += weight
            evidence.append(f"'{cue.phrase}'{' in title' if needle in head else ''} (+{weight:g})")
        elif cue.weight >= 3 and needle in name:
            score += 1
            evidence.append(f"'{cue.phrase}' in file name (+1)")
    return score, evidence


def classify(text: str, file_name: str, types: Sequence[DocumentType]) -> Classification:
    body = variants(text)
    head = normalise("\n".join(text.strip().splitlines()[:TITLE_LINES]))
    name = normalise(file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    results = {t.slug: _score(t, body, head, name) for t in types}
    scores = {slug: round(s, 2) for slug, (s, _) in results.items() if s > 0}
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < MIN_SCORE:
        return Classification(None, 0.0, ("no document type's wording found",) if not ranked else
                              (f"best guess {ranked[0][0]} scored only {ranked[0][1]:g} (needs {MIN_SCORE:g})",), scores)
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score - runner_up < MIN_MARGIN:
        return Classification(None, 0.0, (f"{best} and {ranked[1][0]} are equally likely",), scores)
    confidence = min(0.99, 0.5 + 0.5 * (best_score - runner_up) / best_score) * min(1.0, best_score / (2 * MIN_SCORE))
    return Classification(best, round(max(confidence, 0.5), 2), tuple(results[best][1]), scores)
