"""Every classified document needs a clear activity date inside the review period (and, with
the reviewer's suspicions of ``suspicions``, not after the submission, and not twice)."""

from __future__ import annotations

from ..checking import CheckContext
from ..hookspecs import hookimpl
from ..model import Finding
from . import suspicions


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    out: list[Finding] = suspicions.findings(context)
    for doc in context.readable():
        if doc.category is None:
            continue
        activity = doc.activity
        if activity.value is None:
            out.append(context.finding(
                "missing-date",
                f"No activity date was found on '{doc.source}' ({activity.reason}). Make sure the date of the "
                "activity is written on it and legible; an undated document does not count for any quarter.",
                rule="activity-date", document=doc.source,
            ))
            continue
        if activity.ambiguous:
            out.append(context.finding(
                "ambiguous-date",
                f"The date '{activity.text}' on '{doc.source}' could be read two ways; it was read as "
                f"{activity.value} ({context.profile.get('date_order', 'MDY')} order). Write the month in letters "
                "or as YYYY-MM-DD to be sure.",
                rule="activity-date", document=doc.source,
            ))
        elif activity.rival is not None:
            out.append(context.finding(
                "ambiguous-date",
                f"'{doc.source}' has two dates that both look like the date of the activity: '{activity.text}' "
                f"({activity.label or 'no label'}) and '{activity.rival.text}' ({activity.rival.label or 'no label'}); "
                f"{activity.value} was taken. Make sure the form's date field holds the date the activity took place.",
                rule="activity-date", document=doc.source,
            ))
        in_period = context.category_rules().get(doc.category, {}).get("dated_in_period", True)
        if in_period and not context.period.contains(activity.value):
            out.append(context.finding(
                "date-out-of-period",
                f"'{doc.source}' is dated {activity.value}, outside the review period {context.period.start} to "
                f"{context.period.end}, so it does not count. Replace it with one from the review period.",
                rule="review-period", document=doc.source,
            ))
    return out
