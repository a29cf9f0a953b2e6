"""Rules and ink on generated scans: a table grid, a signed line, an empty line and printed words,
drawn with Pillow at 300, 200 and 150 DPI, then skewed, noised and JPEG-compressed. Every check
is on positions in points, against where each thing was drawn."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from secordoc.layout.raster import analyse_raster
from secordoc.model import Box, InkMark, Rule, Word

PAGE_IN = (8.5, 11.0)
TOLERANCE_PT = 2.0
GRID_X_IN = (1.0, 3.0, 5.0, 7.5)
GRID_Y_IN = (1.0, 1.5, 2.0, 2.5, 3.0)
SIGNED_LINE_IN = (1.2, 3.6, 5.0)  # x0, x1, y
EMPTY_LINE_IN = (4.6, 7.4, 5.0)
SQUIGGLE_IN = (1.5, 3.1, 4.72, 0.1)  # x0, x1, y centre, amplitude
PARAGRAPH = (
    "The employer shall review every hazard assessment with the workers at each site before work starts.",
    "Corrective actions are tracked to completion and signed off by the supervisor in charge.",
)


@dataclass
class Page:
    """A drawn page and what is on it, in points (origin top-left)."""

    image: Image.Image
    dpi: float
    words: list[Word] = field(default_factory=list)
    h_lines: list[Box] = field(default_factory=list)
    v_lines: list[Box] = field(default_factory=list)
    squiggles: list[Box] = field(default_factory=list)


class Canvas:
    """Draws in inches and remembers every element's box in points."""

    def __init__(self, dpi: float, mode: str = "L") -> None:
        self.dpi = dpi
        size = (round(PAGE_IN[0] * dpi), round(PAGE_IN[1] * dpi))
        self.image = Image.new(mode, size, "white")
        self.draw = ImageDraw.Draw(self.image)
        self.font = ImageFont.load_default(size=round(10 * dpi / 72))  # 10 pt
        self.page = Page(self.image, dpi)

    def px(self, inches: float) -> int:
        return round(inches * self.dpi)

    def pt(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        """Pixel edges to points."""
        k = 72 / self.dpi
        return (x0 * k, y0 * k, x1 * k, y1 * k)

    def h_line(self, x0: float, x1: float, y: float, thickness: int) -> None:
        top = self.px(y) - thickness // 2
        self.draw.rectangle([self.px(x0), top, self.px(x1) - 1, top + thickness - 1], fill="black")
        self.page.h_lines.append(self.pt(self.px(x0), top, self.px(x1), top + thickness))

    def v_line(self, x: float, y0: float, y1: float, thickness: int) -> None:
        left = self.px(x) - thickness // 2
        self.draw.rectangle([left, self.px(y0), left + thickness - 1, self.px(y1) - 1], fill="black")
        self.page.v_lines.append(self.pt(left, self.px(y0), left + thickness, self.px(y1)))

    def text(self, x: float, y: float, line: str, confidence: float = 95.0) -> None:
        """Draw words one by one; confidence None means OCR did not read them."""
        cursor = self.px(x)
        space = self.font.getlength(" ")
        for word in line.split():
            self.draw.text((cursor, self.px(y)), word, font=self.font, fill="black")
            box = self.draw.textbbox((cursor, self.px(y)), word, font=self.font)
            if confidence:
                self.page.words.append(Word(word, self.pt(*box), confidence))
            cursor += self.font.getlength(word) + space

    def squiggle(self, x0: float, x1: float, y: float, amplitude: float, colour: object = "black") -> None:
        """A hand-like scribble: a sine of varying amplitude with a slanted loop stroke."""
        xs = np.linspace(x0, x1, 400)
        phase = 2 * math.pi * (xs - x0) / 0.3
        ys = y + amplitude * np.sin(phase) * (0.6 + 0.4 * np.cos(phase / 3.7))
        points = [(self.px(a), self.px(b)) for a, b in zip(xs, ys, strict=True)]
        width = max(2, round(self.dpi / 100))
        self.draw.line(points, fill=colour, width=width, joint="curve")
        xs_px = [p[0] for p in points]
        ys_px = [p[1] for p in points]
        half = width / 2
        self.page.squiggles.append(self.pt(min(xs_px) - half, min(ys_px) - half, max(xs_px) + half, max(ys_px) + half))


def form_page(dpi: float, mode: str = "L", ink: object = "black") -> Page:
    """The test form: a shaded-header table with text, a paragraph, a signed line and an empty one."""
    c = Canvas(dpi, mode)
    outer, inner = max(2, round(dpi / 100)), max(1, round(dpi / 150))
    shade = (205, 205, 205) if mode == "RGB" else 205
    c.draw.rectangle([c.px(GRID_X_IN[0]), c.px(GRID_Y_IN[0]), c.px(GRID_X_IN[-1]), c.px(GRID_Y_IN[1])], fill=shade)
    for i, y in enumerate(GRID_Y_IN):
        c.h_line(GRID_X_IN[0], GRID_X_IN[-1], y, outer if i in (0, len(GRID_Y_IN) - 1) else inner)
    for i, x in enumerate(GRID_X_IN):
        c.v_line(x, GRID_Y_IN[0], GRID_Y_IN[-1], outer if i in (0, len(GRID_X_IN) - 1) else inner)
    for x, label in zip(GRID_X_IN, ("Item", "Hazard found", "Control measure"), strict=False):
        c.text(x + 0.1, GRID_Y_IN[0] + 0.15, label)
    for row, y in enumerate(GRID_Y_IN[1:-1]):
        c.text(GRID_X_IN[0] + 0.1, y + 0.15, f"{row + 1}.")
        c.text(GRID_X_IN[1] + 0.1, y + 0.15, ("Slippery floor", "Noise exposure", "Ladder use")[row])
        c.text(GRID_X_IN[2] + 0.1, y + 0.15, ("Mats and signs", "Hearing protection", "Inspection")[row])
    for i, line in enumerate(PARAGRAPH):
        c.text(1.0, 3.4 + 0.22 * i, line)
    c.squiggle(*SQUIGGLE_IN, colour=ink)
    c.h_line(*SIGNED_LINE_IN, outer)
    c.text(SIGNED_LINE_IN[0], SIGNED_LINE_IN[2] + 0.06, "Signature of worker")
    c.h_line(*EMPTY_LINE_IN, outer)
    c.text(EMPTY_LINE_IN[0], EMPTY_LINE_IN[2] + 0.06, "Signature of supervisor")
    return c.page


# --- page transformations -----------------------------------------------------------------


def rotated(page: Page, degrees: float) -> Page:
    """The page turned counter-clockwise about its centre, and every box with it."""
    image = page.image.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor="white")
    cx, cy = (d * 72 / page.dpi / 2 for d in page.image.size)
    a = math.radians(degrees)

    def turn(box: Box) -> Box:
        xs, ys = [], []
        for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
            xs.append(cx + (x - cx) * math.cos(a) + (y - cy) * math.sin(a))
            ys.append(cy - (x - cx) * math.sin(a) + (y - cy) * math.cos(a))
        return (min(xs), min(ys), max(xs), max(ys))

    return Page(
        image,
        page.dpi,
        [Word(w.text, turn(w.box), w.confidence) for w in page.words],
        [turn(b) for b in page.h_lines],
        [turn(b) for b in page.v_lines],
        [turn(b) for b in page.squiggles],
    )


def noisy_jpeg(page: Page, seed: int = 7) -> Page:
    """Gaussian sensor noise, then a quality-60 JPEG round trip."""
    pixels = np.asarray(page.image).astype(np.float32)
    pixels += np.random.default_rng(seed).normal(0, 12, pixels.shape)
    buffer = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=60)
    buffer.seek(0)
    image = Image.open(buffer)
    image.load()
    return Page(image, page.dpi, page.words, page.h_lines, page.v_lines, page.squiggles)


def variants(page: Page) -> dict[str, Page]:
    turned = rotated(page, 1.5)
    return {"clean": page, "jpeg": noisy_jpeg(page), "skewed": turned, "skewed-jpeg": noisy_jpeg(turned)}


# --- assertions ---------------------------------------------------------------------------


def near(found: Box, want: Box, tolerance: float = TOLERANCE_PT) -> bool:
    return all(abs(f - w) <= tolerance for f, w in zip(found, want, strict=True))


def contains(outer: Box, inner: Box, margin: float = 0.0) -> bool:
    return (
        outer[0] - margin <= inner[0]
        and outer[1] - margin <= inner[1]
        and inner[2] <= outer[2] + margin
        and inner[3] <= outer[3] + margin
    )


def overlap(a: Box, b: Box) -> float:
    """Intersection over the smaller box's area."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / smaller


def assert_rules_match(rules: tuple[Rule, ...], page: Page) -> None:
    """Every drawn line comes back as exactly one rule of the right orientation, and no other rule."""
    unmatched = list(rules)
    for want, horizontal in [(b, True) for b in page.h_lines] + [(b, False) for b in page.v_lines]:
        hits = [r for r in unmatched if near(r.box, want) and r.horizontal == horizontal]
        assert len(hits) == 1, f"line {want} ({'h' if horizontal else 'v'}): found {hits}; all rules {rules}"
        unmatched.remove(hits[0])
    assert not unmatched, f"rules where no line was drawn: {unmatched}"


def assert_only_squiggles(ink: tuple[InkMark, ...], page: Page) -> None:
    """One ink mark per squiggle, covering it, and none anywhere else (lines, words, grid)."""
    assert len(ink) == len(page.squiggles), f"ink {ink}, squiggles {page.squiggles}"
    for want in page.squiggles:
        hits = [m for m in ink if contains(want, m.box, margin=TOLERANCE_PT)]
        assert len(hits) == 1, f"squiggle {want}: ink {ink}"
        mark = hits[0]
        assert mark.kind == "raster"
        assert (mark.box[2] - mark.box[0]) >= 0.9 * (want[2] - want[0])
        assert (mark.box[3] - mark.box[1]) >= 0.7 * (want[3] - want[1])
        assert mark.strength > 20


# --- tests --------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=[300, 200, 150], ids=lambda d: f"{d}dpi")
def pages(request: pytest.FixtureRequest) -> dict[str, Page]:
    return variants(form_page(request.param))


@pytest.mark.parametrize("variant", ["clean", "jpeg", "skewed", "skewed-jpeg"])
def test_grid_and_signature_lines_are_rules(pages: dict[str, Page], variant: str) -> None:
    """Skewed pages are matched against the turned lines' boxes: a tilted rule's box is its
    whole slanted extent (a 6.5-inch line at 1.5 degrees is 12 pt tall)."""
    page = pages[variant]
    rules, _ = analyse_raster(page.image, page.dpi, page.words)
    assert_rules_match(rules, page)


@pytest.mark.parametrize("variant", ["clean", "jpeg", "skewed", "skewed-jpeg"])
def test_squiggle_is_the_only_ink(pages: dict[str, Page], variant: str) -> None:
    page = pages[variant]
    _, ink = analyse_raster(page.image, page.dpi, page.words)
    assert_only_squiggles(ink, page)
    signed_line = page.h_lines[len(GRID_Y_IN)]
    assert ink[0].box[3] <= signed_line[1] + TOLERANCE_PT  # above its line, not on it


def test_empty_page_has_no_rules_and_no_ink() -> None:
    page = noisy_jpeg(Page(Image.new("L", (1275, 1650), 255), 150))
    assert analyse_raster(page.image, page.dpi, []) == ((), ())


def test_without_ink_the_form_yields_no_marks() -> None:
    """Unsigned: the signature lines, grid, shading and words leave nothing behind."""
    page = form_page(300)
    page.image.paste(255, tuple(round(v * 300 / 72) for v in page.squiggles[0]))
    for variant in variants(Page(page.image, 300, page.words, page.h_lines, page.v_lines)).values():
        rules, ink = analyse_raster(variant.image, variant.dpi, variant.words)
        assert ink == ()
        assert_rules_match(rules, variant)


def test_colour_and_bilevel_pages() -> None:
    colour = form_page(300, mode="RGB", ink=(20, 40, 170))  # blue ballpoint
    for page in (colour, noisy_jpeg(colour)):
        rules, ink = analyse_raster(page.image, page.dpi, page.words)
        assert_rules_match(rules, page)
        assert_only_squiggles(ink, page)
    grey = form_page(300)
    bilevel = Page(grey.image.convert("1", dither=Image.Dither.NONE), 300, grey.words, grey.h_lines, grey.v_lines, grey.squiggles)
    rules, ink = analyse_raster(bilevel.image, bilevel.dpi, bilevel.words)
    assert_rules_match(rules, bilevel)
    assert_only_squiggles(ink, bilevel)


def test_underscore_run_is_a_rule() -> None:
    """'Name: __________'. Helvetica, Arial, Times and Courier draw underscores edge to edge;
    Pillow's bundled font leaves a gap between them, so the glyphs are set touching here."""
    c = Canvas(300)
    c.text(1.0, 2.0, "Name:")
    left, _, right, _ = c.font.getmask("_").getbbox()  # the glyph's ink, without side bearings
    start = x = c.px(1.45)
    for _ in range(10):
        c.draw.text((x - left, c.px(2.0)), "_", font=c.font, fill="black")
        x += right - left
    _, top, _, bottom = c.draw.textbbox((start, c.px(2.0)), "_", font=c.font)
    rules, ink = analyse_raster(c.image, 300, c.page.words)
    assert len(rules) == 1 and rules[0].horizontal, rules
    assert near(rules[0].box, c.pt(start, top, x, bottom)), (rules, c.pt(start, top, x, bottom))
    assert ink == ()


@pytest.mark.parametrize("dpi", [300, 150])
def test_signature_crossing_its_line_is_one_mark(dpi: int) -> None:
    c = Canvas(dpi)
    c.h_line(1.0, 4.0, 3.0, max(2, round(dpi / 100)))
    c.squiggle(1.3, 3.0, 3.0, 0.15)
    for page in (c.page, noisy_jpeg(c.page)):
        rules, ink = analyse_raster(page.image, dpi, page.words)
        assert_rules_match(rules, page)
        assert_only_squiggles(ink, page)
        assert ink[0].box[1] < page.h_lines[0][1] and ink[0].box[3] > page.h_lines[0][3]  # both sides


@pytest.mark.parametrize(("dpi", "amplitude"), [(220, 0.04), (150, 0.03)])
def test_a_flat_thick_signature_along_its_line_adds_no_rules(dpi: int, amplitude: float) -> None:
    """A felt-pen signature with low waves just above its line: each flat stretch carries on into
    the next, so none of them is taken for a short rule."""
    c = Canvas(dpi)
    c.h_line(1.0, 4.0, 3.0, 2)
    xs = np.linspace(1.3, 3.6, 600)
    phase = 2 * math.pi * (xs - 1.3) / 0.4
    ys = 3.0 - amplitude - 0.03 + amplitude * np.sin(phase) * (0.7 + 0.3 * np.cos(phase / 2.9))
    c.draw.line([(c.px(x), c.px(y)) for x, y in zip(xs, ys, strict=True)], fill=40, width=round(0.025 * dpi), joint="curve")
    for page in (c.page, noisy_jpeg(rotated(c.page, 1.2))):
        rules, ink = analyse_raster(page.image, dpi, [])
        assert_rules_match(rules, page)
        assert sum(m.strength for m in ink) > 200, ink


@pytest.mark.parametrize("dpi", [300, 150])
def test_a_signature_written_along_its_line_stays_ink(dpi: int) -> None:
    """Felt-pen waves riding on the line join its straight run; the line is cut back to its own
    thickness, so the waves stay ink across the whole signature and the rule stays thin."""
    c = Canvas(dpi)
    c.h_line(1.0, 4.0, 3.0, max(2, round(dpi / 100)))
    xs = np.linspace(1.3, 3.6, 600)
    phase = 2 * math.pi * (xs - 1.3) / 0.4
    ys = 3.0 + 0.03 * np.sin(phase) * (0.7 + 0.3 * np.cos(phase / 2.9))
    c.draw.line([(c.px(x), c.px(y)) for x, y in zip(xs, ys, strict=True)], fill=40, width=round(0.025 * dpi), joint="curve")
    for page, thickness in ((c.page, 2.0), (noisy_jpeg(rotated(c.page, 1.2)), 6.0)):  # 3 in at 1.2 degrees: 4.5 pt
        rules, ink = analyse_raster(page.image, dpi, [])
        assert_rules_match(rules, page)
        assert rules[0].box[3] - rules[0].box[1] <= thickness, rules
        left, right = min(m.box[0] for m in ink), max(m.box[2] for m in ink)
        assert left <= 1.3 * 72 + 12 and right >= 3.6 * 72 - 12 and sum(m.strength for m in ink) > 50, ink


def test_printed_text_missed_by_ocr_is_not_ink() -> None:
    """A line of print that OCR read with low confidence (or not at all) is not a hand mark."""
    c = Canvas(300)
    c.text(1.0, 2.0, PARAGRAPH[0], confidence=30)
    c.text(1.0, 4.0, PARAGRAPH[1], confidence=0)
    for page in (c.page, noisy_jpeg(c.page)):
        assert analyse_raster(page.image, 300, page.words) == ((), ())


def test_checkboxes_empty_and_ticked() -> None:
    c = Canvas(300)
    side = c.px(0.13)
    for x in (1.0, 2.0):
        c.draw.rectangle([c.px(x), c.px(2.0), c.px(x) + side, c.px(2.0) + side], outline="black", width=3)
    tick = [(c.px(2.02), c.px(2.07)), (c.px(2.06), c.px(2.12)), (c.px(2.16), c.px(1.95))]
    c.draw.line(tick, fill="black", width=4, joint="curve")
    _, ink = analyse_raster(c.image, 300, [])
    assert len(ink) == 1, ink
    assert ink[0].box[0] >= 2.0 * 72 - TOLERANCE_PT  # the ticked box, not the empty one


def test_symbols_read_inside_a_line_of_text_are_print() -> None:
    """'Job / task:' gives tesseract a word '/' with no letter in it: print, as its neighbours are.
    A tick on its own that OCR also calls '/' is still a hand mark."""
    c = Canvas(300)
    c.text(1.0, 2.0, "Job / task: Replace roof flashing")
    c.draw.line([(c.px(4.0), c.px(2.05)), (c.px(4.04), c.px(2.12)), (c.px(4.14), c.px(1.9))], fill="black", width=4)
    tick = c.pt(c.px(4.0) - 2, c.px(1.9) - 2, c.px(4.14) + 2, c.px(2.12) + 2)
    words = [*c.page.words, Word("/", tick, 80.0)]
    assert any(w.text == "/" and w.box != tick for w in words)
    _, ink = analyse_raster(c.image, 300, words)
    assert len(ink) == 1 and contains(tick, ink[0].box, margin=TOLERANCE_PT), ink


def test_label_glued_to_its_line_keeps_the_signature() -> None:
    """Tesseract often reads 'Signature:' and the underscores after it as one confident word
    whose box covers the line: the signature written there is still ink."""
    c = Canvas(300)
    c.text(1.0, 2.0, "Signature:")
    label = c.page.words.pop()
    c.h_line(1.75, 4.0, 2.15, 3)
    c.squiggle(1.9, 3.4, 2.05, 0.07)
    c.page.words.append(Word("Signature:______________", (label.box[0], label.box[1], 4.0 * 72, 2.17 * 72), 91.0))
    rules, ink = analyse_raster(c.image, 300, c.page.words)
    assert_rules_match(rules, c.page)
    assert len(ink) == 1 and contains(ink[0].box, c.page.squiggles[0], margin=TOLERANCE_PT), ink


def test_headings_reversed_type_and_low_boxes_are_not_ink() -> None:
    """A large heading, white type on a black bar and the edges of low boxes: no OCR words at
    all, yet nothing here is ink, and letter stems are not rules."""
    c = Canvas(300)
    heading = ImageFont.load_default(size=round(20 * 300 / 72))
    c.draw.text((c.px(1.0), c.px(0.6)), "HAZARD ASSESSMENT FORM", font=heading, fill="black")
    c.draw.rectangle([c.px(1.0), c.px(1.2), c.px(7.0), c.px(1.5)], fill=30)
    c.draw.text((c.px(1.2), c.px(1.25)), "SITE INSPECTION RECORD", font=heading, fill="white")
    for i, height in enumerate((0.3, 0.2, 0.15, 0.1)):
        y = 2.5 + i * 0.6
        c.h_line(1.0, 3.5, y, 2)
        c.h_line(1.0, 3.5, y + height, 2)
        if height >= 0.2:
            c.v_line(1.0, y, y + height, 2)
            c.v_line(3.5, y, y + height, 2)
        else:  # upright edges shorter than a rule: drawn, but expected as neither rule nor ink
            c.draw.rectangle([c.px(1.0) - 1, c.px(y), c.px(1.0), c.px(y + height)], fill="black")
            c.draw.rectangle([c.px(3.5) - 1, c.px(y), c.px(3.5), c.px(y + height)], fill="black")
    for page in (c.page, noisy_jpeg(rotated(c.page, 1.5))):
        rules, ink = analyse_raster(page.image, 300, [])
        assert_rules_match(rules, page)
        assert ink == ()


def test_lighting_borders_and_dust_change_nothing() -> None:
    """A photograph's uneven light and shadow, a scanner's black margins and speckle."""
    page = form_page(300)
    pixels = np.asarray(page.image).astype(np.float32)
    rows, cols = np.mgrid[0 : pixels.shape[0], 0 : pixels.shape[1]]
    light = (0.55 + 0.45 * cols / cols.max()) * (1 - 0.3 * np.exp(-(((rows - 0.6 * rows.max()) / 160) ** 2)))
    rng = np.random.default_rng(3)
    dust = rng.random(pixels.shape) < 0.002  # single dark pixels...
    dust |= np.kron(rng.random((pixels.shape[0] // 3, pixels.shape[1] // 3)) < 0.0005, np.ones((3, 3), bool))  # ...and 3x3 specks
    for name, values in {
        "lighting": pixels * light,
        "borders": np.where((cols < 40) | (rows > pixels.shape[0] - 30), 15, pixels),
        "dust": np.where(dust, 0, pixels),
    }.items():
        image = Image.fromarray(np.clip(values, 0, 255).astype(np.uint8))
        rules, ink = analyse_raster(image, 300, page.words)
        assert len(rules) == len(page.h_lines) + len(page.v_lines) and len(ink) == 1, (name, rules, ink)
        assert_rules_match(rules, page)
        assert_only_squiggles(ink, page)


def test_other_image_modes() -> None:
    page = form_page(150)
    for image in (page.image.convert("RGBA"), page.image.convert("P"), page.image.convert("I;16")):
        rules, ink = analyse_raster(image, 150, page.words)
        assert_rules_match(rules, page)
        assert_only_squiggles(ink, page)


def test_tiny_or_bad_input() -> None:
    assert analyse_raster(Image.new("L", (10, 10)), 300, []) == ((), ())
    with pytest.raises(ValueError):
        analyse_raster(Image.new("L", (100, 100), 255), 0, [])


def test_point_coordinates_follow_dpi() -> None:
    """The same drawing at 300 and 150 DPI gives the same boxes in points."""
    fine, coarse = form_page(300), form_page(150)
    at_300 = analyse_raster(fine.image, 300, fine.words)
    at_150 = analyse_raster(coarse.image, 150, coarse.words)
    assert len(at_300[0]) == len(at_150[0])
    for a, b in zip(sorted(r.box for r in at_300[0]), sorted(r.box for r in at_150[0]), strict=True):
        assert near(a, b, tolerance=1.5)
    assert near(at_300[1][0].box, at_150[1][0].box, tolerance=2.0)
    assert at_300[1][0].strength == pytest.approx(at_150[1][0].strength, rel=0.35)


def test_random_pages_never_break_it() -> None:
    """Scribbles, blocks, lines and noise at odd sizes and resolutions: always a well-formed answer."""
    rng = np.random.default_rng(11)
    for dpi in (72, 96, 150, 200, 300, 400):
        size = (int(rng.integers(40, 900)), int(rng.integers(40, 900)))
        image = Image.fromarray(rng.integers(200, 256, size[::-1], dtype=np.uint8))
        draw = ImageDraw.Draw(image)
        for _ in range(40):
            x0, y0 = int(rng.integers(0, size[0])), int(rng.integers(0, size[1]))
            x1, y1 = int(rng.integers(0, size[0])), int(rng.integers(0, size[1]))
            shape = rng.integers(3)
            if shape == 0:
                draw.line([(x0, y0), (x1, y0)], fill=int(rng.integers(0, 120)), width=int(rng.integers(1, 6)))
            elif shape == 1:
                draw.rectangle([min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)], outline=0, width=int(rng.integers(1, 4)))
            else:
                draw.line([(x0, y0), (x1, y1), (x0, y1)], fill=30, width=int(rng.integers(1, 8)))
        words = [Word("w", (float(a), float(b), float(a + 20), float(b + 8)), 90.0) for a, b in rng.integers(0, 300, (10, 2))]
        rules, ink = analyse_raster(image, dpi, words)
        width_pt, height_pt = size[0] * 72 / dpi, size[1] * 72 / dpi
        for box in [r.box for r in rules] + [m.box for m in ink]:
            assert 0 <= box[0] < box[2] <= width_pt + 1 and 0 <= box[1] < box[3] <= height_pt + 1, box
        assert all(m.strength >= 2 and m.kind == "raster" for m in ink)


def test_a_pen_stroke_ocr_read_as_a_short_tall_word_stays_ink():
    from secordoc.layout.raster import _stroke_read_as_word
    from secordoc.model import Word
    assert _stroke_read_as_word(Word("LOA", (80, 499, 95, 516), 63.0), typical=6.5)
    assert not _stroke_read_as_word(Word("Signature", (49, 516, 87, 525), 96.0), typical=6.5)
    assert not _stroke_read_as_word(Word("JOSH", (202, 624, 232, 634), 92.0), typical=6.5)
