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
    FindingCode("not-applicable-refused", "warning", "A category the profile does not allow to be declared not applicable",
                ("category",), "Remove the declaration from secordoc.json and add the documents; only the categories "
                "the message names may be declared not applicable, each on its stated grounds."),
    FindingCode("duplicate-document", "warning", "The same document submitted twice (counted once)", ("document", "original"),
                "Remove the copy, or replace it with the record that was meant to be there."),
    FindingCode("possible-backdating", "warning", "Records that differ only in their dates (one form re-dated?)",
                ("document", "documents"), "Submit each record as it was made at the time of the activity; if they "
                "truly are separate records, expect the reviewer to ask about them."),
    FindingCode("date-after-submission", "warning", "A document dated after the submission date (not counted)", ("document",),
                "Check the date written on the document: a record cannot be dated after the package was submitted."),
    FindingCode("undated-training", "warning", "A training certificate with no readable completion date", ("document", "course"),
                "Send a copy of the certificate on which the completion date is legible."),
    FindingCode("training-held", "info", "Who holds a required course, and until when", ("document", "course", "holder"),
                "Nothing to do; check that the holder still works for the company."),
    FindingCode("days-left", "info", "Days left before the partner's due date", ("days",),
                "Nothing to do; submit before the due date."),
    FindingCode("review-time", "warning", "The partner's review may not finish before the due date", ("days",),
                "Submit as early as you can and tell your certifying partner; the review takes the weeks the message names."),
    FindingCode("submission-kind", "info", "The kind of submission and the records it needs", ("kind",),
                "Nothing to do if the kind is right; otherwise set \"submission\" in secordoc.json."),
    FindingCode("short-documentation-period", "error", "The records do not cover the period this kind of submission needs",
                ("kind", "months"), "Wait until the records cover the months the message names, or add the earlier records."),
    FindingCode("profile-renamed", "warning", "The profile was asked for by a retired name", ("name",),
                "Use the profile's new name (the message names it) in secordoc.json or --profile."),
)


@hookimpl
def secordoc_finding_codes() -> list[FindingCode]:
    return list(CODES)
