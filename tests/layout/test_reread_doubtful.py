"""A second opinion on dates tesseract read doubtfully (handwriting)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from secordoc.layout import reread, reread_doubtful
from secordoc.model import Word


def test_only_dates_read_below_print_confidence_are_doubtful():
    words = [Word("Date:", (40, 100, 65, 110), 96.0), Word("2026-12-27", (70, 100, 130, 110), 70.0),
             Word("Printed:", (40, 130, 80, 140), 96.0), Word("2026-01-05", (85, 130, 145, 140), 96.0)]
    (doubtful,) = reread_doubtful.doubtful_dates(words)
    box, covering, before, after = doubtful
    assert [w.text for w in covering] == ["2026-12-27"] and before == after == ""


def test_a_label_glued_to_a_doubtful_date_is_kept_around_it():
    (doubtful,) = reread_doubtful.doubtful_dates([Word("Date:2026-12-27", (40, 100, 130, 110), 60.0)])
    assert doubtful[2] == "Date:"


class _Second:
    """The recognition model's answer, fixed: what the second reader read in the crop."""

    def __init__(self, text: str, score: float) -> None:
        self.answer = (text, score)

    def text_rec(self, pieces):  # type: ignore[no-untyped-def]
        return [self.answer], 0.01


@pytest.mark.parametrize("text, score, expected", [("2026-12-22", 0.98, "2026-12-22"),  # a confident, other date
                                                    ("2026-12-22", 0.5, "2026-12-27"),  # not confident: tesseract's stands
                                                    ("Smith", 0.99, "2026-12-27")])  # no date: tesseract's stands
def test_a_confident_second_reading_replaces_a_doubtful_date(monkeypatch, text, score, expected):
    monkeypatch.setattr(reread_doubtful, "reader", lambda: _Second(text, score))
    words = [Word("Date:", (40, 100, 65, 110), 96.0), Word("2026-12-27", (70, 100, 130, 110), 70.0)]
    out = reread_doubtful.reread_doubtful_dates(Image.new("L", (700, 300), 255), 72, words)
    assert [w.text for w in out] == ["Date:", expected]


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_the_second_reader_reads_the_date_tesseract_misread():
    dpi = 200
    image = Image.new("L", (1700, 300), 255)
    ImageDraw.Draw(image).text((300, 120), "2026-12-22", fill=0, font=ImageFont.load_default(size=40))
    scale = 72 / dpi
    words = [Word("2026-12-27", (300 * scale, 120 * scale, 520 * scale, 165 * scale), 60.0)]
    out = reread_doubtful.reread_doubtful_dates(image, dpi, words)
    assert [w.text for w in out] == ["2026-12-22"]
