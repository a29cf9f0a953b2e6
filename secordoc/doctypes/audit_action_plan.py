"""Document type `audit-action-plan`: Audit action plan progress."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="audit-action-plan",
    title="Audit action plan progress",
    cues=(
        Cue("audit action plan", 6), Cue("action plan progress", 5), Cue("corrective action plan", 4),
        Cue("action plan", 3), Cue("audit element", 2), Cue("action item", 1.5), Cue("progress", 1), Cue("audit", 1),
    ),
    date_labels=("date updated", "progress date", "date of update", "date reviewed", "date"),
    signature_roles=(SignatureRole("responsible-person", ("responsible person", "owner signature", "signed by")),),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
