"""The HTML report for people: one self-contained file (no network, no external assets) that
leads with the verdict and what to fix first, then the category x quarter matrix, then every
document with a thumbnail and crops of the evidence behind each decision, then the files not read.

A built-in plugin on the report-format hook like any other; it asks for ``pages`` (a
``PageImageSource``) to cut its crops, and without one it still renders, saying no picture is
available. Rendered by Jinja2 with autoescaping on: nothing from a package reaches the page
unescaped.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from ..evidence import crops
from ..evidence.regions import Region, chosen_date, date_region, first_page, page_width, signature_fields, signature_region, title_region
from ..hookspecs import PageImageSource, hookimpl

if TYPE_CHECKING:
    from jinja2 import Template

SEVERITY_HEADINGS = {"error": "Must fix before submitting", "warning": "Should check", "info": "For your information"}


@cache
def _template() -> Template:
    """The report's template; Jinja2 is imported here, when a report is rendered as HTML, not by
    every run that loads the plugins (0.05 s of start-up)."""
    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("secordoc", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")


def render_html(report: dict[str, Any], pages: PageImageSource | None = None) -> str:
    return _template().render(**view(report, pages))


def view(report: dict[str, Any], pages: PageImageSource | None) -> dict[str, Any]:
    """Everything the template shows, worked out here so the template only lays it out."""
    documents = report.get("documents", [])
    anchors = _anchors(documents)
    if pages is not None:
        pages.prefetch(sorted({(d["source"], p) for d in documents for p in _pages_shown(d)}))
    not_read = [f for f in report.get("files", []) if f.get("status") != "read"]
    findings = [_finding(f, anchors, {f["path"] for f in not_read}) for f in report.get("findings", [])]
    shown = [_document(i, d, report, pages) for i, d in enumerate(documents)]
    empty_lines = {(item["doc"]["source"], e["role"]): e["uri"] for item in shown for e in item["evidence"]
                   if e["kind"] == "signature" and e["tone"] == "bad" and e["uri"]}
    for finding in findings:  # an unsigned line's fix shows the line
        finding["picture"] = empty_lines.get((finding.get("document"), finding.get("role")))
    return {
        "report": report,
        "sub": report["submission"],
        "summary": report["summary"],
        "ready": report.get("verdict") == "ready",
        "fix_first": [f for f in findings if f["severity"] == "error"],
        "groups": [(SEVERITY_HEADINGS[s], s, [f for f in findings if f["severity"] == s]) for s in SEVERITY_HEADINGS],
        "quarters": report["submission"].get("quarters", []),
        "matrix": _matrix(report, anchors),
        "documents": shown,
        "not_read": not_read,
        "pictures": pages is not None,
    }


def _anchors(documents: list[dict[str, Any]]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Each file's documents with their anchor (a file may hold several documents)."""
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for index, doc in enumerate(documents):
        out.setdefault(doc["source"], []).append((f"doc-{index + 1}", doc))
    return out


def _anchor_for(anchors: dict[str, list[tuple[str, dict[str, Any]]]], source: str, **want: Any) -> str | None:
    candidates = anchors.get(source, [])
    for anchor, doc in candidates:
        if all(doc.get(k) == v for k, v in want.items()):
            return anchor
    return candidates[0][0] if candidates else None


def _finding(finding: dict[str, Any], anchors: dict[str, list[tuple[str, dict[str, Any]]]], not_read: set[str]) -> dict[str, Any]:
    """The finding with where to see it: its document, the files not read, or the matrix."""
    source = finding.get("document") or finding.get("file") or finding.get("path")
    anchor = _anchor_for(anchors, source) if isinstance(source, str) else None
    if anchor is None and source in not_read:
        anchor = "not-read"
    if anchor is None and finding.get("category") and finding.get("quarter"):
        anchor = "matrix"
    return {**finding, "anchor": anchor}


def _matrix(report: dict[str, Any], anchors: dict[str, list[tuple[str, dict[str, Any]]]]) -> list[dict[str, Any]]:
    gaps = {(f.get("category"), f.get("quarter")): f["message"] for f in report.get("findings", [])
            if f.get("code") == "quarter-gap"}
    rows = []
    for category, entry in report.get("coverage", {}).items():
        cells = []
        for quarter in report["submission"].get("quarters", []):
            number = quarter["number"]
            sources = entry.get("quarters", {}).get(str(number), [])
            docs = [{"name": s, "anchor": _anchor_for(anchors, s, category=category, quarter=number)} for s in sources]
            gap = not docs and bool(entry.get("per_quarter"))
            cells.append({"docs": docs, "gap": gap, "fix": gaps.get((category, number)) if gap else None})
        not_applicable = report["submission"].get("not_applicable", {}).get(category)
        rows.append({"category": category, "cells": cells, "quarterly": bool(entry.get("per_quarter")),
                     "not_applicable": not_applicable})
    return rows


def _regions(doc: dict[str, Any]) -> list[Region | dict[str, Any]]:
    """The title, the activity date and every signature field; a dict where there is no box."""
    out: list[Region | dict[str, Any]] = []
    title = title_region(doc)
    if title:
        out.append(title)
    date = date_region(doc)
    if date:
        out.append(date)
    elif doc.get("date"):
        out.append({"kind": "date", "caption": f"Activity date {doc['date']} (from '{doc.get('date_label') or 'a form field'}'),"
                    " no place on the page to show", "tone": "ok"})
    for role, field in signature_fields(doc):
        region = signature_region(role, field, doc)
        if region:
            out.append(region)
        else:
            state = "signed" if field.get("signed") else "not signed"
            extra = f", integrity {field['integrity']}" if field.get("integrity") else ""
            out.append({"kind": "signature", "caption": f"{role.get('role')}: '{field.get('label', '')}': {state} "
                        f"({field.get('how') or field.get('method')}{extra})", "tone": "ok" if field.get("signed") else "bad",
                        "role": role.get("role") or ""})
    return out


def _pages_shown(doc: dict[str, Any]) -> set[int]:
    return {first_page(doc)} | {r.page for r in _regions(doc) if isinstance(r, Region)}


def _document(index: int, doc: dict[str, Any], report: dict[str, Any], pages: PageImageSource | None) -> dict[str, Any]:
    source = doc["source"]
    opened: dict[int, Any] = {}  # each page decoded once for all its crops and the thumbnail

    def image(page: int) -> Any:
        if page not in opened:
            opened[page] = pages.image(source, page) if pages else None
        return opened[page]

    evidence = []
    for region in _regions(doc):
        if isinstance(region, dict):
            evidence.append({**region, "uri": None, "page": None})
            continue
        picture = image(region.page)
        cut = crops.crop(picture, region.view, region.mark, page_width(doc, region.page), region.tone) if picture else None
        evidence.append({"kind": region.kind, "caption": region.caption, "tone": region.tone, "page": region.page, "role": region.role,
                         "uri": crops.data_uri(cut) if cut else None})
    first = image(first_page(doc))
    span = doc.get("pages") or []
    own = [f for f in report.get("findings", []) if f.get("document") == source]
    chosen = chosen_date(doc)
    return {
        "anchor": f"doc-{index + 1}",
        "doc": doc,
        "pages": f"pages {span[0]}-{span[1]}" if len(span) == 2 and span[0] != span[1] else
                 (f"page {span[0]}" if span else ""),
        "thumb": crops.thumbnail(first) if first else None,
        "evidence": evidence,
        "findings": own,
        "others": [c for c in doc.get("date_candidates", []) if c is not chosen],
        "warnings": [w for p in doc.get("page_sources", []) for w in p.get("warnings", [])],
    }


@hookimpl
def secordoc_report_formats() -> dict[str, Callable[..., str]]:
    return {"html": render_html}
