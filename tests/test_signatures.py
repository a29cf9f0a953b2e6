"""Signatures: fields found from labels and sign-in columns, ink versus empty lines and typed
names, roles, digital signatures and their integrity."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from conftest import REALDATA
from secordoc.analyse import assign_roles, document_types
from secordoc.extract import extract_package
from secordoc.model import Word
from secordoc.signatures import find_fields
from secordoc.testing import check_package, finding_codes
from secordoc.testing.generator import DocSpec, build


def w(text: str, x: float, y: float, width: float | None = None, conf: float = 96.0) -> Word:
    return Word(text, (x, y, x + (width or 6 * len(text)), y + 10), conf)


def test_label_right_of_the_line_and_the_next_label_bounds_it():
    words = [w("Supervisor", 50, 300), w("signature:", 115, 300), w("Date:", 400, 300), w("2026-03-14", 430, 300)]
    (field,) = find_fields(words, 612, 792)
    assert field.label == "Supervisor signature"
    assert field.box[0] > 170 and field.box[2] < 400


def test_a_typed_name_does_not_shorten_the_field():
    words = [w("Inspected", 50, 300), w("by", 107, 300), w("(signature):", 121, 300), w("Dana", 265, 300), w("Kowalski", 295, 300)]
    (field,) = find_fields(words, 612, 792)
    assert field.label == "Inspected by (signature)" and field.box[2] > 400


def test_a_sign_in_column_is_one_field_over_the_rows():
    words = [w("Attendee", 50, 200), w("name", 103, 200), w("Attendee", 300, 200), w("signature", 353, 200),
             w("Sam", 50, 225), w("Lee", 75, 225), w("Tom", 50, 250), w("Beck", 75, 250)]
    (field,) = find_fields(words, 612, 792)
    assert field.row_label == "table" and field.box[1] >= 210 and field.box[3] >= 260


def read(tmp_path: Path, pm, settings, *specs: DocSpec):  # type: ignore[no-untyped-def]
    for spec in specs:
        name, data = build(spec)
        (tmp_path / name).write_bytes(data)
    types = document_types(pm)
    out = {}
    for item, spec in zip(extract_package(tmp_path, pm, settings).files, sorted(specs, key=lambda s: build(s)[0])):
        out[spec.filename] = {m["role"]: m for m in assign_roles(types[spec.type][0], item) if m["role"] != "attendee"}
    return out


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
    marks = assign_roles(document_types(pm)["emergency-response-plan"][0], item)
    assert [(m["role"], m["signed"]) for m in marks] == [("approver", True)]


def test_sign_in_table_rows_are_counted(tmp_path, pm, settings):
    for name, signed in (("signed.pdf", True), ("unsigned.pdf", {"attendee": False})):
        _, data = build(DocSpec("toolbox-meeting", "2026-05-14", "scan", signed=signed, seed=2))
        (tmp_path / name).write_bytes(data)
    types = document_types(pm)
    rows = {}
    for item in extract_package(tmp_path, pm, settings).files:
        marks = assign_roles(types["toolbox-meeting"][0], item)
        rows[item.file.path] = [m["signed"] for m in marks if m["role"] == "attendee"]
    assert rows["signed.pdf"] and all(rows["signed.pdf"])
    assert rows["unsigned.pdf"] and not any(rows["unsigned.pdf"])


@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not beside this checkout")
def test_the_real_osha_form_is_not_taken_as_signed(pm, settings):
    files = extract_package(REALDATA / "safety_forms_osha", pm, settings).files
    marks = [m for f in files for p in f.pages for m in p.signatures]
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
