"""Signatures, after classification: for each role the document type names, is it signed?

Runs on cached data only (the page layouts with their ink marks), so a re-check never reads a
page again. Each field found on the pages gets a role from its label, its table row or its
column headers, matched against the type's role vocabulary (data), and a decision from the ink
inside its region: on born-digital pages a drawn path or a pasted image (read from the PDF's own
objects), on scans and photos what remains after rules and printed words are taken out. A typed
name is text, never ink. Digital signatures (PDF /Sig) that are intact count for the role their
field names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..api import FieldSignature, RoleSignature, SignatureMethod
from ..doctypes.base import DocumentType
from ..layout.model import PageLayout
from ..model import Box, InkMark
from ..textnorm import has_phrase, normalise
from .signature_fields import SignatureField, find_fields

#: How much ink makes a signature, per way of seeing it: a vector stroke's length in points,
#: a raster's dark area in square points. A pen signature is far above both; a speck, a stray
#: dot or a check mark's corner is below.
MIN_PATH_LENGTH = 25.0
MIN_RASTER_AREA = 5.0
MIN_INK_WIDTH = 12.0
GENERIC_ROLE = "signer"
ATTENDEE = "attendee"


@dataclass(frozen=True)
class FieldDecision:
    field: SignatureField
    role: str
    signed: bool
    method: SignatureMethod  # pdf-objects | raster | none
    confidence: float
    ink: float


def ink_decision(marks: Sequence[InkMark]) -> tuple[bool, SignatureMethod, float, float]:
    """Signed?, method, confidence, amount of ink, from the marks inside a field."""
    if not marks:
        return False, "none", 0.9, 0.0
    vector = [m for m in marks if m.kind in ("path", "image", "annotation")]
    raster = [m for m in marks if m.kind == "raster"]
    width = max(m.box[2] for m in marks) - min(m.box[0] for m in marks)
    if vector:
        amount = sum(m.strength for m in vector)
        signed = width >= MIN_INK_WIDTH and (any(m.kind != "path" for m in vector) or amount >= MIN_PATH_LENGTH)
        return signed, "pdf-objects" if signed else "none", 0.95 if signed else 0.8, round(amount, 1)
    amount = sum(m.strength for m in raster)
    signed = amount >= MIN_RASTER_AREA and width >= MIN_INK_WIDTH
    margin = min(1.0, abs(amount - MIN_RASTER_AREA) / MIN_RASTER_AREA)
    return signed, "raster" if signed else "none", round(0.5 + 0.45 * margin, 2), round(amount, 1)


def _ink_across_rows(layout: PageLayout, cell: Box) -> list[InkMark]:
    """Ink in a sign-in table's cell that is part of a mark taller than the cell: signatures in
    neighbouring rows that touch are one mark on a scan, and each of those rows was signed. The
    mark must cross most of the cell's height over a signature's width."""
    height = cell[3] - cell[1]
    out = []
    for mark in layout.ink:
        across = min(mark.box[3], cell[3]) - max(mark.box[1], cell[1])
        wide = min(mark.box[2], cell[2]) - max(mark.box[0], cell[0])
        if mark.box[3] - mark.box[1] > 1.5 * height and across >= 0.6 * height and wide >= 2 * MIN_INK_WIDTH:
            out.append(mark)
    return out


@lru_cache(maxsize=64)
def role_vocabulary(doc_type: DocumentType | None, others: tuple[DocumentType, ...]) -> list[tuple[str, str]]:
    """(phrase, role) pairs, normalised like the text they are looked for in (``normalise``), the
    document's own type first, longest phrases first within each. Made once per type."""
    own = [(normalise(p).strip(), r.role) for r in (doc_type.signature_roles if doc_type else ())
           for p in (r.role.replace("-", " "), *r.labels)]
    rest = [(normalise(p).strip(), r.role) for t in others if t is not doc_type for r in t.signature_roles for p in r.labels]
    return sorted(own, key=lambda x: -len(x[0])) + sorted(rest, key=lambda x: -len(x[0]))


def role_of(text: str, vocabulary: Sequence[tuple[str, str]]) -> str | None:
    clean = normalise(text)
    for phrase, role in vocabulary:
        if phrase and f" {phrase} " in clean:
            return role
    for phrase, role in vocabulary:  # a short word misread ("Approved ber")
        if phrase and has_phrase(clean, phrase):
            return role
    return None


def _header_text(layout: PageLayout, field: SignatureField) -> str:
    return " ".join(s.text for _, segs in layout.row_cells(field.label_box) for s in segs)


def _role(field: SignatureField, layout: PageLayout, doc_type: DocumentType | None,
          vocabulary: Sequence[tuple[str, str]]) -> str:
    if field.how == "column":
        first = field.row_text.split(" | ")[0]
        by_row = role_of(first, vocabulary) if len(first.split()) <= 6 else None
        if by_row:
            return by_row
        by_header = role_of(field.label, vocabulary) or role_of(_header_text(layout, field), vocabulary)
        if doc_type is not None and doc_type.sign_in_role:
            return doc_type.sign_in_role if not by_header else by_header
        return by_header or ATTENDEE
    named = role_of(field.label, vocabulary)
    if named:
        return named
    return GENERIC_ROLE


def decide_fields(layouts: Sequence[PageLayout], doc_type: DocumentType | None, others: Sequence[DocumentType]) -> list[FieldDecision]:
    vocabulary = role_vocabulary(doc_type, tuple(others))
    own = role_vocabulary(doc_type, ())
    phrases = tuple(sorted({p for p, _ in own}, key=len, reverse=True))  # bare role names: this type's only
    out: list[FieldDecision] = []
    for layout in layouts:
        for field in find_fields(layout, phrases):
            if field.how == "column" and not field.row_text and not layout.ink_in(field.box, 0.3):
                continue  # an empty row of a sign-in table: nobody to sign
            marks = layout.ink_in(field.box, 0.3) or (_ink_across_rows(layout, field.box) if field.how == "column" else [])
            signed, method, confidence, ink = ink_decision(marks)
            out.append(FieldDecision(field, _role(field, layout, doc_type, vocabulary), signed, method, confidence, ink))
    return out


def decide_roles(decisions: Sequence[FieldDecision], doc_type: DocumentType | None,
                 digital: Sequence[dict[str, Any]], others: Sequence[DocumentType]) -> tuple[RoleSignature, ...]:
    """One entry per role: signed when any of its fields is; bare role labels count only for
    roles with no explicit field; unnamed fields stand for the one required role no field names."""
    vocabulary = role_vocabulary(doc_type, tuple(others))
    required = [r.role for r in (doc_type.signature_roles if doc_type else ()) if not r.optional and r.role != ATTENDEE]
    by_role: dict[str, list[FieldSignature]] = {}
    explicit_roles = {d.role for d in decisions if d.field.explicit}
    # a bare role label with a colon ("Responsible: Faisal Nguyen") labels a name; one without
    # (a caption under a line, a box's title) labels where that person signs: prefer those
    bare_lines = {d.role for d in decisions if not d.field.explicit and not d.field.label_colon}
    # an unnamed signature field ("Signature:", a label OCR cut short) stands for the one
    # required role no field names
    unnamed = [r for r in required if r not in {d.role for d in decisions}]
    for d in decisions:
        role = d.role
        if role == GENERIC_ROLE and (len(required) == 1 or len(unnamed) == 1):
            role = required[0] if len(required) == 1 else unnamed[0]
        if not d.field.explicit and (role in explicit_roles or (d.field.label_colon and role in bare_lines)):
            continue
        by_role.setdefault(role, []).append(_record(d))
    for sig in digital:
        role = role_of(str(sig.get("name", "")), vocabulary) or (required[0] if len(required) == 1 else GENERIC_ROLE)
        signed = bool(sig.get("filled")) and sig.get("integrity", "intact") == "intact"
        by_role.setdefault(role, []).append({
            "label": sig.get("name", ""), "signed": signed, "method": "digital" if sig.get("filled") else "none",
            "page": sig.get("page", 1), "box": sig.get("box", [0, 0, 0, 0]), "confidence": 1.0,
            "how": "digital", "integrity": sig.get("integrity"),
        })
    out: list[RoleSignature] = []
    for role, fields in by_role.items():
        chosen = next((f for f in fields if f["signed"]), fields[0])
        entry: RoleSignature = {"role": role, "label": chosen["label"], "signed": chosen["signed"], "method": chosen["method"],
                                "page": chosen["page"], "box": chosen["box"], "confidence": chosen["confidence"], "fields": fields}
        if chosen.get("integrity"):
            entry["integrity"] = chosen["integrity"]
        if role in (ATTENDEE, (doc_type.sign_in_role if doc_type else None)):
            rows = sum(1 for f in fields if f["signed"] and f["how"] == "column")
            # a signed field where the attendees sign, though not read as a table's rows: one at least
            entry["rows_signed"] = rows or int(any(f["signed"] for f in fields))
        out.append(entry)
    return tuple(out)


def _record(d: FieldDecision) -> FieldSignature:
    return {
        "label": d.field.label, "signed": d.signed, "method": d.method, "page": d.field.page,
        "box": [round(v, 1) for v in d.field.box], "confidence": d.confidence, "ink": d.ink,
        "how": d.field.how, "row": d.field.row_text or None,
    }
