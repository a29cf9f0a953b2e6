"""Document type `training-certificate`: Training certificate (PHSM, First Aid, LSE, CSTS...)."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="training-certificate",
    title="Training certificate (PHSM, First Aid, LSE, CSTS...)",
    cues=(
        Cue("certificate of completion", 6), Cue("certificate of achievement", 5), Cue("has successfully completed", 4),
        Cue("successfully completed", 3), Cue("this certifies that", 3), Cue("this is to certify", 3),
        Cue("principles of health safety management", 3), Cue("phsm", 2), Cue("standard first aid", 3),
        Cue("leadership for safety excellence", 3), Cue("csts", 2), Cue("certificate", 1.5), Cue("course", 1),
    ),
    date_labels=("date completed", "completion date", "date of completion", "issued", "date issued", "date"),
    signature_roles=(SignatureRole("instructor", ("instructor", "trainer", "authorized signature")),),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
