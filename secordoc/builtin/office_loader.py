"""The built-in Word and Excel loader: a .docx, .xlsx, .odt or .ods is a document, never an archive of XML parts.

The file's own text is read (python-docx, openpyxl, lxml for OpenDocument) and typeset into pages of words, ruling lines
and picture ink (``secordoc.office.typeset``), so the layout model and every recogniser treat it
like a born-digital PDF page. Each page says how it was read. Old binary .doc/.xls files,
password-protected ones and damaged ones are unreadable, with the reason and what to send instead.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace

from ..errors import DocumentError
from ..hookspecs import hookimpl
from ..model import LoadedFile, RawPage
from ..office.formats import DOCX, LEGACY_EXCEL, LEGACY_WORD, ODS, ODT, OLE_MAGIC, XLSX
from ..settings import Settings

READ_AS = {
    DOCX: "read from the Word file's own text (python-docx); page layout approximated",
    XLSX: "read from the Excel file's cell values (openpyxl); page layout approximated",
    ODT: "read from the OpenDocument file's own text (content.xml); page layout approximated",
    ODS: "read from the OpenDocument spreadsheet's cell values (content.xml); page layout approximated",
}
KIND = {DOCX: "Word", XLSX: "Excel", ODT: "OpenDocument text", ODS: "OpenDocument spreadsheet"}
CONVERT = "save it as PDF (or .docx/.xlsx) and send that"


@hookimpl(trylast=True)
def secordoc_load_file(
    path: str, source: str, media_type: str, workdir: str, settings: Settings
) -> LoadedFile | None:
    if media_type not in (DOCX, XLSX, ODT, ODS, LEGACY_WORD, LEGACY_EXCEL):
        return None
    _check_container(path, media_type)
    try:
        pages, notes = _read(path, media_type)
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/openpyxl/lxml raise many kinds on damaged parts
        kind = KIND[media_type]
        raise DocumentError(f"damaged {kind} file that cannot be read ({type(exc).__name__}: {_short(exc)})") from exc
    return LoadedFile(media_type=media_type, pages=pages, warnings=tuple(notes))


def _read(path: str, media_type: str) -> tuple[tuple[RawPage, ...], list[str]]:
    if media_type == DOCX:
        from ..office.docx_reader import read_docx  # python-docx and lxml load only for Word files

        return read_docx(path, READ_AS[DOCX]).pages(), []
    if media_type in (ODT, ODS):
        from ..office.odf_reader import read_odf

        return read_odf(path, READ_AS[media_type]).pages(), []
    from ..office.xlsx_reader import read_xlsx  # openpyxl loads only for Excel files

    sheets, notes = read_xlsx(path, READ_AS[XLSX])
    pages = [page for sheet in sheets for page in sheet.pages()]
    if not pages:
        raise DocumentError("the workbook has no cell with anything in it")
    return tuple(replace(page, number=n) for n, page in enumerate(pages, start=1)), notes


def _check_container(path: str, media_type: str) -> None:
    """Reasons a person can act on, before any parser sees the file."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if media_type in (LEGACY_WORD, LEGACY_EXCEL):
        kind = "Word (.doc)" if media_type == LEGACY_WORD else "Excel (.xls)"
        raise DocumentError(f"an old-format {kind} file: secordoc reads .docx and .xlsx; {CONVERT}")
    if head.startswith(OLE_MAGIC):
        raise DocumentError("password protected (an encrypted Office file): send an unprotected copy, or a PDF",
                            kind="encrypted")
    if not zipfile.is_zipfile(path):
        kind = KIND[media_type]
        raise DocumentError(f"damaged {kind} file: it is not a complete Office document (not a readable zip package)")


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text[:160]
