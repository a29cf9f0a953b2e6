"""Helpers for testing secordoc and secordoc plugins.

    from secordoc.testing import build_package, check_package, finding_codes

    def test_my_rule(tmp_path):
        build_package({"base": "compliant", "drop": [{"type": "site-inspection"}]}, tmp_path)
        report = check_package(tmp_path, anniversary="2026-12-31", plugins=["my_plugin"])
        assert ("missing-category", {"category": "site-inspection"}) in finding_codes(report)

Building packages needs reportlab (``pip install secordoc[fixtures]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..check import CheckRequest, run_check
from ..plugin_manager import make_plugin_manager
from ..settings import Settings
from .forms import FormTemplate
from .generator import register_template

__all__ = ["FormTemplate", "build_package", "check_package", "codes", "finding_codes", "register_template", "run_case"]



def build_package(description: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Write a generated package from its short description; return the truth about its files.

    ``description`` takes ``base`` ("compliant"), ``anniversary``, ``drop`` and ``change`` rules
    (``{"type": ..., "quarter": n}``), extra ``documents`` (DocSpec fields), ``manifest``.
    """
    from .generator import spec_from_dict, write_package

    return write_package(spec_from_dict(description), Path(folder))


def check_package(
    package: Path,
    *,
    anniversary: str | None = None,
    submitted: str | None = None,
    profile: str | None = None,
    employees: int | None = None,
    plugins: Sequence[str] = (),
    entry_points: bool = False,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Run a whole check in-process and return the report dict."""
    pm = make_plugin_manager(plugins, load_entry_points=entry_points)
    request = CheckRequest(
        Path(package), profile,
        date.fromisoformat(anniversary) if anniversary else None,
        date.fromisoformat(submitted) if submitted else None,
        employees,
    )
    return run_check(request, pm, settings or Settings(use_cache=False))


def run_case(case: Path, workdir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A case folder (``package.json`` + ``expected.json``): build its package in ``workdir``,
    check it (dates from the manifest when it has them), return (report, expected)."""
    import json

    description = json.loads((Path(case) / "package.json").read_text())
    expected = json.loads((Path(case) / "expected.json").read_text())
    build_package(description, workdir)
    manifest = description.get("manifest") or {}
    report = check_package(
        workdir,
        anniversary=None if "anniversary" in manifest else description.get("anniversary"),
        submitted=None if "submitted" in manifest else description.get("submitted"),
    )
    return report, expected


def finding_codes(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each finding as (code, keys), for ``in`` assertions."""
    return [(f["code"], {k: v for k, v in f.items() if k not in ("code", "severity", "message", "rule", "source", "assumption")}) for f in report["findings"]]


def codes(report: dict[str, Any], severities: Iterable[str] = ("error", "warning", "info")) -> set[str]:
    wanted = set(severities)
    return {f["code"] for f in report["findings"] if f["severity"] in wanted}
