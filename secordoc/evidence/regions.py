"""Which regions of a document's pages show the evidence behind the report's decisions.

Read from a report's document entry only (``secordoc schema report``): the title block, the
chosen activity date with room for its label, and every signature field with its label. How far
a view reaches beyond the found box depends on where the label was found, and is data here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Box

#: Points added around a found box (left, up, right, down) to show its label too, by where the
#: label was found (dates: ``label_from``; signature fields: ``how``).
DATE_REACH = {
    "phrase": (190, 8, 20, 8), "left": (190, 8, 20, 8), "above": (40, 34, 40, 8),
    "column": (40, 60, 40, 8), "caption": (40, 8, 40, 28), "none": (60, 14, 60, 14),
}
SIGNATURE_REACH = {
    "beside": (210, 8, 12, 8), "column": (190, 6, 12, 6), "box": (10, 10, 10, 10),
    "caption": (20, 8, 20, 26), "rule": (20, 8, 20, 26), "above": (20, 30, 20, 8),
}
TITLE_REACH = (12, 8, 12, 8)
DEFAULT_REACH = (60, 14, 60, 14)


@dataclass(frozen=True)
class Region:
    """One piece of evidence: what it shows (``caption``), where, and whether it is good news."""

    kind: str  # title | date | signature
    caption: str
    page: int
    mark: Box
    view: Box
    tone: str  # ok | bad | plain
    role: str = ""  # a signature field's role


def _widen(box: Box, reach: tuple[float, float, float, float]) -> Box:
    left, up, right, down = reach
    return (box[0] - left, box[1] - up, box[2] + right, box[3] + down)


def _box(value: Any) -> Box | None:
    if not isinstance(value, list | tuple) or len(value) != 4:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def chosen_date(doc: dict[str, Any]) -> dict[str, Any] | None:
    """The candidate the activity date came from."""
    for candidate in doc.get("date_candidates", []):
        if candidate.get("value") == doc.get("date") and candidate.get("text") == doc.get("date_text"):
            return candidate
    return None


def title_region(doc: dict[str, Any]) -> Region | None:
    where = doc.get("title_box") or {}
    box = _box(where.get("box"))
    if box is None:
        return None
    title = (doc.get("title") or "").split(" / ")[0]  # the title block, before the first lines read with it
    decided = f", which names it {doc['category']}" if doc.get("category") else ""
    return Region("title", f"Title: '{title}'{decided}", int(where.get("page", first_page(doc))), box,
                  _widen(box, TITLE_REACH), "plain")


def date_region(doc: dict[str, Any]) -> Region | None:
    candidate = chosen_date(doc)
    box = _box(candidate.get("box")) if candidate else None
    if candidate is None or box is None:
        return None
    label = f"'{candidate['label']}'" if candidate.get("label") else "no label"
    reach = DATE_REACH.get(candidate.get("label_from") or "none", DEFAULT_REACH)
    return Region("date", f"Activity date {candidate['value']} read as '{candidate['text']}', label {label}",
                  int(candidate.get("page", first_page(doc))), box, _widen(box, reach), "ok")


def signature_fields(doc: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (role, field) pair of the document; a role without a field list is its own field."""
    return [(role, field) for role in doc.get("signatures", []) for field in (role.get("fields") or [role])]


def signature_region(role: dict[str, Any], field: dict[str, Any], doc: dict[str, Any]) -> Region | None:
    box = _box(field.get("box"))
    if box is None:
        return None
    state = f"signed ({field.get('method')})" if field.get("signed") else "EMPTY"
    row = f", row '{field['row']}'" if field.get("row") else ""
    reach = SIGNATURE_REACH.get(field.get("how") or "", DEFAULT_REACH)
    return Region("signature", f"{role.get('role')}: '{field.get('label', '')}'{row}: {state}",
                  int(field.get("page", first_page(doc))), box, _widen(box, reach), "ok" if field.get("signed") else "bad",
                  str(role.get("role") or ""))


def first_page(doc: dict[str, Any]) -> int:
    """A document's first page in its file (a file may hold several documents)."""
    pages = doc.get("pages") or []
    if pages:
        return int(pages[0])
    sources = doc.get("page_sources") or []
    return int(sources[0]["page"]) if sources else 1


def page_width(doc: dict[str, Any], page: int) -> float:
    """The page's width in points, upright, as the report's boxes see it."""
    for entry in doc.get("page_sources", []):
        if entry.get("page") == page and entry.get("width"):
            return float(entry["width"])
    return 612.0
