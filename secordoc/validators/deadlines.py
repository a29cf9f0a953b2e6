"""Submission deadline and the small-employer size limit, as the profile states them."""

from __future__ import annotations

from ..checking import CheckContext
from ..hookspecs import hookimpl
from ..model import Finding


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    deadline = context.profile.get("deadline", {}).get("rule", "none")
    if deadline == "before-anniversary" and context.submitted > context.anniversary:
        out.append(context.finding(
            "late-submission",
            f"The submission date {context.submitted} is after the anniversary date {context.anniversary}; it was "
            "due before the anniversary. Contact your certifying partner right away.",
        ))
    size = context.profile.get("max_employees")
    if size and context.employees is not None:
        limit, inclusive = size["limit"], size["inclusive"]
        if context.employees > limit or (not inclusive and context.employees >= limit):
            bound = f"{limit} or fewer" if inclusive else f"fewer than {limit}"
            out.append(context.finding(
                "ineligible-size",
                f"The package declares {context.employees} employees; SECOR under this profile is for {bound}. "
                "Check the count with your certifying partner (the COR program applies above the limit).",
                employees=context.employees, limit=limit,
            ))
    return out
