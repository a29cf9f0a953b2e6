"""Required training courses: a certificate for each, recent enough where the course expires."""

from __future__ import annotations

from datetime import date

from ..checking import CERTIFICATE, CheckContext
from ..hookspecs import hookimpl
from ..model import Finding
from ..periods import add_months


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for course in context.profile.get("training", []):
        if not course.get("required", True):
            continue
        held = context.certificates_for(course)
        if not held:
            out.append(context.finding(
                "missing-category",
                f"No certificate for {course['title']} was found. Add a copy of the certificate of completion.",
                category=CERTIFICATE, course=course["id"],
            ))
            continue
        years = course.get("max_age_years")
        if not years:
            continue
        oldest_allowed = add_months(context.submitted, -int(round(years * 12)))
        dated = [d for d in held if d.date]
        if dated and all(d.date < oldest_allowed for d in dated):  # type: ignore[operator]
            newest = max(dated, key=lambda d: d.date or date.min)
            out.append(context.finding(
                "expired-training",
                f"The {course['title']} certificate '{newest.source}' is dated {newest.date}, more than {years:g} "
                f"years before the submission date {context.submitted}. Add a current certificate (taken on or "
                f"after {oldest_allowed}).",
                document=newest.source, course=course["id"],
            ))
    return out
