"""The text report for people: verdict first, then coverage by quarter, then what to fix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..hookspecs import hookimpl

HEADINGS = {"error": "Must fix before submitting", "warning": "Should check", "info": "For your information"}


def _table(report: dict[str, Any]) -> list[str]:
    quarters = report["submission"]["quarters"]
    coverage = report.get("coverage", {})
    if not coverage:
        return []
    width = max(len(c) for c in coverage) + 2
    head = "".join(f"Q{q['number']:<5}" for q in quarters)
    lines = [f"{'Category':<{width}}{head}"]
    for category, entry in coverage.items():
        row, gap = entry["quarters"], "--" if entry["per_quarter"] else "."
        cells = "".join(f"{(str(len(row[str(q['number'])])) if row[str(q['number'])] else gap):<6}" for q in quarters)
        lines.append(f"{category:<{width}}{cells}")
    span = ", ".join(f"Q{q['number']} {q['start']}..{q['end']}" for q in quarters)
    lines.append(f"(documents per quarter; -- is a gap in a quarterly category. {span})")
    return lines


def _rule(finding: dict[str, Any]) -> str:
    """The rule and its source under a finding, so a reviewer can check it (an assumption says so)."""
    if not finding.get("rule"):
        return ""
    flag = " (an assumption: no partner states it)" if finding.get("assumption") else ""
    return f"\n      rule {finding['rule']}: {finding.get('source', '')}{flag}"


def render_text(report: dict[str, Any]) -> str:
    sub = report["submission"]
    summary = report["summary"]
    verdict = "READY to submit" if report["verdict"] == "ready" else "NOT READY to submit"
    lines = [
        f"{verdict}: {summary['errors']} to fix, {summary['warnings']} to check.",
        "",
        f"Package:  {sub['package']}" + (f" ({sub['company']})" if sub.get("company") else ""),
        f"Profile:  {sub['profile_title']} [{sub['profile']}]",
        f"Period:   {sub['period']['start']} to {sub['period']['end']} (anniversary {sub['anniversary']}, "
        f"submitted {sub['submitted']})",
        f"Files:    {summary['files']} ({summary['read']} read, {summary['unreadable']} unreadable, "
        f"{summary['skipped']} skipped)",
        "",
    ]
    table = _table(report)
    if table:
        lines += table + [""]
    for severity in ("error", "warning", "info"):
        items = [f for f in report["findings"] if f["severity"] == severity]
        if items:
            lines.append(f"{HEADINGS[severity]} ({len(items)}):")
            lines += [f"  - [{f['code']}] {f['message']}{_rule(f)}" for f in items]
            lines.append("")
    lines.append("Documents:")
    per_file: dict[str, int] = {}
    for doc in report["documents"]:
        per_file[doc["source"]] = per_file.get(doc["source"], 0) + 1
    for doc in report["documents"]:
        label = doc["category"] or "unclassified"
        when = doc["date"] or "no date"
        quarter = f" Q{doc['quarter']}" if doc["quarter"] else ""
        sources = ",".join(sorted({p["source"] for p in doc["page_sources"]}))
        first, last = doc["pages"]
        where = "" if per_file[doc["source"]] == 1 else f" {'page' if first == last else 'pages'} {first}" + (
            "" if first == last else f"-{last}")
        lines.append(f"  {doc['source']}{where}: {label}, {when}{quarter} ({sources})")
    others = [f for f in report["files"] if f["status"] != "read"]
    if others:
        lines.append("Not read:")
        lines += [f"  {f['path']}: {f['status']} - {f['reason']}" for f in others]
    return "\n".join(lines) + "\n"


@hookimpl
def secordoc_report_formats() -> dict[str, Callable[[dict[str, Any]], str]]:
    return {"text": render_text}
