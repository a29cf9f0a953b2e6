"""Required training courses: a dated certificate for each, recent enough where the course
expires, with whose certificate it is (an undated certificate cannot prove it is current)."""

from __future__ import annotations

from datetime import date

from ..checking import CERTIFICATE, AnalysedDocument, CheckContext
from ..hookspecs import hookimpl
from ..model import Finding
from ..periods import add_months
from ..recognition.certificate_holder import holder


def holder_of(doc: AnalysedDocument) -> str | None:
    return holder(line for page in doc.extracted.pages for line in page.text.splitlines())


def _whose(doc: AnalysedDocument) -> str:
    name = holder_of(doc)
    return f"{name}'s" if name else "the"


def _course(context: CheckContext, course: dict) -> list[Finding]:  # type: ignore[type-arg]
    rule = f"training.{course['id']}"
    held = [d for d in context.certificates_for(course) if id(d) not in context.duplicates()]
    if not held:
        return [context.finding(
            "missing-category",
            f"No certificate for {course['title']} was found. Add a copy of the certificate of completion.",
            rule=rule, category=CERTIFICATE, course=course["id"],
        )]
    dated = [d for d in held if d.date]
    if not dated:
        names = ", ".join(f"'{d.source}'" for d in held)
        return [context.finding(
            "undated-training",
            f"The {course['title']} certificate {names} has no completion date that could be read, so whether it is "
            "current cannot be shown. Send a copy on which the date of completion is legible.",
            rule=rule, document=held[0].source, course=course["id"],
        )]
    newest = max(dated, key=lambda d: d.date or date.min)
    years = course.get("max_age_years")
    if years:
        oldest_allowed = add_months(context.submitted, -int(round(years * 12)))
        if newest.date and newest.date < oldest_allowed:
            return [context.finding(
                "expired-training",
                f"The {course['title']} certificate '{newest.source}' ({_whose(newest)} certificate) is dated "
                f"{newest.date}, more than {years:g} years before the submission date {context.submitted}. Add a "
                f"current certificate (taken on or after {oldest_allowed}).",
                rule=rule, document=newest.source, course=course["id"],
            )]
    valid = f", valid until {add_months(newest.date, int(round(years * 12)))}" if years and newest.date else ", no expiry"
    return [context.finding(
        "training-held",
        f"{course['title']}: held by {holder_of(newest) or 'a person whose name could not be read'} "
        f"('{newest.source}', completed {newest.date}{valid}).",
        rule=rule, document=newest.source, course=course["id"], holder=holder_of(newest),
    )]


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for course in context.profile.get("training", []):
        if course.get("required", True):
            out += _course(context, course)
    return out
