"""The labels beside signatures that tesseract lost, read again."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from secordoc.layout import reread
from secordoc.layout.reread_labels import lines_to_reread, reread_labels
from secordoc.model import InkMark, Word

DPI = 200
SCALE = 72 / DPI


def pt(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return tuple(round(v * SCALE, 1) for v in box)  # type: ignore[return-value]


def signed_line(label: str) -> tuple[Image.Image, InkMark]:
    image = Image.new("L", (1700, 400), 255)
    draw = ImageDraw.Draw(image)
    draw.text((100, 200), label, fill=0, font=ImageFont.load_default(size=30))
    draw.line((420, 232, 900, 232), fill=0, width=2)
    points = [(460 + 18 * i, 215 + (14 if i % 2 else -10)) for i in range(20)]
    draw.line(points, fill=0, width=4)  # a pen stroke over the line
    return image, InkMark(pt((450, 195, 830, 240)), "raster", 400.0)


def test_a_signature_with_a_confident_label_beside_it_is_left_alone():
    _, mark = signed_line("Conducted by:")
    label = [Word("Conducted", pt((100, 200, 240, 232)), 95.0), Word("by:", pt((250, 200, 290, 232)), 95.0)]
    assert lines_to_reread(label, [mark]) == []


def test_ticks_and_specks_are_no_signatures():
    assert lines_to_reread([], [InkMark((100, 100, 108, 108), "raster", 20.0)]) == []


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_a_label_tesseract_lost_beside_a_signature_is_read_again():
    image, mark = signed_line("Conducted by:")
    garbage = [Word("Cndcl", pt((100, 200, 240, 232)), 21.0)]  # what tesseract made of it
    out = reread_labels(image, DPI, garbage, [mark])
    texts = [w.text for w in out]
    assert "Conducted" in texts and "Cndcl" not in texts
