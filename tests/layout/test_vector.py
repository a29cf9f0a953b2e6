"""Rules and ink read from a born-digital page's objects: drawn with reportlab, read with pdfium."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, RectangleObject
from reportlab.pdfgen import canvas

from secordoc.layout.vector import MAX_OBJECTS, page_graphics
from secordoc.model import InkMark, Rule

W, H = 600.0, 800.0  # reportlab draws from the bottom-left: a point at pdf y is at H - y from the top


def graphics(path: Path) -> tuple[tuple[Rule, ...], tuple[InkMark, ...]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        width, height = page.get_size()
        return page_graphics(page, width, height)
    finally:
        pdf.close()


def has_rule(rules: tuple[Rule, ...], box: tuple[float, float, float, float], tol: float = 1.0) -> bool:
    return any(all(abs(a - b) <= tol for a, b in zip(rule.box, box)) for rule in rules)


def squiggle(cv: canvas.Canvas, x: float, y: float) -> None:
    """A signature-like pen stroke: a run of loops drawn with Beziers, starting at (x, y)."""
    path = cv.beginPath()
    path.moveTo(x, y)
    for i in range(4):
        x0 = x + 20 * i
        path.curveTo(x0 + 5, y + 25, x0 + 15, y + 25, x0 + 10, y + 5)
        path.curveTo(x0 + 5, y - 10, x0 + 20, y - 10, x0 + 20, y)
    cv.setLineWidth(1.2)
    cv.drawPath(path, stroke=1, fill=0)


def png(tmp_path: Path) -> str:
    target = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (30, 60, 200)).save(target)
    return str(target)


@pytest.fixture
def form_page(tmp_path: Path) -> Path:
    """A form: a signature line, a 3 x 2 table of rects, a line drawn as a thin box, a signature,
    a pasted picture, checkboxes and radio buttons, a rounded box, white and shaded boxes, text."""
    target = tmp_path / "form.pdf"
    cv = canvas.Canvas(str(target), pagesize=(W, H))
    cv.setFont("Helvetica", 10)
    cv.drawString(50, 740, "Site inspection - Signature of supervisor")
    cv.line(50, 700, 300, 700)
    for col in range(3):
        for row in range(2):
            cv.rect(50 + 100 * col, 500 + 30 * row, 100, 30)
    cv.rect(50, 400, 200, 1, stroke=0, fill=1)
    squiggle(cv, 350, 650)
    squiggle(cv, 435, 650)  # a second stroke 5 pt on: the same signature
    cv.drawImage(png(tmp_path), 400, 400, width=80, height=40)
    cv.rect(50, 200, 10, 10)  # checkbox, with a printed tick in it
    tick = cv.beginPath()
    tick.moveTo(51, 205)
    tick.curveTo(52, 204, 53, 202, 54, 201)
    tick.curveTo(56, 204, 58, 207, 60, 210)
    cv.drawPath(tick)
    cv.circle(100, 205, 5)  # radio button
    cv.circle(120, 205, 2, stroke=0, fill=1)  # bullet
    cv.circle(200, 205, 20)  # a large circle is a shape, not a pen stroke
    cv.roundRect(300, 150, 200, 60, 10)
    cv.drawString(70, 202, "Yes  No")
    cv.setFillColorRGB(1, 1, 1)
    cv.rect(50, 50, 200, 50, stroke=0, fill=1)  # white paint: invisible
    cv.setFillColorRGB(0.85, 0.85, 0.85)
    cv.rect(300, 50, 200, 20, stroke=0, fill=1)  # header shading
    cv.save()
    return target


def test_line_grid_and_thin_box_are_rules_in_top_left_points(form_page: Path) -> None:
    rules, _ = graphics(form_page)
    assert has_rule(rules, (50, H - 700, 300, H - 700))
    assert has_rule(rules, (50, H - 400.5, 250, H - 400.5))  # the thin filled box: its centre line
    for y in (500, 530, 560):  # grid lines joined across the cells
        assert has_rule(rules, (50, H - y, 350, H - y))
    for x in (50, 150, 250, 350):
        assert has_rule(rules, (x, H - 560, x, H - 500))
    assert all(r.horizontal for r in rules if r.box[1] == r.box[3])
    assert not any(r.horizontal for r in rules if r.box[0] == r.box[2])


def test_rectangles_give_their_edges_but_white_paint_gives_nothing(form_page: Path) -> None:
    rules, _ = graphics(form_page)
    assert has_rule(rules, (50, H - 210, 60, H - 210))  # checkbox top edge
    assert has_rule(rules, (300, H - 70, 500, H - 70)) and has_rule(rules, (500, H - 70, 500, H - 50))  # shading
    assert has_rule(rules, (310, H - 150, 490, H - 150))  # the rounded box's straight bottom side
    assert not any(r.box[1] >= H - 100 - 1 and r.box[3] <= H - 50 + 1 and r.box[2] <= 251 for r in rules)


def test_signature_is_one_path_mark_and_the_picture_an_image(form_page: Path) -> None:
    _, ink = graphics(form_page)
    paths = [m for m in ink if m.kind == "path"]
    assert len(paths) == 1, ink
    x0, y0, x1, y1 = paths[0].box
    # The strokes run x 350..515; the loops reach 19.4 pt above and 7 below the baseline.
    assert abs(x0 - 350) <= 1 and abs(x1 - 515) <= 1
    assert abs(y0 - (H - 650 - 19.4)) <= 1 and abs(y1 - (H - 650 + 7)) <= 1
    assert 300 < paths[0].strength < 600  # pen length in points, both strokes together
    images = [m for m in ink if m.kind == "image"]
    assert len(images) == 1
    assert all(abs(a - b) <= 1 for a, b in zip(images[0].box, (400, H - 440, 480, H - 400)))
    assert images[0].strength == pytest.approx(80 * 40 / 10, rel=0.02)


def test_checkboxes_circles_and_text_are_not_ink(form_page: Path) -> None:
    _, ink = graphics(form_page)
    assert all(m.box[1] < H - 300 for m in ink), ink  # nothing below the signature and picture


def test_polyline_pen_stroke_is_ink_and_a_few_diagonals_are_not(tmp_path: Path) -> None:
    target = tmp_path / "poly.pdf"
    cv = canvas.Canvas(str(target), pagesize=(W, H))
    path = cv.beginPath()
    path.moveTo(100, 300)
    for i in range(1, 30):
        path.lineTo(100 + 3 * i, 300 + (6 if i % 2 else -4) + i % 5)
    cv.drawPath(path)
    cv.line(300, 300, 400, 380)  # one long diagonal: neither a rule nor ink
    cv.save()
    rules, ink = graphics(target)
    assert [m.kind for m in ink] == ["path"]
    assert ink[0].box[0] == pytest.approx(100, abs=1) and ink[0].box[2] == pytest.approx(187, abs=1)
    assert rules == ()


def test_closed_or_filled_four_point_paths_are_boxes_and_an_open_one_is_not(tmp_path: Path) -> None:
    target = tmp_path / "outlines.pdf"
    cv = canvas.Canvas(str(target), pagesize=(W, H))
    box = cv.beginPath()
    box.moveTo(100, 500)
    for x, y in ((200, 500), (200, 560), (100, 560)):
        box.lineTo(x, y)
    box.close()  # the fourth side is the closing one
    cv.drawPath(box)
    cup = cv.beginPath()
    cup.moveTo(300, 560)
    for x, y in ((300, 500), (400, 500), (400, 560)):
        cup.lineTo(x, y)
    cv.drawPath(cup)  # open: three sides, no top
    shade = cv.beginPath()
    shade.moveTo(100, 300)
    for x, y in ((200, 300), (200, 340), (100, 340)):
        shade.lineTo(x, y)
    cv.drawPath(shade, stroke=0, fill=1)  # filling closes it: a shaded box
    cv.save()
    rules, ink = graphics(target)
    assert has_rule(rules, (100, H - 560, 200, H - 560)) and has_rule(rules, (100, H - 560, 100, H - 500))
    assert not has_rule(rules, (300, H - 560, 400, H - 560))
    assert has_rule(rules, (300, H - 500, 400, H - 500)) and has_rule(rules, (400, H - 560, 400, H - 500))
    assert has_rule(rules, (100, H - 340, 100, H - 300)) and has_rule(rules, (100, H - 340, 200, H - 340))
    assert len(rules) == 11 and ink == ()


def test_form_xobject_contents_land_in_page_space(tmp_path: Path) -> None:
    target = tmp_path / "form-xobject.pdf"
    cv = canvas.Canvas(str(target), pagesize=(W, H))
    cv.beginForm("block")
    cv.line(0, 0, 100, 0)
    cv.rect(0, 20, 50, 30)
    squiggle(cv, 0, 80)
    cv.endForm()
    cv.saveState()
    cv.translate(200, 300)
    cv.scale(2, 1)
    cv.doForm("block")
    cv.restoreState()
    cv.save()
    rules, ink = graphics(target)
    assert has_rule(rules, (200, H - 300, 400, H - 300))
    assert has_rule(rules, (200, H - 350, 300, H - 350)) and has_rule(rules, (300, H - 350, 300, H - 320))
    assert [m.kind for m in ink] == ["path"]
    x0, y0, x1, y1 = ink[0].box
    assert abs(x0 - 200) <= 1 and abs(x1 - (200 + 2 * 80)) <= 1  # the form's x scale applied
    assert H - 380 - 20 < y0 < H - 380 < y1 < H - 380 + 10


def test_rotated_page_reads_in_unrotated_space(tmp_path: Path, form_page: Path) -> None:
    rotated = tmp_path / "rotated.pdf"
    writer = PdfWriter(clone_from=str(form_page))
    writer.pages[0][NameObject("/Rotate")] = NumberObject(90)
    writer.write(rotated)
    pdf = pdfium.PdfDocument(str(rotated))
    assert pdf[0].get_size() == (H, W)  # pdfium reports the displayed (turned) size
    pdf.close()
    rules, ink = graphics(rotated)
    assert has_rule(rules, (50, H - 700, 300, H - 700))
    assert (rules, ink) == graphics(form_page)


def test_positions_count_from_the_corner_of_the_crop_box(tmp_path: Path, form_page: Path) -> None:
    cropped = tmp_path / "cropped.pdf"
    writer = PdfWriter(clone_from=str(form_page))
    writer.pages[0].cropbox = RectangleObject([40, 50, 600, 790])
    writer.write(cropped)
    rules, ink = graphics(cropped)
    assert has_rule(rules, (50 - 40, 790 - 700, 300 - 40, 790 - 700))
    image = next(m for m in ink if m.kind == "image")
    assert all(abs(a - b) <= 1 for a, b in zip(image.box, (400 - 40, 790 - 440, 480 - 40, 790 - 400)))


def test_ink_annotation(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    cv = canvas.Canvas(str(plain), pagesize=(W, H))
    cv.drawString(50, 740, "Signed:")
    cv.save()
    writer = PdfWriter(clone_from=str(plain))
    stroke = ArrayObject(FloatObject(v) for v in (110, 700, 150, 730, 190, 705))
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Ink"),
            NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (100, 690, 200, 740)),
            NameObject("/InkList"): ArrayObject([stroke]),
        }
    )
    writer.add_annotation(0, annotation)
    target = tmp_path / "annotated.pdf"
    writer.write(target)
    _, ink = graphics(target)
    assert len(ink) == 1 and ink[0].kind == "annotation"
    assert all(abs(a - b) <= 1 for a, b in zip(ink[0].box, (100, H - 740, 200, H - 690)))
    assert ink[0].strength == pytest.approx(100 * 50 / 10, rel=0.02)


def test_a_page_of_too_many_objects_is_read_only_up_to_the_cap(tmp_path: Path) -> None:
    target = tmp_path / "many.pdf"
    cv = canvas.Canvas(str(target), pagesize=(W, H))
    count = MAX_OBJECTS + 2_000
    for i in range(count):  # one path object each, none touching: every one is a rule
        x, y = 10 + 12 * (i % 48), 10 + 0.1 * (i // 48) * 7.5
        cv.line(x, y, x + 8, y)
    cv.save()
    rules, _ = graphics(target)
    assert 0 < len(rules) <= MAX_OBJECTS
