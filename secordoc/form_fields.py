"""A filled PDF form's field values as words, placed where their widgets are on the page.

pdfium's text layer holds only the printed form; what the employer typed into the fields lives
in widget annotations. Placed as words inside their widget's box, a value sits beside (or under)
its printed label, so the layout model pairs a date that exists only in a field with its label,
like any printed date. A checkbox becomes the glyph a person sees (☒ or ☐). A signature field
gives no word: whether it is signed is the digital-signature check's business, and a name typed
into a text field named "signature" stays a typed name (text, never ink).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .model import Box, Word

CHECKED, UNCHECKED = "\u2612", "\u2610"
#: Average glyph width as a share of the font size, for spreading a value's words across its box.
GLYPH_WIDTH = 0.5
TEXT_TYPES = (pdfium_c.FPDF_FORMFIELD_TEXTFIELD, pdfium_c.FPDF_FORMFIELD_COMBOBOX, pdfium_c.FPDF_FORMFIELD_LISTBOX)
BOX_TYPES = (pdfium_c.FPDF_FORMFIELD_CHECKBOX, pdfium_c.FPDF_FORMFIELD_RADIOBUTTON)


def has_form(pdf: pdfium.PdfDocument) -> bool:
    return bool(pdfium_c.FPDF_GetFormType(pdf.raw) != pdfium_c.FORMTYPE_NONE)


def field_words(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, to_page: Callable[[Box], Box]) -> tuple[Word, ...]:
    """Words for every filled widget of ``page``; ``to_page`` maps a box from PDF space (x0, y0
    from the bottom-left, as widgets store it) to the page's top-left points as displayed."""
    env = pdf.formenv
    if env is None:
        return ()
    handle = env.raw
    words: list[Word] = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
        if not annot:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_WIDGET:
                continue
            kind = pdfium_c.FPDFAnnot_GetFormFieldType(handle, annot)
            rect = pdfium_c.FS_RECTF()
            if not pdfium_c.FPDFAnnot_GetRect(annot, rect):
                continue
            box = to_page((min(rect.left, rect.right), min(rect.bottom, rect.top),
                           max(rect.left, rect.right), max(rect.bottom, rect.top)))
            if kind in BOX_TYPES:
                glyph = CHECKED if pdfium_c.FPDFAnnot_IsChecked(handle, annot) else UNCHECKED
                words.append(Word(glyph, box, 100.0, round(box[3] - box[1], 1)))
            elif kind in TEXT_TYPES:
                words.extend(_laid_out(_value(handle, annot), box, _font_size(handle, annot, box)))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return tuple(words)


def _value(handle: object, annot: object) -> str:
    length = pdfium_c.FPDFAnnot_GetFormFieldValue(handle, annot, None, 0)
    if length <= 2:
        return ""
    buffer = ctypes.create_string_buffer(length)
    pdfium_c.FPDFAnnot_GetFormFieldValue(handle, annot, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), length)
    return buffer.raw[: length - 2].decode("utf-16-le", errors="replace").strip()


def _font_size(handle: object, annot: object, box: Box) -> float:
    """The field's own font size; 0 means auto-size, which fits the box's height."""
    size = ctypes.c_float(0)
    if pdfium_c.FPDFAnnot_GetFontSize(handle, annot, ctypes.byref(size)) and size.value > 0:
        return round(float(size.value), 1)
    return round(max(6.0, min(12.0, (box[3] - box[1]) * 0.7)), 1)


def _laid_out(value: str, box: Box, size: float) -> list[Word]:
    """The value's words left to right from the box's left edge, one line per line of the value,
    the first line centred in a one-line box and at the top of a taller one."""
    lines = [line.split() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return []
    x0, y0, x1, y1 = box
    line_height = size * 1.15
    top = y0 + max(0.0, ((y1 - y0) - line_height) / 2) if len(lines) == 1 else y0 + 2
    words = []
    for number, line in enumerate(lines):
        x, y = x0 + 2, top + number * line_height
        for token in line:
            width = len(token) * size * GLYPH_WIDTH
            words.append(Word(token, (round(x, 1), round(y, 1), round(x + width, 1), round(y + size, 1)), 100.0, size))
            x += width + size * 0.28
    return words
