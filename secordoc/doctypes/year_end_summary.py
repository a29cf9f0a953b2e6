"""Document type `year-end-summary`: Year-end safety activity summary."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="year-end-summary",
    title="Year-end safety activity summary",
    cues=(
        Cue("year end safety activity summary", 8), Cue("year end summary", 6), Cue("safety activity summary", 6),
        Cue("annual safety activity", 5), Cue("annual safety summary", 5), Cue("annual summary", 3),
        Cue("inspections completed", 1.5), Cue("meetings held", 1.5), Cue("statistics", 1),
    ),
    date_labels=("date prepared", "prepared on", "date of report", "date"),
    signature_roles=(SignatureRole("owner", ("owner", "senior manager", "president", "general manager")),),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
