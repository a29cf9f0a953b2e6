"""Every third-party file in ../shared/realdata gets a status, no crash, no hang, within a time bound.

Text layers only (--no-ocr) for the whole corpus, to keep the suite fast; the OCR path is run on
the image-only samples separately.
"""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

import pytest

from conftest import REALDATA
from secordoc.extract import extract_package
from secordoc.settings import Settings

pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not beside this checkout")


def all_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root).as_posix()) for p in root.rglob("*") if p.is_file())


def test_every_file_of_the_corpus_is_accounted_for(pm, tmp_path):
    start = time.monotonic()
    result = extract_package(REALDATA, pm, Settings(ocr=False, use_cache=False, time_limit=30))
    elapsed = time.monotonic() - start
    listed = [f.file.path for f in result.files]
    assert listed == all_files(REALDATA)  # one to one, nothing dropped, nothing invented
    for f in result.files:
        assert f.file.status == "read" or f.file.reason  # every file not read says why
        assert f.file.status != "read" or f.pages  # a read file has its pages
    status = {f.file.path: f.file for f in result.files}
    # the known-encrypted files say they need a password
    with open(REALDATA / "pdf_hostile_qpdf" / "passwords.csv") as fh:
        for row in csv.DictReader(fh):
            name = f"pdf_hostile_qpdf/qtest/{row['file']}"
            if name in status and status[name].status == "unreadable" and "password" in (status[name].reason or ""):
                break
        else:
            pytest.fail("no encrypted qpdf file was reported as password protected")
    assert "password protected" in status["pdf_samples_pypdf/005-libreoffice-writer-password/libreoffice-writer-password.pdf"].reason
    osha = [f for p, f in status.items() if p.startswith("safety_forms_osha/") and p.endswith(".pdf")]
    assert osha and all(f.status == "read" for f in osha)
    assert elapsed < 300


def test_known_passwords_open_the_encrypted_files(pm):
    rows = list(csv.DictReader(open(REALDATA / "pdf_hostile_qpdf" / "passwords.csv")))
    passwords = {f"qtest/{r['file']}": r["password_that_opens_it_with_pypdf"] for r in rows}
    result = extract_package(REALDATA / "pdf_hostile_qpdf", pm, Settings(ocr=False, use_cache=False, passwords=passwords, time_limit=30))
    status = {f.file.path: f.file for f in result.files if f.file.path in passwords}
    opened = [p for p, f in status.items() if f.status == "read"]
    assert len(opened) >= len(passwords) * 0.7, {p: f.reason for p, f in status.items() if f.status != "read"}


def test_image_only_samples_go_through_ocr(pm, tmp_path):
    folder = REALDATA / "pdf_samples_pypdf" / "019-grayscale-image"
    result = extract_package(folder, pm, Settings(use_cache=False, time_limit=60))
    assert [(f.file.path, f.file.status) for f in result.files] == [("grayscale-image.pdf", "read")]
    # a picture (a drawn boy scout) with no text layer: its one page was handed to OCR, not
    # counted as a text page, nor lost
    assert [p.source for f in result.files for p in f.pages] == ["ocr"]


def test_the_corpus_is_never_modified(pm):
    before = {p: os.stat(p).st_mtime_ns for p in REALDATA.rglob("*") if p.is_file()}
    extract_package(REALDATA / "safety_forms_osha", pm, Settings(ocr=False, use_cache=False))
    after = {p: os.stat(p).st_mtime_ns for p in REALDATA.rglob("*") if p.is_file()}
    assert before == after
