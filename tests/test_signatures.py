"""Signatures end to end (extraction, layout, signature stage): ink versus empty lines and typed
names on born-digital, scanned and photographed forms, sign-in rows, digital signatures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from conftest import REALDATA
from secordoc.analyse import document_types, layouts_of, sign_document
from secordoc.extract import extract_package
from secordoc.testing import check_package, finding_codes
from secordoc.testing.generator import DocSpec, build


def read(tmp_path: Path, pm, settings, *specs: DocSpec):  # type: ignore[no-untyped-def]
    for spec in specs:
        name, data = build(spec)
        (tmp_path / name).write_bytes(data)
    types = document_types(pm)
    out = {}
    for item, spec in zip(extract_package(tmp_path, pm, settings).files, sorted(specs, key=lambda s: build(s)[0])):
        out[spec.filename] = {m["role"]: m for m in signatures(types[spec.type][0], item, types) if m["role"] != "attendee"}
    return out


def signatures(doc_type, item, types):  # type: ignore[no-untyped-def]
    return sign_document(item, layouts_of(item), doc_type, [t for t, _ in types.values()])


@pytest.mark.parametrize("render", ["digital", "scan", "photo"])
def test_signed_empty_and_typed_name(tmp_path, pm, settings, render):
    specs = [DocSpec("hazard-assessment", "2026-05-14", render, filename=f"{v}", seed=4, **kw)
             for v, kw in (("signed", {}), ("empty", {"signed": False}), ("typed", {"signed": False, "typed_names": True}),
                           ("half", {"signed": {"supervisor": False}}))]
    found = read(tmp_path, pm, settings, *specs)
    assert found["signed"]["worker"]["signed"] and found["signed"]["supervisor"]["signed"]
    assert not found["empty"]["worker"]["signed"] and not found["empty"]["supervisor"]["signed"]
    assert not found["typed"]["worker"]["signed"] and not found["typed"]["supervisor"]["signed"]
    assert found["half"]["worker"]["signed"] and not found["half"]["supervisor"]["signed"]


def test_a_pasted_signature_image_on_a_born_digital_form_is_ink(tmp_path, pm, settings):
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    ink = Image.new("RGB", (300, 60), "white")
    ImageDraw.Draw(ink).line([(5, 40), (60, 10), (120, 50), (180, 8), (290, 45)], fill=(20, 30, 120), width=4)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(50, 700, "Emergency Response Plan")
    pdf.setFont("Helvetica", 12)
    pdf.drawString(50, 670, "Date reviewed: 2026-03-14")
    pdf.drawString(50, 600, "Approved by (signature):")
    pdf.line(250, 597, 480, 597)
    pdf.drawImage(ImageReader(ink), 260, 596, width=150, height=30)
    pdf.save()
    (tmp_path / "erp.pdf").write_bytes(buffer.getvalue())
    (item,) = extract_package(tmp_path, pm, settings).files
    types = document_types(pm)
    marks = signatures(types["emergency-response-plan"][0], item, types)
    assert [(m["role"], m["signed"], m["method"]) for m in marks] == [("approver", True, "pdf-objects")]


def test_sign_in_table_rows_are_counted(tmp_path, pm, settings):
    for name, signed in (("signed.pdf", True), ("unsigned.pdf", {"attendee": False})):
        _, data = build(DocSpec("toolbox-meeting", "2026-05-14", "scan", signed=signed, seed=2))
        (tmp_path / name).write_bytes(data)
    types = document_types(pm)
    rows = {}
    for item in extract_package(tmp_path, pm, settings).files:
        (attendees,) = [m for m in signatures(types["toolbox-meeting"][0], item, types) if m["role"] == "attendee"]
        rows[item.file.path] = [f["signed"] for f in attendees["fields"]]
    assert rows["signed.pdf"] and all(rows["signed.pdf"])
    assert rows["unsigned.pdf"] and not any(rows["unsigned.pdf"])


@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not beside this checkout")
def test_the_real_osha_form_is_not_taken_as_signed(pm, settings):
    files = extract_package(REALDATA / "safety_forms_osha", pm, settings).files
    types = document_types(pm)
    marks = [f for item in files for m in signatures(None, item, types) for f in m["fields"]]
    assert marks and not any(m["signed"] for m in marks)


@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not beside this checkout")
def test_digital_signature_intact_and_tampered(tmp_path):
    original = (REALDATA / "pdf_hostile_qpdf" / "qtest" / "digitally-signed.pdf").read_bytes()
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "signed.pdf").write_bytes(original)
    report = check_package(tmp_path / "pkg", anniversary="2026-12-31", submitted="2026-12-01")
    (sig,) = report["documents"][0]["signatures"]
    assert sig["method"] == "digital" and sig["signed"] and sig["integrity"] == "intact"
    assert not [c for c, _ in finding_codes(report) if c == "invalid-digital-signature"]
    at = original.index(b"obj") + 3  # change one byte inside the signed range (the byte after an "obj")
    tampered = original[:at] + (b"  " if original[at:at + 1] != b" " else b"\n") [:1] + original[at + 1:]
    (tmp_path / "pkg" / "signed.pdf").write_bytes(tampered)
    report = check_package(tmp_path / "pkg", anniversary="2026-12-31", submitted="2026-12-01")
    (sig,) = report["documents"][0]["signatures"]
    assert not sig["signed"] and sig["integrity"] != "intact"
    assert ("invalid-digital-signature", {"document": "signed.pdf"}) in finding_codes(report)
