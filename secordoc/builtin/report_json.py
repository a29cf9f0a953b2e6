"""The JSON report format (machine-readable, follows ``secordoc schema report``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..hookspecs import hookimpl


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


@hookimpl
def secordoc_report_formats() -> dict[str, Callable[[dict[str, Any]], str]]:
    return {"json": render_json}
