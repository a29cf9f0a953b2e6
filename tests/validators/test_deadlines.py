"""Due dates by the partner's anchor, the days left, and the partner's review time."""

from __future__ import annotations

from datetime import date

import pytest
from validator_helpers import compliant, of, run

from secordoc.validators.deadlines import due_date


@pytest.mark.parametrize("rule, due", [
    ("before-anniversary", date(2026, 6, 15)), ("certificate-month", date(2026, 6, 30)),
    ("calendar-year", date(2026, 12, 31)), ("none", None),
])
def test_due_date_per_anchor(rule, due):
    assert due_date(rule, date(2026, 6, 15)) == due


def test_days_left_is_information():
    days = of(run(compliant(), submitted="2026-12-01"), "days-left")
    assert [(f.severity, f.keys) for f in days] == [("info", {"days": 30})]


def test_late_is_after_the_due_date_only():
    assert of(run(compliant(), submitted="2027-01-01"), "late-submission")
    assert not of(run(compliant(), submitted="2026-12-31"), "late-submission")


@pytest.mark.parametrize("submitted, warned", [("2026-12-01", True), ("2026-10-01", False)])
def test_nsny_warns_when_its_review_time_no_longer_fits(submitted, warned):
    findings = run(compliant(), profile="nsny-secor", submitted=submitted, employees=5)
    review = of(findings, "review-time")
    assert bool(review) == warned
    if warned:
        assert review[0].severity == "warning" and review[0].assumption and "6 to 8 weeks" in review[0].message


def test_the_partner_neutral_profile_has_no_review_time():
    assert not of(run(compliant(), submitted="2026-12-30"), "review-time")
