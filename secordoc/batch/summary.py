"""One row per package and the batch summary (``summary.csv``, ``summary.json``), sorted so the
packages that need a person come first: those not checked, then not ready, then ready with
warnings, then ready."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from .jobs import PackageResult
from .outputs import write_whole

#: Top findings named on a row (by severity, then how often the code occurs).
TOP_FINDINGS = 3
#: Who needs a person first: rank by status, or by verdict for a checked package.
NEED_RANK = {"error": 0, "crashed": 0, "timeout": 0, "interrupted": 0, "not-a-package": 1, "not-ready": 2, "ready-with-warnings": 3,
             "ready": 4}
CSV_COLUMNS = ("package", "status", "company", "verdict", "errors", "warnings", "pages", "files", "unreadable",
               "seconds", "top_findings", "reason", "report")
SEVERITY = {"error": 0, "warning": 1, "info": 2}


def row_for(result: PackageResult, reports: dict[str, str] | None = None) -> dict[str, Any]:
    """The summary row of one package: what ``check`` said of it, or why it was not checked."""
    report = result.report or {}
    summary = report.get("summary", {})
    return {
        "package": result.name,
        "status": result.status,
        "company": report.get("submission", {}).get("company"),
        "verdict": report.get("verdict"),
        "errors": summary.get("errors"),
        "warnings": summary.get("warnings"),
        "pages": report.get("stats", {}).get("pages"),
        "files": summary.get("files"),
        "unreadable": summary.get("unreadable"),
        "seconds": round(result.seconds, 2),
        "top_findings": top_findings(report.get("findings", [])),
        "reason": result.reason,
        "attempts": result.attempts,
        "reports": dict(reports or {}),
    }


def top_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The most pressing finding codes: errors before warnings, the more frequent first."""
    counts = Counter(f["code"] for f in findings)
    first: dict[str, dict[str, Any]] = {}
    for f in findings:
        first.setdefault(f["code"], f)
    codes = sorted(first, key=lambda c: (SEVERITY.get(first[c]["severity"], 3), -counts[c], c))
    return [{"code": c, "severity": first[c]["severity"], "count": counts[c], "example": first[c]["message"]}
            for c in codes[:TOP_FINDINGS] if SEVERITY.get(first[c]["severity"], 3) < SEVERITY["info"]]


def need_rank(row: dict[str, Any]) -> int:
    if row["status"] != "checked":
        return NEED_RANK[row["status"]]
    if row["verdict"] == "ready":
        return NEED_RANK["ready-with-warnings" if row["warnings"] else "ready"]
    return NEED_RANK["not-ready"]


def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (need_rank(r), -(r["errors"] or 0), -(r["warnings"] or 0), r["package"]))


def write_summary(out: Path, rows: list[dict[str, Any]], meta: dict[str, Any]) -> None:
    """``summary.json`` (rows and the run's facts) and ``summary.csv`` (one line per package)."""
    rows = ordered(rows)
    write_whole(out / "summary.json", json.dumps({**meta, "packages": rows}, indent=2) + "\n")
    write_whole(out / "summary.csv", csv_text(rows))


def csv_text(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        cells = {**row, "top_findings": "; ".join(f"{f['code']} x{f['count']}" for f in row["top_findings"]),
                 "report": row["reports"].get("json", "")}
        writer.writerow(["" if cells[c] is None else cells[c] for c in CSV_COLUMNS])
    return buffer.getvalue()

