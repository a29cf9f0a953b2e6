"""The result of a check as a plain dict following ``secordoc schema report``. Records only:
the verdict is derived from the findings here, and reporters only render it."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from . import __version__
from .checking import AnalysedDocument, CheckContext
from .extract import Extraction
from .layout.build import build_layout
from .layout.model import union
from .model import ExtractedFile, Finding
from .plugin_manager import SecordocPluginManager

SCHEMA_VERSION = "1.0"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def tool_info(pm: SecordocPluginManager, engine: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "name": "secordoc",
        "version": __version__,
        "plugins": pm.plugin_list(),
        "plugin_problems": [asdict(p) for p in pm.problems],
        "ocr_engine": engine or {},
    }


def file_entry(item: ExtractedFile) -> dict[str, Any]:
    f = item.file
    return {
        "path": f.path,
        "status": f.status,
        "reason": f.reason,
        "media_type": f.media_type,
        "size": f.size,
        "sha256": f.sha256,
        "pages": len(item.pages),
        "from_cache": item.from_cache,
    }


def document_entry(doc: AnalysedDocument) -> dict[str, Any]:
    pages = doc.extracted.pages
    return {
        "source": doc.source,
        "pages": [pages[0].number, pages[-1].number] if pages else [0, 0],
        "page_sources": [
            {"page": p.number, "source": p.source, "confidence": p.confidence, "rotation": p.rotation,
             "width": round(p.width, 1), "height": round(p.height, 1), "warnings": list(p.warnings)}
            for p in pages
        ],
        "category": doc.category,
        "confidence": doc.classification.confidence,
        "evidence": list(doc.classification.evidence),
        "date": doc.date.isoformat() if doc.date else None,
        "date_text": doc.activity.text,
        "date_label": doc.activity.label,
        "date_candidates": [
            {"text": c.text, "value": c.value.isoformat(), "label": c.label, "label_from": c.label_from, "page": c.page,
             "box": [round(v, 1) for v in c.box], "score": c.score, "why": c.why}
            for c in doc.activity.candidates
        ],
        "title": doc.classification.title,
        "title_box": title_box(doc),
        "best_guess": doc.classification.best_guess,
        "quarter": doc.quarter,
        "fields": dict(doc.extracted.fields),
        "signatures": [{k: v for k, v in s.items() if v is not None} for s in doc.signatures],
    }


def title_box(doc: AnalysedDocument) -> dict[str, Any] | None:
    """Where the title sits (the title block's biggest line, on the first page with words; else that
    page's first line), so a report can show it."""
    page = next((p for p in doc.extracted.pages if p.words), None)
    if page is None:
        return None
    layout = build_layout(page)
    segments = layout.title[:1] or [s for s in layout.segments if s.line == min(t.line for t in layout.segments)]
    return {"page": page.number, "box": [round(v, 1) for v in union(s.box for s in segments)]} if segments else None


def finding_entry(finding: Finding) -> dict[str, Any]:
    return {"code": finding.code, "severity": finding.severity, "message": finding.message, **finding.keys,
            "rule": finding.rule, "source": finding.source, "assumption": finding.assumption}


def coverage(context: CheckContext) -> dict[str, dict[str, Any]]:
    """Category by quarter: which documents cover which quarter (``CheckContext.coverage``)."""
    rules = context.category_rules()
    return {
        category: {"per_quarter": int(rules[category].get("per_quarter", 0)),
                   "quarters": {str(number): [d.source for d in docs] for number, docs in quarters.items()}}
        for category, quarters in context.coverage().items()
    }


def build_report(
    package: Path, context: CheckContext, findings: list[Finding], extraction: Extraction, pm: SecordocPluginManager
) -> dict[str, Any]:
    ordered = sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code, str(sorted(f.keys.items()))))
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    statuses = [f.file.status for f in extraction.files]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_info(pm, extraction.engine),
        "submission": {
            "package": str(package),
            "company": context.manifest.get("company"),
            "profile": context.profile["name"],
            "profile_title": context.profile.get("title", context.profile["name"]),
            "anniversary": context.anniversary.isoformat(),
            "submitted": context.submitted.isoformat(),
            "employees": context.employees,
            "period": {"start": context.period.start.isoformat(), "end": context.period.end.isoformat()},
            "quarters": [
                {"number": q.number, "start": q.start.isoformat(), "end": q.end.isoformat()} for q in context.period.quarters
            ],
            "not_applicable": dict(context.not_applicable),
        },
        "files": [file_entry(f) for f in extraction.files],
        "documents": [document_entry(d) for d in context.documents],
        "coverage": coverage(context),
        "findings": [finding_entry(f) for f in ordered],
        "summary": {
            "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"],
            "files": len(statuses), "read": statuses.count("read"),
            "unreadable": statuses.count("unreadable"), "skipped": statuses.count("skipped"),
        },
        "stats": extraction.stats,
        "verdict": "not-ready" if counts["error"] else "ready",
    }
