"""Filled PDF forms: values placed where their widgets are, checkboxes read, typed names not signatures."""

from __future__ import annotations

from pathlib import Path

from conftest import extract_only, package_dir
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from secordoc.form_fields import CHECKED, UNCHECKED
from secordoc.testing import check_package

WIDTH, HEIGHT = letter


def filled_inspection(path: Path, *, date_value: str = "March 14, 2026", inspector: str = "Pat Smith") -> Path:
    """A site inspection form whose date exists only in a text field beside its printed label; two
    checkboxes (one ticked); the inspector's 'signature' typed into a text field; an empty /Sig field
    is not possible in reportlab, so the signature line is a text field, as many real forms have."""
    c = canvas.Canvas(str(path), pagesize=letter)
    form = c.acroForm
    c.setFont("Helvetica", 10)
    c.drawString(50, HEIGHT - 50, "Northern Lights Contracting Ltd.")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, HEIGHT - 90, "Workplace Inspection Checklist")
    c.setFont("Helvetica", 11)
    c.drawString(50, HEIGHT - 130, "Date of inspection:")
    form.textfield(name="inspection_date", value=date_value, x=170, y=HEIGHT - 135, width=160, height=18,
                   borderWidth=0.5, fontName="Helvetica", fontSize=11)
    c.drawString(50, HEIGHT - 160, "Area inspected: Shop, yard and office")
    c.drawString(50, HEIGHT - 190, "Fire extinguishers checked")
    form.checkbox(name="extinguishers", x=250, y=HEIGHT - 195, size=14, checked=True)
    c.drawString(50, HEIGHT - 215, "First aid kit stocked")
    form.checkbox(name="first_aid", x=250, y=HEIGHT - 220, size=14, checked=False)
    c.drawString(50, HEIGHT - 260, "Next inspection due: June 14, 2026")
    c.drawString(50, HEIGHT - 320, "Inspected by (signature):")
    form.textfield(name="inspector_signature", value=inspector, x=200, y=HEIGHT - 325, width=180, height=18,
                   borderWidth=0.5, fontName="Helvetica", fontSize=11)
    c.line(200, HEIGHT - 326, 380, HEIGHT - 326)
    c.showPage()
    c.save()
    return path


def words_of(tmp_path: Path, pm, settings):  # type: ignore[no-untyped-def]
    package = package_dir(tmp_path)
    filled_inspection(package / "inspection.pdf")
    item = extract_only(package, pm, settings)
    return item.pages[0]


def test_a_field_value_is_a_word_beside_its_label(tmp_path, pm, settings):
    page = words_of(tmp_path, pm, settings)
    label = next(w for w in page.words if w.text == "inspection:")
    value = next(w for w in page.words if w.text == "March")
    assert value.box[0] > label.box[2] and value.box[0] - label.box[2] < 40
    assert abs((value.box[1] + value.box[3]) / 2 - (label.box[1] + label.box[3]) / 2) < 6
    assert "March 14, 2026" not in page.text  # the text stays the text layer's; the fields are words


def test_checkboxes_are_read(tmp_path, pm, settings):
    page = words_of(tmp_path, pm, settings)
    glyphs = sorted((w.box[1], w.text) for w in page.words if w.text in (CHECKED, UNCHECKED))
    assert [g for _, g in glyphs] == [CHECKED, UNCHECKED]  # extinguishers ticked, first aid not


def test_the_date_only_in_a_field_is_the_activity_date_with_its_label(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    filled_inspection(package / "inspection.pdf", date_value="2026-03-14")
    report = check_package(package, anniversary="2026-12-31")
    (doc,) = report["documents"]
    assert doc["category"] == "site-inspection"
    assert doc["date"] == "2026-03-14" and doc["date_label"].rstrip(":") == "Date of inspection"


def test_a_typed_name_in_a_signature_field_is_not_a_signature(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    filled_inspection(package / "inspection.pdf")
    report = check_package(package, anniversary="2026-12-31")
    (doc,) = report["documents"]
    inspector = [s for s in doc["signatures"] if "inspect" in str(s).lower()]
    assert inspector and not any(s.get("signed") for s in inspector)
    assert any(f["code"] == "missing-signature" and f.get("document") == "inspection.pdf" for f in report["findings"])


def with_empty_signature_field(path: Path) -> Path:
    """The inspection form with an unsigned /Sig field over the inspector's line (pyHanko adds it)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    source = filled_inspection(path.with_suffix(".src.pdf"))
    with source.open("rb") as fh:
        writer = IncrementalPdfFileWriter(fh)
        append_signature_field(writer, SigFieldSpec("inspector_digital", box=(200, HEIGHT - 380, 380, HEIGHT - 340)))
        with path.open("wb") as out:
            writer.write(out)
    source.unlink()
    return path


def test_an_unsigned_signature_field_gives_no_word_and_no_ink(tmp_path, pm, settings):
    package = package_dir(tmp_path)
    with_empty_signature_field(package / "inspection.pdf")
    item = extract_only(package, pm, settings)
    page = item.pages[0]
    field_box = (200, 792 - 380, 380, 792 - 340)  # top-left points: from y 412 to 452
    inside = [w for w in page.words if w.box[1] >= field_box[1] - 1 and w.box[3] <= field_box[3] + 1 and w.box[0] >= 199]
    assert inside == []
    assert not [m for m in page.ink if m.box[1] >= field_box[1] - 1 and m.box[3] <= field_box[3] + 1]
    assert [s["filled"] for s in item.digital_signatures if s["name"] == "inspector_digital"] == [False]
    assert any(w.text == "March" for w in page.words)  # the text fields are still read
