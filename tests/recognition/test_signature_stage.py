"""Signature fields and role decisions on forms drawn here: sign-off tables, captions under the
line, boxed cells, headings and running text that are not fields, typed names that are not ink."""

from __future__ import annotations

import pytest
from drawn import layout

from secordoc.analyse import document_types
from secordoc.recognition.signature_fields import find_fields, label_kind
from secordoc.recognition.signature_stage import decide_fields, decide_roles


@pytest.fixture(scope="module")
def types():
    from secordoc.plugin_manager import make_plugin_manager
    return {slug: t for slug, (t, _) in document_types(make_plugin_manager(load_entry_points=False)).items()}


def roles(lay, doc_type, types, digital=()):
    decisions = decide_fields([lay], doc_type, list(types.values()))
    return {r["role"]: r for r in decide_roles(decisions, doc_type, list(digital), list(types.values()))}


def sign_off_table(f, worker_signed=True, supervisor_signed=True):
    f.grid([40, 200, 330, 470, 560], [400, 416, 440, 464])
    for x, head in ((44, "Role"), (204, "Printed name"), (334, "Signature"), (474, "Date")):
        f.text(x, 412, head, 8, bold=True)
    f.text(44, 432, "Completed by (worker)")
    f.text(204, 432, "Luis Dubois")
    f.text(44, 456, "Reviewed by")
    f.text(204, 456, "Sean Hamel")
    if worker_signed:
        f.sign(340, 434, 100)
    if supervisor_signed:
        f.sign(340, 458, 80)


@pytest.mark.parametrize("worker, supervisor", [(True, True), (True, False), (False, True)])
def test_a_sign_off_tables_ink_is_in_the_signature_column_of_the_roles_row(tmp_path, types, worker, supervisor):
    def paint(f):
        f.text(40, 60, "Hazard Assessment", 16, bold=True)
        sign_off_table(f, worker, supervisor)
    found = roles(layout(tmp_path, paint), types["hazard-assessment"], types)
    assert found["worker"]["signed"] is worker
    assert found["supervisor"]["signed"] is supervisor


def test_a_caption_under_the_line_and_the_typed_name_beside_it(tmp_path, types):
    def paint(f):
        f.text(40, 60, "Preventive Maintenance Checklist", 16, bold=True)
        f.line(40, 500, 250)
        f.sign(60, 495)
        f.text(40, 512, "Serviced by", 8)
        f.text(300, 497, "Gord Okafor", 11)
        f.line(290, 500, 500)
        f.text(290, 512, "Name (print)", 8)
    found = roles(layout(tmp_path, paint), types["maintenance-record"], types)
    assert found["performed-by"]["signed"] is True
    assert found["performed-by"]["fields"][0]["how"] == "caption"


def test_a_typed_name_on_the_signature_line_is_not_a_signature(tmp_path, types):
    def paint(f):
        f.text(40, 60, "Workplace Inspection", 16, bold=True)
        f.text(40, 500, "Inspector signature:")
        f.line(140, 502, 330)
        f.text(150, 498, "Kyle Cote", 12)
    found = roles(layout(tmp_path, paint), types["site-inspection"], types)
    assert found["inspector"]["signed"] is False


def test_a_box_with_its_label_on_top(tmp_path, types):
    def paint(f):
        f.text(40, 60, "Toolbox Talk Record", 16, bold=True)
        f.box(40, 400, 300, 460)
        f.text(44, 412, "Facilitator sign-off", 9, bold=True)
        f.sign(60, 440)
    found = roles(layout(tmp_path, paint), types["toolbox-meeting"], types)
    assert found["meeting-leader"]["signed"] is True and found["meeting-leader"]["fields"][0]["how"] == "box"


@pytest.mark.parametrize("text", ["Sign-off", "Part D - Sign-off", "3. Signatures", "Scaffold tag not signed",
                                  "Action taken: post signed", "All workers must sign the hazard assessment before starting."])
def test_headings_and_running_text_are_not_fields(tmp_path, types, text):
    def paint(f):
        f.text(40, 60, "Site Specific Hazard Assessment", 16, bold=True)
        f.text(40, 300, text, 10)
        f.line(40, 320, 400)
    assert find_fields(layout(tmp_path, paint), ()) == []


@pytest.mark.parametrize("label, role", [
    ("Inspection conducted by", "inspector"), ("Mechanic signature", "performed-by"), ("Technician", "performed-by"),
    ("Serviced by", "performed-by"), ("Foreman / Supervisor", "supervisor"), ("Orientation conducted by", "supervisor"),
])
def test_labels_that_name_the_role_differently(tmp_path, types, label, role):
    slug = {"inspector": "site-inspection", "performed-by": "maintenance-record", "supervisor": "orientation"}[role]
    if label.startswith("Foreman"):
        slug = "hazard-assessment"
    def paint(f):
        f.text(40, 500, label + ":")
        f.line(40 + 6 * len(label) + 10, 502, 400)
        f.sign(40 + 6 * len(label) + 30, 498)
    found = roles(layout(tmp_path, paint), types[slug], types)
    assert found.get(role, {}).get("signed") is True, found


def test_a_bare_role_name_counts_only_without_an_explicit_field(tmp_path, types):
    def paint(f):
        f.text(40, 100, "Supervisor: Kyle Cote")  # a printed name, not where anyone signs
        f.text(40, 500, "Supervisor signature:")
        f.line(150, 502, 350)
        f.sign(170, 498)
    found = roles(layout(tmp_path, paint), types["hazard-assessment"], types)
    assert found["supervisor"]["signed"] is True
    assert [f["how"] for f in found["supervisor"]["fields"]] == ["rule"]


def test_an_intact_digital_signature_signs_the_role_its_field_names(tmp_path, types):
    lay = layout(tmp_path, lambda f: f.text(40, 60, "Emergency Response Plan", 16, bold=True))
    found = roles(lay, types["emergency-response-plan"], types,
                  [{"name": "Approved by", "filled": True, "integrity": "intact", "page": 1}])
    assert found["approver"]["signed"] is True and found["approver"]["method"] == "digital"


def test_label_kinds():
    assert label_kind("Supervisor signature", ()) == "explicit"
    assert label_kind("Inspected by:", ()) == "explicit"
    assert label_kind("Technician", ("technician",)) == "role"
    assert label_kind("Technician notes on the unit's condition were recorded.", ("technician",)) is None
    assert label_kind("Worker concerns / suggestions", ("worker",)) is None
    # "Owner / Senior Manager" with its last word lost under the stroke: one alternative names the role
    assert label_kind("Owner / Senior", ("owner", "senior manager")) == "role"


def test_without_a_readable_header_the_cell_ocr_read_nothing_in_is_the_signature(types):
    """A scanned sign-off row whose shaded header row OCR missed: the hand-filled name is read as
    low-confidence words, the empty signature cell as nothing: the empty cell is the field."""
    from secordoc.layout.build import build_layout
    from secordoc.model import Page, Rule, Word

    xs, ys = (47.0, 201.0, 345.0, 500.0), (526.0, 552.0)
    rules = tuple(Rule((x, ys[0], x, ys[1])) for x in xs) + tuple(Rule((xs[0], y, xs[-1], y)) for y in ys)
    words = (Word("Completed", (50, 535, 95, 545), 96.0), Word("by", (98, 535, 108, 545), 96.0),
             Word("(worker)", (111, 535, 150, 545), 96.0), Word("Niklal", (205, 533, 240, 547), 45.0),
             Word("Roy", (244, 533, 265, 547), 52.0))
    lay = build_layout(Page(1, "ocr", 612, 792, "", words, rules=rules))
    found = roles(lay, types["hazard-assessment"], types)
    (field,) = found["worker"]["fields"]
    assert field["box"][0] >= 345 and field["signed"] is False


def test_a_role_label_whose_short_word_ocr_misread_still_names_the_role(tmp_path, types):
    def paint(f):
        f.text(40, 300, "Approved ber")  # "Approved by:" as OCR reads it beside a signature
        f.line(120, 302, 300)
        f.sign(140, 298)
    found = roles(layout(tmp_path, paint), types["emergency-response-plan"], types)
    assert found["approver"]["signed"] is True


def test_a_signature_under_its_label_in_a_box_whose_sides_were_not_found(tmp_path, types):
    def paint(f):
        f.grid([30, 580], [250, 290])  # the table above, whose bottom is the box's top edge...
        f.text(40, 302, "Presented by (signature)", 8, bold=True)  # ...the box's sides did not survive the scan
        f.sign(60, 326)
        f.text(40, 345, "Name: Angela Janzen", 8)
    found = roles(layout(tmp_path, paint), types["toolbox-meeting"], types)
    assert found["meeting-leader"]["signed"] is True


def test_nothing_under_the_label_leaves_it_unsigned(tmp_path, types):
    def paint(f):
        f.grid([30, 580], [250, 290])
        f.text(40, 302, "Presented by (signature)", 8, bold=True)
        f.text(40, 345, "Name: Angela Janzen", 8)
    found = roles(layout(tmp_path, paint), types["toolbox-meeting"], types)
    assert found["meeting-leader"]["signed"] is False


def test_a_bullet_naming_a_role_is_no_signature_field(tmp_path, types):
    def paint(f):
        f.text(40, 200, "Report sightings to supervisor")
        f.text(40, 300, "Facilitator sign-off")
        f.line(40, 330, 250)
        f.sign(60, 326)
    found = roles(layout(tmp_path, paint), types["toolbox-meeting"], types)
    assert [f["label"] for f in found["meeting-leader"]["fields"]] == ["Facilitator sign-off"]


@pytest.mark.parametrize("signed", [True, False])
def test_a_signed_attendance_field_not_read_as_table_rows_counts_one_signed_row(tmp_path, types, signed):
    def paint(f):
        f.text(40, 60, "Toolbox Talk Record", 16, bold=True)
        f.text(40, 500, "Attendees signature:")
        f.line(150, 502, 330)
        if signed:
            f.sign(160, 498, 120)
    attendees = roles(layout(tmp_path, paint), types["toolbox-meeting"], types).get("attendee")
    assert attendees is not None and attendees["rows_signed"] == (1 if signed else 0)


def test_an_unnamed_signature_field_stands_for_the_one_required_role_no_field_names(tmp_path, types):
    def paint(f):
        f.text(40, 60, "Field Level Hazard Assessment", 16, bold=True)
        f.line(40, 500, 200)
        f.text(40, 512, "Signature of Wor")  # the label OCR cut short
        f.sign(60, 496, 100)
        f.line(300, 500, 460)
        f.text(300, 512, "Supervisor sign-off")
        f.sign(320, 496, 90)
    found = roles(layout(tmp_path, paint), types["hazard-assessment"], types)
    assert found["worker"]["signed"] and found["supervisor"]["signed"]


def test_a_one_word_role_split_by_a_pen_stroke_is_still_a_role_label():
    assert label_kind("Chair erson", ("chairperson",)) == "role"
    assert label_kind("Chairpeyon", ("chairperson",)) == "role"
    assert label_kind("Chair notes", ("chairperson",)) is None


def test_a_wide_box_the_label_only_titles_holds_the_signature_not_the_next_cell(tmp_path, types):
    def paint(f):
        f.text(40, 60, "Toolbox Talk Record", 16, bold=True)
        f.box(40, 400, 520, 424)  # the box's title row, a rule under it...
        f.box(520, 400, 570, 424)  # ...and a narrow cell beside it: a "row" to the eye of a table reader
        f.text(44, 410, "Chairperson", 8, bold=True)
        f.sign(50, 420, 140)  # across the title, as people sign
    found = roles(layout(tmp_path, paint), types["toolbox-meeting"], types)
    assert found["meeting-leader"]["signed"] is True and found["meeting-leader"]["fields"][0]["how"] == "box"


def test_a_signatures_straight_underline_taken_for_a_rule_does_not_close_the_signing_room(tmp_path, types):
    def paint(f):
        f.text(40, 60, "Field Level Hazard Assessment", 16, bold=True)
        f.line(300, 500, 460)
        f.text(300, 512, "Supervisor sign-off")
        f.sign(310, 494, 100)
        f.line(308, 492, 400)  # the signature's own straight flourish, read as a ruling line
    found = roles(layout(tmp_path, paint), types["hazard-assessment"], types)
    assert found["supervisor"]["signed"] is True and found["supervisor"]["fields"][0]["how"] == "caption"


def test_signatures_of_neighbouring_rows_read_as_one_mark_sign_each_row_they_cross():
    from types import SimpleNamespace

    from secordoc.model import InkMark
    from secordoc.recognition.signature_stage import _ink_across_rows

    merged = InkMark((315.0, 281.0, 436.0, 351.0), "raster", 780.0)  # four rows' signatures touching
    small = InkMark((315.0, 282.0, 330.0, 290.0), "raster", 9.0)  # a speck in one row only
    page = SimpleNamespace(ink=[merged, small])
    rows = [(308.0, y, 571.0, y + 18.0) for y in (280.0, 300.0, 320.0, 340.0, 380.0)]
    assert [bool(_ink_across_rows(page, row)) for row in rows] == [True, True, True, True, False]


@pytest.mark.parametrize("heading", ["Ngnature", ""])  # OCR garbled the shaded heading, or lost it
def test_a_sign_in_table_titled_by_attendees_is_read_in_its_signature_column(tmp_path, types, heading):
    def paint(f):
        f.text(40, 60, "Toolbox Talk", 16, bold=True)
        f.text(40, 390, "Attendees", 9, bold=True)  # alone on its line, over the table
        f.grid([40, 300, 560], [400, 416, 440, 464])
        f.text(44, 412, "Name", 8, bold=True)
        if heading:
            f.text(304, 412, heading, 8, bold=True)
        f.text(44, 432, "Zach Ibrahim")
        f.text(44, 456, "Kai Sohal")
        f.sign(310, 434, 100)
        f.sign(310, 458, 90)
    attendees = roles(layout(tmp_path, paint), types["toolbox-meeting"], types)["attendee"]
    assert attendees["rows_signed"] == 2 and {f["how"] for f in attendees["fields"]} == {"column"}


def test_a_titled_table_with_nothing_signed_in_it_is_not_read_as_signed(tmp_path, types):
    def paint(f):
        f.text(40, 60, "Toolbox Talk", 16, bold=True)
        f.text(40, 390, "Attendees", 9, bold=True)
        f.grid([40, 300, 560], [400, 416, 440, 464])
        f.text(44, 412, "Name", 8, bold=True)
        f.text(304, 412, "Ngnature", 8, bold=True)
        f.text(44, 432, "Zach Ibrahim")
    attendees = roles(layout(tmp_path, paint), types["toolbox-meeting"], types)["attendee"]
    assert attendees["rows_signed"] == 0


def test_a_label_under_a_rule_with_the_signature_under_it_titles_a_box(tmp_path, types):
    def paint(f):
        f.text(40, 60, "Toolbox Meeting Record", 16, bold=True)
        f.line(36, 400, 560)  # the box's top edge; its sides did not come through the scan
        f.text(40, 410, "Presented by (signature)", 8, bold=True)
        f.sign(60, 428, 110)
        f.text(40, 450, "Printed Name: ANGELA JANZEN", 8)
    found = roles(layout(tmp_path, paint), types["toolbox-meeting"], types)
    assert found["meeting-leader"]["signed"] is True and found["meeting-leader"]["fields"][0]["how"] == "below"


def test_without_a_readable_header_the_scribble_read_as_garbage_is_the_signature_not_the_name(types):
    """Both cells hold words: the hand-filled name at middling confidence, the signature as OCR's
    garbage near 0. The least legible cell is where one signs."""
    from secordoc.layout.build import build_layout
    from secordoc.model import InkMark, Page, Rule, Word

    xs, ys = (47.0, 201.0, 345.0, 500.0), (526.0, 552.0)
    rules = tuple(Rule((x, ys[0], x, ys[1])) for x in xs) + tuple(Rule((xs[0], y, xs[-1], y)) for y in ys)
    words = (Word("Completed", (50, 535, 95, 545), 96.0), Word("by", (98, 535, 108, 545), 96.0),
             Word("(worker)", (111, 535, 150, 545), 96.0), Word("Niklal", (205, 533, 240, 547), 70.0),
             Word("Sho", (244, 533, 265, 547), 57.0), Word("fiona", (352, 530, 394, 549), 0.0),
             Word("khoa-", (402, 530, 471, 549), 0.0))
    ink = (InkMark((352.0, 530.0, 471.0, 549.0), "raster", 300.0),)
    lay = build_layout(Page(1, "ocr", 612, 792, "", words, rules=rules, ink=ink))
    (field,) = roles(lay, types["hazard-assessment"], types)["worker"]["fields"]
    assert field["box"][0] >= 345 and field["signed"] is True


def test_a_titled_tables_header_row_under_a_double_rule_is_no_row_of_signatures(tmp_path, types):
    def paint(f):
        f.text(40, 60, "Toolbox Talk", 16, bold=True)
        f.text(40, 390, "Attendees", 9, bold=True)
        f.line(40, 396, 560)  # a bar's lower edge, just over the table's top rule
        f.grid([40, 300, 560], [400, 416, 440, 464])
        f.text(44, 412, "Name", 8, bold=True)
        f.text(44, 432, "Zach Ibrahim")
        f.text(44, 456, "Kai Sohal")
        f.sign(310, 434, 100)
        f.sign(310, 458, 90)
    attendees = roles(layout(tmp_path, paint), types["toolbox-meeting"], types)["attendee"]
    assert len([f for f in attendees["fields"] if f["how"] == "column"]) == 2 and attendees["rows_signed"] == 2
