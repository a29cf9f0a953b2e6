"""The same document submitted twice: byte-identical files, or the same scan in two files (the
same text read from its pages). A reviewer counts it once, so the coverage does too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .textnorm import normalise

if TYPE_CHECKING:
    from .checking import AnalysedDocument

#: Shorter texts (a label, a stamp) are too common to prove that two pages are one scan.
MIN_TEXT = 120


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
