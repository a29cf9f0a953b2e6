"""The data that crosses hook boundaries. Frozen, so a plugin cannot change what another sees.

Coordinates are PDF points (1/72 inch) from the page's top-left corner, for text-layer and
OCR pages alike, so signature and date code never care where a word came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, origin top-left
FileStatus = Literal["read", "unreadable", "skipped"]
TextSource = Literal["text-layer", "ocr", "none"]
Severity = Literal["error", "warning", "info"]


def _read_only(self: object, *args: object, **kwargs: object) -> NoReturn:
    raise TypeError(f"this {type(self).__name__} is read-only (what a check found, shared by every plugin); "
                    "a validator reports with context.finding(...); change a copy (copy.deepcopy gives a plain one)")


class FrozenDict(dict[Any, Any]):
    """A ``dict`` no one can change: the check context's mappings (the profile, the manifest...),
    a file's form fields.

    Still a ``dict`` (``isinstance``, ``json.dumps`` and reading work as before), so validators
    that only read are unaffected; every way of changing it raises ``TypeError``. ``copy.copy``
    and ``copy.deepcopy`` give plain, changeable copies; it pickles as itself.
    """

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return thaw(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))


class FrozenList(list[Any]):
    """A ``list`` no one can change (see ``FrozenDict``)."""

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return thaw(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (list(self),))


for _name in ("__setitem__", "__delitem__", "__ior__", "clear", "pop", "popitem", "setdefault", "update"):
    setattr(FrozenDict, _name, _read_only)
for _name in ("__setitem__", "__delitem__", "__iadd__", "__imul__", "append", "extend", "insert", "pop", "remove",
              "clear", "sort", "reverse"):
    setattr(FrozenList, _name, _read_only)


def freeze(value: Any) -> Any:
    """``value`` with every dict and list in it (at any depth) made read-only; tuples keep their
    type with their items frozen; anything else (dates, frozen dataclasses) as it is."""
    if isinstance(value, dict):
        return value if type(value) is FrozenDict else FrozenDict({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return value if type(value) is FrozenList else FrozenList(freeze(item) for item in value)
    if type(value) is tuple:
        return tuple(freeze(item) for item in value)
    return value


def thaw(value: Any) -> Any:
    """A plain, changeable deep copy of what ``freeze`` made."""
    if isinstance(value, dict):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [thaw(item) for item in value]
    if type(value) is tuple:
        return tuple(thaw(item) for item in value)
    return value


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    confidence: float = 100.0
    #: Font size in points and weight when the text layer says (0 and False from OCR): the title
    #: block is the largest, boldest text, which tight glyph boxes alone do not tell.
    size: float = 0.0
    bold: bool = False


InkKind = Literal["path", "image", "raster", "annotation"]


@dataclass(frozen=True)
class Rule:
    """A printed ruling line or box edge (a form's own geometry): the layout model's skeleton.

    Born-digital pages get them from the PDF's vector paths, scans from line detection on the
    raster. A rectangle's four edges are four rules.
    """

    box: Box

    @property
    def horizontal(self) -> bool:
        return (self.box[2] - self.box[0]) >= (self.box[3] - self.box[1])


@dataclass(frozen=True)
class InkMark:
    """Something drawn by hand (or pasted as a picture) rather than printed: a candidate signature.

    ``kind`` says how it was seen: a vector path with curves or an embedded image on a
    born-digital page, an ink annotation, or a cluster of non-text, non-rule strokes on a raster.
    ``strength`` is how much ink there is, in square points of dark area (raster) or of stroked
    extent (vector), so the signature stage can tell a pen stroke from a speck.
    """

    box: Box
    kind: InkKind
    strength: float = 0.0


@dataclass(frozen=True)
class PageImage:
    """An image on disk that OCR should read, with its true resolution (never guessed by tesseract)."""

    path: str
    dpi: float
    width_px: int
    height_px: int
    #: A private folder the OCR engine may write temporary files into (set by the core before
    #: ``read``): ``path`` may be the user's own photo, whose folder is never written to.
    scratch_dir: str = ""


@dataclass(frozen=True)
class RawPage:
    """What a loader found on one page: either usable text, or an image to OCR."""

    number: int
    width: float
    height: float
    text: str = ""
    words: tuple[Word, ...] = ()
    image: PageImage | None = None
    warnings: tuple[str, ...] = ()
    #: Nothing on the page at all: not read, and nothing missing.
    blank: bool = False
    #: The form's ruling lines and the hand-drawn marks a text-layer loader saw in the page's own
    #: objects (the core derives both from the raster for pages it OCRs).
    rules: tuple[Rule, ...] = ()
    ink: tuple[InkMark, ...] = ()


@dataclass(frozen=True)
class LoadedFile:
    """A loader's answer for one file."""

    media_type: str
    pages: tuple[RawPage, ...]
    fields: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    digital_signatures: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class OcrResult:
    text: str
    words: tuple[Word, ...]
    confidence: float
    rotation: int = 0
    #: Filled in by the core after the engine has read the page (see ``extract``).
    rules: tuple[Rule, ...] = ()
    ink: tuple[InkMark, ...] = ()


@dataclass(frozen=True)
class Page:
    """One page after extraction, as the report shows it."""

    number: int
    source: TextSource
    width: float
    height: float
    text: str
    words: tuple[Word, ...] = ()
    confidence: float | None = None
    rotation: int = 0
    warnings: tuple[str, ...] = ()
    blank: bool = False
    rules: tuple[Rule, ...] = ()
    ink: tuple[InkMark, ...] = ()


@dataclass(frozen=True)
class InputFile:
    """Every file of the package, read or not: nothing is silently dropped."""

    path: str
    size: int
    status: FileStatus
    media_type: str | None = None
    reason: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class ExtractedFile:
    """An evidence file after extraction: its status entry plus its pages."""

    file: InputFile
    pages: tuple[Page, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    digital_signatures: tuple[dict[str, Any], ...] = ()
    from_cache: bool = False

    def __post_init__(self) -> None:
        """Its form fields and digital signatures are read-only too, as validators see them."""
        object.__setattr__(self, "fields", freeze(self.fields))
        object.__setattr__(self, "digital_signatures", freeze(tuple(self.digital_signatures)))


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    keys: dict[str, Any] = field(default_factory=dict)
    #: The profile rule that produced it and that rule's source, so a reviewer can check the
    #: finding against the partner's own documents; ``assumption`` when no partner states it.
    rule: str = ""
    source: str = ""
    assumption: bool = False
