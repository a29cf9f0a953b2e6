"""The report formats the plugins contribute, and calling a renderer as the hook contract promises:
with ``pages`` only when it declares that parameter, so renderers written for the report alone
keep working. The CLI and the batch both render through here."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from .hookspecs import PageImageSource
from .plugin_manager import SecordocPluginManager

Renderer = Callable[..., str]


def report_formats(pm: SecordocPluginManager) -> dict[str, Renderer]:
    """Every contributed format by name; a plugin's wins over a built-in of the same name."""
    formats: dict[str, Renderer] = {}
    answers: list[dict[str, Renderer]] = pm.hook.secordoc_report_formats()
    for contributed in reversed(answers):  # call order puts plugins first: let them win
        formats.update(contributed)
    return formats


def wants_pages(renderer: Callable[..., str]) -> bool:
    try:
        return "pages" in inspect.signature(renderer).parameters
    except (TypeError, ValueError):  # a builtin or C callable: the report alone
        return False


def call_renderer(renderer: Callable[..., str], report: dict[str, Any], pages: PageImageSource | None = None) -> str:
    return renderer(report, pages=pages) if wants_pages(renderer) else renderer(report)
