"""The profiles shipped with secordoc, contributed through the same hook a partner uses."""

from __future__ import annotations

from importlib import resources

from ..hookspecs import hookimpl


@hookimpl
def secordoc_profiles() -> list[str]:
    folder = resources.files("secordoc").joinpath("profiles")
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith(".json"))
