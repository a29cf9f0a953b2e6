"""Which files are office documents (Word, Excel, OpenDocument), by content first, then by name.

A ``.docx`` or ``.xlsx`` is a zip; unpacked as an archive it would become a heap of XML parts and
an Excel year-end summary would go missing. Both ``archive``/``ingest`` (never unpack these) and
the evidence-type plugin (which loader reads them) ask here, so they cannot disagree.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
#: The old binary formats and password-protected OOXML files (both OLE compound files).
LEGACY_WORD = "application/msword"
LEGACY_EXCEL = "application/vnd.ms-excel"

BY_SUFFIX = {
    ".docx": DOCX, ".docm": DOCX, ".dotx": DOCX,
    ".xlsx": XLSX, ".xlsm": XLSX, ".xltx": XLSX,
    ".odt": ODT, ".ods": ODS,
    ".doc": LEGACY_WORD, ".xls": LEGACY_EXCEL,
}
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: OOXML parts whose presence names the kind (the first entries of every file Word or Excel writes).
OOXML_PARTS = ((b"word/", DOCX), (b"xl/", XLSX))
OOXML_PACKAGE_PARTS = (b"[Content_Types].xml", b"_rels/.rels", b"docProps/")


def by_name(name: str) -> str | None:
    return BY_SUFFIX.get(PurePosixPath(name).suffix.lower())


def office_type_from_head(name: str, head: bytes) -> str | None:
    """The office media type of a file from its first bytes and its name, or None.

    A zip counts when it says it is OOXML (``[Content_Types].xml``, ``word/``, ``xl/``) or
    OpenDocument (the ``mimetype`` entry the format puts first, uncompressed), or when it is
    named like one; an OLE file named ``.docx``/``.xlsx`` is a password-protected one.
    """
    named = by_name(name)
    if head.startswith(ZIP_MAGIC):
        for odf in (ODT, ODS):
            if b"mimetype" + odf.encode() in head[:200]:
                return odf
        if named in (DOCX, XLSX, ODT, ODS):
            return named
        if name.lower().endswith(".zip") or not any(part in head for part in OOXML_PACKAGE_PARTS):
            return None
        return next((media_type for marker, media_type in OOXML_PARTS if marker in head), None)
    if head.startswith(OLE_MAGIC):  # an old .doc/.xls, or a password-protected .docx/.xlsx: the loader says which
        return named
    return named if named in (DOCX, XLSX, ODT, ODS) else None


def is_office_file(path: str) -> bool:
    """A zip on disk that is a Word/Excel/OpenDocument file and must not be unpacked as a package.

    A file named ``.zip`` is always an archive; otherwise its name or its table of contents decides
    (a damaged ``report.docx`` stays a document, reported unreadable by its loader).
    """
    if path.lower().endswith(".zip"):
        return False
    if by_name(path) in (DOCX, XLSX, ODT, ODS):
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist()[:2000])
    except Exception:  # noqa: BLE001 - not a readable zip: not an office file either
        return False
    if "[Content_Types].xml" in names and any(n.startswith(("word/", "xl/")) for n in names):
        return True
    return "mimetype" in names and "content.xml" in names
