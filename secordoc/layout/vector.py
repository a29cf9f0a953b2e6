"""Ruling lines and ink read from a born-digital page's own objects (pdfium's page objects).

On a born-digital page a signature is an object: a curved path drawn with a pen or mouse, a
pasted picture, an ink annotation. Finding it needs no rendering and no darkness threshold.
The lines and boxes the form is printed with are objects too, exact to the point: they are the
layout's skeleton (cells, underlines for values, signature lines).

Positions are points from the top-left corner of the page's UNROTATED box (/CropBox within
/MediaBox, as pdfium's FPDF_GetPageBoundingBox gives it): on an ordinary page that is
``x, height - pdf_y``. A /Rotate 90 page is measured as it is stored, not as it is displayed.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..model import Box, InkMark, Rule

Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f as in a PDF "cm"
Point = tuple[float, float]

#: Work caps per page, so a hostile page costs a bounded time: objects (form contents included),
#: path segments, and nesting of form XObjects.
MAX_OBJECTS = 20_000
MAX_SEGMENTS = 50_000
MAX_FORM_DEPTH = 8
#: A straight segment shorter than this is not a rule (arrow heads, tick marks, glyph bits).
MIN_RULE = 4.0
#: A segment at most this far off horizontal or vertical is drawn along the axis.
AXIS_SLACK = 1.0
#: A filled rectangle thinner than THIN and longer than THIN_LENGTH is a line drawn as a box.
THIN = 3.0
THIN_LENGTH = 8.0
#: A visible filled rectangle at least this big both ways (shading, a title bar) bounds cells.
MIN_SHADE = 8.0
#: A line segment of a path at most this long, off the axes, is one step of a pen stroke; a
#: stroke exported as a polyline has at least MIN_PEN_STEPS of them.
PEN_STEP = 20.0
MIN_PEN_STEPS = 6
#: A closed outline with at most this many segments is a drawn shape (circle, rounded box).
MAX_SHAPE_SEGMENTS = 8
#: Ink smaller than this on its longer side is a speck; a near-square shape smaller than
#: SMALL_SHAPE both ways is a checkbox tick, radio button or bullet.
MIN_INK = 4.0
SMALL_SHAPE = 14.0
#: Ink paths this close belong to one scribble (a signature is many strokes).
INK_GAP = 6.0
#: Strokes merge into one mark no taller than this: signatures in the next rows of a sign-in
#: table touch, and must stay one per row.
MAX_MARK_HEIGHT = 36.0
#: Images: narrower ones are icons or specks, ones covering this share of the page are scans.
MIN_IMAGE_WIDTH = 20.0
MIN_IMAGE_HEIGHT = 4.0
MAX_IMAGE_COVER = 0.5
#: A colour channel at least this bright, all three, is white paint: invisible on paper.
WHITE = 250

_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
_MOVE = pdfium_c.FPDF_SEGMENT_MOVETO
_LINE = pdfium_c.FPDF_SEGMENT_LINETO
_BEZIER = pdfium_c.FPDF_SEGMENT_BEZIERTO


def page_graphics(page: pdfium.PdfPage, width: float, height: float) -> tuple[tuple[Rule, ...], tuple[InkMark, ...]]:
    """The page's ruling lines and its ink (drawn paths, pasted images, ink annotations).

    ``width`` and ``height`` are what ``page.get_size()`` returns (pdfium swaps them on a
    /Rotate 90 or 270 page); they only size the page for the image-coverage test. Positions
    come out in the unrotated page space described in the module docstring. A rule's box is
    its centre line (zero thickness); an ink mark's strength is its pen length in points
    (paths) or its area / 10 in square points (images, annotations). Odd or unreadable
    objects are skipped, never raised on.
    """
    scan = _Scan(_page_matrix(page), max(width * height, 1.0))
    for i in range(min(pdfium_c.FPDFPage_CountObjects(page.raw), MAX_OBJECTS)):
        scan.visit(pdfium_c.FPDFPage_GetObject(page.raw, i), scan.page_matrix, 0)
    ink = _merge_ink(scan.pen) + scan.images + _ink_annotations(page, scan.page_matrix)
    return _merge_rules(scan.rules), tuple(ink)


def _page_matrix(page: pdfium.PdfPage) -> Matrix:
    """PDF user space to points from the top-left of the unrotated page box (y down)."""
    box = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDF_GetPageBoundingBox(page.raw, box):
        return (1.0, 0.0, 0.0, -1.0, 0.0, float(pdfium_c.FPDF_GetPageHeightF(page.raw)))
    return (1.0, 0.0, 0.0, -1.0, -min(box.left, box.right), max(box.top, box.bottom))


class _Scan:
    """One walk over a page's objects: what it collects, its work budget, and the ctypes buffers
    pdfium writes into (made once per page, not once per object)."""

    def __init__(self, page_matrix: Matrix, page_area: float) -> None:
        self.page_matrix = page_matrix
        self.page_area = page_area
        self.rules: list[Box] = []
        self.pen: list[tuple[Box, float]] = []
        self.images: list[InkMark] = []
        self.objects = 0
        self.segments = 0
        self._floats = [ctypes.c_float() for _ in range(4)]
        self._float_refs = [ctypes.byref(v) for v in self._floats]
        self._ints = [ctypes.c_int() for _ in range(2)]
        self._int_refs = [ctypes.byref(v) for v in self._ints]
        self._rgba = [ctypes.c_uint() for _ in range(4)]
        self._rgba_refs = [ctypes.byref(v) for v in self._rgba]
        self._matrix = pdfium_c.FS_MATRIX()
        self._matrix_ref = ctypes.byref(self._matrix)

    def visit(self, obj: object, outer: Matrix, depth: int) -> None:
        """One object; ``outer`` maps the space it sits in (page or form) to top-left points."""
        self.objects += 1
        if self.objects > MAX_OBJECTS or not obj:
            return
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == _PATH:
            self._path(obj, outer)
        elif kind == _IMAGE:
            self._image(obj, outer)
        elif kind == _FORM and depth < MAX_FORM_DEPTH:
            inner = _compose(self._object_matrix(obj), outer)
            for i in range(min(pdfium_c.FPDFFormObj_CountObjects(obj), MAX_OBJECTS - self.objects)):
                self.visit(pdfium_c.FPDFFormObj_GetObject(obj, i), inner, depth + 1)

    def _path(self, obj: object, outer: Matrix) -> None:
        filled, stroked = self._paint(obj)
        if not (filled or stroked):
            return
        count = pdfium_c.FPDFPath_CountSegments(obj)
        if count < 2 or self.segments + count > MAX_SEGMENTS:
            return
        self.segments += count
        outlines = self._outlines(obj, count, _compose(self._object_matrix(obj), outer))
        for outline in outlines:
            self.rules += outline.rules(filled, stroked)
        if stroked and any(outline.freehand for outline in outlines):
            mark = _pen_mark(outlines)
            if mark is not None and _finite(mark[0]):
                self.pen.append(mark)

    def _image(self, obj: object, outer: Matrix) -> None:
        box = self._bounds(obj, outer)
        if box is None:
            return
        w, h = box[2] - box[0], box[3] - box[1]
        if w > MIN_IMAGE_WIDTH and h > MIN_IMAGE_HEIGHT and w * h < MAX_IMAGE_COVER * self.page_area:
            self.images.append(InkMark(_round(box), "image", round(w * h / 10.0, 1)))

    def _outlines(self, obj: object, count: int, m: Matrix) -> list[_Outline]:
        """The path's subpaths, every point mapped to top-left page points; Beziers sampled at quarters."""
        a, b, c, d, e, f = m
        x, y = self._floats[:2]
        px, py = self._float_refs[:2]
        get_segment, get_type = pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetType
        get_point = pdfium_c.FPDFPathSegment_GetPoint
        outlines: list[_Outline] = []
        current = _Outline([], [])
        controls: list[Point] = []
        for i in range(count):
            segment = get_segment(obj, i)
            if not segment or not get_point(segment, px, py):
                continue
            kind = get_type(segment)
            u, v = x.value, y.value
            point = (a * u + c * v + e, b * u + d * v + f)
            if kind == _LINE and current.points:
                last = current.points[-1]
                if abs(last[0] - point[0]) > AXIS_SLACK and abs(last[1] - point[1]) > AXIS_SLACK:
                    current.freehand = True
                current.points.append(point)
                current.curves.append(False)
            elif kind == _BEZIER and current.points:
                controls.append(point)
                if len(controls) == 3:
                    _add_curve(current, controls)
                    controls = []
            else:  # a move, or a path that does not start with one
                current = _Outline([point], [])
                outlines.append(current)
                controls = []
        return [outline for outline in outlines if outline.curves]

    def _paint(self, obj: object) -> tuple[bool, bool]:
        """Whether the path's fill and its stroke leave a mark: painted, not white, not transparent."""
        fill_mode, stroke = self._ints
        if not pdfium_c.FPDFPath_GetDrawMode(obj, *self._int_refs):
            return False, False
        filled = bool(fill_mode.value) and self._visible(obj, pdfium_c.FPDFPageObj_GetFillColor)
        stroked = bool(stroke.value) and self._visible(obj, pdfium_c.FPDFPageObj_GetStrokeColor)
        return filled, stroked

    def _visible(self, obj: object, get_colour: Callable[..., int]) -> bool:
        if not get_colour(obj, *self._rgba_refs):
            return True  # a pattern or odd colour space: assume it shows
        r, g, b, a = self._rgba
        return a.value > 0 and min(r.value, g.value, b.value) < WHITE

    def _object_matrix(self, obj: object) -> Matrix:
        m = self._matrix
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, self._matrix_ref):
            return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _bounds(self, obj: object, outer: Matrix) -> Box | None:
        """The object's bounds (in the space it sits in) mapped to top-left page points."""
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *self._float_refs):
            return None
        x0, y0, x1, y1 = (v.value for v in self._floats)  # left, bottom, right, top
        box = _span([_apply(outer, x, y) for x in (x0, x1) for y in (y0, y1)])
        return box if _finite(box) else None


@dataclass
class _Outline:
    """One subpath in top-left page points: its vertices and which segments are curves.

    pdfium turns a close (``h``, or the end of ``re``) into a line back to the start, so a
    closed outline ends where it began.
    """

    points: list[Point]
    curves: list[bool]  # one per segment after the first point: a cubic Bezier (sampled) or a line
    freehand: bool = False  # it has a curve or a slanted line: it may be a pen stroke

    def edges(self) -> list[tuple[Point, Point]]:
        """The straight segments."""
        pts = self.points
        return [(pts[i], pts[i + 1]) for i, curve in enumerate(self.curves) if not curve]

    def rectangle(self, filled: bool) -> Box | None:
        """The box when this is an axis-aligned rectangle: four sides back to the start, or three
        and a fill (filling closes the outline)."""
        pts = self.points
        closes = _near(pts[0], pts[4]) if len(pts) == 5 else len(pts) == 4 and filled
        if not closes or any(self.curves):
            return None
        corners = pts[:4]
        sides = [(corners[i], corners[(i + 1) % 4]) for i in range(4)]
        if not all(_axis(a, b) for a, b in sides):
            return None
        return _span(corners)

    def rules(self, filled: bool, stroked: bool) -> list[Box]:
        box = self.rectangle(filled)
        if box is not None:
            return _rectangle_rules(box, stroked)
        if not stroked:
            return []
        return [rule for a, b in self.edges() if (rule := _straight_rule(a, b)) is not None]

    def shape(self) -> bool:
        """A closed outline of few segments: a circle, ellipse, rounded box or polygon, not a pen stroke."""
        return _near(self.points[0], self.points[-1]) and _segment_count(self) <= MAX_SHAPE_SEGMENTS


def _add_curve(outline: _Outline, controls: list[Point]) -> None:
    """A cubic Bezier as four chords through its points at t = 1/4, 1/2, 3/4 and 1."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = outline.points[-1], *controls
    for t in (0.25, 0.5, 0.75):
        s = 1.0 - t
        k0, k1, k2, k3 = s * s * s, 3 * s * s * t, 3 * s * t * t, t * t * t
        outline.points.append((k0 * x0 + k1 * x1 + k2 * x2 + k3 * x3, k0 * y0 + k1 * y1 + k2 * y2 + k3 * y3))
    outline.points.append((x3, y3))
    outline.curves += [True] * 4
    outline.freehand = True


def _segment_count(outline: _Outline) -> int:
    """Drawn segments, a sampled Bezier counting once."""
    return outline.curves.count(False) + outline.curves.count(True) // 4


def _pen_mark(outlines: list[_Outline]) -> tuple[Box, float] | None:
    """The box and pen length of a path's hand-drawn strokes, or None when it is printed geometry.

    Strokes are its open or many-segment subpaths with curves or short slanted steps; straight
    lines and closed shapes drawn in the same path are left out of the box.
    """
    scored = [(outline, _pen_steps(outline)) for outline in outlines if not outline.shape()]
    strokes = [outline for outline, steps in scored if steps or any(outline.curves)]
    curved = any(any(outline.curves) for outline in strokes)
    if not strokes or (not curved and sum(steps for _, steps in scored) < MIN_PEN_STEPS):
        return None
    box = _span([p for outline in strokes for p in outline.points])
    w, h = box[2] - box[0], box[3] - box[1]
    if max(w, h) < MIN_INK or (max(w, h) < SMALL_SHAPE and max(w, h) <= 2 * min(w, h)):
        return None
    length = sum(math.dist(p, q) for outline in strokes for p, q in zip(outline.points, outline.points[1:]))
    return box, length


def _pen_steps(outline: _Outline) -> int:
    """Short straight segments off the axes: a hand stroke exported as a polyline."""
    return sum(1 for p, q in outline.edges() if not _axis(p, q) and math.dist(p, q) <= PEN_STEP)


def _rectangle_rules(box: Box, stroked: bool) -> list[Box]:
    """A thin box is one line (its centre line); a stroked or shaded one gives its four edges."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if min(w, h) < THIN:
        if max(w, h) <= THIN_LENGTH:
            return []
        mid = (y0 + y1) / 2 if w >= h else (x0 + x1) / 2
        return [(x0, mid, x1, mid)] if w >= h else [(mid, y0, mid, y1)]
    if not stroked and min(w, h) < MIN_SHADE:
        return []
    edges = [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
    return [edge for edge in edges if max(edge[2] - edge[0], edge[3] - edge[1]) >= MIN_RULE]


def _straight_rule(a: Point, b: Point) -> Box | None:
    """A horizontal or vertical segment as a centre-line box, or None."""
    (xa, ya), (xb, yb) = a, b
    dx, dy = abs(xb - xa), abs(yb - ya)
    if dx >= MIN_RULE and dy <= AXIS_SLACK:
        mid = (ya + yb) / 2
        return (min(xa, xb), mid, max(xa, xb), mid)
    if dy >= MIN_RULE and dx <= AXIS_SLACK:
        mid = (xa + xb) / 2
        return (mid, min(ya, yb), mid, max(ya, yb))
    return None


def _axis(a: Point, b: Point) -> bool:
    return abs(a[0] - b[0]) <= AXIS_SLACK or abs(a[1] - b[1]) <= AXIS_SLACK


def _near(a: Point, b: Point) -> bool:
    return abs(a[0] - b[0]) <= 0.5 and abs(a[1] - b[1]) <= 0.5


def _span(points: list[Point]) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """Apply ``inner`` first, then ``outer`` (PDF row-vector order: inner x outer)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _ink_annotations(page: pdfium.PdfPage, m: Matrix) -> list[InkMark]:
    """INK annotations (a pen or stylus in a PDF viewer), by their rectangle."""
    marks: list[InkMark] = []
    for i in range(min(pdfium_c.FPDFPage_GetAnnotCount(page.raw), MAX_OBJECTS)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        if not annot:
            continue
        try:
            rect = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_INK and pdfium_c.FPDFAnnot_GetRect(annot, rect):
                box = _span([_apply(m, rect.left, rect.top), _apply(m, rect.right, rect.bottom)])
                if not _finite(box):
                    continue
                area = (box[2] - box[0]) * (box[3] - box[1])
                marks.append(InkMark(_round(box), "annotation", round(area / 10.0, 1)))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return marks


def _merge_ink(pen: list[tuple[Box, float]]) -> list[InkMark]:
    """Pen paths within INK_GAP of each other become one mark: the union box, the summed length."""
    clusters = sorted(pen)
    while True:
        merged = _merge_pass(clusters)
        if len(merged) == len(clusters):
            break
        clusters = merged
    return [InkMark(_round(box), "path", round(length, 1)) for box, length in sorted(clusters, key=lambda c: (c[0][1], c[0][0]))]


def _merge_pass(clusters: list[tuple[Box, float]]) -> list[tuple[Box, float]]:
    """One left-to-right sweep; clusters left behind (too far left) are final for this pass."""
    done: list[tuple[Box, float]] = []
    active: list[tuple[Box, float]] = []
    for box, length in sorted(clusters):
        still = []
        for other in active:
            if other[0][2] + INK_GAP < box[0]:
                done.append(other)
            elif other[0][1] - INK_GAP <= box[3] and box[1] - INK_GAP <= other[0][3] \
                    and max(box[3], other[0][3]) - min(box[1], other[0][1]) <= MAX_MARK_HEIGHT:
                o = other[0]
                box, length = (min(box[0], o[0]), min(box[1], o[1]), max(box[2], o[2]), max(box[3], o[3])), length + other[1]
            else:
                still.append(other)
        active = still + [(box, length)]
    return done + active


def _merge_rules(boxes: list[Box]) -> tuple[Rule, ...]:
    """Collinear rules that touch or overlap become one (a table line drawn cell by cell)."""
    boxes = [box for box in boxes if _finite(box)]
    horizontal = [(y0, x0, x1) for x0, y0, x1, y1 in boxes if x1 - x0 >= y1 - y0]
    vertical = [(x0, y0, y1) for x0, y0, x1, y1 in boxes if x1 - x0 < y1 - y0]
    rules = [Rule(_round((lo, at, hi, at))) for at, lo, hi in _merge_lines(horizontal)]
    rules += [Rule(_round((at, lo, at, hi))) for at, lo, hi in _merge_lines(vertical)]
    return tuple(rules)


def _merge_lines(lines: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """(position, start, end) lines: same position within 0.5 pt and touching within 1 pt merge."""
    merged: list[tuple[float, float, float]] = []
    group: list[tuple[float, float, float]] = []
    for line in sorted(lines):
        if group and line[0] - group[0][0] > 0.5:
            merged += _join(group)
            group = []
        group.append(line)
    return merged + _join(group)


def _join(group: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Lines at one position, joined where they touch; they take the position of the first."""
    joined: list[tuple[float, float, float]] = []
    for _, lo, hi in sorted(group, key=lambda line: line[1]):
        if joined and lo <= joined[-1][2] + 1.0:
            joined[-1] = (joined[-1][0], joined[-1][1], max(hi, joined[-1][2]))
        else:
            joined.append((group[0][0], lo, hi))
    return joined


def _finite(box: Box) -> bool:
    """No NaN or infinity (a degenerate matrix in the file): such a box is dropped."""
    return math.isfinite(box[0] + box[1] + box[2] + box[3])


def _round(box: Box) -> Box:
    return (round(box[0], 1), round(box[1], 1), round(box[2], 1), round(box[3], 1))
