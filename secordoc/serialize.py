"""Pages and extracted files to and from plain dicts (the cache and the JSON report use them)."""

from __future__ import annotations

from typing import Any

from .model import ExtractedFile, InkMark, InputFile, Page, Rule, Word


def word_to_list(word: Word) -> list[Any]:
    out = [word.text, *(round(v, 1) for v in word.box), round(word.confidence, 1)]
    return out + [round(word.size, 1), word.bold] if word.size else out


def _box(box: tuple[float, float, float, float]) -> list[float]:
    return [round(v, 1) for v in box]


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
        "blank": page.blank,
    }
    if with_words:
        out["words"] = [word_to_list(w) for w in page.words]
        out["rules"] = [_box(r.box) for r in page.rules]
        out["ink"] = [[*_box(m.box), m.kind, round(m.strength, 1)] for m in page.ink]
    return out


def page_from_dict(data: dict[str, Any]) -> Page:
    return Page(
        number=data["number"],
        source=data["source"],
        width=data["width"],
        height=data["height"],
        text=data["text"],
        words=tuple(Word(w[0], (w[1], w[2], w[3], w[4]), w[5], *w[6:8]) for w in data.get("words", [])),
        confidence=data.get("confidence"),
        rotation=data.get("rotation", 0),
        warnings=tuple(data.get("warnings", [])),
        blank=data.get("blank", False),
        rules=tuple(Rule((r[0], r[1], r[2], r[3])) for r in data.get("rules", [])),
        ink=tuple(InkMark((m[0], m[1], m[2], m[3]), m[4], m[5]) for m in data.get("ink", [])),
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
