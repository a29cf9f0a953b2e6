"""Test helpers: ground-truth text of generated forms and word recall."""

from __future__ import annotations

import re
from collections import Counter

import pypdfium2 as pdfium

from secordoc.testing.generator import DocSpec, build_pdf

TOKEN = re.compile(r"[a-z0-9]+")


def truth_text(spec: DocSpec) -> str:
    """The words the generator put on the page: the born-digital twin's text layer."""
    twin = DocSpec(**{**spec.__dict__, "render": "digital", "rotate": 0})
    document = pdfium.PdfDocument(build_pdf(twin))
    try:
        return document[0].get_textpage().get_text_range()
    finally:
        document.close()


def word_recall(truth: str, seen: str) -> float:
    want = Counter(TOKEN.findall(truth.lower()))
    got = Counter(TOKEN.findall(seen.lower()))
    total = sum(want.values())
    return sum(min(n, got[w]) for w, n in want.items()) / total if total else 1.0
