"""Document type `incident-investigation`: Incident or near-miss investigation."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="incident-investigation",
    title="Incident or near-miss investigation",
    cues=(
        Cue("incident investigation", 5), Cue("accident investigation", 5), Cue("near miss investigation", 5),
        Cue("investigation report", 4), Cue("near miss", 2), Cue("root cause", 2), Cue("investigator", 2),
        Cue("incident", 1), Cue("corrective action", 0.5), Cue("investigation", 1.5),
    ),
    date_labels=("date investigation completed", "date completed", "date of investigation", "investigation date", "date"),
    signature_roles=(
        SignatureRole("investigator", ("investigator signature", "investigated by", "investigator")),
        SignatureRole("management", ("management review", "manager signature", "management", "reviewed by")),
    ),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
