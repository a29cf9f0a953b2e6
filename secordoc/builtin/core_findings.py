"""The core's finding codes (part of the report contract: codes and keys never change meaning)."""

from __future__ import annotations

from ..findings import FindingCode
from ..hookspecs import hookimpl

CODES = (
    FindingCode("missing-category", "error", "A required kind of document is missing", ("category",),
                "Add at least one document of this kind dated inside the review period, or, if it truly does not "
                "apply this year, say so with a reason under not_applicable in secordoc.json."),
    FindingCode("quarter-gap", "error", "No document of a recurring kind in one quarter", ("category", "quarter"),
                "Add a document of this kind dated inside that quarter."),
    FindingCode("missing-date", "warning", "No activity date found on a document", ("document",),
                "Make sure the date of the activity is written on the form (for example 'Date of inspection: "
                "2026-03-14') and legible on the scan."),
    FindingCode("ambiguous-date", "warning", "A date could be read two ways", ("document",),
                "Write the date with the month in letters (14 March 2026) or as 2026-03-14."),
    FindingCode("date-out-of-period", "warning", "A document is dated outside the review period", ("document",),
                "Replace it with a document from the review period, or check the anniversary date."),
    FindingCode("unreadable-document", "error", "A file could not be read", ("document",),
                "Send a readable copy: an unprotected PDF, or a clear scan or photo."),
    FindingCode("unclassified-document", "warning", "secordoc could not tell what a document is", ("document",),
                "If it is evidence, make sure its title says what it is (e.g. 'Site Inspection'); otherwise remove it."),
    FindingCode("expired-training", "error", "A required training certificate is missing or too old", ("document",),
                "Add a current certificate for the course, or have someone take the course before submitting."),
    FindingCode("late-submission", "error", "Submitted after the anniversary date", (),
                "Contact your certifying partner right away: the submission was due before the anniversary date."),
    FindingCode("ineligible-size", "error", "Too many employees for SECOR", ("employees", "limit"),
                "Check the employee count with your certifying partner; above the limit the COR program applies."),
    FindingCode("missing-signature", "error", "A required signature is missing", ("document", "role"),
                "Have the named person sign the line on the form (a typed or printed name is not a signature), "
                "then scan or send it again."),
    FindingCode("invalid-digital-signature", "error", "A digital signature is broken or the file changed after signing",
                ("document",), "Send the file exactly as it was signed, or sign it again."),
    FindingCode("not-applicable", "info", "A category declared not applicable", ("category",),
                "Nothing to do if the reason is true; the reviewer will read it."),
    FindingCode("document-warning", "info", "Something a reviewer should know about a file", ("document",),
                "Nothing to fix unless the note says otherwise."),
)


@hookimpl
def secordoc_finding_codes() -> list[FindingCode]:
    return list(CODES)
