"""Required categories and quarterly coverage, as the profile's ``categories`` say."""

from __future__ import annotations

from ..checking import AnalysedDocument, CheckContext
from ..hookspecs import hookimpl
from ..model import Finding


def _covering(context: CheckContext, category: str) -> list[AnalysedDocument]:
    """Readable, classified and dated inside the period (signed or not: that is its own finding)."""
    return [d for d in context.readable() if d.category == category and d.date and context.period.contains(d.date)]


def _name(slug: str) -> str:
    return slug.replace("-", " ")


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    period = context.period
    for category, rule in context.category_rules().items():
        if not rule.get("required", False):
            continue
        if category in context.not_applicable:
            out.append(context.finding(
                "not-applicable", f"{_name(category).capitalize()}: declared not applicable ({context.not_applicable[category]}).",
                category=category))
            continue
        docs = _covering(context, category)
        per_quarter = int(rule.get("per_quarter", 0))
        needed = max(int(rule.get("min_count", 0)), 1 if per_quarter else 0)
        if len(docs) < needed or (per_quarter and not docs):
            out.append(context.finding(
                "missing-category",
                f"No {_name(category)} dated between {period.start} and {period.end} was found. Add "
                f"{'one for each quarter' if per_quarter else 'at least one'} to the package"
                f"{'' if per_quarter else ', or declare it not applicable with a reason in secordoc.json'}.",
                category=category,
            ))
            continue
        for quarter in period.quarters if per_quarter else ():
            count = sum(1 for d in docs if d.date and quarter.contains(d.date))
            if count < per_quarter:
                out.append(context.finding(
                    "quarter-gap",
                    f"No {_name(category)} dated in quarter {quarter.number} ({quarter.start} to {quarter.end}). "
                    f"Add one from that quarter.",
                    category=category, quarter=quarter.number,
                ))
    return out
