"""The rules of a resolved profile, each with an id, what it checks, its finding codes, its
source and its grade: one catalogue read by the validators (every finding names its rule), by
``secordoc explain`` and by ``docs/rules.md``, so the three never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Research grades (secor-rules-research.md): H stated by the partner or the law, M an old or
#: partly read partner page, L one secondary source or an inference, A a reasoned assumption.
ASSUMPTION_GRADES = ("A", "L")


@dataclass(frozen=True)
class Rule:
    id: str
    checks: str
    codes: tuple[str, ...]
    source: str
    grade: str

    @property
    def assumption(self) -> bool:
        return self.grade in ASSUMPTION_GRADES


def _name(slug: str) -> str:
    return slug.replace("-", " ")


def _provenance(item: dict[str, Any], facet: str | None = None) -> tuple[str, str]:
    """(source, grade) of a profile item, or of one facet of it (``per_quarter``, ``signatures``)."""
    own = item.get("provenance", {}).get(facet, {}) if facet else {}
    return own.get("source", item.get("source", "secordoc default")), own.get("grade", item.get("grade", "A"))


def _category_rules(category: str, rule: dict[str, Any]) -> list[Rule]:
    out: list[Rule] = []
    if not rule.get("required"):
        return out
    per_quarter = int(rule.get("per_quarter", 0))
    needed = max(int(rule.get("min_count", 0)), 1 if per_quarter else 0)
    grounds = rule.get("not_applicable_when")
    text = f"At least {needed} {_name(category)} dated inside the review period."
    text += f" May be declared not applicable when: {grounds}." if grounds else " Cannot be declared not applicable."
    out.append(Rule(category, text, ("missing-category", "not-applicable"), *_provenance(rule)))
    if per_quarter:
        out.append(Rule(f"{category}.per-quarter", f"At least {per_quarter} {_name(category)} dated in every quarter.",
                        ("quarter-gap",), *_provenance(rule, "per_quarter")))
    roles = list(rule.get("signatures", []))
    attendees = int(rule.get("min_attendee_signatures", 0))
    if roles or attendees:
        who = ", ".join(roles) + (f"; at least {attendees} attendee(s)" if attendees else "")
        out.append(Rule(f"{category}.signatures", f"Each {_name(category)} is signed by: {who}.",
                        ("missing-signature",), *_provenance(rule, "signatures")))
    return out


def _course_rule(course: dict[str, Any]) -> Rule:
    years = course.get("max_age_years")
    validity = f"completed no more than {years:g} years before the submission" if years else "no expiry checked"
    return Rule(f"training.{course['id']}", f"A dated certificate for {course['title']} ({validity}).",
                ("missing-category", "expired-training", "undated-training", "training-held"), *_provenance(course))


def catalogue(profile: dict[str, Any]) -> list[Rule]:
    """Every rule of a resolved profile, in a stable order."""
    out: list[Rule] = []
    for category, rule in profile.get("categories", {}).items():
        out += _category_rules(category, rule)
    out += [_course_rule(c) for c in profile.get("training", []) if c.get("required", True)]
    deadline = profile.get("deadline")
    if deadline and deadline.get("rule", "none") != "none":
        weeks = deadline.get("review_weeks")
        review = f"; the partner's review takes {weeks[0]}-{weeks[1]} weeks" if weeks else ""
        out.append(Rule("deadline", f"Submitted on or before the due date ({deadline['rule']}){review}.",
                        ("late-submission", "days-left", "review-time"), *_provenance(deadline)))
    size = profile.get("max_employees")
    if size:
        bound = f"{size['limit']} or fewer" if size["inclusive"] else f"fewer than {size['limit']}"
        out.append(Rule("max-employees", f"The employer has {bound} employees.", ("ineligible-size",), *_provenance(size)))
    period = profile.get("documentation_period")
    if period:
        what = "; ".join(f"{kind}: {months} months of records" for kind, months in period["months"].items())
        out.append(Rule("documentation-period", f"Records cover the period the kind of submission needs ({what}).",
                        ("short-documentation-period", "submission-kind"), *_provenance(period)))
    for rule_id, check in profile.get("checks", {}).items():
        out.append(Rule(rule_id, check["checks"], tuple(check["codes"]), *_provenance(check)))
    return out


def by_id(profile: dict[str, Any]) -> dict[str, Rule]:
    return {r.id: r for r in catalogue(profile)}


def for_code(rules: dict[str, Rule], code: str) -> Rule | None:
    """The one rule that reports ``code`` when a validator did not name its rule."""
    return next((r for r in rules.values() if code in r.codes), None)
