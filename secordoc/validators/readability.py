"""Files that could not be read or recognised, and what reviewers should know about a file."""

from __future__ import annotations

from ..checking import CheckContext
from ..hookspecs import hookimpl
from ..model import Finding


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for item in context.files:
        path = item.file.path
        if item.file.status == "unreadable":
            out.append(context.finding(
                "unreadable-document",
                f"'{path}' could not be read: {item.file.reason}. Send a readable copy (an unprotected PDF, or a clear scan).",
                document=path,
            ))
        for warning in item.warnings:
            out.append(context.finding("document-warning", f"'{path}': {warning}.", document=path))
    for doc in context.readable():
        pages = doc.extracted.pages
        if pages and not any(p.text.strip() for p in pages) and all(p.source == "ocr" and not p.warnings for p in pages):
            # read well, and nothing written on it: a photo of a truck is no document, not an unreadable one
            out.append(context.finding(
                "unclassified-document",
                f"'{doc.source}' has no writing on it that could be read: it does not look like a SECOR document. "
                "If it is evidence, send a clearer picture of the page; otherwise leave it out of the package.",
                document=doc.source,
            ))
            continue
        if not any(p.text.strip() for p in pages):
            unread = "; ".join(sorted({w for p in doc.extracted.pages for w in p.warnings})) or "no text on any page"
            out.append(context.finding(
                "unreadable-document",
                f"No text could be read from '{doc.source}' ({unread}). Send a clearer scan or the original PDF.",
                document=doc.source,
            ))
        else:
            unread_pages = [p for p in doc.extracted.pages if p.source == "none" and not p.blank]
            if unread_pages:
                numbers = ", ".join(str(p.number) for p in unread_pages)
                why = "; ".join(sorted({w for p in unread_pages for w in p.warnings})) or "no text"
                out.append(context.finding(
                    "document-warning",
                    f"'{doc.source}': page(s) {numbers} could not be read ({why}); what they say was not checked.",
                    document=doc.source,
                ))
        if doc.category is None and any(p.text.strip() for p in doc.extracted.pages):
            out.append(context.finding(
                "unclassified-document",
                f"'{doc.source}' does not look like any SECOR document ({doc.classification.evidence[0]}). "
                "If it is evidence, make sure its title says what it is; otherwise leave it out of the package.",
                document=doc.source,
            ))
    return out
