"""Finding codes: declared by plugins, explained by ``secordoc explain CODE``."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Severity


@dataclass(frozen=True)
class FindingCode:
    code: str
    severity: Severity  # the default; a profile's ``severities`` may change it
    title: str
    keys: tuple[str, ...]
    fix: str  # what the user does about it


def registry(pm) -> dict[str, FindingCode]:  # type: ignore[no-untyped-def]
    out: dict[str, FindingCode] = {}
    for codes in pm.hook.secordoc_finding_codes():
        for code in codes or []:
            out[code.code] = code
    return out
