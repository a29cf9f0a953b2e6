"""The ten SECOR document types shipped with secordoc: JSON data read through the same hook a
partner's types use (``secordoc/doctypes/data/*.json``, ``secordoc schema doctype``)."""

from __future__ import annotations

from importlib import resources

from ..doctypes.base import DocumentType
from ..doctypes.loader import load_document_type
from ..hookspecs import hookimpl


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    folder = resources.files("secordoc").joinpath("doctypes", "data")
    return [load_document_type(str(p)) for p in sorted(folder.iterdir(), key=lambda p: p.name) if p.name.endswith(".json")]
