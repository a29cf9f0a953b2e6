"""Document type `hazard-assessment`: Hazard assessment (FLHA, JHA, formal hazard assessment)."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="hazard-assessment",
    title="Hazard assessment (FLHA, JHA, formal hazard assessment)",
    cues=(
        Cue("field level hazard assessment", 5), Cue("flha", 4), Cue("hazard assessment", 4),
        Cue("job hazard analysis", 5), Cue("jha", 3), Cue("job safety analysis", 4), Cue("hazard identification", 4),
        Cue("hazard identification and control", 5), Cue("site specific hazard assessment", 5),
        Cue("hazards", 1), Cue("controls", 1), Cue("risk", 0.5), Cue("task", 0.5), Cue("ppe", 0.5),
    ),
    date_labels=("date of assessment", "assessment date", "date assessed", "date"),
    signature_roles=(
        SignatureRole("worker", ("worker signature", "worker", "workers", "crew signature", "employee signature")),
        SignatureRole("supervisor", ("supervisor signature", "supervisor", "reviewed by")),
    ),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
