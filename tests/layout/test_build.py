"""The layout model: segments cut at gaps and ruling lines, the title block, cells and headers."""

from __future__ import annotations

from drawn import layout

from secordoc.layout.build import build_layout, centre_line
from secordoc.model import Page, Rule, Word


def test_two_fields_on_one_line_are_two_segments(tmp_path):
    lay = layout(tmp_path, lambda f: (f.text(40, 100, "Date: July 1, 2025"), f.text(400, 100, "Duration: 15 min")))
    assert [s.text for s in lay.segments] == ["Date: July 1, 2025", "Duration: 15 min"]


def test_a_vertical_rule_cuts_a_table_row_into_cells(tmp_path):
    def paint(f):
        f.grid([40, 120, 300], [90, 110])
        f.text(44, 104, "Supervisor")
        f.text(124, 104, "Kyle Cote")
    lay = layout(tmp_path, paint)
    assert [s.text for s in lay.segments] == ["Supervisor", "Kyle Cote"]
    header_cells = lay.row_cells(lay.segments[1].box)
    assert [" ".join(s.text for s in segs) for _, segs in header_cells] == ["Supervisor", "Kyle Cote"]


def test_the_title_is_the_largest_boldest_text_not_a_filled_value(tmp_path):
    def paint(f):
        f.text(40, 50, "Northern Lights Contracting Ltd.", 9)
        f.text(40, 80, "Preventive Maintenance Record", 14, bold=True)
        f.text(40, 120, "Equipment:")
        f.text(100, 120, "Honda EU7000 generator", 18)  # a big hand-filled value
        f.text(40, 160, "Topic: Incident reporting", 15)
        for i in range(8):
            f.text(40, 200 + 14 * i, f"Check item {i}: fluid levels, hoses and belts inspected and recorded", 10)
    lay = layout(tmp_path, paint)
    assert [s.text for s in lay.title][0] == "Preventive Maintenance Record"
    assert all("Honda" not in s.text and "Topic" not in s.text for s in lay.title)


def test_column_header_and_cell(tmp_path):
    def paint(f):
        f.grid([40, 200, 360], [200, 216, 232, 248])
        f.text(44, 212, "Name", 8, bold=True)
        f.text(204, 212, "Signature", 8, bold=True)
        f.text(44, 244, "Tom Beck")
    lay = layout(tmp_path, paint)
    tom = next(s for s in lay.segments if s.text == "Tom Beck")
    assert lay.column_header(tom.box).text == "Name"
    cell = lay.cell_at(280, 240)
    assert cell.closed and abs(cell.box[0] - 200) < 1 and abs(cell.box[1] - 232) < 1 and abs(cell.box[3] - 248) < 1


def test_a_skewed_scans_rules_become_centre_lines_so_cells_do_not_overlap():
    assert centre_line(Rule((47.0, 192.5, 548.2, 199.7))).box == (47.0, 196.1, 548.2, 196.1)
    rules = tuple(Rule((40.0, y, 500.0, y + 7)) for y in (100.0, 124.0, 148.0)) + (Rule((40.0, 100.0, 42.0, 155.0)),
                                                                                  Rule((498.0, 100.0, 500.0, 155.0)))
    page = Page(1, "ocr", 612, 792, "x", (Word("x", (60, 130, 70, 140)),), rules=rules)
    lay = build_layout(page)
    first, second = lay.cell_at(200, 115), lay.cell_at(200, 138)
    assert first.box[3] <= second.box[1]


def test_a_tilted_photo_still_groups_its_lines():
    words = [Word(w, (40 + 60 * i, 100 + 2.1 * i, 90 + 60 * i, 110 + 2.1 * i)) for i, w in enumerate("one two three four five six".split())]
    words += [Word(w, (40 + 60 * i, 125 + 2.1 * i, 90 + 60 * i, 135 + 2.1 * i)) for i, w in enumerate("a b c d e f".split())]
    lay = build_layout(Page(1, "ocr", 612, 792, "", tuple(words)))
    assert sorted({s.line for s in lay.segments}) == [0, 1]


def test_words_inside_a_word_ocr_boxed_too_wide_still_follow_it():
    from secordoc.layout.build import visual_lines
    from secordoc.model import Word
    words = [Word("JUNE", (73.8, 105.6, 135.9, 116.9), 93.0), Word("9,", (101.5, 103.6, 112.8, 121.5), 96.0),
             Word("2026", (116.9, 105.6, 135.9, 116.9), 92.0)]
    (line,) = visual_lines(words)
    assert [w.text for w in line] == ["JUNE", "9,", "2026"]


def _table_page(extra: tuple[Rule, ...] = ()) -> Page:
    """A two-column table (x 40 | 200 | 360), a header row and two rows, drawn as rules only."""
    rules = tuple(Rule((40.0, y, 360.0, y + 1)) for y in (200.0, 216.0, 232.0, 248.0))
    rules += tuple(Rule((x, 200.0, x + 1, 249.0)) for x in (40.0, 200.0, 359.0))
    return Page(1, "ocr", 612, 792, "x", (Word("Signature", (204, 205, 250, 213), 95.0),), rules=rules + extra)


def test_a_pen_stroke_taken_for_a_rule_splits_no_cell_down_a_column():
    # a signature's straight underline and a handwritten stem, which the raster kept as rules
    strokes = (Rule((215.0, 242.0, 300.0, 243.0)), Rule((210.0, 230.0, 211.0, 244.0)))
    lay = build_layout(_table_page(strokes))
    header = lay.cell_at(225, 209).box
    first = lay.cell_under(header, header[3])
    assert first is not None and abs(first[0] - 201) < 1.5 and abs(first[2] - 359) < 1.5 and abs(first[3] - 232) < 1.5
    second = lay.cell_under(header, first[3])
    assert second is not None and abs(second[3] - 248) < 1.5 and abs(second[0] - 201) < 1.5
    assert lay.cell_under(header, second[3]) is None  # the table ends


def test_a_heading_over_two_columns_has_no_cells_of_its_own():
    lay = build_layout(_table_page((Rule((40.0, 184.0, 360.0, 185.0)), Rule((40.0, 184.0, 41.0, 201.0)),
                                    Rule((359.0, 184.0, 360.0, 201.0)))))
    heading = (41.0, 185.0, 359.0, 200.0)
    assert lay.cell_under(heading, 201.0) is None  # the rows below split at x 200


def test_the_edges_of_a_shaded_bar_make_no_row():
    lay = build_layout(_table_page((Rule((40.0, 203.0, 360.0, 204.0)),)))
    assert lay.cell_under((201.0, 190.0, 359.0, 200.0), 201.0) is None
