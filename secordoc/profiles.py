"""Partner profiles: found through the ``secordoc_profiles`` hook, validated, and merged with
the profile they extend. Rules are data: a new partner needs a profile, never a core change."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InvalidProfileError
from .plugin_manager import SecordocPluginManager
from .schemas import errors as schema_errors


@dataclass(frozen=True)
class ProfileSource:
    name: str
    data: dict[str, Any]
    origin: str  # file path, or the plugin's name for a dict
    plugin: str  # the plugin that contributed it


def _read(item: str | dict[str, Any], plugin: str) -> ProfileSource:
    if isinstance(item, dict):
        data, origin = item, plugin
    else:
        origin = str(item)
        try:
            data = json.loads(Path(item).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise InvalidProfileError(f"Profile file {item} cannot be read: {exc}") from exc
    problems = schema_errors("profile", data)
    if problems:
        raise InvalidProfileError(
            f"Profile {data.get('name', origin) if isinstance(data, dict) else origin} is not valid: {problems[0]}",
            "Fix the profile so that it matches `secordoc schema profile`.",
        )
    return ProfileSource(data["name"], data, origin, plugin)


def available(pm: SecordocPluginManager) -> dict[str, ProfileSource]:
    out: dict[str, ProfileSource] = {}
    answers = pm.contributions("secordoc_profiles")
    for plugin, items in answers:  # call order: partners before built-ins, so theirs win a name
        for item in items:
            source = _read(item, plugin)
            out.setdefault(source.name, source)
    return out


def _merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in overlay.items():
        if key in ("categories", "severities", "sources", "partner_rules", "checks") and isinstance(value, dict):
            merged.setdefault(key, {}).update(copy.deepcopy(value))
        else:
            merged[key] = copy.deepcopy(value)
    merged.pop("extends", None)
    merged.pop("aliases", None)
    return merged


def aliases(profiles: dict[str, ProfileSource]) -> dict[str, tuple[str, str]]:
    """Retired profile names: each alias and (the profile that replaced it, the deprecation note)."""
    return {alias: (name, note) for name, source in profiles.items()
            for alias, note in source.data.get("aliases", {}).items() if alias not in profiles}


def resolve(pm: SecordocPluginManager, name_or_path: str) -> dict[str, Any]:
    """The complete profile by name (or a path to a JSON file), its ``extends`` chain applied."""
    profiles = available(pm)
    retired = aliases(profiles)
    renamed_from = None
    if name_or_path.endswith(".json") or Path(name_or_path).is_file():
        source = _read(name_or_path, "command line")
    elif name_or_path in profiles:
        source = profiles[name_or_path]
    elif name_or_path in retired:
        source = profiles[retired[name_or_path][0]]
        renamed_from = {"name": name_or_path, "note": retired[name_or_path][1]}
    else:
        raise InvalidProfileError(
            f"There is no profile named '{name_or_path}'.",
            f"Available profiles: {', '.join(sorted(profiles))}. Or give the path of a profile JSON file "
            "(partner profiles come with their partner's plugin, e.g. pip install ./plugins/secordoc-nsny).",
        )
    chain = [source.data]
    seen = {source.name}
    while parent := chain[-1].get("extends"):
        if parent in seen or parent not in profiles:
            raise InvalidProfileError(f"Profile {chain[-1]['name']} extends '{parent}', which is {'circular' if parent in seen else 'not available'}.")
        seen.add(parent)
        chain.append(profiles[parent].data)
    result: dict[str, Any] = {}
    for data in reversed(chain):
        result = _merge(result, data)
    result["name"] = source.name
    if renamed_from:
        result["renamed_from"] = renamed_from
    result.setdefault("date_order", "MDY")
    result.setdefault("quarters", "review-period")
    return result
