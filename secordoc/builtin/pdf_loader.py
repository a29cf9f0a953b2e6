"""The built-in PDF loader: pdfium for text, character boxes and page images; pypdf for structure.

Per page: a usable text layer is taken as it is. Otherwise the page goes to OCR, by the cheapest
faithful route (perf-notes.md): an image-only page holding one JPEG hands over the stored JPEG
bytes untouched with its true resolution; any other page is rendered once at the render DPI.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import DocumentError
from ..form_fields import field_words, has_form
from ..hookspecs import hookimpl
from ..model import LoadedFile, PageImage, RawPage, Word
from ..pdf_structure import ENCRYPTED_REASON, read_structure
from ..settings import Settings
from ..layout.vector import page_graphics
from .evidence_types import looks_like_pdf_body

#: A rendered page above this many pixels is rendered at a lower DPI (gigantic page boxes).
MAX_RENDER_PIXELS = 40_000_000
#: Alphanumeric characters that make a text layer usable; more when a scan image covers the page
#: (a scanner's "Page 1" stamp is not the page's text, an OCR'd scan's hidden layer is).
MIN_TEXT_CHARS = 10
MIN_TEXT_CHARS_OVER_IMAGE = 200
DAMAGED_PAGE = "damaged page: it cannot be read"
BLANK_PAGE = "blank page: nothing to read"


@hookimpl(trylast=True)
def secordoc_load_file(
    path: str, source: str, media_type: str, workdir: str, settings: Settings
) -> LoadedFile | None:
    if media_type != "application/pdf":
        return None
    _check_header(path)
    passwords = [""] + ([p] if (p := settings.password_for(source)) else [])
    structure = read_structure(path, passwords)
    pdf = _open(path, [structure.password] if structure.password is not None else passwords)
    try:
        _init_forms(pdf)
        count = len(pdf)
        if count == 0:
            raise DocumentError("the PDF has no pages")
        read = [_read_page_safely(pdf, index, workdir, settings) for index in range(count)]
        if not any(ok for _, ok in read):
            raise DocumentError(f"damaged PDF: none of its {count} pages can be read")
        pages = tuple(page for page, _ in read)
    finally:
        pdf.close()
    return LoadedFile(
        media_type=media_type,
        pages=pages,
        fields=structure.fields,
        warnings=tuple(structure.warnings),
        digital_signatures=_digital_signatures(path, structure.password, structure.signature_fields),
    )


def _digital_signatures(path: str, password: str | None, fields: list[dict]) -> tuple[dict, ...]:
    """Filled /Sig fields checked with pyHanko; empty ones as the form lists them."""
    if not fields:
        return ()
    try:
        from ..digital_signatures import inspect_signatures  # pyHanko takes 0.3 s to import: only when needed

        filled = inspect_signatures(path, password)
    except Exception as exc:  # noqa: BLE001 - pyHanko cannot parse it: say so, keep the text
        return tuple({**f, "integrity": "damaged", "detail": f"{type(exc).__name__}"} if f["filled"] else f for f in fields)
    names = {f["name"] for f in filled}
    return tuple(filled) + tuple(f for f in fields if not f["filled"] and f["name"] not in names)


def _init_forms(pdf: pdfium.PdfDocument) -> None:
    """Load the AcroForm before any page: filled values become words, and are drawn when a page is
    rendered for OCR. A form pdfium cannot load is read without its values (they stay in ``fields``)."""
    try:
        if has_form(pdf):
            pdf.init_forms()
    except pdfium.PdfiumError:
        pass


def _check_header(path: str) -> None:
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head:
        raise DocumentError("the file is empty (0 bytes)")
    if b"%PDF-" not in head and not looks_like_pdf_body(head):
        raise DocumentError("not a PDF: the file's content is not a PDF, whatever its name says")


def _open(path: str, candidates: list[str]) -> pdfium.PdfDocument:
    """pdfium opens it with the first password that works ("" means none)."""
    last: Exception | None = None
    for candidate in candidates:
        try:
            return pdfium.PdfDocument(path, password=candidate or None)
        except pdfium.PdfiumError as exc:
            last = exc
    message = str(last).lower()
    if "password" in message:
        raise DocumentError(ENCRYPTED_REASON, kind="encrypted")
    raise DocumentError(f"damaged PDF that cannot be opened ({last})")


def _read_page_safely(pdf: pdfium.PdfDocument, index: int, workdir: str, settings: Settings) -> tuple[RawPage, bool]:
    """One bad page never stops a document: it becomes a warning on that page (and False)."""
    try:
        return _read_page(pdf, index, workdir, settings), True
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        return RawPage(index + 1, 0.0, 0.0, warnings=(f"{DAMAGED_PAGE} ({exc})",)), False


def _read_page(pdf: pdfium.PdfDocument, index: int, workdir: str, settings: Settings) -> RawPage:
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
        covering = [im for im in images if _coverage(im, width, height) >= 0.5]
        alnum = sum(ch.isalnum() for ch in text)
        needed = MIN_TEXT_CHARS_OVER_IMAGE if covering else MIN_TEXT_CHARS
        if alnum >= needed or not settings.ocr and alnum:
            left, top, stored_w, stored_h = _page_box(page)
            turn = _Turn(page.get_rotation(), stored_w, stored_h)
            words = tuple(replace(w, box=turn.box(w.box)) for w in _words(textpage, left, top))
            filled = _filled_fields(pdf, page, words, lambda b: turn.box(_box(b[0] - left, top - b[3], b[2] - left, top - b[1])))
            words += filled  # the values are words (for the layout), not text: the text is the text layer's
            rules, ink = page_graphics(page, width, height)
            return RawPage(index + 1, width, height, text=text, words=words,
                           rules=tuple(replace(r, box=turn.box(r.box)) for r in rules),
                           ink=tuple(replace(m, box=turn.box(m.box)) for m in ink))
        if not alnum and _is_blank(page):
            return RawPage(index + 1, width, height, warnings=(BLANK_PAGE,), blank=True)
        if not settings.ocr:
            return RawPage(index + 1, width, height, warnings=("not read: OCR is off (--no-ocr)",))
        image = None
        if len(images) == 1 and covering and page.get_rotation() == 0:
            image = _stored_jpeg(images[0], width, workdir, index)
        if image is None:
            image = _render(page, width, height, workdir, index, settings.render_dpi)
        return RawPage(index + 1, width, height, image=image)
    finally:
        page.close()


def _filled_fields(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, printed: tuple[Word, ...], to_page) -> tuple[Word, ...]:  # type: ignore[no-untyped-def]
    """The form's filled values on this page as words, less any a flattened copy already prints."""
    if pdf.formenv is None:
        return ()
    try:
        values = field_words(pdf, page, to_page)
    except (pdfium.PdfiumError, ValueError, OSError):
        return ()
    return tuple(w for w in values if not any(p.text == w.text and _overlap(p.box, w.box) for p in printed))


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _is_blank(page: pdfium.PdfPage) -> bool:
    """No objects at all on the page (annotations such as ink are rendered and still read)."""
    return next(iter(page.get_objects(max_depth=1)), None) is None and not _has_annotations(page)


def _has_annotations(page: pdfium.PdfPage) -> bool:
    return bool(pdfium_c.FPDFPage_GetAnnotCount(page))


def _coverage(image: pdfium.PdfImage, width: float, height: float) -> float:
    left, bottom, right, top = image.get_bounds()
    area = max(0.0, right - left) * max(0.0, top - bottom)
    return area / (width * height) if width * height else 0.0


def _stored_jpeg(image: pdfium.PdfImage, page_width: float, workdir: str, index: int) -> PageImage | None:
    """The page's own JPEG bytes, untouched, when that is safe (no masks, no odd colour)."""
    try:
        if image.get_filters() != ["DCTDecode"]:
            return None
        a, b, c, d, _, _ = image.get_matrix().get()
        if b or c or a <= 0 or d <= 0:  # rotated or mirrored placement: let pdfium render it
            return None
        meta = image.get_metadata()
        if meta.colorspace not in (pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_DEVICERGB):
            return None
        data = image.get_data(decode_simple=False)
        raw = bytes(data)
        if not raw.startswith(b"\xff\xd8"):
            return None
        width_px, height_px = image.get_px_size()
        left, _, right, _ = image.get_bounds()
        dpi = width_px / ((right - left) / 72.0)
        if not 50 <= dpi <= 1200:
            return None
    except Exception:
        return None  # any doubt: render instead
    target = os.path.join(workdir, f"page{index + 1:05d}.jpg")
    Path(target).write_bytes(raw)
    return PageImage(target, round(dpi, 1), width_px, height_px)


def _render(page: pdfium.PdfPage, width: float, height: float, workdir: str, index: int, dpi: int) -> PageImage:
    scale = dpi / 72.0
    if width * height * scale * scale > MAX_RENDER_PIXELS:
        scale = (MAX_RENDER_PIXELS / (width * height)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    image = bitmap.to_pil()
    target = os.path.join(workdir, f"page{index + 1:05d}.png")
    image.save(target, format="PNG", compress_level=1)
    return PageImage(target, round(scale * 72.0, 1), image.width, image.height)


def _box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    return (round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1))


def _page_box(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    """Left and top of the page's visible box in PDF space, and its stored width and height."""
    box = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDF_GetPageBoundingBox(page.raw, box):
        w, h = pdfium_c.FPDF_GetPageWidthF(page.raw), pdfium_c.FPDF_GetPageHeightF(page.raw)
        return 0.0, h, w, h
    left, right = min(box.left, box.right), max(box.left, box.right)
    bottom, top = min(box.bottom, box.top), max(box.bottom, box.top)
    return left, top, right - left, top - bottom


@dataclass(frozen=True)
class _Turn:
    """From the stored page (top-left origin) to the page as displayed after its /Rotate, so
    that words, rules and ink read the way a person sees the page."""

    degrees: int
    width: float
    height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.degrees == 90:
            return self.height - y, x
        if self.degrees == 180:
            return self.width - x, self.height - y
        if self.degrees == 270:
            return y, self.width - x
        return x, y

    def box(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        if not self.degrees:
            return box
        (ax, ay), (bx, by) = self.point(box[0], box[1]), self.point(box[2], box[3])
        return _box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def _words(textpage: pdfium.PdfTextPage, page_left: float, page_top: float) -> tuple[Word, ...]:
    """Words with boxes (points from the stored page's top-left), font size and weight:
    pdfium's text runs, split at spaces, x spread by character offset."""
    words: list[Word] = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        run = textpage.get_text_bounded(left, bottom, right, top)
        if not run.strip():
            continue
        size, bold = _font(textpage, (left + right) / 2, (bottom + top) / 2)
        per_char = (right - left) / max(len(run), 1)
        offset = 0
        for token in run.split(" "):
            if token.strip():
                x0 = left + offset * per_char
                box = _box(x0 - page_left, page_top - top, x0 + len(token) * per_char - page_left, page_top - bottom)
                words.append(Word(token.strip(), box, 100.0, size, bold))
            offset += len(token) + 1
    return tuple(words)


def _font(textpage: pdfium.PdfTextPage, x: float, y: float) -> tuple[float, bool]:
    """Font size (points) and boldness of the character at (x, y) of a text run."""
    index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage, x, y, 2.0, 2.0)
    if index < 0:
        return 0.0, False
    return round(pdfium_c.FPDFText_GetFontSize(textpage, index), 1), pdfium_c.FPDFText_GetFontWeight(textpage, index) >= 600
