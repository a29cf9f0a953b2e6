"""The JSON Schemas shipped with secordoc (report, profile, manifest) and validation against them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

NAMES = ("report", "profile", "manifest", "doctype")


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("secordoc").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def errors(name: str, instance: Any) -> list[str]:
    """Each problem as 'where: what', empty when the instance is valid."""
    validator = jsonschema.Draft202012Validator(load_schema(name))
    out = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        out.append(f"{where}: {error.message}")
    return out
