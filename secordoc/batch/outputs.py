"""Each package's reports, in every chosen format, through the report-format hook (the same
renderers ``secordoc check --format`` uses; a plugin's ``html`` is written when installed).

Reports are rendered where the package was checked (``render_reports``, in its own process, on
a Dask worker too: a renderer may open the package's pages for pictures) and written here
(``write_reports``), so the output folder need not be shared with the workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..evidence.pages import PackagePages
from ..formats import call_renderer, report_formats
from ..plugin_manager import SecordocPluginManager
from ..settings import Settings

REPORTS_FOLDER = "reports"
#: Written by default when some plugin supplies them; json always.
DEFAULT_FORMATS = ("json", "html")
EXTENSIONS = {"text": "txt"}


def choose_formats(pm: SecordocPluginManager, requested: tuple[str, ...]) -> tuple[str, ...]:
    """The formats to write: json, plus those asked for (default: html when a plugin supplies it)."""
    formats = report_formats(pm)
    unknown = [f for f in requested if f not in formats]
    if unknown:
        raise UsageError(f"Unknown report format '{unknown[0]}'.", f"Available: {', '.join(sorted(formats))}.")
    names = ["json", *requested] if requested else [f for f in DEFAULT_FORMATS if f in formats]
    return tuple(dict.fromkeys(names))


def render_reports(package: Path, report: dict[str, Any], pm: SecordocPluginManager, settings: Settings,
                   formats: tuple[str, ...]) -> dict[str, str]:
    """Every format's text; the package's pages are opened only if a renderer asks for them."""
    renderers = report_formats(pm)
    with PackagePages(package, report, pm, settings) as pages:
        return {fmt: call_renderer(renderers[fmt], report, pages) for fmt in formats}


def report_paths(name: str, formats: tuple[str, ...]) -> dict[str, str]:
    """Where each format's report of package ``name`` goes, relative to the output folder."""
    return {fmt: f"{REPORTS_FOLDER}/{name}.{EXTENSIONS.get(fmt, fmt)}" for fmt in formats}


def write_reports(out: Path, name: str, rendered: dict[str, str]) -> dict[str, str]:
    """Write every rendered report (each whole or not at all); return their relative paths."""
    paths = report_paths(name, tuple(rendered))
    (out / REPORTS_FOLDER).mkdir(parents=True, exist_ok=True)
    for fmt, text in rendered.items():
        write_whole(out / paths[fmt], text)
    return paths


def write_whole(path: Path, text: str) -> None:
    """Written whole or not at all: a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
