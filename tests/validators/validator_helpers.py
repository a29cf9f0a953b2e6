"""Check contexts made of a few described documents (no PDFs, no OCR): validators run in
milliseconds, so each rule is tested both ways without building a package."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from conftest import ROOT
from secordoc.check import validate
from secordoc.checking import AnalysedDocument, CheckContext
from secordoc.classify import Classification
from secordoc.findings import registry
from secordoc.model import ExtractedFile, Finding, InputFile, Page
from secordoc.periods import review_period
from secordoc.plugin_manager import SecordocPluginManager, make_plugin_manager
from secordoc.profiles import resolve
from secordoc.recognition.activity_date import ActivityDate

PARTNERS = ("secordoc_nsny", "secordoc_acsa")
ROLES = ("worker", "supervisor", "inspector", "meeting-leader", "performed-by", "investigator", "management",
         "responsible-person", "approver", "owner")
SIGNED = tuple({"role": r, "signed": True, "method": "ink", "label": r, "page": 1, "rows_signed": 2 if r == "worker" else 0}
               for r in ROLES)


def plugin_manager(partners: bool = False) -> SecordocPluginManager:
    """Built-ins, and with ``partners`` the partner plugins from plugins/*/src (installed or not)."""
    if partners:
        for src in sorted((ROOT / "plugins").glob("*/src")):
            if str(src) not in sys.path:
                sys.path.insert(0, str(src))
    return make_plugin_manager(PARTNERS if partners else (), load_entry_points=False)


def doc(source: str, category: str | None, day: str | None, text: str = "", sha: str | None = None,
        pages: tuple[int, ...] = (1,)) -> AnalysedDocument:
    body = text or f"{category} {source} {day}"
    file = InputFile(source, len(body), "read", "application/pdf", sha256=sha or f"sha-{source}")
    extracted = ExtractedFile(file, tuple(Page(n, "text-layer", 612, 792, body if n == pages[0] else "") for n in pages))
    value = date.fromisoformat(day) if day else None
    return AnalysedDocument(source, extracted, Classification(category, 1.0 if category else 0.0, ("described in a test",)),
                            ActivityDate(value, day, "Date" if day else None, reason=None if day else "no date"), None, SIGNED)


def compliant(anniversary: str = "2026-12-31") -> list[AnalysedDocument]:
    """One document of each required kind, recurring kinds in every quarter, and a recent PHSM."""
    end = date.fromisoformat(anniversary)
    quarter_days = [date(end.year, m, 15).isoformat() for m in (2, 5, 8, 11)]
    docs = [doc(f"{c}-q{i + 1}.pdf", c, d) for c in ("hazard-assessment", "site-inspection", "toolbox-meeting",
                                                  "maintenance-record") for i, d in enumerate(quarter_days)]
    docs += [doc(f"{c}.pdf", c, quarter_days[2]) for c in ("incident-investigation", "audit-action-plan",
                                                         "emergency-response-plan", "orientation", "year-end-summary")]
    docs.append(doc("phsm.pdf", "training-certificate", "2025-03-01",
                    "Certificate of completion\nThis certifies that Jordan Smith has successfully completed\n"
                    "Principles of Health and Safety Management (PHSM)"))
    return docs


def context(documents: list[AnalysedDocument], profile: str = "secor-annual-review", anniversary: str = "2026-12-31",
            submitted: str = "2026-12-01", manifest: dict[str, Any] | None = None, employees: int | None = None,
            pm: SecordocPluginManager | None = None) -> CheckContext:
    pm = pm or plugin_manager(partners=profile != "secor-annual-review")
    data = resolve(pm, profile)
    manifest = manifest or {}
    return CheckContext(
        profile=data, period=review_period(date.fromisoformat(anniversary), data.get("quarters", "review-period")),
        anniversary=date.fromisoformat(anniversary), submitted=date.fromisoformat(submitted),
        files=[d.extracted for d in documents], documents=documents, manifest=manifest, codes=registry(pm),
        employees=employees, not_applicable=dict(manifest.get("not_applicable", {})))


def run(documents: list[AnalysedDocument], **kwargs: Any) -> list[Finding]:
    pm = plugin_manager(partners=kwargs.get("profile", "secor-annual-review") != "secor-annual-review")
    return validate(context(documents, pm=pm, **kwargs), pm)


def serious(findings: list[Finding]) -> list[tuple[str, dict[str, Any]]]:
    return [(f.code, f.keys) for f in findings if f.severity != "info"]


def of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]
