"""The activity date is chosen by its label in two dimensions, on forms drawn here."""

from __future__ import annotations

from datetime import date

import pytest
from drawn import layout

from secordoc.recognition.activity_date import choose_activity_date

INSPECTION = ("date of inspection", "inspection date", "date")
SERVICE_EXCLUDED = ("next service due", "last service")


def choose(lay, labels=INSPECTION, excluded=(), order="MDY", fields=None):
    return choose_activity_date([lay], fields or {}, labels, excluded, order)


def test_label_left_on_the_same_line_with_a_wide_gap(tmp_path):
    def paint(f):
        f.text(40, 100, "Rev. 2019-04-01", 7)
        f.text(40, 140, "Date of inspection:")
        f.text(200, 140, "March 14, 2026")
        f.line(195, 142, 330)
    found = choose(layout(tmp_path, paint))
    assert found.value == date(2026, 3, 14) and found.label == "Date of inspection:"


def test_label_in_the_top_corner_of_a_grid_box(tmp_path):
    def paint(f):
        f.grid([40, 250, 460], [120, 150])
        f.text(44, 128, "Inspection date", 6)
        f.text(44, 145, "2026-03-14", 11)
        f.text(254, 128, "Next inspection", 6)
        f.text(254, 145, "2026-06-14", 11)
    found = choose(layout(tmp_path, paint))
    assert found.value == date(2026, 3, 14) and found.label == "Inspection date"
    ruled_out = [c for c in found.candidates if c.value == date(2026, 6, 14)]
    assert ruled_out and ruled_out[0].score is None and ruled_out[0].label_from == "above"


def test_a_column_header_labels_dates_in_a_table(tmp_path):
    def paint(f):
        f.grid([40, 200, 330, 460], [200, 216, 232, 248])
        for x, head in ((44, "Unit"), (204, "Service date"), (334, "Next service due")):
            f.text(x, 212, head, 8, bold=True)
        f.text(44, 228, "Loader 4")
        f.text(204, 228, "2026-05-02")
        f.text(334, 228, "2026-08-02")
    found = choose(layout(tmp_path, paint), ("date of service", "service date", "date"), SERVICE_EXCLUDED)
    assert found.value == date(2026, 5, 2) and found.candidates[0].label_from in ("column", "above")


def test_a_caption_printed_under_the_line(tmp_path):
    def paint(f):
        f.text(60, 300, "14/03/26")
        f.line(50, 304, 200)
        f.text(60, 314, "Date", 7)
    found = choose(layout(tmp_path, paint), order="DMY")
    assert found.value == date(2026, 3, 14) and found.label == "Date"


def test_dates_in_boxes_across_cells_under_a_format_hint(tmp_path):
    def paint(f):
        f.text(40, 150, "Date", 9, bold=True)
        f.text(82, 138, "YYYY", 5)
        f.text(142, 138, "MM", 5)
        f.text(172, 138, "DD", 5)
        for i, digit in enumerate("2026"):
            f.box(80 + 12 * i, 140, 92 + 12 * i, 154)
            f.text(83 + 12 * i, 151, digit)
        for i, digit in enumerate("0430"):
            x = 140 + 12 * i + (6 if i >= 2 else 0)
            f.box(x, 140, x + 12, 154)
            f.text(x + 3, 151, digit)
    assert choose(layout(tmp_path, paint)).value == date(2026, 4, 30)


def test_the_types_own_label_beats_a_global_exclusion(tmp_path):
    def paint(f):
        f.text(40, 100, "Certificate of Completion", 16, bold=True)
        f.text(40, 140, "Completion date: 2025-11-02")
        f.text(40, 160, "Expiry date: 2028-11-02")
    found = choose(layout(tmp_path, paint), ("completion date", "date"), ("expiry date",))
    assert found.value == date(2025, 11, 2)


@pytest.mark.parametrize("other", ["Printed 04/09/2026 12:50 PM", "Fax: 2026-05-05", "Last updated 2026-01-03",
                                   "Hire date: 2026-02-01", "Target date: 2026-09-30", "Orig. issue 2012-04-08"])
def test_other_dates_on_the_page_are_not_the_activity(tmp_path, other):
    def paint(f):
        f.text(40, 60, other, 7)
        f.text(40, 140, "Date:")
        f.text(120, 140, "2026-03-14")
        f.text(40, 700, other, 7)
    assert choose(layout(tmp_path, paint)).value == date(2026, 3, 14)


def test_only_other_dates_means_no_activity_date(tmp_path):
    found = choose(layout(tmp_path, lambda f: f.text(40, 60, "Form SF-102 Rev. 2019-04-01 Next inspection due: 2026-06-14")))
    assert found.value is None and "only other dates" in (found.reason or "")


def test_the_documents_own_dates_settle_day_and_month(tmp_path):
    def paint(f):
        f.text(40, 100, "Date of inspection: 03/04/2026")
        f.text(40, 700, "Scanned 25/04/2026 08:00", 6)
    found = choose(layout(tmp_path, paint), order="MDY")
    assert found.value == date(2026, 4, 3) and not found.ambiguous


def test_two_equally_good_dates_that_disagree_name_a_rival(tmp_path):
    def paint(f):
        f.text(40, 100, "Date of inspection: 2026-03-14")
        f.text(40, 300, "Date of inspection: 2026-03-20")
    found = choose(layout(tmp_path, paint))
    assert found.value == date(2026, 3, 14) and found.rival is not None and found.rival.value == date(2026, 3, 20)


def test_a_form_field_holds_the_date(tmp_path):
    found = choose(layout(tmp_path, lambda f: f.text(40, 100, "Date of inspection:")), fields={"inspection_date": "14/03/2026"},
                   order="DMY")
    assert found.value == date(2026, 3, 14)


def test_a_fallback_label_stands_in_only_when_nothing_better_is_there(tmp_path):
    def hire_only(f):
        f.text(40, 60, "New Worker Orientation", 16, bold=True)
        f.text(40, 100, "Date of hire: June 11, 2026")
    def both(f):
        hire_only(f)
        f.text(40, 130, "Date of orientation: June 15, 2026")
    labels, fallback = ("date of orientation", "date"), ("date of hire",)
    alone = choose_activity_date([layout(tmp_path, hire_only)], {}, labels, (), "MDY", fallback)
    assert alone.value == date(2026, 6, 11)
    assert choose_activity_date([layout(tmp_path, both)], {}, labels, (), "MDY", fallback).value == date(2026, 6, 15)
    assert choose_activity_date([layout(tmp_path, hire_only)], {}, labels, (), "MDY", ()).value is None


PERIOD = (date(2025, 9, 2), date(2026, 9, 1))


def test_a_labelled_day_and_month_takes_the_review_periods_year(tmp_path):
    def paint(f):
        f.text(40, 100, "Date of inspection:")
        f.text(150, 100, "UN/O7/13")  # a handwritten 2026/07/13 as OCR reads it
    found = choose_activity_date([layout(tmp_path, paint)], {}, INSPECTION, (), "MDY", (), PERIOD)
    assert found.value == date(2026, 7, 13)
    assert "review period" in next(c.why for c in found.candidates if c.value == found.value)


def test_a_whole_labelled_date_beats_a_partial_one_and_without_a_period_none_counts(tmp_path):
    def paint(f):
        f.text(40, 100, "Date of inspection:")
        f.text(150, 100, "UN/O7/13")
        f.text(40, 140, "Inspection date: 2026-03-14")
    lay = layout(tmp_path, paint)
    assert choose_activity_date([lay], {}, INSPECTION, (), "MDY", (), PERIOD).value == date(2026, 3, 14)
    assert choose_activity_date([layout(tmp_path, lambda f: (f.text(40, 100, "Date of inspection:"), f.text(150, 100, "07/13")))],
                                {}, INSPECTION).value is None


def test_an_unlabelled_day_and_month_is_not_an_activity_date(tmp_path):
    def paint(f):
        f.text(40, 100, "Crew notes")
        f.text(300, 300, "UN/O7/13")
    assert choose_activity_date([layout(tmp_path, paint)], {}, INSPECTION, (), "MDY", (), PERIOD).value is None


@pytest.mark.parametrize(("name", "expected"), [
    ("Service - 2026-08-17.pdf", date(2026, 8, 17)),
    ("JHA - 06-08-27.pdf", date(2027, 6, 8)),
    ("inspection_report - 20260214.pdf", date(2026, 2, 14)),
    ("toolbox_talk_May 05.pdf", date(2026, 5, 5)),       # no year: the review period's
    ("Scan_20260918_100811.pdf", None),                  # capture stamps: when it was scanned
    ("PXL_20260527_092843794.jpg", None),
    ("Photo 2026-02-04 09 13 45.png", None),
    ("CCF03232026_0043.pdf", None),
    ("Site Inspection Aug 2026.pdf", None),              # a month is not a date
])
def test_a_date_in_the_files_name_stands_in_when_the_page_has_none(tmp_path, name, expected):
    lay = layout(tmp_path, lambda f: f.text(40, 100, "Date of inspection: (illegible)"))
    found = choose_activity_date([lay], {}, INSPECTION, (), "MDY", (), (date(2025, 9, 2), date(2026, 9, 1)), name)
    assert found.value == expected


def test_the_pages_labelled_date_beats_the_files_name(tmp_path):
    lay = layout(tmp_path, lambda f: f.text(40, 100, "Date of inspection: 2026-03-14"))
    found = choose_activity_date([lay], {}, INSPECTION, (), "MDY", (), None, "Inspection 2026-03-20.pdf")
    assert found.value == date(2026, 3, 14)


def test_a_page_date_one_part_away_from_the_files_name_was_misread(tmp_path):
    lay = layout(tmp_path, lambda f: f.text(40, 100, "Date of inspection: 2026-04-17"))
    found = choose_activity_date([lay], {}, INSPECTION, (), "MDY", (), None, "Service - 2026-08-17.pdf")
    assert found.value == date(2026, 8, 17)


@pytest.mark.parametrize(("written", "expected"), [
    ("2076-06-12", date(2026, 6, 12)),   # a 2 read as a 7
    ("2016-06-12", None),                # years before: an old certificate is old, not misread
    ("2024-06-12", None),
    ("2099-01-01", None),                # two digits away: not a misreading
])
def test_an_implausible_year_one_digit_from_the_periods_was_misread(tmp_path, written, expected):
    lay = layout(tmp_path, lambda f: f.text(40, 100, f"Date of inspection: {written}"))
    found = choose_activity_date([lay], {}, INSPECTION, (), "MDY", (), (date(2025, 9, 2), date(2026, 9, 1)))
    assert found.value == (expected or date.fromisoformat(written))


def test_a_day_and_month_in_the_name_do_not_overrule_the_pages_year(tmp_path):
    lay = layout(tmp_path, lambda f: f.text(40, 100, "Date of inspection: 2025-07-31"))
    found = choose_activity_date([lay], {}, INSPECTION, (), "MDY", (), (date(2025, 9, 2), date(2026, 9, 1)),
                                 "Certificate July 31.pdf")
    assert found.value == date(2025, 7, 31)


@pytest.mark.parametrize(("written", "expected"), [
    ("26-01-14", date(2026, 1, 14)),   # year first: the one reading inside the period
    ("14-01-26", date(2026, 1, 14)),   # year last, already inside: left as read
    ("12-01-14", date(2014, 12, 1)),   # neither reading inside: as read (an old record)
])
def test_three_two_digit_numbers_are_read_year_first_only_when_that_alone_fits_the_period(tmp_path, written, expected):
    lay = layout(tmp_path, lambda f: f.text(40, 100, f"Date of inspection: {written}"))
    found = choose_activity_date([lay], {}, INSPECTION, (), "MDY", (), (date(2025, 9, 2), date(2026, 9, 1)))
    assert found.value == expected


def test_ocr_scraps_before_a_date_are_no_label_the_column_header_is(tmp_path):
    def paint(f):
        f.grid([40, 200, 330], [200, 216, 236])
        f.text(44, 212, "Deficiency", 8, bold=True)
        f.text(204, 212, "Target date", 8, bold=True)
        f.text(44, 230, "Ladder foot missing")
        f.text(204, 230, "aL 026. 6.06.16")  # "2026.06.16" misread: only its end reads as a date
    found = choose(layout(tmp_path, paint), order="DMY")
    (candidate,) = found.candidates
    assert candidate.label_from == "column" and candidate.score is None and found.value is None


def test_a_day_and_month_written_whole_elsewhere_takes_that_year_not_the_periods(tmp_path):
    def paint(f):
        f.text(40, 100, "Date: Feb 14")  # the year lost beside the label...
        f.text(300, 140, "of Meeing 20270214")  # ...written in boxes under a misread label, outside the period
    found = choose_activity_date([layout(tmp_path, paint)], {}, ("meeting date", "date"), (), "MDY", (), PERIOD)
    assert found.value == date(2027, 2, 14)
