"""Finding codes: declared by plugins, explained by ``secordoc explain CODE``."""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from .model import Severity

if TYPE_CHECKING:
    from .plugin_manager import SecordocPluginManager


@dataclass(frozen=True)
class FindingCode:
    code: str
    severity: Severity  # the default; a profile's ``severities`` may change it
    title: str
    keys: tuple[str, ...]
    fix: str  # what the user does about it


def registry(pm: SecordocPluginManager) -> dict[str, FindingCode]:
    """Every declared finding code (a plugin may redeclare a built-in's to change its text)."""
    answers: list[list[FindingCode]] = pm.hook.secordoc_finding_codes()
    return {code.code: code for codes in reversed(answers) for code in codes}
