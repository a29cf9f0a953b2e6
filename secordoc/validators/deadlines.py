"""Submission deadline (by the partner's anchor: the anniversary, the certificate's month, the
calendar year), the days left and the partner's review time, and the small-employer size limit."""

from __future__ import annotations

import calendar
from datetime import date

from ..checking import CheckContext
from ..hookspecs import hookimpl
from ..model import Finding
from . import submission

ANCHORS = {
    "before-anniversary": "the anniversary date",
    "certificate-month": "the end of the month printed on the certificate",
    "calendar-year": "the end of the calendar year",
}


def due_date(rule: str, anniversary: date) -> date | None:
    """The last day a submission is on time under a profile's ``deadline.rule``."""
    if rule == "before-anniversary":
        return anniversary
    if rule == "certificate-month":
        return date(anniversary.year, anniversary.month, calendar.monthrange(anniversary.year, anniversary.month)[1])
    if rule == "calendar-year":
        return date(anniversary.year, 12, 31)
    return None


def _deadline(context: CheckContext) -> list[Finding]:
    deadline = context.profile.get("deadline", {})
    rule = deadline.get("rule", "none")
    due = due_date(rule, context.anniversary)
    if due is None:
        return []
    if context.submitted > due:
        return [context.finding(
            "late-submission",
            f"The submission date {context.submitted} is after the due date {due} ({ANCHORS[rule]}, anniversary "
            f"{context.anniversary}). Contact your certifying partner right away.", rule="deadline")]
    left = (due - context.submitted).days
    out = [context.finding("days-left", f"{left} day(s) left between the submission date {context.submitted} and the "
                           f"due date {due} ({ANCHORS[rule]}).", rule="deadline", days=left)]
    weeks = deadline.get("review_weeks")
    if weeks and left < 7 * weeks[1]:
        out.append(context.finding(
            "review-time",
            f"The partner's review takes {weeks[0]} to {weeks[1]} weeks and only {left} day(s) are left before {due}: "
            "the review may not be finished by then. Submit as early as you can and tell the partner.",
            rule="deadline", days=left))
    return out


def _size(context: CheckContext) -> list[Finding]:
    size = context.profile.get("max_employees")
    if not size or context.employees is None:
        return []
    limit, inclusive = size["limit"], size["inclusive"]
    if context.employees > limit or (not inclusive and context.employees >= limit):
        bound = f"{limit} or fewer" if inclusive else f"fewer than {limit}"
        return [context.finding(
            "ineligible-size",
            f"The package declares {context.employees} employees; SECOR under this profile is for {bound}. "
            "Check the count with your certifying partner (the COR program applies above the limit).",
            rule="max-employees", employees=context.employees, limit=limit,
        )]
    return []


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    return _deadline(context) + _size(context) + submission.findings(context)
