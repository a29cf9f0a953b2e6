"""Titles printed white on a dark bar: found and read."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from secordoc.layout import reread
from secordoc.layout.banners import bars, read_banners
from secordoc.model import Word

DPI = 100


def page(bar: bool = True, title: str = "TOOLBOX TALK") -> Image.Image:
    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), "Acme Builders Ltd.", fill=0, font=ImageFont.load_default(size=24))
    if bar:
        draw.rectangle((40, 100, 810, 140), fill=20)
        draw.text((330, 104), title, fill=255, font=ImageFont.load_default(size=30))
    draw.line((40, 300, 810, 300), fill=0, width=3)  # a ruling line is no bar
    draw.text((60, 320), "Date: 2026-03-14", fill=0, font=ImageFont.load_default(size=20))
    return image


def test_a_dark_bar_across_the_top_is_found_and_a_rule_is_not():
    (found,) = bars(page(), DPI)
    assert found[1] <= 100 <= found[3] and found[2] - found[0] > 600
    assert bars(page(bar=False), DPI) == []


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_the_bars_white_title_becomes_words_of_a_heading():
    words = read_banners(page(), DPI, [])
    assert "TOOLBOX" in [w.text for w in words]
    title = next(w for w in words if w.text == "TOOLBOX")
    assert title.box[3] - title.box[1] > 10  # as tall as a heading's letters (points)


def test_a_bar_tesseract_already_read_is_left_alone():
    scale = 72 / DPI
    read = [Word("TOOLBOX", (330 * scale, 104 * scale, 450 * scale, 134 * scale), 93.0)]
    assert read_banners(page(), DPI, read) == tuple(read)
