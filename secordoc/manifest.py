"""secordoc.json, the facts about a package that its files cannot tell (anniversary, N/A categories)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from .errors import InvalidProfileError
from .ingest import MANIFEST_NAME
from .schemas import errors as schema_errors


def read_manifest(package: Path) -> dict[str, Any]:
    """The package's manifest, or {} when it has none. An invalid one is an error naming the field."""
    raw: str | None = None
    if package.is_dir() and (package / MANIFEST_NAME).is_file():
        raw = (package / MANIFEST_NAME).read_text("utf-8", errors="replace")
    elif package.is_file() and zipfile.is_zipfile(package):
        try:
            with zipfile.ZipFile(package) as archive:
                if MANIFEST_NAME in archive.namelist():
                    raw = archive.read(MANIFEST_NAME)[:1_000_000].decode("utf-8", errors="replace")
        except (zipfile.BadZipFile, OSError, ValueError):
            return {}
    if raw is None:
        return {}
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise InvalidProfileError(
            f"{MANIFEST_NAME} is not valid JSON ({exc}).", "Fix the file or remove it from the package."
        ) from exc
    problems = schema_errors("manifest", data)
    if problems:
        raise InvalidProfileError(
            f"{MANIFEST_NAME} is not valid: {problems[0]}", "See `secordoc schema manifest` for the fields it may hold."
        )
    return data
