"""The --dates CSV: rows by package name, mistakes named by line before any work."""

from __future__ import annotations

import pytest

from secordoc.batch.dates import PackageDates, dates_for, read_dates
from secordoc.errors import UsageError


def _csv(tmp_path, text):
    path = tmp_path / "dates.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_by_package_with_optional_columns(tmp_path):
    table = read_dates(_csv(tmp_path, "Package,Anniversary,Submitted,Profile,Employees\n"
                                      "pkg-001,2025-09-14,2025-08-28,nsny-yukon,12\npkg-002,2026-12-20,,,\n"))
    assert table["pkg-001"] == PackageDates("2025-09-14", "2025-08-28", "nsny-yukon", 12)
    assert table["pkg-002"] == PackageDates("2026-12-20", None, None, None)
    assert dates_for("pkg-002.zip", table) == table["pkg-002"]
    assert dates_for("pkg-003", table) is None


@pytest.mark.parametrize("text, message", [
    ("package,submitted\na,2026-01-01\n", "no 'anniversary' column"),
    ("package,anniversary\na,2026-01-01\nb,14/03/2026\n", "line 3: anniversary must be a date"),
    ("package,anniversary,employees\na,2026-01-01,seven\n", "line 2: employees must be a whole number"),
    ("package,anniversary\na,2026-01-01\na,2026-02-01\n", "line 3: package 'a' is listed twice"),
])
def test_mistakes_are_named_with_their_line(tmp_path, text, message):
    with pytest.raises(UsageError, match=message):
        read_dates(_csv(tmp_path, text))
