"""The same document submitted twice: byte-identical files, or the same scan in two files (the
same text read from its pages). A reviewer counts it once, so the coverage does too. And the same
form reused with only its date changed, which a reviewer would suspect of backdating."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .dates import MONTHS
from .textnorm import normalise

if TYPE_CHECKING:
    from .checking import AnalysedDocument

#: Shorter texts (a label, a stamp) are too common to prove that two pages are one scan.
MIN_TEXT = 120
#: Two records of one routine can honestly read alike (a checklist all "OK"); three or more
#: dates on one unchanged text is what a re-dated form looks like.
MIN_REUSED = 3


def _pages(doc: AnalysedDocument) -> tuple[int, ...]:
    return tuple(p.number for p in doc.extracted.pages)


def _keys(doc: AnalysedDocument) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = []
    if doc.extracted.file.sha256:
        keys.append(("bytes", doc.extracted.file.sha256, *map(str, _pages(doc))))
    text = normalise(doc.text)
    if doc.category and len(text) >= MIN_TEXT:
        keys.append(("text", text))
    return keys


def find_duplicates(documents: Sequence[AnalysedDocument]) -> dict[int, AnalysedDocument]:
    """Each later copy (by ``id``) mapped to the first document it repeats, in package order."""
    first: dict[tuple[str, ...], AnalysedDocument] = {}
    out: dict[int, AnalysedDocument] = {}
    for doc in documents:
        original = next((first[k] for k in _keys(doc) if k in first and first[k] is not doc), None)
        if original is not None and (original.source, _pages(original)) != (doc.source, _pages(doc)):
            out[id(doc)] = original
            continue
        for key in _keys(doc):
            first.setdefault(key, doc)
    return out


def how(doc: AnalysedDocument, original: AnalysedDocument) -> str:
    """The evidence, in words: the same bytes, or the same text."""
    same_bytes = doc.extracted.file.sha256 and doc.extracted.file.sha256 == original.extracted.file.sha256
    return "the files are byte-identical" if same_bytes else "their pages read exactly the same text"


_DATE_WORDS = re.compile(r"\d+|\b(?:" + "|".join(MONTHS) + r")\b")


def undated_text(doc: AnalysedDocument) -> str:
    """The document's text with every number and month name taken out: what stays when only
    the date is changed."""
    return " ".join(_DATE_WORDS.sub(" ", normalise(doc.text)).split())


def find_reused(documents: Sequence[AnalysedDocument], copies: dict[int, AnalysedDocument]) -> list[list[AnalysedDocument]]:
    """Groups of ``MIN_REUSED`` or more documents of one kind, on as many dates, that read the same word for
    word once their dates are taken out (copies already counted once are left out)."""
    groups: dict[tuple[str, str], list[AnalysedDocument]] = {}
    for doc in documents:
        text = undated_text(doc)
        if doc.category and doc.date and id(doc) not in copies and len(text) >= MIN_TEXT:
            groups.setdefault((doc.category, text), []).append(doc)
    return [g for g in groups.values() if len({d.date for d in g}) >= MIN_REUSED]
