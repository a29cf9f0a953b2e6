"""Required categories and quarterly coverage, as the profile's ``categories`` say; a category
may be declared not applicable only where the profile allows it (``not_applicable_when``)."""

from __future__ import annotations

from ..checking import CheckContext
from ..hookspecs import hookimpl
from ..model import Finding


def _name(slug: str) -> str:
    return slug.replace("-", " ")


def declarations(context: CheckContext) -> tuple[dict[str, str], list[Finding]]:
    """The not-applicable declarations the profile allows, and a finding for each it does not."""
    rules = context.category_rules()
    allowed = {c: r["not_applicable_when"] for c, r in rules.items() if r.get("required") and r.get("not_applicable_when")}
    accepted: dict[str, str] = {}
    refused: list[Finding] = []
    for category, reason in context.not_applicable.items():
        if category in allowed:
            accepted[category] = reason
            continue
        choices = "; ".join(f"{c} ({why})" for c, why in allowed.items()) or "none"
        refused.append(context.finding(
            "not-applicable-refused",
            f"'{category}' cannot be declared not applicable under this profile, so it is checked as usual. "
            f"Only these may be: {choices}.",
            rule="not-applicable-grounds", category=category))
    return accepted, refused


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    accepted, out = declarations(context)
    period = context.period
    coverage = context.coverage()
    quarterly = context.quarterly()
    for category, rule in context.category_rules().items():
        if not rule.get("required", False):
            continue
        if category in accepted:
            out.append(context.finding(
                "not-applicable", f"{_name(category).capitalize()}: declared not applicable ({accepted[category]}).",
                rule=category, category=category))
            continue
        docs = context.covering(category)
        per_quarter = int(rule.get("per_quarter", 0)) if quarterly else 0
        needed = max(int(rule.get("min_count", 0)), 1 if rule.get("per_quarter") else 0)
        if len(docs) < needed or (per_quarter and not docs):
            na = f", or declare it not applicable ({rule['not_applicable_when']}) in secordoc.json" if rule.get("not_applicable_when") else ""
            out.append(context.finding(
                "missing-category",
                f"No {_name(category)} dated between {period.start} and {period.end} was found. Add "
                f"{'one for each quarter' if per_quarter else 'at least one'} to the package{na}.",
                rule=category, category=category,
            ))
            continue
        for quarter in period.quarters if per_quarter else ():
            count = len(coverage[category][quarter.number])
            if count < per_quarter:
                out.append(context.finding(
                    "quarter-gap",
                    f"No {_name(category)} dated in quarter {quarter.number} ({quarter.start} to {quarter.end}). "
                    f"Add one from that quarter.",
                    rule=f"{category}.per-quarter", category=category, quarter=quarter.number,
                ))
    return out
