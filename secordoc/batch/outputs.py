"""Each package's reports, in every chosen format, through the report-format hook (the same
renderers ``secordoc check --format`` uses; a plugin's ``html`` is written when installed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..plugin_manager import SecordocPluginManager

Renderer = Callable[[dict[str, Any]], str]
REPORTS_FOLDER = "reports"
#: Written by default when some plugin supplies them; json always.
DEFAULT_FORMATS = ("json", "html")
EXTENSIONS = {"text": "txt"}


def report_formats(pm: SecordocPluginManager) -> dict[str, Renderer]:
    formats: dict[str, Renderer] = {}
    answers: list[dict[str, Renderer]] = pm.hook.secordoc_report_formats()
    for contributed in reversed(answers):  # call order puts plugins first: let them win
        formats.update(contributed)
    return formats


def choose_formats(pm: SecordocPluginManager, requested: tuple[str, ...]) -> dict[str, Renderer]:
    """The renderers to write: json, plus those asked for (default: html when a plugin supplies it)."""
    formats = report_formats(pm)
    unknown = [f for f in requested if f not in formats]
    if unknown:
        raise UsageError(f"Unknown report format '{unknown[0]}'.", f"Available: {', '.join(sorted(formats))}.")
    names = ["json", *requested] if requested else [f for f in DEFAULT_FORMATS if f in formats]
    return {name: formats[name] for name in dict.fromkeys(names)}


def report_paths(name: str, formats: dict[str, Renderer]) -> dict[str, str]:
    """Where each format's report of package ``name`` goes, relative to the output folder."""
    return {fmt: f"{REPORTS_FOLDER}/{name}.{EXTENSIONS.get(fmt, fmt)}" for fmt in formats}


def write_reports(out: Path, name: str, report: dict[str, Any], formats: dict[str, Renderer]) -> dict[str, str]:
    """Render and write every format (each whole or not at all); return their relative paths."""
    paths = report_paths(name, formats)
    (out / REPORTS_FOLDER).mkdir(parents=True, exist_ok=True)
    for fmt, renderer in formats.items():
        target = out / paths[fmt]
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(renderer(report), encoding="utf-8")
        tmp.replace(target)
    return paths
