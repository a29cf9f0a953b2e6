"""Document type `orientation`: New or young worker orientation."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="orientation",
    title="New or young worker orientation",
    cues=(
        Cue("new worker orientation", 6), Cue("worker orientation", 5), Cue("safety orientation", 5),
        Cue("orientation checklist", 5), Cue("young worker orientation", 6), Cue("orientation record", 4),
        Cue("orientation", 2), Cue("right to refuse", 1.5), Cue("rights and responsibilities", 1),
    ),
    date_labels=("date of orientation", "orientation date", "date oriented", "date"),
    signature_roles=(
        SignatureRole("worker", ("worker signature", "new worker", "employee signature", "worker", "orientee")),
        SignatureRole("supervisor", ("supervisor signature", "supervisor", "orientation given by", "orienter")),
    ),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
