"""Review period and quarters, including 29 February and month ends."""

from __future__ import annotations

from datetime import date

from secordoc.periods import review_period


def test_period_is_twelve_months_ending_on_the_anniversary():
    period = review_period(date(2026, 12, 31))
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert [(q.start, q.end) for q in period.quarters][1] == (date(2026, 4, 1), date(2026, 6, 30))


def test_leap_day_anniversary():
    period = review_period(date(2028, 2, 29))
    assert period.start == date(2027, 3, 1)
    assert period.quarters[-1].end == date(2028, 2, 29)


def test_quarters_are_contiguous_and_cover_the_period_for_every_month_end():
    for month in range(1, 13):
        for day in (1, 15, 28, 29, 30, 31):
            try:
                anniversary = date(2026, month, day)
            except ValueError:
                continue
            period = review_period(anniversary)
            assert period.quarters[0].start == period.start and period.quarters[-1].end == anniversary
            for a, b in zip(period.quarters, period.quarters[1:]):
                assert (b.start - a.end).days == 1


def test_boundary_days_belong_to_exactly_one_quarter():
    period = review_period(date(2026, 12, 31))
    assert period.quarter_of(date(2026, 3, 31)) == 1
    assert period.quarter_of(date(2026, 4, 1)) == 2
    assert period.quarter_of(date(2025, 12, 31)) is None


def test_calendar_quarters_on_request():
    period = review_period(date(2026, 12, 31), "calendar")
    assert [(q.start.month, q.end.month) for q in period.quarters] == [(1, 3), (4, 6), (7, 9), (10, 12)]
