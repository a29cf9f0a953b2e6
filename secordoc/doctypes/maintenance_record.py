"""Document type `maintenance-record`: Preventive or equipment maintenance record."""

from __future__ import annotations

from ..hookspecs import hookimpl
from .base import Cue, DocumentType, SignatureRole

DOCUMENT_TYPE = DocumentType(
    slug="maintenance-record",
    title="Preventive or equipment maintenance record",
    cues=(
        Cue("preventive maintenance", 5), Cue("preventative maintenance", 5), Cue("maintenance record", 5),
        Cue("maintenance log", 5), Cue("equipment maintenance", 5), Cue("service record", 4), Cue("vehicle maintenance", 5),
        Cue("pm record", 3), Cue("equipment id", 2), Cue("work done", 1.5), Cue("oil", 0.5), Cue("serviced", 1),
        Cue("maintenance", 1.5),
    ),
    date_labels=("date of service", "service date", "date serviced", "date performed", "date of maintenance", "date"),
    signature_roles=(SignatureRole("performed-by", ("performed by", "technician", "mechanic", "serviced by")),),
)


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [DOCUMENT_TYPE]
