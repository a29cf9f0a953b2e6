"""Calling a report format's renderer as the hook contract promises: with ``pages`` only when it
declares that parameter, so renderers written for the report alone keep working."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from .hookspecs import PageImageSource


def wants_pages(renderer: Callable[..., str]) -> bool:
    try:
        return "pages" in inspect.signature(renderer).parameters
    except (TypeError, ValueError):  # a builtin or C callable: the report alone
        return False


def call_renderer(renderer: Callable[..., str], report: dict[str, Any], pages: PageImageSource | None = None) -> str:
    return renderer(report, pages=pages) if wants_pages(renderer) else renderer(report)
