"""Pages and extracted files to and from plain dicts (the cache and the JSON report use them)."""

from __future__ import annotations

from typing import Any

from .model import ExtractedFile, InputFile, Page, Word


def word_to_list(word: Word) -> list[Any]:
    return [word.text, *(round(v, 1) for v in word.box), round(word.confidence, 1)]


def page_to_dict(page: Page, with_words: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": page.number,
        "source": page.source,
        "confidence": page.confidence,
        "width": round(page.width, 1),
        "height": round(page.height, 1),
        "rotation": page.rotation,
        "warnings": list(page.warnings),
        "text": page.text,
        "signatures": list(page.signatures),
        "blank": page.blank,
    }
    if with_words:
        out["words"] = [word_to_list(w) for w in page.words]
    return out


def page_from_dict(data: dict[str, Any]) -> Page:
    return Page(
        number=data["number"],
        source=data["source"],
        width=data["width"],
        height=data["height"],
        text=data["text"],
        words=tuple(Word(w[0], (w[1], w[2], w[3], w[4]), w[5]) for w in data.get("words", [])),
        confidence=data.get("confidence"),
        rotation=data.get("rotation", 0),
        warnings=tuple(data.get("warnings", [])),
        signatures=tuple(data.get("signatures", [])),
        blank=data.get("blank", False),
    )


def extracted_to_dict(item: ExtractedFile) -> dict[str, Any]:
    return {
        "status": item.file.status,
        "reason": item.file.reason,
        "media_type": item.file.media_type,
        "pages": [page_to_dict(p) for p in item.pages],
        "fields": item.fields,
        "warnings": list(item.warnings),
        "digital_signatures": list(item.digital_signatures),
    }


def extracted_from_dict(data: dict[str, Any], file: InputFile) -> ExtractedFile:
    return ExtractedFile(
        file=InputFile(
            path=file.path,
            size=file.size,
            status=data["status"],
            media_type=data.get("media_type"),
            reason=data.get("reason"),
            sha256=file.sha256,
        ),
        pages=tuple(page_from_dict(p) for p in data.get("pages", [])),
        fields=dict(data.get("fields", {})),
        warnings=tuple(data.get("warnings", [])),
        digital_signatures=tuple(data.get("digital_signatures", [])),
        from_cache=True,
    )
