"""A Word (.docx) file's text as pages: paragraphs, tables as rows of cells, pictures, checkboxes.

python-docx opens the package and resolves styles (a heading's size and weight); the body is
walked in document order from its XML, so text inside content controls (date pickers, plain-text
controls), hyperlinks and fields is kept, which ``Paragraph.text`` would drop.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.shared import Length

from .typeset import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Cell, Run, Typesetter

EMU_PER_POINT = 12700
TWIPS_PER_POINT = 20
DEFAULT_SIZE = 11.0
CHECKED, UNCHECKED = "\u2612", "\u2610"
#: Tables nested deeper than this are read as text only (a table in a table in a table...).
MAX_NESTING = 3


def read_docx(path: str, note: str) -> Typesetter:
    """Typeset the whole document (first header, then the body) into pages."""
    document = docx.Document(path)
    section = document.sections[0] if document.sections else None
    width = _points(section.page_width) if section is not None else PAGE_WIDTH
    height = _points(section.page_height) if section is not None else PAGE_HEIGHT
    out = Typesetter(width or PAGE_WIDTH, height or PAGE_HEIGHT, note)
    reader = _Reader(document, out)
    if section is not None and not section.header.is_linked_to_previous:
        reader.blocks(section.header._element)
    reader.blocks(document.element.body)
    return out


def _points(length: Length | None) -> float:
    return float(length.pt) if length is not None else 0.0


class _Reader:
    def __init__(self, document: Any, out: Typesetter) -> None:
        self.out = out
        self.styles = {s.style_id: s for s in document.styles if s.type == 1}  # paragraph styles
        self.default_style = next((s for s in self.styles.values() if s.name == "Normal"), None)

    def blocks(self, parent: Any, x0: float = MARGIN, x1: float | None = None, depth: int = 0) -> None:
        """Paragraphs and tables of a body, header or cell, in order."""
        for element in _block_children(parent):
            if element.tag == qn("w:p"):
                runs = self.runs(element)
                if _page_break_before(element):
                    self.out.new_page()
                self.out.paragraph(runs, x0, x1)
            elif element.tag == qn("w:tbl"):
                self.table(element, x0, x1 if x1 is not None else self.out.width - MARGIN, depth)

    def table(self, tbl: Any, x0: float, x1: float, depth: int) -> None:
        columns = [int(c.get(qn("w:w"), "0") or 0) / TWIPS_PER_POINT for c in tbl.iter(qn("w:gridCol"))]
        rows = [tr for tr in tbl.iterchildren(qn("w:tr"))]
        count = max([len(columns)] + [sum(_span(tc) for tc in tr.iterchildren(qn("w:tc"))) for tr in rows] + [1])
        if len(columns) != count or not sum(columns):
            columns = [(x1 - x0) / count] * count  # no usable grid: equal columns across the page
        scale = min(1.0, (x1 - x0) / sum(columns))
        edges = [x0]
        for width in columns:
            edges.append(edges[-1] + width * scale)
        for tr in rows:
            cells, column = [], 0
            for tc in tr.iterchildren(qn("w:tc")):
                span = _span(tc)
                left, right = edges[min(column, count)], edges[min(column + span, count)]
                column += span
                merged = _continues_merge(tc)
                runs = () if merged else tuple(self.cell_runs(tc, depth))
                cells.append(Cell(left, right, runs))
            if cells:
                self.out.row(cells)

    def cell_runs(self, tc: Any, depth: int) -> Iterator[Run]:
        """A cell's paragraphs as runs, one line each (a nested table's rows as lines of text)."""
        first = True
        for element in _block_children(tc):
            if element.tag == qn("w:p"):
                paragraph = self.runs(element)
            elif depth < MAX_NESTING:
                paragraph = [Run("  ".join(_plain(tc2) for tc2 in tr.iterchildren(qn("w:tc"))))
                             for tr in element.iterchildren(qn("w:tr"))]
                paragraph = [r for run in paragraph for r in (run, Run("\n"))]
            else:
                continue
            if not first:
                yield Run("\n")
            first = False
            yield from paragraph

    def runs(self, p: Any) -> list[Run]:
        """A paragraph's text and pictures, with the size and weight its runs or style give."""
        size, bold = self.style_font(p)
        out: list[Run] = []
        for r in p.iter(qn("w:r")):
            run_size, run_bold = _run_font(r, size, bold)
            for child in r.iterchildren():
                if child.tag == qn("w:t"):
                    out.append(Run(child.text or "", run_size, run_bold))
                elif child.tag in (qn("w:tab"), qn("w:ptab")):
                    out.append(Run(" ", run_size, run_bold))
                elif child.tag in (qn("w:br"), qn("w:cr")) and child.get(qn("w:type")) != "page":
                    out.append(Run("\n", run_size, run_bold))
                elif child.tag == qn("w:drawing"):
                    picture = _picture_size(child)
                    if picture:
                        out.append(Run("", run_size, run_bold, picture))
                elif child.tag == qn("w:fldChar"):
                    box = _legacy_checkbox(child)
                    if box is not None:
                        out.append(Run(box, run_size, run_bold))
        return _joined(out)

    def style_font(self, p: Any) -> tuple[float, bool]:
        ppr = p.find(qn("w:pPr"))
        style_id = None
        if ppr is not None and (ps := ppr.find(qn("w:pStyle"))) is not None:
            style_id = ps.get(qn("w:val"))
        style = self.styles.get(style_id) if style_id else self.default_style
        size, bold = None, None
        seen = 0
        while style is not None and seen < 10 and (size is None or bold is None):
            if size is None and style.font.size is not None:
                size = float(style.font.size.pt)
            if bold is None and style.font.bold is not None:
                bold = bool(style.font.bold)
            style, seen = style.base_style, seen + 1
        return size or DEFAULT_SIZE, bool(bold)


def _block_children(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables, looking through content controls and tracked insertions."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:ins"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _block_children(content)


def _joined(runs: list[Run]) -> list[Run]:
    """Neighbouring text runs of one size and weight merged, so a word split across runs
    ("Mar" "ch 3") stays one word."""
    out: list[Run] = []
    for run in runs:
        if out and run.picture is None and out[-1].picture is None and (run.size, run.bold) == (out[-1].size, out[-1].bold):
            out[-1] = Run(out[-1].text + run.text, run.size, run.bold)
        else:
            out.append(run)
    return out


def _run_font(r: Any, size: float, bold: bool) -> tuple[float, bool]:
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        return size, bold
    sz = rpr.find(qn("w:sz"))
    if sz is not None and (val := sz.get(qn("w:val"))) and val.isdigit():
        size = int(val) / 2
    b = rpr.find(qn("w:b"))
    if b is not None:
        bold = b.get(qn("w:val"), "true") not in ("0", "false", "off")
    return size, bold


def _picture_size(drawing: Any) -> tuple[float, float] | None:
    extent = next(drawing.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"), None)
    if extent is None:
        return None
    try:
        return int(extent.get("cx")) / EMU_PER_POINT, int(extent.get("cy")) / EMU_PER_POINT
    except (TypeError, ValueError):
        return None


def _legacy_checkbox(fld: Any) -> str | None:
    """A legacy form checkbox (``w:ffData/w:checkBox``) as the glyph Word shows."""
    box = next(fld.iter(qn("w:checkBox")), None)
    if box is None:
        return None
    state = box.find(qn("w:checked"))
    if state is None:
        state = box.find(qn("w:default"))
    checked = state is not None and state.get(qn("w:val"), "1") not in ("0", "false")
    return CHECKED if checked else UNCHECKED


def _page_break_before(p: Any) -> bool:
    return any(br.get(qn("w:type")) == "page" for br in p.iter(qn("w:br"))) and not "".join(
        t.text or "" for t in p.iter(qn("w:t"))).strip()


def _span(tc: Any) -> int:
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    try:
        return max(1, int(span.get(qn("w:val")))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _continues_merge(tc: Any) -> bool:
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"


def _plain(element: Any) -> str:
    return " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p"))).strip()
