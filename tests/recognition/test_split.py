"""Documents inside one file: drawn multi-page PDFs read by the real loader, then cut."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas as rl_canvas

from drawn import Form
from secordoc.analyse import document_types, documents_in
from secordoc.builtin.pdf_loader import secordoc_load_file
from secordoc.layout.build import build_layout
from secordoc.model import ExtractedFile, InputFile, Page
from secordoc.plugin_manager import make_plugin_manager
from secordoc.recognition.split import override, page_marker
from secordoc.settings import Settings


@pytest.fixture(scope="module")
def types():
    return [t for t, _ in document_types(make_plugin_manager(load_entry_points=False)).values()]


def read(tmp_path: Path, pages: list[Callable[[Form], None]]) -> ExtractedFile:
    path = tmp_path / "combined.pdf"
    canvas = rl_canvas.Canvas(str(path), pagesize=letter)
    for paint in pages:
        paint(Form(canvas))
        canvas.showPage()
    canvas.save()
    loaded = secordoc_load_file(path=str(path), source=path.name, media_type="application/pdf",
                                workdir=str(tmp_path / "work"), settings=Settings(use_cache=False))
    read_pages = tuple(Page(r.number, "text-layer", r.width, r.height, r.text, r.words, rules=r.rules, ink=r.ink)
                       for r in loaded.pages)
    return ExtractedFile(InputFile(path.name, path.stat().st_size, "read"), read_pages)


def cut(item: ExtractedFile, types, reviewer=None) -> list[list[int]]:
    layouts = [build_layout(p) if p.words else None for p in item.pages]
    parts = documents_in(item, layouts, types, "MDY", reviewer)
    return [[part.pages[0].number, part.pages[-1].number] for part, _ in parts]


def titled(title: str, date_label: str | None, footer: str | None = None) -> Callable[[Form], None]:
    def paint(f: Form) -> None:
        f.text(40, 40, "Northern Lights Roofing Ltd.", 9)
        f.text(150, 80, title, 18, bold=True)
        if date_label:
            f.text(40, 130, f"{date_label}: 2026-03-12")
        f.text(40, 160, "Crew: M. Tremblay, J. Singh")
        for n in range(8):
            f.text(40, 200 + 20 * n, f"Item {n + 1} checked and found in order")
        if footer:
            f.text(480, 760, footer, 8)
    return paint


def carried_over(footer: str | None) -> Callable[[Form], None]:
    """A second page with no title: the rest of a table and the sign-off."""
    def paint(f: Form) -> None:
        for n in range(10):
            f.text(40, 60 + 20 * n, f"Hazard {n + 9}   Control in place   Yes")
        f.text(40, 400, "Supervisor signature")
        if footer:
            f.text(480, 760, footer, 8)
    return paint


def test_a_combined_scan_is_cut_where_each_new_title_starts(tmp_path, types):
    item = read(tmp_path, [titled("Toolbox Safety Meeting", "Meeting date"),
                           titled("Site Inspection Report", "Date of inspection", "Page 1 of 2"),
                           carried_over("Page 2 of 2"),
                           titled("Equipment Maintenance Record", "Service date")])
    assert cut(item, types) == [[1, 1], [2, 3], [4, 4]]


def test_a_page_without_a_title_continues_the_document_before_it(tmp_path, types):
    item = read(tmp_path, [titled("Field Level Hazard Assessment", "Date"), carried_over(None)])
    assert cut(item, types) == [[1, 2]]


def test_the_same_form_filled_twice_is_two_documents(tmp_path, types):
    item = read(tmp_path, [titled("Toolbox Safety Meeting", "Meeting date"),
                           titled("Toolbox Safety Meeting", "Meeting date")])
    assert cut(item, types) == [[1, 1], [2, 2]]


def test_a_title_repeated_on_a_continuation_page_does_not_cut(tmp_path, types):
    item = read(tmp_path, [titled("Toolbox Safety Meeting", "Meeting date", "Page 1 of 2"),
                           titled("Toolbox Safety Meeting", None, "Page 2 of 2")])
    assert cut(item, types) == [[1, 2]]


def test_a_page_number_restart_cuts_even_without_a_known_title(tmp_path, types):
    item = read(tmp_path, [titled("Weekly Notes", None, "Page 1 of 1"), titled("Crew Notes", None, "Page 1 of 1")])
    assert cut(item, types) == [[1, 1], [2, 2]]


def test_a_reviewers_split_wins_and_a_wrong_one_is_ignored(tmp_path, types):
    item = read(tmp_path, [titled("Toolbox Safety Meeting", "Meeting date"), carried_over(None), carried_over(None)])
    assert cut(item, types, [[1, 1], [2, 3]]) == [[1, 1], [2, 3]]
    assert cut(item, types, [[1, 2]]) == [[1, 3]]  # does not cover page 3: the automatic split stands
    assert override([[1, 1], [3, 3]], 3) is None


def test_form_fields_stay_with_the_files_first_document(tmp_path, types):
    item = read(tmp_path, [titled("Toolbox Safety Meeting", "Meeting date"), titled("Site Inspection Report", "Date")])
    item = ExtractedFile(item.file, item.pages, fields={"Date": "2026-03-12"})
    layouts = [build_layout(p) for p in item.pages]
    parts = documents_in(item, layouts, types, "MDY")
    assert [dict(part.fields) for part, _ in parts] == [{"Date": "2026-03-12"}, {}]


@pytest.mark.parametrize(("text", "expected"), [
    ("Page 2 of 3", (2, 3)), ("Pg 1/1", (1, 1)), ("Uncontrolled when printed | F-304 | Pagel", (1, None)),
    ("page 2 de 2", (2, 2)), ("P.001", None), ("Page 4 of 2", None),
])
def test_page_numbers_as_printers_and_ocr_write_them(tmp_path, text, expected):
    item = read(tmp_path, [lambda f: (f.text(40, 60, "Body text of the page"), f.text(300, 770, text, 8))])
    marker = page_marker(build_layout(item.pages[0]))
    assert (None if marker is None else (marker.number, marker.total)) == expected


def test_a_same_type_page_of_another_form_number_opens_a_document_though_its_date_did_not_read(tmp_path, types):
    def second_form(f: Form) -> None:
        f.text(40, 40, "Northern Lights Roofing Ltd.", 9)
        f.text(150, 80, "Field Level Hazard Assessment", 18, bold=True)
        f.text(40, 130, "Assessment Date: U9/|//101")  # handwriting OCR could not read
        f.text(40, 760, "HS-412 Rev. 2016.05", 8)

    def sign_off(f: Form) -> None:  # the first form's second page: no title, its own footer
        f.text(40, 100, "Crew acknowledgement: Zach Ibrahim, Kai Johal")
        f.text(40, 760, "F-319 Rev. Oct 2014", 8)
    first = titled("Hazard Identification & Control", "Assessment Date", "F-319 Rev. Oct 2014")
    assert cut(read(tmp_path, [first, sign_off, second_form]), types) == [[1, 2], [3, 3]]


def test_the_same_form_number_on_a_titled_page_without_its_own_date_continues_the_document(tmp_path, types):
    first = titled("Field Level Hazard Assessment", "Assessment Date", "HS-412 Rev. 2016.05")
    again = titled("Field Level Hazard Assessment", None, "HS-412 Rev. 2016.05")
    assert cut(read(tmp_path, [first, again]), types) == [[1, 2]]


def test_form_numbers_compare_by_their_digits():
    from secordoc.recognition.split import form_codes

    assert form_codes("Retain completed form for 3 years. F-319 Rev. Oct 2014") == form_codes("E-3l9 Rev. Oct 2014")
    assert form_codes("HS-412 Rev. 2016.05") != form_codes("F-319 Rev. Oct 2014")
    assert form_codes("Call (403) 555-0117 to review") == set()  # a phone number is no form code
