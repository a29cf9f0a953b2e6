"""The review period and its quarters.

The period is the 12 months ending on the anniversary date (start = anniversary minus 12 months
plus one day). Quarter k starts at start + 3(k-1) months, the day clamped to the month's end,
so an anniversary on 29 February or the 31st still gives four contiguous quarters.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

QuarterBasis = Literal["review-period", "calendar"]


def add_months(value: date, months: int) -> date:
    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    return date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Quarter:
    number: int
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class ReviewPeriod:
    start: date
    end: date
    quarters: tuple[Quarter, ...]

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def quarter_of(self, day: date) -> int | None:
        for quarter in self.quarters:
            if quarter.contains(day):
                return quarter.number
        return None


def review_period(anniversary: date, basis: QuarterBasis = "review-period") -> ReviewPeriod:
    start = add_months(anniversary, -12) + timedelta(days=1)
    if basis == "calendar":
        quarters = _calendar_quarters(start, anniversary)
    else:
        starts = [add_months(start, 3 * k) for k in range(4)]
        ends = [s - timedelta(days=1) for s in starts[1:]] + [anniversary]
        quarters = tuple(Quarter(k + 1, s, e) for k, (s, e) in enumerate(zip(starts, ends)))
    return ReviewPeriod(start, anniversary, quarters)


def _calendar_quarters(start: date, end: date) -> tuple[Quarter, ...]:
    """Calendar quarters (Jan-Mar, ...) overlapping the period, clipped to it and numbered in order:
    a period that does not start on a quarter boundary has five, the first and last partial."""
    out: list[Quarter] = []
    cursor = date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    while cursor <= end:
        q_end = add_months(cursor, 3) - timedelta(days=1)
        out.append(Quarter(len(out) + 1, max(cursor, start), min(q_end, end)))
        cursor = add_months(cursor, 3)
    return tuple(out)
