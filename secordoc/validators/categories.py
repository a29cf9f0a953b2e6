"""Required categories and quarterly coverage, as the profile's ``categories`` say."""

from __future__ import annotations

from ..checking import CheckContext
from ..hookspecs import hookimpl
from ..model import Finding


def _name(slug: str) -> str:
    return slug.replace("-", " ")


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    period = context.period
    coverage = context.coverage()
    for category, rule in context.category_rules().items():
        if not rule.get("required", False):
            continue
        if category in context.not_applicable:
            out.append(context.finding(
                "not-applicable", f"{_name(category).capitalize()}: declared not applicable ({context.not_applicable[category]}).",
                category=category))
            continue
        docs = context.covering(category)
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
            count = len(coverage[category][quarter.number])
            if count < per_quarter:
                out.append(context.finding(
                    "quarter-gap",
                    f"No {_name(category)} dated in quarter {quarter.number} ({quarter.start} to {quarter.end}). "
                    f"Add one from that quarter.",
                    category=category, quarter=quarter.number,
                ))
    return out
