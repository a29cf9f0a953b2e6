"""Where one document ends and the next begins inside a file: a quarter's paperwork scanned in one
pass is several documents, each with its own category, date and signatures.

A page opens a new document when
- its page number says so ("Page 1 of 2", "Pg 1/3", "Page 1", "page 1 de 2"), or
- it carries a title block naming a document type, and either its number does not say it
  continues, or it is a different type from the document before it, or it is the same type but
  with its own labelled activity date (the next quarter's toolbox meeting on the same form), or
- no title was read, but its body is confidently another type and carries that type's own
  labelled activity date.

A page with a continuing number ("Page 2 of 2") or without a title of its own (a table carried
over, a sign-off page) belongs to the document before it. Nothing here knows a form: only page
numbers as printers write them and the document types' own title vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..classify import classify, title_type
from ..doctypes.base import DocumentType
from ..layout.model import PageLayout

#: Headers and footers: page numbers are looked for in this top and bottom share of the page.
MARGIN_ZONE = 0.14
_DIGIT = r"(?-i:[0-9OoIl|])"
_PAGE_NUMBER = re.compile(
    rf"\b(?:page|pg|pag|pagina|p\u00e1gina)\.?\s*({_DIGIT}{{1,3}})(?:\s*(?:of|/|de|sur|\|)\s*({_DIGIT}{{1,3}}))?(?![0-9A-Za-z])",
    re.IGNORECASE,
)
#: With its own labelled date, a page whose body only leans this much (classification score) to
#: another type still opens a document of that type.
BODY_GUESS = 2.0
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
#: A form number printed before its revision: letters, a dash, digits, then "Rev." within a few
#: characters ("SF-346 Rev. 08/2021", "Form-592 Rev. 2018-05").
_FORM_CODE = re.compile(rf"\b([A-Za-z]{{1,5}})\s?-\s?({_DIGIT}{{2,4}})\b(?=[^\n]{{0,6}}\b(?:rev|revision|version|ver)\b)",
                        re.IGNORECASE)


@dataclass(frozen=True)
class PageMarker:
    """A printed page number: ``number`` of ``total`` (``None`` when the total is not printed)."""

    number: int
    total: int | None


def page_marker(layout: PageLayout, text: str = "") -> PageMarker | None:
    """The page number printed in the page's header or footer, if any: looked for in the
    segments at the top and bottom of the page, and in the first and last lines of its text
    (OCR's reading order keeps "Page 1 of 1" together where its word boxes do not)."""
    top, bottom = layout.height * MARGIN_ZONE, layout.height * (1 - MARGIN_ZONE)
    lines = [line for line in text.splitlines() if line.strip()]
    margins = [seg.text for seg in layout.segments if seg.box[1] <= top or seg.box[3] >= bottom] + lines[:3] + lines[-3:]
    for found in margins:
        for match in _PAGE_NUMBER.finditer(found):
            number = int(match.group(1).translate(_OCR_DIGITS))
            total = int(match.group(2).translate(_OCR_DIGITS)) if match.group(2) else None
            if number >= 1 and (total is None or 1 <= number <= total):
                return PageMarker(number, total)
    return None


def form_codes(text: str) -> set[str]:
    """The numbers of the form codes printed with a revision ("F-319 Rev. Oct 2014", "HS-412 Rev. 2016.05"):
    a page with a title whose form number differs from the page before's is another form, so
    another document, even of the same type and with its date unread."""
    # the number alone: OCR misreads a code's letters ("F-319" as "E-319") more than its digits
    return {m.group(2).translate(_OCR_DIGITS) for m in _FORM_CODE.finditer(text)}


def page_title_type(layout: PageLayout, types: Sequence[DocumentType]) -> str | None:
    """The document type named by the page's own headings (not its body text)."""
    if not layout.headings:
        return None
    return title_type("\n".join(seg.text for seg in layout.headings), types)


def split_pages(
    layouts: Sequence[PageLayout | None],
    types: Sequence[DocumentType],
    has_own_date: Callable[[PageLayout, str], bool],
    texts: Sequence[str] = (),
) -> list[tuple[int, int]]:
    """Page index ranges ``[start, end)``, one per document, in order; ``layouts`` has one entry per
    page (``None`` for a page with no words), ``texts`` each page's text. ``has_own_date(layout,
    type)`` says whether the page carries an activity date labelled for that type."""
    if not layouts:
        return []
    starts = [0]
    current = page_title_type(layouts[0], types) if layouts[0] else None
    form = form_codes(texts[0]) if texts else set()
    for index in range(1, len(layouts)):
        layout = layouts[index]
        if layout is None:
            continue
        text = texts[index] if index < len(texts) else ""
        marker = page_marker(layout, text)
        if marker is not None and marker.number > 1:
            continue
        named = page_title_type(layout, types)
        codes = form_codes(text)
        other_form = bool(codes and form and not codes & form)
        opens = (marker is not None and marker.number == 1) or (
            named is not None and (named != current or has_own_date(layout, named) or other_form)
        )
        if not opens and named is None and marker is None and index < len(texts):
            # no title read (a dark banner, a torn top): the body names another type, and the
            # page carries that type's own labelled date
            body = classify(texts[index], "", types)
            named = body.category or (body.best_guess if body.scores.get(body.best_guess or "", 0) >= BODY_GUESS else None)
            opens = named is not None and named != current and has_own_date(layout, named)
        if opens:
            starts.append(index)
            current = named
        form = codes or form
    ends = starts[1:] + [len(layouts)]
    return list(zip(starts, ends))


def override(ranges: Sequence[Sequence[int]], page_count: int) -> list[tuple[int, int]] | None:
    """A reviewer's split from ``secordoc.json`` (1-based inclusive page ranges) as index ranges,
    or ``None`` when it does not cover the file's pages exactly once, in order."""
    out: list[tuple[int, int]] = []
    expected = 1
    for pair in ranges:
        if len(pair) != 2 or pair[0] != expected or pair[1] < pair[0]:
            return None
        out.append((pair[0] - 1, pair[1]))
        expected = pair[1] + 1
    return out if expected == page_count + 1 else None
