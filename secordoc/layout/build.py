"""Build a page's layout from what extraction already has: word boxes, ruling lines and ink.

Words are chained into visual lines (allowing for a scan's tilt), lines are cut into segments at
wide gaps and at vertical ruling lines (a table row is one line of several cells), and the title
block is the largest text near the top of the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Page, Rule, Word
from .model import PageLayout, Segment

#: The title is looked for in this top share of the page.
TITLE_ZONE = 0.35
#: A gap wider than this many text heights ends a segment.
GAP_HEIGHTS = 2.2


def build_layout(page: Page) -> PageLayout:
    words = [w for w in page.words if w.text.strip()]
    level = visual_lines(words, 0.0)
    slope = tilt_of(level)
    lines = level if abs(slope) < 0.003 else visual_lines(words, slope)  # a level page: grouped once
    rules = [centre_line(r) for r in page.rules]
    verticals = [r for r in rules if not r.horizontal]
    segments = [seg for n, line in enumerate(lines) for seg in _split(line, n, verticals)]
    layout = PageLayout(page.number, page.width, page.height, segments, rules, list(page.ink))
    layout.title = title_block(layout)
    layout.headings = headings(layout)
    return layout


def centre_line(rule: Rule) -> Rule:
    """A rule as its centre line: a slightly skewed scan line's box is several points tall, and
    cells must not overlap because of it."""
    x0, y0, x1, y1 = rule.box
    if rule.horizontal:
        return Rule((x0, round((y0 + y1) / 2, 1), x1, round((y0 + y1) / 2, 1)))
    return Rule((round((x0 + x1) / 2, 1), y0, round((x0 + x1) / 2, 1), y1))


def visual_lines(words: Sequence[Word], slope: float = 0.0) -> list[list[Word]]:
    """Words chained into visual lines left to right, each word joining the line whose rightmost
    word it overlaps vertically once the page's tilt is allowed for (a phone photo's 2 degrees
    move a word 200 pt away by 7 pt)."""
    lines: list[list[Word]] = []
    ordered = sorted(words, key=lambda w: w.box[0])
    for word in ordered:
        best, best_overlap = None, 0.0
        for line in lines:
            last = line[-1].box
            # by centres, so a word OCR boxed too wide ("JUNE" boxed over "JUNE 9, 2026") still
            # has the words inside its box follow it
            if (last[0] + last[2]) / 2 >= (word.box[0] + word.box[2]) / 2 or word.box[0] - last[2] > 400 \
                    or last[1] > word.box[3] + 40 or last[3] < word.box[1] - 40:
                continue
            shift = slope * (word.box[0] - last[0])
            overlap = min(last[3] + shift, word.box[3]) - max(last[1] + shift, word.box[1])
            # against the taller of the two, so a tall "/" or "|" does not capture the next line's word
            share = overlap / max(1.0, last[3] - last[1], word.box[3] - word.box[1])
            if share > 0.4 and share > best_overlap:
                best, best_overlap = line, share
        if best is None:
            lines.append([word])
        else:
            best.append(word)
    return sorted(lines, key=lambda line: line[0].box[1])


def tilt_of(lines: list[list[Word]]) -> float:
    """The page's tilt (dy per dx): the median slope of its longer lines."""
    slopes = []
    for line in lines:
        if len(line) >= 3 and line[-1].box[0] - line[0].box[0] > 80:
            a, b = line[0].box, line[-1].box
            slopes.append(((b[1] + b[3]) - (a[1] + a[3])) / 2 / (b[0] - a[0]))
    return sorted(slopes)[len(slopes) // 2] if slopes else 0.0


def _split(line: list[Word], number: int, verticals: Sequence[Rule]) -> list[Segment]:
    heights = sorted(w.box[3] - w.box[1] for w in line)
    gap_limit = max(8.0, GAP_HEIGHTS * heights[len(heights) // 2])
    out: list[list[Word]] = [[line[0]]]
    for prev, word in zip(line, line[1:]):
        gap = word.box[0] - prev.box[2]
        y = (word.box[1] + word.box[3]) / 2
        ruled = any(prev.box[2] - 1 <= (r.box[0] + r.box[2]) / 2 <= word.box[0] + 1 and r.box[1] - 2 <= y <= r.box[3] + 2
                    for r in verticals)
        if gap > gap_limit or ruled:
            out.append([word])
        else:
            out[-1].append(word)
    return [Segment(tuple(ws), number) for ws in out]


#: A heading prints at least this much larger than the page's typical text.
HEADING_SIZE = 1.15
#: OCR words read below this confidence are not taken for printed heading text (handwriting is
#: tall, and would otherwise crowd out the form's own title).
HEADING_CONFIDENCE = 60.0


def _top_phrases(layout: PageLayout) -> list[Segment]:
    """Short phrases in the top of the page that could be a title: labels ("Topic: ...") and
    running text are not."""
    return [s for s in layout.segments if s.box[1] < layout.height * TITLE_ZONE and sum(c.isalpha() for c in s.text) >= 4
            and ":" not in s.text and len(s.words) <= 10]


def _typical_size(layout: PageLayout) -> float:
    """The page's typical print size, counted by words (body text dominates)."""
    sizes = sorted(prominence(s) for s in layout.segments for _ in s.words)
    return sizes[len(sizes) // 2]


def title_block(layout: PageLayout) -> list[Segment]:
    """The largest, boldest text in the top of the page (a form's name), biggest first; filled-in
    values are not titles. On a page with no size contrast, its first lines."""
    zone = [s for s in _top_phrases(layout) if not _is_value(layout, s)]
    if not zone:
        return []
    biggest = max(prominence(s) for s in zone)
    if biggest >= HEADING_SIZE * _typical_size(layout):
        return sorted((s for s in zone if prominence(s) >= 0.85 * biggest), key=lambda s: -prominence(s))[:3]
    return sorted(zone, key=lambda s: s.box[1])[:3]


def headings(layout: PageLayout) -> list[Segment]:
    """Every segment in the top of the page that prints larger than the page's typical text, read
    with confidence, top to bottom: a form's name among its letterhead and section headings, even
    when a tall handwritten value outranks it (which ``title_block`` would pick). On a page with
    no size contrast, its first lines."""
    zone = [s for s in _top_phrases(layout) if sum(w.confidence for w in s.words) / len(s.words) >= HEADING_CONFIDENCE]
    if not zone:
        return []
    typical = _typical_size(layout)
    big = [s for s in zone if prominence(s) >= HEADING_SIZE * typical]
    return sorted(big or sorted(zone, key=lambda s: s.box[1])[:3], key=lambda s: s.box[1])


def _is_value(layout: PageLayout, seg: Segment) -> bool:
    """A filled-in value: the phrase to its left on its line is a label ("Equipment:")."""
    left = layout.left_of(seg, reach=120)
    return left is not None and left.text.rstrip().endswith(":")


def prominence(seg: Segment) -> float:
    """How large a segment prints: its font size where known (bold counts a fifth more), else
    its glyph height."""
    sized = [w for w in seg.words if w.size]
    if not sized:
        return seg.height
    return max(w.size * (1.2 if w.bold else 1.0) for w in sized)
