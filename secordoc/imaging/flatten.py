"""Find the sheet of paper in a phone photo and flatten it, the way a scanner would have seen it.

A photo of a form on a truck's tailgate shows the sheet in perspective, on a background, lit
from one side. OCR and the layout model want a flat, evenly lit page whose edges are the
page's edges: the sheet's outline is found (the largest convincing quadrilateral, from the
bright paper region or from edges), warped to a rectangle, and the light evened out by dividing
by the page's own blurred background. Where no convincing quadrilateral is found (a scan that
is all page, a photo of a truck) the image is left as it is: a page is never invented.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

# One thread: pages already run in parallel, one worker process per core; and an OpenCV thread
# pool started in a process that later forks workers deadlocks them (a child's first resize of
# the pool waits forever on the parent's threads).
cv2.setNumThreads(1)

#: Long side of the copy the outline is searched in (pixels): fast, and plenty for edges.
DETECT_SIDE = 900
#: A sheet covers at least this share of the photo, and at most this (else it is the whole frame).
MIN_AREA_SHARE = 0.18
MAX_AREA_SHARE = 0.965
#: A corner of a photographed rectangle stays within this many degrees of square.
MAX_CORNER_SKEW = 35.0
#: The outline must hug the region: region area / quadrilateral area at least this.
MIN_FILL = 0.88
#: Paper differs from what it lies on by at least this much mean grey (0..255).
MIN_CONTRAST = 18.0
#: A side of the sheet is at least this share of its outline; shorter ones are rounded corners.
MIN_SIDE_SHARE = 0.06
#: Pieces of an outline within this many degrees of each other are one straight side.
SAME_SIDE_DEGREES = 8.0
#: Letter paper's short side over its long side, and how near a sheet's shape must be to be taken for it.
LETTER_SHAPE = 8.5 / 11
SNAP_TO_LETTER = 0.12
#: Letter paper's long side, inches: the resolution of a flattened page follows from it.
PAGE_LONG_SIDE_IN = 11.0


@dataclass(frozen=True)
class Quad:
    """The sheet's corners in the photo's pixels: top-left, top-right, bottom-right, bottom-left."""

    corners: tuple[tuple[float, float], ...]

    @property
    def size(self) -> tuple[int, int]:
        """Width and height of the flattened page: the longer of each pair of opposite edges; a
        shape near letter paper's is taken to be letter paper (perspective foreshortens one side)."""
        tl, tr, br, bl = (np.array(c) for c in self.corners)
        width = float(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
        height = float(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
        long, short = max(width, height), min(width, height)
        if abs(short / long / LETTER_SHAPE - 1) <= SNAP_TO_LETTER:
            short = long * LETTER_SHAPE
            width, height = (long, short) if width >= height else (short, long)
        return int(round(width)), int(round(height))


def find_page(image: Image.Image) -> Quad | None:
    """The sheet's outline in ``image``, or None when there is no convincing one."""
    grey = np.asarray(image.convert("L"))
    scale = DETECT_SIDE / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    scale = min(scale, 1.0)
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    best: tuple[float, np.ndarray] | None = None
    for mask in _candidate_masks(blurred):
        found = _best_quad(mask, blurred)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    if best is None:
        return None
    corners = _ordered(best[1] / scale)
    return Quad(tuple((float(x), float(y)) for x, y in corners))


def flatten(image: Image.Image, quad: Quad) -> Image.Image:
    """The sheet warped to a flat rectangle, in grey, with the light evened out."""
    width, height = quad.size
    source = np.array(quad.corners, dtype=np.float32)
    target = np.array([(0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1)], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, target)
    grey = np.asarray(image.convert("L"))
    flat = cv2.warpPerspective(grey, matrix, (width, height), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=255)  # off the photo: paper white
    return Image.fromarray(even_light(flat))


def even_light(grey: np.ndarray) -> np.ndarray:
    """Divide by the page's own background: a shadow or a lamp's gradient becomes white paper,
    ink keeps its darkness relative to the paper around it. The background is the page with its
    print closed away at a quarter of the resolution, with a kernel a twelfth of the page wide,
    so a table's dark header bar (white text on it) is print too, not background."""
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    kernel = max(9, (max(small.shape) // 12) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (kernel, kernel)))
    background = cv2.GaussianBlur(background, (0, 0), kernel / 2)
    background = cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    out = cv2.divide(grey, np.maximum(background, 1), scale=255)
    return np.asarray(out, dtype=np.uint8)


def flattened_dpi(size: tuple[int, int]) -> float:
    """A flattened sheet's resolution, from letter paper's long side."""
    return max(size) / PAGE_LONG_SIDE_IN


def _candidate_masks(blurred: np.ndarray) -> list[np.ndarray]:
    """Two views of where the paper is: bright regions (Otsu), and closed edges (Canny)."""
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, kernel, iterations=2)
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, kernel)
    edges = cv2.Canny(blurred, 40, 120)
    edges = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    return [bright, edges]


def _best_quad(mask: np.ndarray, grey: np.ndarray) -> tuple[float, np.ndarray] | None:
    """The largest convincing quadrilateral among the mask's contours, with its area in the frame."""
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    total = float(mask.shape[0] * mask.shape[1])
    best: tuple[float, np.ndarray] | None = None
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:8]:
        region = cv2.contourArea(contour)
        if region < MIN_AREA_SHARE * total:
            break
        quad = _four_corners(contour, mask.shape)
        if quad is None:
            continue
        inside = _filled(quad, mask.shape)
        area = float(np.count_nonzero(inside))
        if not MIN_AREA_SHARE * total <= area <= MAX_AREA_SHARE * total or region / area < MIN_FILL:
            continue
        if not _square_enough(quad) or not _stands_out(inside, grey):
            continue
        if best is None or area > best[0]:
            best = (area, quad.astype(np.float64))
    return best


def _filled(quad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    inside = np.zeros(shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 255)
    return inside


def _four_corners(contour: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """The sheet's four corners from its outline: the outline's four long straight sides, extended
    to meet. Where the sheet runs off the photo the outline follows the frame for a while; those
    stretches are no side of the sheet (the corner then lies outside the photo)."""
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    points = cv2.approxPolyDP(hull, 0.004 * perimeter, True).reshape(-1, 2).astype(np.float64)
    if len(points) < 4:
        return None
    sides = [(points[i], points[(i + 1) % len(points)]) for i in range(len(points))]
    sides = [side for side in sides if not _on_frame(side, shape)]
    sides = _merged(sides)
    sides = [side for side in sides if np.linalg.norm(side[1] - side[0]) >= MIN_SIDE_SHARE * perimeter]
    sides = _merged(sides)
    if len(sides) != 4:
        return None
    corners = [_meet(sides[i - 1], sides[i]) for i in range(4)]
    if any(c is None for c in corners):
        return None
    quad = np.array(corners)
    return quad if _near_frame(quad, shape) else None


def _merged(sides: list[tuple[np.ndarray, np.ndarray]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Neighbouring sides running the same way (within a few degrees) joined into one."""
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for side in sides:
        if out and _same_way(out[-1], side):
            out[-1] = (out[-1][0], side[1])
        else:
            out.append(side)
    if len(out) > 1 and _same_way(out[-1], out[0]):
        out[0] = (out[-1][0], out[0][1])
        out.pop()
    return out


def _same_way(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> bool:
    u, v = a[1] - a[0], b[1] - b[0]
    cosine = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
    return cosine > np.cos(np.radians(SAME_SIDE_DEGREES))


def _on_frame(side: tuple[np.ndarray, np.ndarray], shape: tuple[int, ...], margin: float = 4.0) -> bool:
    (x0, y0), (x1, y1) = side
    height, width = shape[:2]
    return (max(x0, x1) <= margin or min(x0, x1) >= width - 1 - margin
            or max(y0, y1) <= margin or min(y0, y1) >= height - 1 - margin)


def _meet(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    """Where the lines through two sides cross."""
    p, r = a[0], a[1] - a[0]
    q, s = b[0], b[1] - b[0]
    cross = r[0] * s[1] - r[1] * s[0]
    if abs(cross) < 1e-9:
        return None
    t = ((q - p)[0] * s[1] - (q - p)[1] * s[0]) / cross
    return p + t * r


def _near_frame(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Extended corners stay within a quarter of the photo outside it."""
    height, width = shape[:2]
    return bool(np.all(quad[:, 0] > -width / 4) and np.all(quad[:, 0] < width * 1.25)
                and np.all(quad[:, 1] > -height / 4) and np.all(quad[:, 1] < height * 1.25))


def _ordered(points: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(sums)], points[np.argmin(diffs)], points[np.argmax(sums)], points[np.argmax(diffs)]])


def _square_enough(quad: np.ndarray) -> bool:
    corners = _ordered(quad)
    if len({tuple(c) for c in corners.tolist()}) < 4:
        return False
    for i in range(4):
        a, b, c = corners[i - 1], corners[i], corners[(i + 1) % 4]
        u, v = a - b, c - b
        cosine = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        if abs(90.0 - np.degrees(np.arccos(np.clip(cosine, -1, 1)))) > MAX_CORNER_SKEW:
            return False
    return True


def _stands_out(inside: np.ndarray, grey: np.ndarray) -> bool:
    """The inside differs from a band around it: a sheet on a table, not a pattern in a picture."""
    ring = cv2.dilate(inside, cv2.getStructuringElement(cv2.MORPH_RECT, (31, 31))) & ~inside
    if not ring.any():
        return False
    return abs(float(grey[inside > 0].mean()) - float(grey[ring > 0].mean())) >= MIN_CONTRAST
