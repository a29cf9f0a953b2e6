"""Ingest and zip safety: every file listed, nothing written outside the private folder."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from secordoc.ingest import collect
from secordoc.settings import Settings


def entries(package: Path, tmp: Path, **limits):  # type: ignore[no-untyped-def]
    work = tmp / "work"
    work.mkdir(exist_ok=True)
    return {e.source: e for e in collect(package, str(work), Settings(**limits))}


def test_folder_order_is_deterministic_and_symlinks_are_not_followed(tmp_path):
    package = tmp_path / "pkg"
    (package / "b").mkdir(parents=True)
    (package / "b" / "z.pdf").write_bytes(b"%PDF-1.4")
    (package / "a.pdf").write_bytes(b"%PDF-1.4")
    os.symlink("/etc/passwd", package / "link.pdf")
    found = collect(package, str(tmp_path), Settings())
    assert [e.source for e in found] == ["a.pdf", "b/z.pdf", "link.pdf"]
    assert found[2].status == "skipped" and "symbolic link" in found[2].reason


def test_zip_slip_and_absolute_names_are_never_unpacked(tmp_path):
    package = tmp_path / "evil.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("../../escaped.pdf", b"%PDF-1.4 evil")
        archive.writestr("/abs/escaped2.pdf", b"%PDF-1.4 evil")
        archive.writestr("ok/inspection.pdf", b"%PDF-1.4 ok")
    found = entries(package, tmp_path)
    assert found["../../escaped.pdf"].status == "skipped" and "unsafe path" in found["../../escaped.pdf"].reason
    assert found["/abs/escaped2.pdf"].status == "skipped"
    assert found["ok/inspection.pdf"].status == "pending"
    assert str(tmp_path / "work") in found["ok/inspection.pdf"].disk_path
    assert not (tmp_path / "escaped.pdf").exists() and not Path("/abs/escaped2.pdf").exists()


def test_zip_bombs_are_stopped_by_ratio_total_size_and_entry_count(tmp_path):
    package = tmp_path / "bomb.zip"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.pdf", b"\0" * 5_000_000)
    found = entries(package, tmp_path)
    assert found["zeros.pdf"].status == "unreadable" and "zip bomb" in found["zeros.pdf"].reason
    found = entries(package, tmp_path, zip_max_total_bytes=1_000_000)
    assert found["bomb.zip"].status == "unreadable" and "limit" in found["bomb.zip"].reason
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(30):
            archive.writestr(f"f{i}.txt", b"x")
    assert entries(many, tmp_path, zip_max_entries=10)["many.zip"].status == "unreadable"


def test_nested_zips_to_a_small_depth(tmp_path):
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("deep.pdf", b"%PDF-1.4")
    middle = tmp_path / "middle.zip"
    with zipfile.ZipFile(middle, "w") as archive:
        archive.write(inner, "inner.zip")
        archive.writestr("one.pdf", b"%PDF-1.4")
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(middle, "middle.zip")
    found = entries(outer, tmp_path)
    assert found["middle.zip/one.pdf"].status == "pending"
    assert found["middle.zip/inner.zip"].status == "skipped" and "nested" in found["middle.zip/inner.zip"].reason


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_zip_symlinks_duplicates_and_non_utf8_names(tmp_path):
    package = tmp_path / "odd.zip"
    with zipfile.ZipFile(package, "w") as archive:
        link = zipfile.ZipInfo("link.pdf")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("same.pdf", b"%PDF-1 first")
        archive.writestr("same.pdf", b"%PDF-1 second")
        latin = zipfile.ZipInfo("caf\xe9.pdf")  # stored as cp437 bytes, not UTF-8
        archive.writestr(latin, b"%PDF-1.4")
    found = entries(package, tmp_path)
    assert found["link.pdf"].status == "skipped"
    assert {"same.pdf", "same.pdf (copy 2)"} <= set(found)
    assert found["same.pdf (copy 2)"].status == "pending"
    assert any(name.startswith("caf") for name in found)


def test_password_protected_zip_entry(tmp_path):
    package = tmp_path / "locked.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("locked.pdf", b"%PDF-1.4")
    data = bytearray(package.read_bytes())
    data[6] |= 0x1  # the local header's "encrypted" flag
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1  # and the central directory's
    package.write_bytes(bytes(data))
    found = entries(package, tmp_path)
    assert found["locked.pdf"].status == "unreadable" and "password" in found["locked.pdf"].reason


def test_damaged_zip_is_one_unreadable_entry(tmp_path):
    package = tmp_path / "cut.zip"
    package.write_bytes(b"PK\x03\x04 truncated")
    found = entries(package, tmp_path)
    assert list(found) == ["cut.zip"] and found["cut.zip"].status == "unreadable"


def test_manifest_is_listed_not_read_as_evidence(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "secordoc.json").write_text("{}")
    found = entries(tmp_path / "pkg", tmp_path)
    assert found["secordoc.json"].status == "skipped" and "manifest" in found["secordoc.json"].reason
