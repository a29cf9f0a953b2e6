"""The PDF loader on encrypted, risky, damaged and image-only PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import extract_only
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from secordoc.extract import extract_package
from secordoc.settings import Settings
from secordoc.testing.generator import DocSpec, build_pdf, build_scan


def encrypted(tmp_path: Path, user: str, owner: str = "owner-secret") -> Path:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf(DocSpec("site-inspection", "2026-03-14")))))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    target = tmp_path / "pkg" / "locked.pdf"
    target.parent.mkdir(exist_ok=True)
    writer.write(target)
    return target.parent


def test_empty_user_password_is_tried_first(tmp_path, pm, settings):
    item = extract_only(encrypted(tmp_path, ""), pm, settings)
    assert item.file.status == "read" and "March 14, 2026" in item.pages[0].text


def test_password_protected_without_password_says_what_to_do(tmp_path, pm, settings):
    item = extract_only(encrypted(tmp_path, "s3cret"), pm, settings)
    assert item.file.status == "unreadable"
    assert "password protected" in item.file.reason and "unprotected copy" in item.file.reason


@pytest.mark.parametrize("key", ["locked.pdf", "*"])
def test_a_supplied_password_opens_it(tmp_path, pm, key):
    package = encrypted(tmp_path, "s3cret")
    item = extract_only(package, pm, Settings(use_cache=False, passwords={key: "s3cret"}))
    assert item.file.status == "read" and "Date of inspection" in item.pages[0].text


def test_javascript_and_attachments_are_warnings_never_run(tmp_path, pm, settings):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf(DocSpec("site-inspection", "2026-03-14")))))
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    writer.add_attachment("payload.exe", b"MZ not really")
    (tmp_path / "pkg").mkdir()
    writer.write(tmp_path / "pkg" / "risky.pdf")
    item = extract_only(tmp_path / "pkg", pm, settings)
    assert item.file.status == "read"
    assert any("JavaScript" in w for w in item.warnings) and any("attached files" in w for w in item.warnings)
    assert not list(tmp_path.rglob("payload.exe"))


def test_image_only_page_hands_the_stored_jpeg_to_ocr_untouched(tmp_path, pm, settings, monkeypatch):
    from secordoc.builtin import pdf_loader

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "scan.pdf").write_bytes(build_scan(DocSpec("site-inspection", "2026-03-14", "scan", dpi=300)))
    seen = []
    original = pdf_loader._stored_jpeg

    def spy(*args):  # type: ignore[no-untyped-def]
        image = original(*args)
        seen.append(image)
        return image

    monkeypatch.setattr(pdf_loader, "_stored_jpeg", spy)
    work = tmp_path / "work"
    work.mkdir()
    loaded = pdf_loader.secordoc_load_file(str(tmp_path / "pkg" / "scan.pdf"), "scan.pdf", "application/pdf", str(work), settings)
    image = loaded.pages[0].image
    assert seen and image.path.endswith(".jpg") and abs(image.dpi - 300) < 1
    assert Path(image.path).read_bytes()[:2] == b"\xff\xd8"


def test_truncated_and_mislabelled_pdfs_are_unreadable_with_a_reason(tmp_path, pm, settings):
    package = tmp_path / "pkg"
    package.mkdir()
    whole = build_pdf(DocSpec("site-inspection", "2026-03-14"))
    (package / "cut.pdf").write_bytes(whole[: len(whole) // 3])
    (package / "photo.pdf").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg either")
    (package / "zero.pdf").write_bytes(b"")
    files = {f.file.path: f.file for f in extract_package(package, pm, settings).files}
    assert all(f.status in ("read", "unreadable") and (f.status == "read" or f.reason) for f in files.values())
    assert files["zero.pdf"].status == "unreadable" and "empty" in files["zero.pdf"].reason
    assert files["photo.pdf"].status == "unreadable"
