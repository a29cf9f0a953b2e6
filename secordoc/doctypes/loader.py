"""Document types from JSON (``secordoc schema doctype``): the built-in ones and a partner's alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InvalidProfileError
from ..schemas import errors
from .base import Cue, DocumentType, SignatureRole


def load_document_type(source: str | Path | dict[str, Any]) -> DocumentType:
    """A ``DocumentType`` from a JSON file or dict, validated against the doctype schema."""
    data = source if isinstance(source, dict) else json.loads(Path(source).read_text("utf-8"))
    problems = errors("doctype", data)
    if problems:
        where = source if not isinstance(source, dict) else data.get("slug", "a document type")
        raise InvalidProfileError(f"Document type {where} is not valid: {'; '.join(problems[:3])}",
                           "Fix it to match `secordoc schema doctype`.")
    return DocumentType(
        slug=data["slug"],
        title=data["title"],
        description=data.get("description", ""),
        titles=tuple(Cue(c["phrase"], float(c["weight"])) for c in data["titles"]),
        cues=tuple(Cue(c["phrase"], float(c["weight"])) for c in data["cues"]),
        date_labels=tuple(data["date_labels"]),
        not_activity_labels=tuple(data.get("not_activity_date_labels", ())),
        fallback_date_labels=tuple(data.get("fallback_date_labels", ())),
        sign_in_role=data.get("sign_in_role", "attendee"),
        signature_roles=tuple(SignatureRole(r["role"], tuple(r["labels"]), bool(r.get("optional", False)))
                              for r in data["signature_roles"]),
        sources=tuple(data.get("sources", ())),
    )
