"""Activity dates: the formats people write, and the dates that are not the activity."""

from __future__ import annotations

from datetime import date

import pytest

from secordoc.dates import choose_activity_date, find_dates

LABELS = ("date of inspection", "date")


@pytest.mark.parametrize("text", [
    "2026-03-14", "March 14, 2026", "14-Mar-2026", "Mar. 14/26", "2026/03/14", "14 March 2026",
    "03/14/2026", "14/03/2026", "Mar 14th, 2026", "14.03.2026",
])
def test_the_forms_people_write(text):
    found = choose_activity_date(f"Date of inspection: {text}", {}, LABELS)
    assert found.value == date(2026, 3, 14) and not found.ambiguous


@pytest.mark.parametrize("distractor", [
    "Form SF-102 Rev. 2019-04-01", "Date of hire: 2026-02-01", "Next inspection due: 2026-06-14",
    "Target completion date: 2026-04-01", "Printed 2026-11-02 14:31", "Fax: 2026-05-05", "Expiry date: 2027-03-14",
])
def test_other_dates_on_the_page_are_not_the_activity_date(distractor):
    text = f"Site Inspection\n{distractor}\nDate of inspection: 2026-03-14\n{distractor}"
    assert choose_activity_date(text, {}, LABELS).value == date(2026, 3, 14)


def test_only_distractor_dates_means_no_activity_date():
    found = choose_activity_date("Form SF-102 Rev. 2019-04-01\nNext inspection due: 2026-06-14", {}, LABELS)
    assert found.value is None and "only other dates" in (found.reason or "")


def test_a_number_glued_to_a_date_is_not_a_year():
    assert find_dates("Ref 2026-03-145 and 12/03/20261") == []
    assert [c.value for c in find_dates("Rev.2019-04")] == []


@pytest.mark.parametrize("order, expected", [("MDY", date(2026, 3, 4)), ("DMY", date(2026, 4, 3))])
def test_unresolvable_day_month_order_follows_the_profile_and_is_flagged(order, expected):
    found = choose_activity_date("Date of inspection: 03/04/2026", {}, LABELS, order)
    assert found.value == expected and found.ambiguous and found.text == "03/04/2026"


def test_resolvable_day_month_order_is_not_ambiguous():
    assert not choose_activity_date("Date: 25/04/2026", {}, LABELS, "MDY").ambiguous
    assert choose_activity_date("Date: 25/04/2026", {}, LABELS, "MDY").value == date(2026, 4, 25)


def test_a_form_field_holds_the_date():
    found = choose_activity_date("Date of inspection:\nNext due: 2026-09-01", {"inspection_date": "14/03/2026"}, LABELS)
    assert found.value == date(2026, 3, 14)


def test_the_type_specific_label_beats_a_generic_one():
    text = "Date: 2026-01-05\nDate of inspection: 2026-03-14"
    assert choose_activity_date(text, {}, LABELS).value == date(2026, 3, 14)


def test_two_equally_labelled_dates_take_the_first():
    text = "Date of inspection: 2026-03-14\nDate of inspection: 2026-03-20"
    assert choose_activity_date(text, {}, LABELS).value == date(2026, 3, 14)


def test_impossible_dates_are_ignored():
    assert find_dates("2026-02-30 and 31/31/2026 and 1850-01-01") == []
