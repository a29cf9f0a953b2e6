"""Document type `site-inspection`: Workplace or site inspection."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="site-inspection",
    title="Workplace or site inspection",
    cues=(
        Cue("workplace inspection", 5), Cue("site inspection", 5), Cue("worksite inspection", 5),
        Cue("inspection checklist", 4), Cue("inspection report", 4), Cue("safety inspection", 4),
        Cue("shop inspection", 4), Cue("office inspection", 4), Cue("inspected by", 2), Cue("area inspected", 2),
        Cue("inspection", 1), Cue("corrective action", 1), Cue("unsafe condition", 1),
    ),
    date_labels=("date of inspection", "inspection date", "date inspected", "date"),
    signature_roles=(SignatureRole("inspector", ("inspected by", "inspector signature", "inspector")),),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
