"""An Excel (.xlsx) workbook's sheets as pages: each row a line, each cell at its column.

openpyxl gives cell values as Excel computed them (``data_only``: a formula's cached result) and
real dates as dates; a date is written out unambiguously (2026-03-14), whatever the cell's
display format, so the date stage never has to guess day from month. Cell borders become ruling
lines and pictures ink marks, so a sign-off block drawn in Excel reads like one on paper.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime, time
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from .typeset import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Cell, Run, Typesetter

DEFAULT_SIZE = 11.0
#: Excel's default column width in characters, and points per character of width.
DEFAULT_COLUMN_CHARS = 8.43
POINTS_PER_CHAR = 5.25
#: Bounds on what one workbook may cost: sheets read, columns per row, cells in all.
MAX_SHEETS = 50
MAX_COLUMNS = 60
MAX_CELLS = 60_000
MAX_PAGE_WIDTH = 1584.0  # 22 inches: a very wide sheet is cut there, and says so
#: Runs of empty rows keep at most this many blank lines (blocks stay apart, pages stay few).
MAX_BLANK_ROWS = 2
DEFAULT_SHEET_NAMES = ("sheet", "feuil", "tabelle", "hoja", "foglio")


def read_xlsx(path: str, note: str) -> tuple[list[Typesetter], list[str]]:
    """One typesetter per sheet that holds anything, and file-level warnings (limits reached)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions and data validation
        book = openpyxl.load_workbook(path, data_only=True, read_only=False)
    notes: list[str] = []
    sheets = [ws for ws in book.worksheets if ws.sheet_state == "visible"] or list(book.worksheets)
    if len(sheets) > MAX_SHEETS:
        notes.append(f"the workbook has {len(sheets)} sheets: only the first {MAX_SHEETS} were read")
        sheets = sheets[:MAX_SHEETS]
    budget = [MAX_CELLS]
    out = []
    for ws in sheets:
        setter = _sheet(ws, note, budget, notes)
        if setter is not None:
            out.append(setter)
        if budget[0] <= 0:
            notes.append(f"the workbook has more than {MAX_CELLS} cells: the rest was not read")
            break
    book.close()
    return out, notes


def cell_text(value: Any) -> str:
    """A cell's value as text: real dates unambiguous (ISO), whole numbers without '.0'."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return "" if value is None else str(value).strip()


def _sheet(ws: Any, note: str, budget: list[int], notes: list[str]) -> Typesetter | None:
    last_column = min(ws.max_column or 1, MAX_COLUMNS)
    edges = [MARGIN]
    for index in range(1, last_column + 1):
        dimension = ws.column_dimensions.get(get_column_letter(index))
        hidden = dimension is not None and dimension.hidden
        chars = 0.0 if hidden else (dimension.width if dimension is not None and dimension.width else DEFAULT_COLUMN_CHARS)
        edges.append(edges[-1] + chars * POINTS_PER_CHAR)
    width = min(MAX_PAGE_WIDTH, max(PAGE_WIDTH, edges[-1] + MARGIN))
    if edges[-1] + MARGIN > MAX_PAGE_WIDTH:
        notes.append(f"sheet '{ws.title}' is wider than {MAX_PAGE_WIDTH / 72:.0f} inches: its right-hand columns were not read")
    out = Typesetter(width, max(PAGE_HEIGHT, width * 11 / 8.5) if width > PAGE_WIDTH else PAGE_HEIGHT, note)
    if not ws.title.lower().startswith(DEFAULT_SHEET_NAMES):
        out.paragraph([Run(ws.title, DEFAULT_SIZE, True)])
    merged = {(r.min_row, r.min_col): r.max_col for r in ws.merged_cells.ranges}
    pictures = _pictures(ws, edges)
    blank_rows, anything = 0, False
    for number, row in enumerate(ws.iter_rows(max_col=last_column), start=1):
        cells = _row_cells(row, edges, width, merged) + pictures.get(number, [])
        budget[0] -= len(row)
        if budget[0] <= 0:
            break
        if not cells:
            blank_rows += 1
            if blank_rows <= MAX_BLANK_ROWS and anything:
                out.skip(DEFAULT_SIZE)
            continue
        blank_rows, anything = 0, True
        out.row(sorted(cells, key=lambda cell: cell.x0))
    return out if anything else None


def _row_cells(row: tuple[Any, ...], edges: list[float], width: float, merged: dict[tuple[int, int], int]) -> list[Cell]:
    """The row's non-empty cells, each as wide as its merged range, or running on over empty
    neighbours as Excel shows overflowing text; bordered cells are ruled even when empty."""
    filled = [(i, c) for i, c in enumerate(row) if cell_text(c.value) or _bordered(c)]
    cells = []
    for n, (i, c) in enumerate(filled):
        if edges[i] + 1 >= width - MARGIN:
            break
        last = merged.get((c.row, c.column), c.column) - 1
        if not _bordered(c) and last == i:  # overflow into empty neighbours
            nxt = filled[n + 1][0] if n + 1 < len(filled) else len(edges) - 1
            last = max(i, nxt - 1)
        right = min(edges[min(last + 1, len(edges) - 1)], width - MARGIN)
        font = c.font
        size = float(font.sz) if font is not None and font.sz else DEFAULT_SIZE
        bold = bool(font.b) if font is not None else False
        cells.append(Cell(edges[i], right, (Run(cell_text(c.value), size, bold),), ruled=_bordered(c)))
    return cells


def _bordered(c: Any) -> bool:
    border = getattr(c, "border", None)
    if border is None:
        return False
    return any(getattr(getattr(border, side), "style", None) for side in ("left", "right", "top", "bottom"))


def _pictures(ws: Any, edges: list[float]) -> dict[int, list[Cell]]:
    """Pictures in the sheet (a pasted signature) by the row their top-left corner is anchored
    to, as unruled cells at their column: ink where the signature stage looks for it."""
    out: dict[int, list[Cell]] = {}
    for image in getattr(ws, "_images", []):
        anchor = getattr(getattr(image, "anchor", None), "_from", None)
        if anchor is None:
            continue
        column = min(int(anchor.col), len(edges) - 1)
        width, height = float(getattr(image, "width", 0) or 0) * 0.75, float(getattr(image, "height", 0) or 0) * 0.75
        if width and height:
            run = Run("", DEFAULT_SIZE, False, (width, height))
            out.setdefault(int(anchor.row) + 1, []).append(Cell(edges[column], edges[column] + width, (run,), ruled=False))
    return out
