"""Document type `toolbox-meeting`: Toolbox, tailgate or safety meeting."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="toolbox-meeting",
    title="Toolbox, tailgate or safety meeting",
    cues=(
        Cue("toolbox talk", 5), Cue("toolbox meeting", 5), Cue("tool box talk", 5), Cue("tailgate meeting", 5),
        Cue("tailgate talk", 5), Cue("safety meeting", 4), Cue("safety meeting minutes", 5), Cue("crew talk", 3),
        Cue("meeting minutes", 2), Cue("attendees", 1.5), Cue("attendee", 1.5), Cue("topic", 1), Cue("meeting", 1),
    ),
    date_labels=("meeting date", "date of meeting", "date held", "date"),
    signature_roles=(
        SignatureRole("meeting-leader", ("meeting leader", "facilitator", "presented by", "conducted by", "chair")),
        SignatureRole("attendee", ("attendee signature", "attendees", "signature")),
    ),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
