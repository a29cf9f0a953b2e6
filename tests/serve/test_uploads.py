"""Uploads: names from the browser never leave the upload folder; limits stop a body as it streams."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path, PurePosixPath

import pytest

from secordoc.serve.uploads import Limits, UploadRejected, receive, safe_name

BOUNDARY = "xYzBoundary"


@pytest.mark.parametrize(("name", "expected"), [
    ("report.pdf", "report.pdf"),
    ("pkg/q1/report.pdf", "pkg/q1/report.pdf"),
    ("../../etc/passwd", "etc/passwd"),
    ("/etc/cron.d/x", "etc/cron.d/x"),
    ("..\\..\\windows\\system.ini", "windows/system.ini"),
    ("C:\\Users\\me\\scan.pdf", "C_/Users/me/scan.pdf"),
    ("a/./b/../c.pdf", "a/b/c.pdf"),
    (".hidden", "hidden"),
    ("bad\x00name\x1f.pdf", "badname.pdf"),
    ('what?<is>"this"|*.pdf', "what__is__this___.pdf"),
    ("trailing. ", "trailing"),
])
def test_a_browser_name_becomes_a_safe_relative_path(name, expected):
    assert safe_name(name) == PurePosixPath(expected)


@pytest.mark.parametrize("name", ["", "..", ".", "/", "../..", "\x00"])
def test_a_name_with_nothing_left_is_refused(name):
    assert safe_name(name) is None


def test_deep_and_long_names_are_cut():
    path = safe_name("/".join(f"d{i}" for i in range(30)) + "/" + "x" * 500 + ".pdf")
    assert path is not None and len(path.parts) == 8 and all(len(p) <= 120 for p in path.parts)


def _body(files: list[tuple[str, bytes]], fields: dict[str, str] | None = None) -> bytes:
    out = b""
    for key, value in (fields or {}).items():
        out += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}\r\n").encode()
    for name, data in files:
        out += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


async def _chunks(body: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start:start + size]


def _receive(body: bytes, folder: Path, limits: Limits = Limits(10_000_000, 100), length: int | None = None):  # type: ignore[no-untyped-def]
    return asyncio.run(receive(_chunks(body), f"multipart/form-data; boundary={BOUNDARY}", length, folder, limits))


def test_files_and_fields_arrive_inside_the_folder_whatever_their_names(tmp_path):
    folder = tmp_path / "upload"
    upload = _receive(_body([("../../escape.pdf", b"%PDF-1.4 one"), ("pkg/a.pdf", b"two"), ("pkg/a.pdf", b"three")],
                            {"anniversary": "2026-12-31"}), folder)
    assert upload.fields == {"anniversary": "2026-12-31"}
    assert [str(f) for f in upload.files] == ["escape.pdf", "pkg/a.pdf", "pkg/a (2).pdf"]
    assert (folder / "escape.pdf").read_bytes() == b"%PDF-1.4 one"
    assert (folder / "pkg" / "a (2).pdf").read_bytes() == b"three"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["upload"]  # nothing written beside it


def test_a_body_over_the_size_limit_stops_while_streaming(tmp_path):
    with pytest.raises(UploadRejected) as caught:
        _receive(_body([("big.pdf", b"x" * 50_000)]), tmp_path / "u", Limits(20_000, 100))
    assert caught.value.status == 413 and "larger than the limit" in caught.value.message


def test_a_declared_length_over_the_limit_is_refused_before_reading(tmp_path):
    with pytest.raises(UploadRejected) as caught:
        _receive(b"", tmp_path / "u", Limits(1_000, 100), length=2 * 1024**3)
    assert caught.value.status == 413


def test_too_many_files_are_refused(tmp_path):
    with pytest.raises(UploadRejected) as caught:
        _receive(_body([(f"f{i}.pdf", b"x") for i in range(6)]), tmp_path / "u", Limits(1_000_000, 5))
    assert caught.value.status == 413 and "more than 5 files" in caught.value.message


def test_not_a_form_upload_and_no_files_are_refused(tmp_path):
    with pytest.raises(UploadRejected) as caught:
        asyncio.run(receive(_chunks(b"{}"), "application/json", 2, tmp_path / "u", Limits(1000, 5)))
    assert caught.value.status == 415
    with pytest.raises(UploadRejected, match="No files"):
        _receive(_body([], {"anniversary": "2026-12-31"}), tmp_path / "v")
