"""Reading dates out of text: the forms people and OCR write, and what is not a date."""

from __future__ import annotations

from datetime import date

import pytest

from secordoc.dates import collapse_combs, document_order, find_dates, find_partial_dates, reorder, repair_ocr_date


@pytest.mark.parametrize("text", [
    "2026-03-14", "March 14, 2026", "14-Mar-2026", "Mar. 14/26", "2026/03/14", "14 March 2026",
    "03/14/2026", "14/03/2026", "Mar 14th, 2026", "14.03.2026", "2026.03.14", "14/03/26", "3/14/26",
    "le 14 mars 2026", "14 mars 2026", "mars 14, 2026", "03 /14 /2026", "3/ 14/ 26", "14-MAR-26",
])
def test_the_forms_people_and_ocr_write(text):
    found = find_dates(f"Date: {text}")
    assert [f.value for f in found] == [date(2026, 3, 14)], text
    assert not found[0].ambiguous


@pytest.mark.parametrize("text, expected", [
    ("12-01-19", date(2019, 12, 1)), ("3/14/90", date(1990, 3, 14)), ("8/ 7/ 87", date(1987, 8, 7)),
    ("Février 3, 2025", date(2025, 2, 3)), ("1er août 2025", date(2025, 8, 1)), ("déc. 5 2024", date(2024, 12, 5)),
])
def test_two_digit_years_and_french_months(text, expected):
    assert [f.value for f in find_dates(text)] == [expected]


def test_digits_written_one_per_box():
    assert collapse_combs("2 0 2 6 | 0 4 | 3 0").startswith("20260430")
    found = find_dates("Date 2 0 2 6 0 4 3 0")
    assert [f.value for f in found] == [date(2026, 4, 30)] and found[0].kind == "comb"


def test_a_number_glued_to_a_date_is_not_a_year():
    assert find_dates("Ref 2026-03-145 and 12/03/20261") == []
    assert find_dates("Rev.2019-04") == []


def test_impossible_dates_are_ignored():
    assert find_dates("2026-02-30 and 31/31/2026 and 1850-01-01") == []


@pytest.mark.parametrize("order, expected", [("MDY", date(2026, 3, 4)), ("DMY", date(2026, 4, 3))])
def test_an_unsettled_day_month_order_follows_the_order_given_and_is_flagged(order, expected):
    found = find_dates("03/04/2026", order)[0]
    assert found.value == expected and found.ambiguous


def test_a_documents_own_unambiguous_dates_settle_the_order():
    found = find_dates("Printed 25/04/2026. Date 03/04/2026")
    assert document_order(found) == "DMY"
    assert reorder(found[1], "DMY").value == date(2026, 4, 3) and not reorder(found[1], "DMY").ambiguous
    assert document_order(find_dates("04/25/2026 and 03/04/2026")) == "MDY"
    assert document_order(find_dates("03/04/2026")) is None


@pytest.mark.parametrize(("text", "month", "day"), [
    ("UN/O7/13", 7, 13),       # a handwritten year tesseract could not read, month and day it could
    ("/07/13", 7, 13),
    ("13/07/Z0Z6", 7, 13),     # day first: 13 cannot be a month
    ("07/13/ZOZ6", 7, 13),
    ("Date: July 13", 7, 13),
    ("le 13 juillet", 7, 13),
])
def test_a_day_and_month_without_a_legible_year(text, month, day):
    (partial,) = find_partial_dates(text)
    assert (partial.month, partial.day) == (month, day)


@pytest.mark.parametrize("text", ["July 13, 2026", "2026/07/13", "Crew 4/5", "12:30", "Rev. 2019-05", "Mar 2027", "Page 1/2",
                                  "Ag.4/26"])  # a month misread (Aug. 4, '26), not an illegible year
def test_whole_dates_and_other_numbers_are_no_partial_dates(text):
    assert find_partial_dates(text) == []


def test_a_partial_date_takes_the_one_year_inside_the_period():
    (partial,) = find_partial_dates("UN/O7/13")
    assert partial.complete(date(2025, 9, 2), date(2026, 9, 1)) == date(2026, 7, 13)
    assert partial.complete(date(2025, 7, 14), date(2026, 7, 12)) is None


@pytest.mark.parametrize(("text", "mended"), [
    ("Nay 5, 2027", "may 5, 2027"),            # one letter of a three-letter month misread
    ("Date:Nay 5, 2027", "Date: may 5, 2027"),  # glued to its label
    ("November 1l, 2o25", "November 11, 2025"),  # l for 1 before a comma, o for 0
    ("APRIL 28, 2C27", "APRIL 28, 2027"),        # a handwritten 0 read as C
    ("Jne I2, 2026", "june 12, 2026"),           # a letter lost
    ("Apnl 2, 2025", "april 2, 2025"),           # "ri" read as "n"
])
def test_misread_months_and_digits_are_mended(text, mended):
    assert repair_ocr_date(text) == mended


def test_a_three_letter_misreading_close_to_two_months_is_left():
    assert repair_ocr_date("Mav 5, 2027") is None  # "mar" and "may" are both one letter away
    assert repair_ocr_date("Feo 5, 2027") == "feb 5, 2027"  # only "feb" is


def test_form_words_near_a_month_are_not_mended_into_one():
    assert repair_ocr_date("Rev. 05/2018") is None  # not "fev. 05/2018"
    assert repair_ocr_date("Ref 12, 2026") is None


@pytest.mark.parametrize("text, value", [("Date: 29-J0n-2026", date(2026, 6, 29)), ("29-Sun-2026", date(2026, 6, 29)),
                                         ("12-0ct-2026", date(2026, 10, 12))])
def test_a_month_misread_between_dashes_is_mended(text, value):
    mended = repair_ocr_date(text)
    assert mended is not None and find_dates(mended)[0].value == value
