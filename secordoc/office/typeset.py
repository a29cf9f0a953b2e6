"""Lay an office file's paragraphs and table rows out as pages of words, the way a PDF page has them.

The recognisers read page layouts (words with boxes, ruling lines, ink), not running text, so a
Word or Excel file must become pages: paragraphs are wrapped across the page, a table row's cells
are laid out left to right on one band with ruling lines between them (so a label pairs with the
value beside it and a column header with the cells under it), pictures become ink marks where
they sit (a pasted signature image in a signature cell is seen as such). Positions are plausible,
not exact: the glyph width is an average.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Box, InkMark, RawPage, Rule, Word

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 612.0, 792.0, 54.0
#: Average glyph width as a share of the font size (Calibri/Arial body text).
GLYPH_WIDTH = 0.5
SPACE_WIDTH = 0.28
LINE_SPACING = 1.25
CELL_PADDING = 3.0
#: A picture is drawn no taller than this (a logo or signature, not a full-page photo).
MAX_PICTURE_HEIGHT = 120.0


@dataclass(frozen=True)
class Run:
    """A piece of text with one size and weight; or a picture (``picture`` = width, height in points)."""

    text: str
    size: float = 11.0
    bold: bool = False
    picture: tuple[float, float] | None = None


@dataclass(frozen=True)
class Cell:
    """One table cell: its left and right edge on the page and what it holds."""

    x0: float
    x1: float
    runs: tuple[Run, ...]
    ruled: bool = True


@dataclass
class _Page:
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    ink: list[InkMark] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


class Typesetter:
    """Flows paragraphs and rows down pages of a fixed width, starting a new page when one is full."""

    def __init__(self, width: float = PAGE_WIDTH, height: float = PAGE_HEIGHT, note: str = "") -> None:
        self.width, self.height, self.note = width, height, note
        self._pages: list[_Page] = [_Page()]
        self.y = MARGIN

    @property
    def page(self) -> _Page:
        return self._pages[-1]

    def new_page(self) -> None:
        if self.page.words or self.page.ink or self.y > MARGIN:
            self._pages.append(_Page())
        self.y = MARGIN

    def skip(self, points: float) -> None:
        self.y += points

    def paragraph(self, runs: tuple[Run, ...] | list[Run], x0: float = MARGIN, x1: float | None = None) -> None:
        """Wrapped text (and inline pictures) from ``x0`` to ``x1``; an empty paragraph is a blank line."""
        lines = _wrap(list(runs), x1 if x1 is not None else self.width - MARGIN, x0)
        if not lines:
            self.y += 11.0 * LINE_SPACING
            return
        height = sum(h for _, h in lines)
        if self.y + height > self.height - MARGIN and self.y > MARGIN:
            self.new_page()
        for placed, line_height in lines:
            self._place(placed, self.y, line_height)
            self.y += line_height
        self.y += 2.0

    def row(self, cells: list[Cell]) -> None:
        """One table row: every cell's text wrapped inside its column, ruled around when ``ruled``."""
        laid = [(cell, _wrap(list(cell.runs), cell.x1 - CELL_PADDING, cell.x0 + CELL_PADDING)) for cell in cells]
        height = max([sum(h for _, h in lines) for _, lines in laid] + [11.0 * LINE_SPACING]) + 2 * CELL_PADDING
        if self.y + height > self.height - MARGIN and self.y > MARGIN:
            self.new_page()
        top, bottom = self.y, self.y + height
        for cell, lines in laid:
            y = top + CELL_PADDING
            for placed, line_height in lines:
                self._place(placed, y, line_height, record=False)
                y += line_height
            if cell.ruled:
                self.page.rules.extend(Rule(box) for box in _edges(cell.x0, top, cell.x1, bottom))
        texts = [" ".join(w.text for placed, _ in lines for w, _ in placed if isinstance(w, Word)) for _, lines in laid]
        self.page.lines.append("  ".join(t for t in texts if t))
        self.y = bottom

    def _place(self, placed: list[tuple[Word | InkMark, float]], top: float, line_height: float, record: bool = True) -> None:
        texts = []
        for item, height in placed:
            dy = top + line_height - height  # text and pictures sit on the line's baseline
            x0, y0, x1, y1 = item.box
            box = (round(x0, 1), round(dy + y0, 1), round(x1, 1), round(dy + y1, 1))
            if isinstance(item, Word):
                self.page.words.append(Word(item.text, box, 100.0, item.size, item.bold))
                texts.append(item.text)
            else:
                self.page.ink.append(InkMark(box, "image", item.strength))
        if texts and record:
            self.page.lines.append(" ".join(texts))

    def pages(self) -> tuple[RawPage, ...]:
        warnings = (self.note,) if self.note else ()
        out = [
            RawPage(number, self.width, self.height, text="\n".join(p.lines), words=tuple(p.words),
                    warnings=warnings, rules=tuple(p.rules), ink=tuple(p.ink))
            for number, p in enumerate((p for p in self._pages if p.words or p.ink), start=1)
        ]
        return tuple(out) or (RawPage(1, self.width, self.height, warnings=(*warnings, "no text in the file")),)


def _edges(x0: float, y0: float, x1: float, y1: float) -> list[Box]:
    return [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]


def _wrap(runs: list[Run], right: float, left: float) -> list[tuple[list[tuple[Word | InkMark, float]], float]]:
    """Runs broken into lines between ``left`` and ``right``; boxes relative to the line's top.
    Each line is (items with their own height, the line's height)."""
    lines: list[tuple[list[tuple[Word | InkMark, float]], float]] = []
    current: list[tuple[Word | InkMark, float]] = []
    x = left
    tallest = 0.0

    def flush() -> None:
        nonlocal current, x, tallest
        if current:
            lines.append((current, tallest))
        current, x, tallest = [], left, 0.0

    for run in runs:
        if run.picture is not None:
            width, height = _fit_picture(run.picture, right - left)
            if current and x + width > right:
                flush()
            current.append((InkMark((x, 0.0, x + width, height), "image", round(width * height, 1)), height))
            x += width + run.size * SPACE_WIDTH
            tallest = max(tallest, height)
            continue
        for number, piece in enumerate(run.text.split("\n")):
            if number:
                flush()
            for token in piece.split():
                width = len(token) * run.size * GLYPH_WIDTH
                if current and x + width > right:
                    flush()
                height = run.size * LINE_SPACING
                current.append((Word(token, (x, run.size * 0.2, x + width, run.size * 1.2), 100.0, run.size, run.bold), height))
                x += width + run.size * SPACE_WIDTH
                tallest = max(tallest, height)
    flush()
    return lines


def _fit_picture(size: tuple[float, float], room: float) -> tuple[float, float]:
    width, height = max(size[0], 1.0), max(size[1], 1.0)
    scale = min(1.0, room / width, MAX_PICTURE_HEIGHT / height)
    return width * scale, height * scale
