"""Which files are evidence: PDFs, images and office files, recognised by content first, then by name.

A PDF named ``.jpg`` is still a PDF; a text file named ``.pdf`` is offered to the PDF loader,
which reports it as "not a PDF" rather than skipping it silently.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..hookspecs import hookimpl
from ..office.formats import office_type_from_head

MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
BY_SUFFIX = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".heic": "image/heic",
    ".heif": "image/heif",
}
#: ISO base media brands (bytes 8-12, after "ftyp") of HEIC/HEIF stills: iPhone photos.
HEIF_BRANDS = {b"heic": "image/heic", b"heix": "image/heic", b"heim": "image/heic", b"heis": "image/heic",
               b"mif1": "image/heif", b"msf1": "image/heif", b"hevc": "image/heic", b"hevx": "image/heic"}


def looks_like_pdf_body(head: bytes) -> bool:
    """PDF objects without the header (fuzzed or cut files): offered to the PDF loader to judge."""
    return b" obj" in head and (b"endobj" in head or b"trailer" in head or b"/Type" in head)


@hookimpl(trylast=True)
def secordoc_evidence_type(path: str, head: bytes) -> str | None:
    for magic, media_type in MAGIC:
        if head.startswith(magic):
            return media_type
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIF_BRANDS[head[8:12]]
    office = office_type_from_head(path, head)
    if office is not None:
        return office
    if b"%PDF-" in head[:1024]:  # header junk before the PDF header is common and legal-ish
        return "application/pdf"
    if looks_like_pdf_body(head):
        return "application/pdf"
    return BY_SUFFIX.get(PurePosixPath(path).suffix.lower())
