"""An OpenDocument text (.odt) or spreadsheet (.ods) as pages: paragraphs, headings, table rows.

The body is ``content.xml`` inside the zip; it is read with lxml, entities and network off (the
file is untrusted). A spreadsheet's date cells carry their real date (``office:date-value``),
written out unambiguously like Excel's; repeated empty rows and columns are not expanded.
"""

from __future__ import annotations

import zipfile
from typing import Any

from lxml import etree

from ..errors import DocumentError

from .typeset import CELL_PADDING, GLYPH_WIDTH, MARGIN, PAGE_WIDTH, Cell, Run, Typesetter

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}
#: content.xml larger than this is refused (a zip bomb's favourite part).
MAX_CONTENT_BYTES = 64 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
HEADING_SIZE = 16.0
BODY_SIZE = 11.0
MIN_COLUMN_WIDTH = 40.0


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def read_odf(path: str, note: str) -> Typesetter:
    with zipfile.ZipFile(path) as archive:
        if "META-INF/manifest.xml" in archive.namelist() and b"encryption-data" in _head(archive, "META-INF/manifest.xml"):
            raise DocumentError("password protected (an encrypted OpenDocument file): send an unprotected copy, or a PDF",
                                kind="encrypted")
        info = archive.getinfo("content.xml")
        if info.file_size > MAX_CONTENT_BYTES:
            raise ValueError(f"content.xml unpacks to {info.file_size / 1e6:.0f} MB")
        data = archive.read(info)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    body = root.find(f"{_q('office', 'body')}")
    out = Typesetter(note=note)
    if body is not None:
        for part in body:
            _blocks(part, out)
    return out


def _head(archive: zipfile.ZipFile, name: str, limit: int = 1 << 20) -> bytes:
    """The first ``limit`` bytes of an entry, without unpacking the rest (a manifest can be a bomb)."""
    with archive.open(name) as fh:
        return fh.read(limit)


def _blocks(parent: Any, out: Typesetter) -> None:
    for element in parent:
        if element.tag == _q("text", "h"):
            out.paragraph([Run(_text(element), HEADING_SIZE, True)])
        elif element.tag == _q("text", "p"):
            out.paragraph([Run(_text(element), BODY_SIZE)])
        elif element.tag == _q("table", "table"):
            _table(element, out)
        elif element.tag in (_q("text", "list"), _q("text", "list-item"), _q("text", "section"), _q("text", "list-header")):
            _blocks(element, out)


def _table(table: Any, out: Typesetter) -> None:
    """Rows of cells across the page. Column widths live in styles this reader does not follow;
    each column is as wide as its longest text (as "autofit" makes it), shrunk to fit the page."""
    rows = [_row(r) for r in list(table.iter(_q("table", "table-row")))[:MAX_ROWS]]
    count = max([column + span for row in rows for column, span, _ in row] + [1])
    widths = [MIN_COLUMN_WIDTH] * count
    for row in rows:
        for column, span, text in row:
            if span == 1:
                widths[column] = max(widths[column], len(text) * BODY_SIZE * GLYPH_WIDTH + 2 * CELL_PADDING + 4)
    room = max(out.width, PAGE_WIDTH) - 2 * MARGIN
    scale = min(1.0, room / sum(widths))
    edges = [MARGIN]
    for width in widths:
        edges.append(edges[-1] + width * scale)
    for row in rows:
        cells = [Cell(edges[column], edges[min(column + span, count)], (Run(text, BODY_SIZE),)) for column, span, text in row]
        if cells:
            out.row(cells)


def _row(row: Any) -> list[tuple[int, int, str]]:
    """A row's non-empty cells as (first column, columns spanned, text); repeats are skipped over."""
    out, column = [], 0
    for cell in row:
        if cell.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
            continue
        repeat = int(cell.get(_q("table", "number-columns-repeated"), "1") or 1)
        text = _cell_text(cell)
        if text:
            out.append((column, max(1, int(cell.get(_q("table", "number-columns-spanned"), "1") or 1)), text))
        column += repeat
        if column >= MAX_COLUMNS:
            break
    return out


def _cell_text(cell: Any) -> str:
    """A cell's shown text; a date cell's real date instead, unambiguous."""
    if cell.get(_q("office", "value-type")) == "date":
        value = cell.get(_q("office", "date-value"), "")
        return value.split("T")[0] if value.endswith("T00:00:00") or "T" not in value else value.replace("T", " ")[:16]
    return " ".join(_text(p) for p in cell.iter(_q("text", "p"))).strip()


def _text(element: Any) -> str:
    """Text of a paragraph with its spans, tabs, line breaks and runs of spaces."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag in (_q("text", "tab"), _q("text", "s")):
                parts.append(" ")
            elif child.tag == _q("text", "line-break"):
                parts.append("\n")
            elif child.tag not in (_q("text", "note"), _q("office", "annotation")):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts).strip()
