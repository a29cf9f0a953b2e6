"""The kind of submission (initial, annual, re-certification) and the documentation period it
needs (research 3.4), and a note when the profile was asked for by a retired name."""

from __future__ import annotations

from datetime import date

from ..checking import CheckContext
from ..model import Finding
from ..periods import add_months


def documentation_period(context: CheckContext) -> list[Finding]:
    period = context.profile.get("documentation_period")
    if not period:
        return []
    kind = context.submission_kind()
    months = period["months"].get(kind)
    if months is None:
        return [context.finding(
            "submission-kind", f"This profile does not describe a '{kind}' submission; it knows "
            f"{', '.join(period['months'])}. Checked as an annual one.", rule="documentation-period", kind=kind)]
    note = period.get("notes", {}).get(kind, "")
    out = [context.finding(
        "submission-kind", f"{kind.capitalize()} submission: records covering {months} months are needed. {note}".strip(),
        rule="documentation-period", kind=kind)]
    if context.quarterly():
        return out  # the quarterly coverage of the review period is the check
    records = {c for c, r in context.category_rules().items() if r.get("required") and r.get("dated_in_period", True)}
    dates = [d.date for d in context.readable() if d.category in records and context.counts(d) and d.date]
    needed_from = add_months(context.submitted, -months)
    earliest: date | None = min(dates) if dates else None
    if earliest is None or earliest > needed_from:
        since = f"the earliest record is dated {earliest}" if earliest else "no dated record counts"
        out.append(context.finding(
            "short-documentation-period",
            f"An {kind} submission needs at least {months} months of records, from {needed_from} or earlier to the "
            f"submission date {context.submitted}; {since}. Wait until the records cover {months} months, or add the "
            "earlier ones.", rule="documentation-period", kind=kind, months=months))
    return out


def renamed(context: CheckContext) -> list[Finding]:
    old = context.profile.get("renamed_from")
    if not old:
        return []
    return [context.finding(
        "profile-renamed",
        f"The profile name '{old['name']}' is retired: {old['note']} This check used '{context.profile['name']}'; "
        "use that name from now on.", rule="profile-name", name=old["name"])]


def findings(context: CheckContext) -> list[Finding]:
    return documentation_period(context) + renamed(context)
