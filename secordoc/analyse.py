"""Classify and date each extracted file, with the document types every plugin contributed."""

from __future__ import annotations

from typing import Any

from .checking import AnalysedDocument
from .classify import Classification, classify
from .dates import ActivityDate, choose_activity_date
from .doctypes.base import DocumentType
from .errors import PluginError
from .model import ExtractedFile
from .periods import ReviewPeriod
from .plugin_manager import SecordocPluginManager
from .textnorm import normalise

GENERIC_DATE_LABELS = ("date",)


def document_types(pm: SecordocPluginManager) -> dict[str, tuple[DocumentType, str]]:
    """Every contributed type by slug, with the plugin that contributed it."""
    out: dict[str, tuple[DocumentType, str]] = {}
    answers = pm.each_result("secordoc_document_types", "a list of DocumentType",
                             lambda r: isinstance(r, list) and all(isinstance(t, DocumentType) for t in r))
    for plugin, types in answers:
        for doc_type in types:
            if doc_type.slug in out:
                raise PluginError(
                    f"Document type '{doc_type.slug}' is contributed twice: by {out[doc_type.slug][1]} and {plugin}.",
                    "Uninstall one of the two plugins.",
                )
            out[doc_type.slug] = (doc_type, plugin)
    return out


def analyse(
    files: list[ExtractedFile], types: dict[str, tuple[DocumentType, str]], period: ReviewPeriod | None, date_order: Any
) -> list[AnalysedDocument]:
    out: list[AnalysedDocument] = []
    type_list = [t for t, _ in types.values()]
    for item in files:
        if item.file.status != "read":
            continue
        text = "\n".join(p.text for p in item.pages)
        fields_text = "\n".join(f"{k}: {v}" for k, v in item.fields.items())
        classification = classify(f"{text}\n{fields_text}", item.file.path, type_list) if text.strip() else Classification(None, 0.0, ("no text",))
        labels = types[classification.category][0].date_labels if classification.category else GENERIC_DATE_LABELS
        activity = choose_activity_date(text, item.fields, labels, date_order) if text.strip() or item.fields else ActivityDate(None, reason="no text")
        quarter = period.quarter_of(activity.value) if period and activity.value else None
        doc_type = types[classification.category][0] if classification.category else None
        signatures = assign_roles(doc_type, item)
        out.append(AnalysedDocument(item.file.path, item, classification, activity, quarter, signatures))
    return out


def _role_of(doc_type: DocumentType | None, mark: dict[str, Any]) -> str:
    if mark.get("row", "") and str(mark.get("row")).startswith("row "):
        return "attendee"
    label = normalise(mark["label"])
    best, length = "signer", 0
    for role in doc_type.signature_roles if doc_type else ():
        for phrase in role.labels:
            if f" {phrase} " in label and len(phrase) > length:
                best, length = role.role, len(phrase)
    return best


def assign_roles(doc_type: DocumentType | None, item: ExtractedFile) -> tuple[dict[str, Any], ...]:
    """Each signature field of the document with its role, from its label and the document type."""
    out: list[dict[str, Any]] = []
    for page in item.pages:
        for mark in page.signatures:
            out.append({"role": _role_of(doc_type, mark), "label": mark["label"], "signed": mark["signed"],
                        "method": mark["method"], "page": page.number, "box": mark["box"],
                        "confidence": mark["confidence"], "row": mark.get("row")})
    for sig in item.digital_signatures:
        signed = bool(sig.get("filled")) and sig.get("integrity", "intact") == "intact"
        out.append({"role": "digital", "label": sig["name"], "signed": signed,
                    "method": "digital" if sig.get("filled") else "none", "page": sig.get("page", 1),
                    "box": sig.get("box", [0, 0, 0, 0]), "confidence": 1.0, "row": None,
                    "integrity": sig.get("integrity")})
    return tuple(out)
