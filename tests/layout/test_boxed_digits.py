"""Digits written one per box: the comb's rules and box edges erased, the digits kept."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from secordoc.layout import reread
from secordoc.layout.boxed_digits import EDGE_SHARE, without_box_edges
from secordoc.model import Word

CELL, TOP, BOTTOM = 40, 60, 120


def comb(digits: str = "20270827", captions: bool = True) -> Image.Image:
    """A "YYYY MM DD" comb, one box per digit, groups apart, the captions over it."""
    image = Image.new("L", (700, 160), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=36)
    x = 20
    for group in (digits[:4], digits[4:6], digits[6:]):
        if captions:
            draw.text((x, 25), "Y" * len(group) if len(group) == 4 else "MM", fill=0, font=ImageFont.load_default(size=18))
        for digit in group:
            draw.rectangle((x, TOP, x + CELL, BOTTOM), outline=0, width=3)
            draw.text((x + 10, TOP + 10), digit, fill=0, font=font)
            x += CELL
        x += 25
    return image


def tallest_run(image: Image.Image) -> int:
    dark = np.asarray(image.convert("L")) < 128
    best = 0
    for column in dark.T:
        run = 0
        for on in column:
            run = run + 1 if on else 0
            best = max(best, run)
    return best


def test_a_comb_is_found_and_its_edges_and_rules_erased():
    cleaned = without_box_edges(comb())
    assert cleaned is not None and cleaned.comb
    assert tallest_run(cleaned.image) < (BOTTOM - TOP) * EDGE_SHARE  # no box edge is left
    assert cleaned.box[1] >= 45 and cleaned.box[3] <= BOTTOM + 10  # cut to the comb: the captions (y 25-43) gone
    dark = np.asarray(cleaned.image.convert("L")) < 128
    assert dark.sum() > 500  # the digits are still there


def test_an_underlined_field_is_no_comb():
    image = Image.new("L", (500, 100), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 30), "May 5, 2027", fill=0, font=ImageFont.load_default(size=30))
    draw.line((10, 75, 480, 75), fill=0, width=3)
    cleaned = without_box_edges(image)
    assert cleaned is not None and not cleaned.comb


def test_a_blank_region_has_nothing_left():
    assert without_box_edges(Image.new("L", (300, 60), 255)) is None


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_a_comb_beside_a_date_label_is_read_as_its_date():
    page = Image.new("L", (1000, 200), 255)
    page.paste(comb(), (200, 20))
    ImageDraw.Draw(page).text((40, 95), "Date:", fill=0, font=ImageFont.load_default(size=30))
    dpi = 200
    scale = 72 / dpi
    label = [Word("Date:", (40 * scale, 95 * scale, 120 * scale, 125 * scale), 95.0)]
    out = reread.reread_dates(page, dpi, label, 1000 * scale)
    assert "20270827" in [w.text for w in out]
