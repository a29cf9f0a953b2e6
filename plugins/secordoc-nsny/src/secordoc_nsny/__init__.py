"""secordoc-nsny: Northern Safety Network Yukon's SECOR rules, as a secordoc plugin.

Contributes the ``nsny-secor`` profile (the Annual Documentation Review Submission list, PHSM,
LSE and RTW training) and two rules that need logic, reading their numbers from the profile's
``partner_rules``:

- the 3-year cycle: the certificate's issue date is the anniversary; years 2 and 3 need the
  annual documentation review before the anniversary; year 4 needs a re-certifying external
  audit. Give the issue date as ``partner.certificate_issued`` in secordoc.json;
- at least half of the supervisors hold a valid LSE certificate (3 years, 6-month grace). Give
  the number of supervisors as ``partner.supervisors``.
"""

from __future__ import annotations

import math
from datetime import date
from importlib import resources

from secordoc.checking import CheckContext
from secordoc.findings import FindingCode
from secordoc.hookspecs import hookimpl
from secordoc.model import Finding
from secordoc.periods import add_months

__version__ = "1.0.0"
PROFILE = "nsny-secor"


@hookimpl
def secordoc_profiles() -> list[str]:
    return [str(resources.files(__name__).joinpath("nsny-secor.json"))]


@hookimpl
def secordoc_finding_codes() -> list[FindingCode]:
    return [
        FindingCode("nsny-cycle-step", "info", "Which step of the NSNY cycle is due", (),
                    "Nothing to fix: it says what NSNY expects this year."),
        FindingCode("nsny-recertification-due", "error", "The 3-year certificate needs a re-certifying audit", (),
                    "Book a re-certifying external audit with NSNY; an annual review does not renew the certificate."),
        FindingCode("nsny-anniversary-mismatch", "warning", "The anniversary is not the certificate's issue date", (),
                    "Use the certificate's issue date as the anniversary date (NSNY)."),
        FindingCode("nsny-lse-supervisors", "error", "Fewer than half of the supervisors hold a valid LSE", (),
                    "Add current LSE certificates so that at least half of the supervisors are covered."),
    ]


def _rules(context: CheckContext) -> dict | None:
    rules = context.profile.get("partner_rules", {})
    return rules if "lse_supervisor_share" in rules else None


def _cycle(context: CheckContext, rules: dict) -> list[Finding]:
    issued_text = context.manifest.get("partner", {}).get("certificate_issued")
    if not issued_text:
        return []
    issued = date.fromisoformat(issued_text)
    out: list[Finding] = []
    if (issued.month, issued.day) != (context.anniversary.month, context.anniversary.day):
        out.append(context.finding("nsny-anniversary-mismatch",
                                   f"The certificate was issued on {issued}, so its anniversary is {issued.month:02d}-{issued.day:02d} "
                                   f"each year, but the check uses {context.anniversary}. Use the issue date's day and month."))
    years = rules["certificate_years"]
    # which anniversary of the issue date this check comes before: the 1st opens year 2, the 3rd ends the certificate
    n = context.anniversary.year - issued.year - (1 if (context.anniversary.month, context.anniversary.day) < (issued.month, issued.day) else 0)
    year = n + 1
    if n >= years:
        out.append(context.finding("nsny-recertification-due",
                                   f"Your certificate issued {issued} was valid {years} years, until {add_months(issued, 12 * years)}. "
                                   "This year NSNY needs a re-certifying external audit, not an annual documentation review: book it with NSNY."))
    elif n >= 1:
        out.append(context.finding("nsny-cycle-step",
                                   f"Year {year} of your {years}-year certificate (issued {issued}): the Annual Documentation Review "
                                   f"Submission is due to NSNY before {context.anniversary}. Approval brings a one-year Letter of Good Standing."))
    else:
        out.append(context.finding("nsny-cycle-step",
                                   f"Year 1 of your certificate (issued {issued}): the first annual documentation review is due before "
                                   f"the next anniversary, {add_months(issued, 12)}."))
    return out


def _lse(context: CheckContext, rules: dict) -> list[Finding]:
    supervisors = context.manifest.get("partner", {}).get("supervisors")
    if not supervisors:
        return []
    course = next((c for c in context.profile.get("training", []) if c["id"] == "lse"), None)
    if course is None:
        return []
    valid_from = add_months(context.submitted, -12 * int(course.get("max_age_years") or 3) - int(rules["lse_grace_months"]))
    held = [d for d in context.certificates_for(course) if d.date and d.date >= valid_from]
    needed = math.ceil(supervisors * rules["lse_supervisor_share"])
    if len(held) >= needed:
        return []
    return [context.finding("nsny-lse-supervisors",
                            f"{len(held)} valid LSE certificate(s) for {supervisors} supervisors; NSNY needs at least {needed} "
                            f"({rules['lse_supervisor_share']:.0%}). Add the certificates of supervisors who hold LSE, or have more take it.")]


@hookimpl
def secordoc_validate(context: CheckContext) -> list[Finding]:
    rules = _rules(context)
    if rules is None:
        return []
    return _cycle(context, rules) + _lse(context, rules)
