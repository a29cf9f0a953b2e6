"""What a reviewer would be suspicious of, as warnings with their evidence: a document submitted
twice (counted once), a form reused with only its date changed (possible backdating), and a
document dated after the package was submitted (not counted)."""

from __future__ import annotations

from ..checking import CheckContext
from ..duplicates import find_reused, how
from ..model import Finding


def duplicates(context: CheckContext) -> list[Finding]:
    by_id = {id(d): d for d in context.readable()}
    out = []
    for key, original in context.duplicates().items():
        doc = by_id[key]
        out.append(context.finding(
            "duplicate-document",
            f"'{doc.source}' is the same document as '{original.source}' ({how(doc, original)}); it is counted once. "
            "Remove the copy, or replace it with the record it was meant to be.",
            rule="duplicates", document=doc.source, original=original.source))
    return out


def after_submission(context: CheckContext) -> list[Finding]:
    out = []
    for doc in context.readable():
        if doc.category and doc.date and doc.date > context.submitted and context.period.contains(doc.date):
            out.append(context.finding(
                "date-after-submission",
                f"'{doc.source}' is dated {doc.date}, after the submission date {context.submitted}, so it does not "
                "count: a record cannot describe an activity that had not happened yet. Check the date written on it.",
                rule="date-after-submission", document=doc.source))
    return out


def reused(context: CheckContext) -> list[Finding]:
    out = []
    counted = [d for d in context.readable() if context.counts(d)]
    for group in find_reused(counted, context.duplicates()):
        listed = ", ".join(f"'{d.source}' ({d.date})" for d in group)
        out.append(context.finding(
            "possible-backdating",
            f"{listed} read the same word for word apart from their dates: one form may have been re-dated to fill "
            "the quarters. Submit the records as they were made at the time; a reviewer will ask about these.",
            rule="backdating", document=group[-1].source, documents=[d.source for d in group]))
    return out


def findings(context: CheckContext) -> list[Finding]:
    return duplicates(context) + reused(context) + after_submission(context)
