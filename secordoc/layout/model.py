"""What a page looks like, as the recognisers need it: text segments with boxes, the form's
ruling lines, hand-drawn ink and the title block, with the 2-D questions recognition asks
("what labels this value?", "which column is this in?", "which box holds this?").

Built once per page by ``secordoc.layout.build``; classification, dates and signatures all read
this one model instead of each re-parsing lines of text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Box, InkMark, Rule, Word


@dataclass(frozen=True)
class Segment:
    """Words that read as one phrase: on one visual line, with no wide gap and no ruling line
    between them (a form's "Date:" and "Duration:" on one line are two segments)."""

    words: tuple[Word, ...]
    line: int  # index of its visual line, top to bottom
    text: str = field(init=False, compare=False)
    box: Box = field(init=False, compare=False)
    height: float = field(init=False, compare=False)

    def __post_init__(self) -> None:  # computed once: the recognisers ask for them constantly
        heights = sorted(w.box[3] - w.box[1] for w in self.words)
        object.__setattr__(self, "text", " ".join(w.text for w in self.words))
        object.__setattr__(self, "box", union(w.box for w in self.words))
        object.__setattr__(self, "height", heights[len(heights) // 2])


@dataclass(frozen=True)
class Cell:
    """The smallest box of ruling lines around a point (or None sides where the form has no rule)."""

    box: Box
    closed: bool  # bounded by rules on all four sides


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    segments: list[Segment]
    rules: list[Rule]
    ink: list[InkMark]
    title: list[Segment] = field(default_factory=list)
    #: Every printed heading in the top of the page, top to bottom (see ``build.headings``).
    headings: list[Segment] = field(default_factory=list)
    horizontal: list[Rule] = field(init=False)
    vertical: list[Rule] = field(init=False)

    def __post_init__(self) -> None:
        self.horizontal = [r for r in self.rules if r.horizontal]
        self.vertical = [r for r in self.rules if not r.horizontal]

    def rule_between(self, a: Box, b: Box) -> bool:
        """A horizontal rule separates ``a`` (above) from ``b`` (below) where they overlap in x."""
        lo, hi = max(a[0], b[0]), min(a[2], b[2])
        if hi <= lo:
            lo, hi = min(a[2], b[2]), max(a[0], b[0])
        top, bottom = (a[3], b[1]) if a[1] <= b[1] else (b[3], a[1])
        return any(top - 1 <= _mid_y(r) <= bottom + 1 and r.box[0] < hi - 2 and r.box[2] > lo + 2 for r in self.horizontal)

    def cell_at(self, x: float, y: float) -> Cell:
        """The rules nearest around (x, y) on each side; the page edge where there is none."""
        left = max((r.box[2] for r in self.vertical if r.box[2] <= x + 1 and r.box[1] - 2 <= y <= r.box[3] + 2), default=None)
        right = min((r.box[0] for r in self.vertical if r.box[0] >= x - 1 and r.box[1] - 2 <= y <= r.box[3] + 2), default=None)
        top = max((r.box[3] for r in self.horizontal if r.box[3] <= y + 1 and r.box[0] - 2 <= x <= r.box[2] + 2), default=None)
        bottom = min((r.box[1] for r in self.horizontal if r.box[1] >= y - 1 and r.box[0] - 2 <= x <= r.box[2] + 2), default=None)
        closed = None not in (left, right, top, bottom)
        return Cell((left if left is not None else 0.0, top if top is not None else 0.0,
                     right if right is not None else self.width, bottom if bottom is not None else self.height), closed)

    # ---- text ---------------------------------------------------------------------------
    def segments_in(self, box: Box, share: float = 0.5) -> list[Segment]:
        """Segments with at least ``share`` of their area inside ``box``."""
        return [s for s in self.segments if overlap_share(s.box, box) >= share]

    def left_of(self, seg: Segment, reach: float = 220.0) -> Segment | None:
        """The nearest segment on the same visual line to the left, within ``reach`` points."""
        mid = (seg.box[1] + seg.box[3]) / 2
        same = [s for s in self.segments if s is not seg and s.box[2] <= seg.box[0] + 1 and seg.box[0] - s.box[2] <= reach
                and (s.line == seg.line or s.box[1] - 2 <= mid <= s.box[3] + 2)]
        return max(same, key=lambda s: s.box[2], default=None)

    def above(self, box: Box, reach: float, same_cell: bool = True) -> Segment | None:
        """The nearest segment above ``box`` that overlaps it in x (or starts within its span),
        within ``reach`` points, not separated by a ruling line when ``same_cell``."""
        best: Segment | None = None
        for s in self.segments:
            sb = s.box
            if sb[3] > box[1] + 1 or box[1] - sb[3] > reach:
                continue
            if min(sb[2], box[2]) - max(sb[0], box[0]) <= 0 and not (box[0] - 4 <= sb[0] <= box[2]):
                continue
            if same_cell and self.rule_between(sb, box):
                continue
            if best is None or sb[3] > best.box[3]:
                best = s
        return best

    def column_header(self, box: Box) -> Segment | None:
        """The header of the table column ``box`` sits in: the top text of the stack of cells
        with the same left and right rules, going up from ``box``'s cell."""
        cell = self.cell_at((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        if not cell.closed:
            return None
        header: Segment | None = None
        top = cell.box[1]
        for _ in range(40):
            above = self.cell_at((cell.box[0] + cell.box[2]) / 2, top - 3)
            if not above.closed or abs(above.box[0] - cell.box[0]) > 4 or abs(above.box[2] - cell.box[2]) > 4 or above.box[1] >= top:
                break
            inside = self.segments_in(above.box)
            if inside:
                header = min(inside, key=lambda s: s.box[1])
            top = above.box[1]
        return header

    def cell_under(self, column: Box, top: float) -> Box | None:
        """The next cell down a table column (``column``: the cell above it, ending at ``top``):
        down to the first rule across most of the column's width, between rules continuing the
        column's sides; None where the column ends. Only whole rules count: the straight stroke
        of a signature or a handwritten "t", which the raster may take for a rule, splits no cell."""
        x0, x1 = column[0], column[2]
        across = [r for r in self.horizontal if r.box[1] >= top + 2
                  and min(r.box[2], x1) - max(r.box[0], x0) >= SPANNING * (x1 - x0)]
        if not across:
            return None
        bottom = min(r.box[1] for r in across)
        if bottom - top < MIN_ROW:
            return None  # the edges of a shaded bar or a double rule: no row
        mid = (top + bottom) / 2

        def side(x: float) -> Rule | None:
            return next((r for r in self.vertical if abs((r.box[0] + r.box[2]) / 2 - x) <= 4 and r.box[1] - 2 <= mid <= r.box[3] + 2), None)

        left, right = side(x0), side(x1)
        if left is None or right is None:
            return None
        if any(x0 + 4 < (r.box[0] + r.box[2]) / 2 < x1 - 4 and min(r.box[3], bottom) - max(r.box[1], top) >= SPANNING * (bottom - top)
               for r in self.vertical):
            return None  # the column splits in two here: a heading over a table's columns
        return (left.box[2], top, right.box[0], bottom)

    def row_cells(self, box: Box) -> list[tuple[Box, list[Segment]]]:
        """The cells of the table row ``box`` sits in, left to right, with their text."""
        cell = self.cell_at((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        if not cell.closed:
            return []
        y = (cell.box[1] + cell.box[3]) / 2
        edges = sorted({round(r.box[0], 0) for r in self.vertical if r.box[1] - 2 <= y <= r.box[3] + 2})
        out = []
        for a, b in zip(edges, edges[1:]):
            if b - a < 6:
                continue
            c = (a, cell.box[1], b, cell.box[3])
            out.append((c, self.segments_in(c)))
        return out

    def ink_in(self, box: Box, share: float = 0.4) -> list[InkMark]:
        """Ink marks with at least ``share`` of their box inside ``box``."""
        return [m for m in self.ink if overlap_share(m.box, box) >= share]


#: A rule across at least this share of a column's width closes its cell (see ``cell_under``).
SPANNING = 0.8
#: A table row is at least this tall (points).
MIN_ROW = 8.0


def _mid_y(rule: Rule) -> float:
    return (rule.box[1] + rule.box[3]) / 2


def union(boxes: Iterable[Box]) -> Box:
    """The smallest box holding all of ``boxes``."""
    items = list(boxes)
    return (min(b[0] for b in items), min(b[1] for b in items), max(b[2] for b in items), max(b[3] for b in items))


def overlap_share(inner: Box, outer: Box) -> float:
    """How much of ``inner``'s area lies inside ``outer`` (a degenerate box counts by its centre)."""
    w, h = inner[2] - inner[0], inner[3] - inner[1]
    if w <= 0 or h <= 0:
        cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
        return 1.0 if outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3] else 0.0
    ix = max(0.0, min(inner[2], outer[2]) - max(inner[0], outer[0]))
    iy = max(0.0, min(inner[3], outer[3]) - max(inner[1], outer[1]))
    return ix * iy / (w * h)
