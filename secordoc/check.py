"""The library's entry point for a whole check: extract, analyse, validate, report.

Raises ``SecordocError`` subclasses for the CLI to turn into exit codes; never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from .analyse import analyse, document_types
from .checking import CheckContext
from .errors import UsageError
from .extract import Progress, extract_package
from .findings import registry
from .manifest import read_manifest
from .model import Finding
from .periods import review_period
from .plugin_manager import SecordocPluginManager
from .profiles import resolve
from .report import build_report
from .settings import Settings

DEFAULT_PROFILE = "secor-annual-review"


@dataclass
class CheckRequest:
    package: Path
    profile: str | None = None
    anniversary: date | None = None
    submitted: date | None = None
    employees: int | None = None


def _facts(request: CheckRequest, manifest: dict[str, Any]) -> tuple[str, date, date]:
    profile = request.profile or manifest.get("profile") or DEFAULT_PROFILE
    anniversary = request.anniversary or (date.fromisoformat(manifest["anniversary"]) if "anniversary" in manifest else None)
    if anniversary is None:
        raise UsageError(
            "The anniversary date is not known.",
            "Give it with --anniversary YYYY-MM-DD, or put \"anniversary\" in the package's secordoc.json.",
        )
    submitted = request.submitted or (date.fromisoformat(manifest["submitted"]) if "submitted" in manifest else date.today())
    return profile, anniversary, submitted


def run_check(
    request: CheckRequest, pm: SecordocPluginManager, settings: Settings, progress: Progress | None = None
) -> dict[str, Any]:
    if not request.package.exists():
        raise UsageError(f"There is no file or folder at {request.package}.", "Check the path and try again.")
    manifest = read_manifest(request.package)
    profile_name, anniversary, submitted = _facts(request, manifest)
    profile = resolve(pm, profile_name)
    period = review_period(anniversary, profile.get("quarters", "review-period"))
    types = document_types(pm)
    if manifest.get("passwords"):
        settings = replace(settings, passwords={**manifest["passwords"], **settings.passwords})
    extraction = extract_package(request.package, pm, settings, progress)
    documents = analyse(extraction.files, types, period, profile.get("date_order", "MDY"), manifest.get("documents"))
    context = CheckContext(
        profile=profile, period=period, anniversary=anniversary, submitted=submitted,
        files=extraction.files, documents=documents, manifest=manifest, codes=registry(pm),
        employees=request.employees if request.employees is not None else manifest.get("employees"),
        not_applicable=dict(manifest.get("not_applicable", {})),
    )
    findings = validate(context, pm)
    return build_report(request.package, context, findings, extraction, pm)


def validate(context: CheckContext, pm: SecordocPluginManager) -> list[Finding]:
    """Run every validator, naming a broken one instead of failing with a traceback."""
    answers: list[list[Finding]] = pm.hook.secordoc_validate(context=context)
    return [finding for findings in answers for finding in findings]
