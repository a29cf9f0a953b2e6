"""A file with nothing readable: unreadable when reading failed, no document when nothing is written."""

from __future__ import annotations

from dataclasses import replace

from validator_helpers import compliant, of, run

from secordoc.model import Page


def _with_page(page: Page):  # type: ignore[no-untyped-def]
    documents = compliant()
    photo = documents[0]
    extracted = replace(photo.extracted, pages=(page,))
    documents.append(replace(photo, source="IMG_0001.jpg", extracted=extracted))
    return documents


def test_a_photo_ocr_read_well_with_no_writing_is_no_document():
    findings = run(_with_page(Page(1, "ocr", 612, 459, "", confidence=0.0)))
    assert [f.keys["document"] for f in of(findings, "unclassified-document")] == ["IMG_0001.jpg"]
    assert not of(findings, "unreadable-document")


def test_a_page_ocr_failed_on_is_unreadable():
    findings = run(_with_page(Page(1, "none", 612, 459, "", warnings=("OCR timed out",))))
    assert [f.keys["document"] for f in of(findings, "unreadable-document")] == ["IMG_0001.jpg"]
