"""The second look at date values: which regions are read again, and what comes back."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from secordoc.dates import repair_ocr_date
from secordoc.layout import reread
from secordoc.model import Word


def words(*items: tuple[str, float, float, float]) -> list[Word]:
    return [Word(text, (x, y, x + width, y + 10), 95.0) for text, x, y, width in items]


def test_a_date_label_without_a_readable_date_is_read_again():
    garbled = words(("Date:", 40, 100, 25), ("Nay", 70, 100, 20), ("5)", 95, 100, 10), ("L0U7", 110, 100, 25))
    assert reread.regions_to_reread(garbled, 612)


def test_a_readable_date_or_another_dates_label_is_left_alone():
    assert reread.regions_to_reread(words(("Date:", 40, 100, 25), ("2026-03-14", 70, 100, 50)), 612) == []
    assert reread.regions_to_reread(words(("Next", 40, 100, 20), ("due", 62, 100, 15), ("date:", 80, 100, 25)), 612) == []


@pytest.mark.parametrize("text, mended", [("03122/2027", "03/22/2027"), ("O3/22/2O27", "03/22/2027"),
                                          ("17Apil2027", "17 april 2027"), ("Decmber 3, 2026", "december 3, 2026")])
def test_ocr_garbled_dates_are_mended(text, mended):
    assert repair_ocr_date(text) == mended


def test_words_without_a_date_shape_are_not_made_into_dates():
    assert repair_ocr_date("the quick brown fox") is None
    assert repair_ocr_date("Unit 4411 serviced") is None


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_the_second_reader_replaces_tesseracts_garbage_with_the_date():
    dpi = 200
    image = Image.new("L", (1700, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    draw.text((111, 270), "Date:", fill=0, font=font)
    draw.text((260, 270), "May 5, 2027", fill=0, font=font)
    scale = 72 / dpi
    garbage = [Word("Date:", (111 * scale, 270 * scale, 220 * scale, 310 * scale), 95.0),
               Word("Nay5)", (260 * scale, 270 * scale, 380 * scale, 310 * scale), 40.0)]
    out = reread.reread_dates(image, dpi, garbage, 1700 * scale)
    assert "Nay5)" not in [w.text for w in out]
    assert any("2027" in w.text for w in out)


def test_a_label_with_nothing_read_beside_it_is_tried_beside_then_under():
    (places,) = reread.regions_to_reread(words(("Date", 40, 100, 20)), 612)
    beside, under = places
    assert beside[0] > 60 and beside[1] < 100 < beside[3]  # right of the label, on its line
    assert under[1] > 110  # below it


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_digits_in_boxes_beside_the_label_are_read_as_one_date():
    dpi = 200
    image = Image.new("L", (1700, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    draw.text((100, 120), "Date", fill=0, font=font)
    x = 260
    for group in ("2026", "07", "23"):  # each group in its box, a digit per cell
        width = 36 * len(group) + 12
        draw.rectangle((x, 105, x + width, 165), outline=0, width=3)
        for n, digit in enumerate(group):
            draw.text((x + 10 + 36 * n, 118), digit, fill=0, font=font)
        x += width + 20
    scale = 72 / dpi
    label = [Word("Date", (100 * scale, 120 * scale, 180 * scale, 150 * scale), 95.0)]
    out = reread.reread_dates(image, dpi, label, 1700 * scale)
    assert "20260723" in [w.text for w in out]


def test_a_date_label_with_a_speck_before_it_is_still_a_date_label():
    garbled = words(("\u201cDate:", 40, 100, 25), ("_Aecil", 70, 100, 20), ("aor", 95, 100, 10), ("2027", 110, 100, 25))
    assert reread.regions_to_reread(garbled, 612)


@pytest.mark.parametrize("tokens, date", [
    ("2 024 12 18 Time:3:", "20241218"),  # digits in boxes, the next field's label after them
    ("Completed 2 o2 7 1 2 0 7", "20271207"),  # a label word first, a 0 read as o
    ("205 08 25", "205-08-25"),  # a year digit lost: day and month kept for the period to complete
    ("APRIL 28, 2C27", "APRIL 28, 2027"),
])
def test_the_second_readers_line_is_mended_into_a_date(tokens, date):
    assert reread._mended(tokens.split()) == date


def test_a_line_without_a_date_gives_none():
    assert reread._mended("Equipment: Miller Trailblazer 325".split()) is None
    assert reread._mended("Job # 4471 12".split()) is None


def test_glued_and_on_labels_are_date_labels_but_update_is_not():
    assert reread.regions_to_reread(words(("Today'sDate", 40, 100, 45), ("[2", 90, 100, 20)), 612)
    assert reread.regions_to_reread(words(("Completed", 40, 100, 45), ("on:", 88, 100, 12), ("hua", 110, 100, 20)), 612)
    assert not reread.regions_to_reread(words(("Update", 40, 100, 30), ("hua", 80, 100, 20)), 612)
    assert not reread.regions_to_reread(words(("on:", 40, 100, 12), ("hua", 60, 100, 20)), 612)  # "on:" alone labels nothing


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_a_page_with_no_date_read_has_its_top_read_again_strictly():
    dpi = 100
    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 60), "Tailgate Meeting", fill=0, font=ImageFont.load_default(size=36))
    draw.text((60, 150), "Rev. 05/2018", fill=0, font=ImageFont.load_default(size=24))  # a form's revision
    draw.text((60, 250), "March 30, 2027", fill=0, font=ImageFont.load_default(size=30))
    scale = 72 / dpi
    title = [Word("Tailgate", (60 * scale, 60 * scale, 200 * scale, 96 * scale), 95.0)]
    out = reread.reread_dateless_top(image, dpi, title, 850 * scale, 1100 * scale)
    texts = [w.text for w in out]
    assert any("2027" in t for t in texts)
    assert not any("2018" in t for t in texts)  # "Rev." is not mended into a month
    dated = title + [Word("2027-03-30", (60 * scale, 250 * scale, 200 * scale, 280 * scale), 95.0)]
    assert reread.reread_dateless_top(image, dpi, dated, 850 * scale, 1100 * scale) == tuple(dated)


def test_a_value_under_a_two_word_label_is_looked_for_under_its_first_word():
    (places,) = reread.regions_to_reread(words(("Inspection", 40, 100, 50), ("Date", 95, 100, 20)), 612)
    under = places[-1]
    assert under[0] <= 40 and under[1] > 105


def test_a_date_label_whose_last_letter_was_lost_is_still_one():
    assert reread.regions_to_reread(words(("Dat", 40, 100, 15)), 612)


def test_a_partial_date_beside_gives_way_to_a_whole_date_under(monkeypatch):
    class Second:  # only its presence matters: _read_region is replaced
        pass
    monkeypatch.setattr(reread, "reader", lambda: Second())
    answers = {0: [((120.0, 98.0, 150.0, 108.0), Word(".06.02", (120.0, 98.0, 150.0, 108.0), 90.0))],
               1: [((40.0, 112.0, 100.0, 124.0), Word("2026.06.02", (40.0, 112.0, 100.0, 124.0), 95.0))]}
    calls: list[int] = []

    def read_region(second, image, region, scale):
        calls.append(len(calls))
        return answers[len(calls) - 1]
    monkeypatch.setattr(reread, "_read_region", read_region)
    out = reread.reread_dates(Image.new("L", (10, 10), 255), 72, words(("Date", 40, 100, 20)), 612)
    assert len(calls) == 2 and "2026.06.02" in [w.text for w in out] and ".06.02" not in [w.text for w in out]


def test_after_a_leading_date_label_a_two_digit_year_is_a_whole_date():
    assert reread._strictly_mended("Date:JUN.18/24") == "Date: JUN.18/24"
    assert reread._strictly_mended("Date: Sune 15, 26") == "Date: june 15, 26"
    assert reread._strictly_mended("JUN.18/24") is None  # no label: the year must have four digits
    assert reread._strictly_mended("Rev. 04/20") is None


def test_a_whole_date_under_the_label_with_another_day_is_another_fields(monkeypatch):
    class Second:
        pass
    monkeypatch.setattr(reread, "reader", lambda: Second())
    answers = [[((80.0, 98.0, 150.0, 108.0), Word("29 Jun", (80.0, 98.0, 150.0, 108.0), 90.0))],
               [((40.0, 112.0, 300.0, 124.0), Word("Audit conducted: January 20, 2026", (40.0, 112.0, 300.0, 124.0), 95.0))]]
    monkeypatch.setattr(reread, "_read_region", lambda second, image, region, scale: answers.pop(0))
    out = reread.reread_dates(Image.new("L", (10, 10), 255), 72, words(("Date:", 40, 100, 25)), 612)
    texts = [w.text for w in out]
    assert "29 Jun" in texts and not any("January" in t for t in texts)
