"""The recognition stages after extraction, per document: layout, classification, activity date,
then signatures (which need the type to know which roles to look for).

Every stage here reads cached data only (words, rules and ink of each page), so a re-check after
a rule change costs no OCR.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .api import RoleSignature
from .checking import AnalysedDocument
from .classify import Classification, classify
from .doctypes.base import DocumentType
from .errors import PluginError
from .layout.build import build_layout
from .layout.model import PageLayout
from .model import ExtractedFile
from .periods import ReviewPeriod
from .plugin_manager import SecordocPluginManager
from .recognition.activity_date import ActivityDate, choose_activity_date
from .recognition.signature_stage import decide_fields, decide_roles
from .recognition.split import override, split_pages

GENERIC_DATE_LABELS = ("date",)
#: The first lines of a document's first page also count as its title block.
TOP_LINES = 3


def document_types(pm: SecordocPluginManager) -> dict[str, tuple[DocumentType, str]]:
    """Every contributed type by slug, with the plugin that contributed it."""
    out: dict[str, tuple[DocumentType, str]] = {}
    answers = pm.contributions("secordoc_document_types")
    for plugin, types in answers:
        for doc_type in types:
            if doc_type.slug in out:
                raise PluginError(
                    f"Document type '{doc_type.slug}' is contributed twice: by {out[doc_type.slug][1]} and {plugin}.",
                    "Uninstall one of the two plugins.",
                )
            out[doc_type.slug] = (doc_type, plugin)
    return out


def layouts_of(item: ExtractedFile) -> list[PageLayout]:
    return [build_layout(page) for page in item.pages if page.words]


def analyse(
    files: list[ExtractedFile], types: dict[str, tuple[DocumentType, str]], period: ReviewPeriod | None, date_order: Any,
    splits: dict[str, list[list[int]]] | None = None,
) -> list[AnalysedDocument]:
    """One entry per document: a file holding several (a combined scan) gives several, each with
    its own pages; ``splits`` are a reviewer's page ranges by file path (``secordoc.json``)."""
    out: list[AnalysedDocument] = []
    type_list = [t for t, _ in types.values()]
    for item in files:
        if item.file.status != "read":
            continue
        page_layouts = [build_layout(page) if page.words else None for page in item.pages]
        for part, layouts in documents_in(item, page_layouts, type_list, date_order, (splits or {}).get(item.file.path)):
            classification = classify_document(part, layouts, type_list)
            doc_type = types[classification.category][0] if classification.category else None
            activity = date_document(part, layouts, doc_type, date_order, period, alone=part is item)
            quarter = period.quarter_of(activity.value) if period and activity.value else None
            signatures = sign_document(part, layouts, doc_type, type_list)
            out.append(AnalysedDocument(item.file.path, part, classification, activity, quarter, signatures))
    return out


def documents_in(
    item: ExtractedFile, page_layouts: list[PageLayout | None], types: list[DocumentType], order: Any,
    reviewer_split: list[list[int]] | None = None,
) -> list[tuple[ExtractedFile, list[PageLayout]]]:
    """The file cut into its documents, each as the file narrowed to its pages with their layouts.
    Form fields and digital signatures belong to the file: they go with its first document."""
    by_type = {t.slug: t for t in types}

    def has_own_date(layout: PageLayout, slug: str) -> bool:
        doc_type = by_type[slug]
        found = choose_activity_date([layout], {}, doc_type.date_labels, doc_type.not_activity_labels, order, ())
        return found.value is not None

    ranges = (override(reviewer_split, len(item.pages)) if reviewer_split else None) \
        or split_pages(page_layouts, types, has_own_date, [p.text for p in item.pages]) or [(0, len(item.pages))]
    if len(ranges) == 1:
        return [(item, [layout for layout in page_layouts if layout])]
    return [
        (replace(item, pages=item.pages[start:end], fields=item.fields if n == 0 else {},
                 digital_signatures=item.digital_signatures if n == 0 else ()),
         [layout for layout in page_layouts[start:end] if layout])
        for n, (start, end) in enumerate(ranges)
    ]


def classify_document(item: ExtractedFile, layouts: list[PageLayout], types: list[DocumentType]) -> Classification:
    text = "\n".join(p.text for p in item.pages)
    if not text.strip():
        return Classification(None, 0.0, ("no text",))
    fields_text = "\n".join(f"{k}: {v}" for k, v in item.fields.items())
    # the title block, and the page's first lines: OCR sometimes reads a title into one line with
    # the company's name, or a mark beside it taller than the title
    first = [line for line in item.pages[0].text.splitlines() if line.strip()][:TOP_LINES] if item.pages else []
    title = "\n".join(([s.text for s in layouts[0].title] if layouts else []) + first)
    return classify(f"{text}\n{fields_text}", item.file.path, types, title)


def date_document(item: ExtractedFile, layouts: list[PageLayout], doc_type: DocumentType | None, order: Any,
                  period: ReviewPeriod | None = None, alone: bool = True) -> ActivityDate:
    """``alone``: the file holds only this document, so a date in its name is this document's."""
    if not layouts and not item.fields:
        return ActivityDate(None, reason="no text")
    labels = doc_type.date_labels if doc_type else GENERIC_DATE_LABELS
    excluded = doc_type.not_activity_labels if doc_type else ()
    fallback = doc_type.fallback_date_labels if doc_type else ()
    return choose_activity_date(layouts, item.fields, labels, excluded, order, fallback,
                                (period.start, period.end) if period else None, item.file.path if alone else "")


def sign_document(item: ExtractedFile, layouts: list[PageLayout], doc_type: DocumentType | None,
                  types: list[DocumentType]) -> tuple[RoleSignature, ...]:
    """One entry per signing role, each with the fields that decided it."""
    decisions = decide_fields(layouts, doc_type, types)
    return decide_roles(decisions, doc_type, item.digital_signatures, types)
