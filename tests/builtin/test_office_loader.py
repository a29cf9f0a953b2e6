"""Word and Excel files are documents: read with their tables laid out, dated, never unpacked as zips."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import extract_only, package_dir

from secordoc.builtin.evidence_types import secordoc_evidence_type
from secordoc.extract import extract_package
from secordoc.office.formats import DOCX, XLSX
from secordoc.office.xlsx_reader import cell_text
from secordoc.testing import check_package


def toolbox_docx(path: Path) -> Path:
    """A toolbox meeting record typed in Word: the meeting date only in a table cell beside its
    label, a later 'Review date' in running text that must not win."""
    document = docx.Document()
    document.add_heading("Toolbox Meeting Record", 0)
    document.add_paragraph("Northern Lights Contracting Ltd.")
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for row, (label, value) in enumerate([("Date of meeting", "March 3, 2026"), ("Meeting leader", "Pat Smith"),
                                          ("Topic", "Working at heights")]):
        table.cell(row, 0).text = label
        table.cell(row, 1).text = value
    document.add_paragraph("Attendees discussed fall protection and ladder inspections.")
    document.add_paragraph("Review date: 2026-12-01")
    document.save(str(path))
    return path


def summary_xlsx(path: Path) -> Path:
    """A year-end summary kept in Excel; its date is a real Excel date shown day-first (20/11/26)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Year-end summary"
    sheet["A1"] = "Annual Health and Safety Year-End Summary"
    sheet["A1"].font = openpyxl.styles.Font(bold=True, size=16)
    sheet["A3"], sheet["B3"] = "Date prepared", datetime.date(2026, 11, 20)
    sheet["B3"].number_format = "dd/mm/yy"
    sheet["A4"], sheet["B4"] = "Owner", "Pat Smith"
    sheet["A6"], sheet["B6"] = "Inspections completed", 48
    sheet["A7"], sheet["B7"] = "Toolbox meetings held", 52.0
    book.save(str(path))
    return path


def document(report: dict, source: str) -> dict:
    (found,) = [d for d in report["documents"] if d["source"] == source]
    return found


def test_docx_is_read_as_one_document_with_its_table_date(tmp_path):
    package = package_dir(tmp_path)
    toolbox_docx(package / "toolbox.docx")
    report = check_package(package, anniversary="2026-12-31")
    (entry,) = [f for f in report["files"] if f["path"] == "toolbox.docx"]
    assert entry["status"] == "read" and entry["media_type"] == DOCX
    found = document(report, "toolbox.docx")
    assert found["category"] == "toolbox-meeting"
    assert found["date"] == "2026-03-03" and found["date_label"] == "Date of meeting"


def test_docx_table_row_lays_cells_left_to_right_with_rules(tmp_path, pm, settings):
    package = package_dir(tmp_path)
    toolbox_docx(package / "toolbox.docx")
    item = extract_only(package, pm, settings)
    page = item.pages[0]
    label = next(w for w in page.words if w.text == "leader")
    value = next(w for w in page.words if w.text == "Pat")
    assert abs(label.box[1] - value.box[1]) < 2 and value.box[0] > label.box[2]  # one line, label first
    assert any(not r.horizontal and label.box[2] < r.box[0] < value.box[0] for r in page.rules)
    title = next(w for w in page.words if w.text == "Toolbox")
    assert title.size > label.size  # the heading style's size reaches the layout's title block
    assert page.source == "text-layer" and "python-docx" in page.warnings[0]


def test_xlsx_real_date_cell_gives_the_date(tmp_path):
    package = package_dir(tmp_path)
    summary_xlsx(package / "summary.xlsx")
    report = check_package(package, anniversary="2026-12-31")
    found = document(report, "summary.xlsx")
    assert found["category"] == "year-end-summary"
    assert found["date"] == "2026-11-20" and found["date_text"] == "2026-11-20"


def test_cell_values_as_text():
    assert cell_text(datetime.datetime(2026, 3, 4, 0, 0)) == "2026-03-04"
    assert cell_text(datetime.datetime(2026, 3, 4, 13, 30)) == "2026-03-04 13:30"
    assert cell_text(52.0) == "52" and cell_text(2.5) == "2.5" and cell_text(None) == ""


@pytest.mark.parametrize("damage", ["truncated", "not-a-zip", "no-document-part"])
def test_broken_docx_is_unreadable_with_the_reason(tmp_path, pm, settings, damage):
    good = toolbox_docx(tmp_path / "good.docx").read_bytes()
    package = package_dir(tmp_path)
    if damage == "truncated":
        data = good[: len(good) // 2]
    elif damage == "not-a-zip":
        data = b"This is not really a Word file.\n" * 20
    else:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                if info.filename != "word/document.xml":
                    dst.writestr(info, src.read(info))
        data = out.getvalue()
    (package / "minutes.docx").write_bytes(data)
    item = extract_only(package, pm, settings)  # one entry: never unpacked into XML parts
    assert item.file.path == "minutes.docx"
    assert item.file.status == "unreadable"
    assert "Word file" in (item.file.reason or "")


def test_password_protected_xlsx_says_so(tmp_path, pm, settings):
    package = package_dir(tmp_path)
    (package / "summary.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # an OLE container
    item = extract_only(package, pm, settings)
    assert item.file.status == "unreadable" and "password" in (item.file.reason or "")


def test_office_files_inside_a_zip_package_stay_documents(tmp_path, pm, settings):
    toolbox_docx(tmp_path / "toolbox.docx")
    summary_xlsx(tmp_path / "summary.xlsx")
    package = tmp_path / "package.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(tmp_path / "toolbox.docx", "Q1/toolbox.docx")
        archive.write(tmp_path / "summary.xlsx", "summary.xlsx")
    files = {f.file.path: f for f in extract_package(package, pm, settings).files}
    assert set(files) == {"Q1/toolbox.docx", "summary.xlsx"}
    assert all(f.file.status == "read" for f in files.values())


def test_office_type_by_content_whatever_the_name(tmp_path):
    data = toolbox_docx(tmp_path / "a.docx").read_bytes()
    assert secordoc_evidence_type(path="scan-0001", head=data[:2048]) == DOCX
    book = summary_xlsx(tmp_path / "b.xlsx").read_bytes()
    assert secordoc_evidence_type(path="export", head=book[:2048]) == XLSX
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert secordoc_evidence_type(path="photos.zip", head=plain_zip.getvalue()[:2048]) is None


def test_a_workbook_of_many_sheets_is_read_within_bounds(tmp_path, pm, settings):
    book = openpyxl.Workbook()
    book.active["A1"] = "Sheet 1 of many"
    for number in range(2, 61):
        book.create_sheet(f"Log {number}")["A1"] = f"Sheet {number} of many"
    package = package_dir(tmp_path)
    book.save(str(package / "logs.xlsx"))
    item = extract_only(package, pm, settings)
    assert item.file.status == "read" and len(item.pages) == 50
    assert any("60 sheets" in w and "first 50" in w for w in item.warnings)


def test_a_signature_pasted_into_a_word_table_is_ink_in_its_cell(tmp_path):
    from PIL import Image, ImageDraw

    pen = Image.new("RGB", (300, 80), "white")
    ImageDraw.Draw(pen).line([(10, 60), (60, 10), (110, 60), (160, 15), (280, 20)], fill="black", width=4)
    picture = io.BytesIO()
    pen.save(picture, "PNG")
    picture.seek(0)
    document = docx.Document()
    document.add_heading("Toolbox Meeting Record", 0)
    document.add_paragraph("Date: March 3, 2026")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for column, header in enumerate(["Name", "Signature", "Date"]):
        table.cell(0, column).text = header
    for row, name in ((1, "Pat Smith"), (2, "Jo Roe")):
        table.cell(row, 0).text, table.cell(row, 2).text = name, "March 3, 2026"
    table.cell(1, 1).paragraphs[0].add_run().add_picture(picture, width=docx.shared.Inches(1.2))
    package = package_dir(tmp_path)
    document.save(str(package / "toolbox.docx"))
    report = check_package(package, anniversary="2026-12-31")
    rows = [f for s in document_of(report)["signatures"] for f in s["fields"] if f.get("how") == "column"]
    signed = {f["row"].split(" | ")[0]: f["signed"] for f in rows}
    assert signed == {"Pat Smith": True, "Jo Roe": False}


def document_of(report: dict) -> dict:
    (found,) = report["documents"]
    return found


def opendocument(path: Path, media_type: str, body: str) -> Path:
    """A minimal OpenDocument file as LibreOffice lays it out: the mimetype entry first, stored."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">'
        f"<office:body>{body}</office:body></office:document-content>"
    )
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), media_type)  # stored, not compressed
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def test_opendocument_text_and_spreadsheet_are_read_with_their_dates(tmp_path):
    package = package_dir(tmp_path)
    opendocument(package / "minutes.odt", "application/vnd.oasis.opendocument.text",
                 "<office:text><text:h>Toolbox Meeting Record</text:h><text:p>Northern Lights Contracting Ltd.</text:p>"
                 "<table:table><table:table-row><table:table-cell><text:p>Date of meeting</text:p></table:table-cell>"
                 "<table:table-cell><text:p>March 3, 2026</text:p></table:table-cell></table:table-row>"
                 "<table:table-row><table:table-cell><text:p>Meeting leader</text:p></table:table-cell>"
                 "<table:table-cell><text:p>Pat Smith</text:p></table:table-cell></table:table-row></table:table>"
                 "<text:p>Review date: 2026-12-01</text:p></office:text>")
    opendocument(package / "summary.ods", "application/vnd.oasis.opendocument.spreadsheet",
                 '<office:spreadsheet><table:table table:name="Summary">'
                 "<table:table-row><table:table-cell><text:p>Annual Health and Safety Year-End Summary</text:p>"
                 "</table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>Date prepared</text:p>"
                 '</table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-11-20">'
                 "<text:p>20/11/26</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>")
    report = check_package(package, anniversary="2026-12-31")
    minutes, summary = document(report, "minutes.odt"), document(report, "summary.ods")
    assert minutes["category"] == "toolbox-meeting" and minutes["date"] == "2026-03-03"
    assert summary["category"] == "year-end-summary" and summary["date"] == "2026-11-20"
