"""``--dates FILE``: a CSV giving each package's anniversary (and submission date, profile, number
of employees) when the packages carry no ``secordoc.json``. A column left empty falls back to the
package's manifest. A mistake in the file stops the batch before any work, naming the line."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import UsageError

REQUIRED = ("package", "anniversary")
OPTIONAL = ("submitted", "profile", "employees")


@dataclass(frozen=True)
class PackageDates:
    anniversary: str | None = None
    submitted: str | None = None
    profile: str | None = None
    employees: int | None = None


def read_dates(path: Path) -> dict[str, PackageDates]:
    """The file's rows by package name (the folder's or file's name, a zip's with or without .zip)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
            header = [h.strip().lower() for h in (rows[0].keys() if rows else [])]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"Cannot read the dates file {path} ({exc}).") from None
    missing = [c for c in REQUIRED if c not in header]
    if rows and missing:
        raise UsageError(f"The dates file {path} has no '{missing[0]}' column.",
                         f"Its first line names the columns: {', '.join(REQUIRED + OPTIONAL)} (the last three optional).")
    found: dict[str, PackageDates] = {}
    for line, raw in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        name = row["package"]
        if not name:
            continue
        if name in found:
            raise UsageError(f"{path}, line {line}: package '{name}' is listed twice.")
        found[name] = PackageDates(
            _iso(row["anniversary"], path, line, "anniversary"),
            _iso(row.get("submitted", ""), path, line, "submitted"),
            row.get("profile") or None,
            _count(row.get("employees", ""), path, line),
        )
    return found


def dates_for(name: str, table: dict[str, PackageDates]) -> PackageDates | None:
    return table.get(name) or (table.get(name[:-4]) if name.lower().endswith(".zip") else None)


def _iso(value: str, path: Path, line: int, column: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{path}, line {line}: {column} must be a date written YYYY-MM-DD, not '{value}'.") from None


def _count(value: str, path: Path, line: int) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise UsageError(f"{path}, line {line}: employees must be a whole number, not '{value}'.")
    return int(value)
