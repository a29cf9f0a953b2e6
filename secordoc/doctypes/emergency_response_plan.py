"""Document type `emergency-response-plan`: Emergency response plan or drill record."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="emergency-response-plan",
    title="Emergency response plan or drill record",
    cues=(
        Cue("emergency response plan", 6), Cue("emergency drill", 5), Cue("drill record", 4), Cue("emergency plan", 4),
        Cue("evacuation", 1.5), Cue("muster point", 2), Cue("emergency contacts", 1.5), Cue("fire drill", 4), Cue("drill", 1),
    ),
    date_labels=("date reviewed", "date of drill", "drill date", "date approved", "review date", "date"),
    signature_roles=(SignatureRole("approver", ("approved by", "approver", "authorized by")),),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
