"""The typed plugin API: everything a hook receives or returns, importable from one module.

A partner writes ``from secordoc.api import hookimpl, LoadedFile, RawPage, Finding, ...`` and
gets the same types the built-ins use. Objects a plugin builds are frozen dataclasses (fields
are only ever added, with defaults); what is JSON anyway (a profile, a document's signatures as
the report shows them, the report renderers receive) is a ``TypedDict`` that the shipped JSON Schemas agree with (a test
checks it); closed sets of strings are ``Literal``. The package carries ``py.typed``.

The hooks themselves, with when each runs and what it returns, are in ``secordoc.hookspecs``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, NotRequired, Protocol, Required, TypedDict

from .doctypes.base import Cue, DocumentType, SignatureRole
from .errors import DocumentError, MissingDependencyError, PluginError
from .findings import FindingCode
from .hookspecs import PageImageSource, hookimpl
from .model import (
    Box,
    ExtractedFile,
    FileStatus,
    Finding,
    InkKind,
    InkMark,
    InputFile,
    LoadedFile,
    OcrResult,
    Page,
    PageImage,
    RawPage,
    Rule,
    Severity,
    TextSource,
    Word,
)
from .ocr import OcrEngine, OcrError
from .periods import Quarter, QuarterBasis, ReviewPeriod
from .settings import Settings

if TYPE_CHECKING:
    from .checking import AnalysedDocument, CheckContext

__all__ = [
    "Box", "CheckView", "Cue", "DateOrder", "DocumentError", "DocumentType", "DocumentView", "ExtractedFile",
    "FieldHow", "FileStatus", "Finding", "FindingCode", "InkKind", "InkMark", "InputFile", "LoadedFile",
    "MissingDependencyError", "OcrEngine", "OcrError", "OcrResult", "Page", "PageImage", "PageImageSource", "PluginError",
    "Profile", "Quarter", "QuarterBasis", "RawPage", "ReviewPeriod", "RoleSignature", "Rule", "Settings",
    "Severity", "FieldSignature", "SignatureMethod", "SignatureRole", "TextSource", "Verdict", "Word", "hookimpl",
    "Renderer", "Report", "ReportCoverage", "ReportDateCandidate", "ReportDocument", "ReportFile", "ReportFinding",
    "ReportPageSource", "ReportPeriod", "ReportPlugin", "ReportPluginProblem", "ReportQuarter", "ReportSubmission",
    "ReportSummary", "ReportTitleBox", "ReportTool",
]

#: How a signature field was judged signed: ink in the PDF's own objects, ink in the raster,
#: a PDF digital signature, or nothing found.
SignatureMethod = Literal["pdf-objects", "raster", "digital", "none"]
#: Where a signature field was found in the layout (``digital`` for a PDF digital signature).
FieldHow = Literal["column", "box", "caption", "rule", "beside", "below", "above", "digital"]
#: The report's one-word answer.
Verdict = Literal["ready", "not-ready"]
#: How a profile reads 03/04/2026 when the document cannot tell.
DateOrder = Literal["MDY", "DMY"]


class FieldSignature(TypedDict):
    """One place a role signs (a table row's cell, a box, a captioned line, a digital signature)."""

    label: str
    signed: bool
    method: SignatureMethod
    page: int
    box: list[float]
    confidence: float
    how: str  # a FieldHow
    ink: NotRequired[float]  # square points of ink found in it (not for digital signatures)
    row: NotRequired[str | None]  # the table row's other text, when the field is a row's cell
    integrity: NotRequired[str | None]  # a digital signature's integrity ("intact", "broken ...")


class RoleSignature(TypedDict):
    """A document's signature for one role (``AnalysedDocument.signatures``, the report's
    ``documents[].signatures``): the role's best field, and every field found for it."""

    role: str
    label: str
    signed: bool
    method: SignatureMethod
    page: int
    box: list[float]
    confidence: float
    fields: list[FieldSignature]
    integrity: NotRequired[str | None]
    rows_signed: NotRequired[int]  # sign-in tables: how many rows carry a signature


class Profile(TypedDict, total=False):
    """A partner profile as ``secordoc_profiles`` may return it and validators read it
    (``secordoc schema profile`` is the full contract; nested rules stay plain JSON)."""

    name: Required[str]
    title: str
    description: str
    extends: str
    partner: str
    date_order: DateOrder
    quarters: QuarterBasis
    max_employees: dict[str, Any] | None
    deadline: dict[str, Any]
    categories: dict[str, dict[str, Any]]
    training: list[dict[str, Any]]
    severities: dict[str, Any]
    sources: dict[str, str]
    partner_rules: dict[str, Any]
    aliases: dict[str, str]
    documentation_period: dict[str, Any]
    checks: dict[str, dict[str, Any]]


class ReportPlugin(TypedDict):
    name: str
    version: str
    origin: str  # "builtin", "entry point of <dist>", "command line"


class ReportPluginProblem(TypedDict):
    """A plugin left out of a ``--keep-going`` run, and why."""

    plugin: str
    version: str
    problem: str


class ReportTool(TypedDict):
    name: Literal["secordoc"]
    version: str
    plugins: list[ReportPlugin]
    plugin_problems: list[ReportPluginProblem]
    ocr_engine: dict[str, str]  # name and version; empty when no page needed OCR or none could run


class ReportPeriod(TypedDict):
    start: str  # ISO dates
    end: str


class ReportQuarter(TypedDict):
    number: int
    start: str
    end: str


class ReportSubmission(TypedDict):
    package: str
    company: str | None
    profile: str
    profile_title: str
    anniversary: str
    submitted: str
    employees: int | None
    period: ReportPeriod
    quarters: list[ReportQuarter]
    not_applicable: dict[str, str]


class ReportFile(TypedDict):
    """Every file of the package, read or not (``reason`` says why not)."""

    path: str
    status: FileStatus
    reason: str | None
    media_type: str | None
    size: int
    sha256: str | None
    pages: int
    from_cache: bool


class ReportPageSource(TypedDict):
    page: int
    source: TextSource
    confidence: float | None
    rotation: int
    width: float
    height: float
    warnings: list[str]


class ReportDateCandidate(TypedDict):
    text: str
    value: str
    label: str
    label_from: str
    page: int
    box: list[float]
    score: float | None
    why: str


class ReportTitleBox(TypedDict):
    page: int
    box: list[float]


class ReportDocument(TypedDict):
    source: str
    pages: list[int]  # first and last page in its file
    page_sources: list[ReportPageSource]
    category: str | None
    confidence: float
    evidence: list[str]
    date: str | None
    date_text: str | None
    date_label: str | None
    date_candidates: list[ReportDateCandidate]
    title: str
    title_box: ReportTitleBox | None
    best_guess: str | None
    quarter: int | None
    fields: dict[str, str]
    signatures: list[RoleSignature]


class ReportCoverage(TypedDict):
    per_quarter: int
    quarters: dict[str, list[str]]  # quarter number -> the sources covering it


class ReportFinding(TypedDict):
    """A finding; its own keys (``Finding.keys``: ``category``, ``quarter``, ``document``...) sit
    beside these."""

    code: str
    severity: Severity
    message: str
    rule: str
    source: str
    assumption: bool


class ReportSummary(TypedDict):
    errors: int
    warnings: int
    infos: int
    files: int
    read: int
    unreadable: int
    skipped: int


class Report(TypedDict):
    """The report a check makes (``secordoc schema report``), as renderers receive it."""

    schema_version: str
    tool: ReportTool
    submission: ReportSubmission
    files: list[ReportFile]
    documents: list[ReportDocument]
    coverage: dict[str, ReportCoverage]
    findings: list[ReportFinding]
    summary: ReportSummary
    stats: dict[str, Any]
    verdict: Verdict


#: What ``secordoc_report_formats`` maps a format's name to: the report in, the text to write out.
Renderer = Callable[[Report], str]


class DocumentView(Protocol):
    """What a validator reads of one analysed document."""

    @property
    def source(self) -> str: ...
    @property
    def extracted(self) -> ExtractedFile: ...
    @property
    def quarter(self) -> int | None: ...
    @property
    def signatures(self) -> tuple[RoleSignature, ...]: ...
    @property
    def category(self) -> str | None: ...
    @property
    def date(self) -> date | None: ...
    @property
    def text(self) -> str: ...


class CheckView(Protocol):
    """What ``secordoc_validate`` receives: the check, read-only, and the one way to report.

    Every attribute is a read-only property here, so a type checker stops a validator that
    assigns to the context; mappings are ``Mapping`` and lists ``Sequence`` for the same reason.
    At run time it is read-only too: the context is a frozen dataclass whose dicts and lists (at
    any depth; a document's signatures, classification scores and its file's form fields
    included) raise ``TypeError`` when changed, which makes the validator that tried a plugin
    error. ``copy.deepcopy`` gives a plain copy to change.
    """

    @property
    def profile(self) -> Mapping[str, Any]: ...  # a Profile, resolved (``extends`` merged)
    @property
    def period(self) -> ReviewPeriod: ...
    @property
    def anniversary(self) -> date: ...
    @property
    def submitted(self) -> date: ...
    @property
    def employees(self) -> int | None: ...
    @property
    def not_applicable(self) -> Mapping[str, str]: ...
    @property
    def manifest(self) -> Mapping[str, Any]: ...
    @property
    def files(self) -> Sequence[ExtractedFile]: ...
    @property
    def documents(self) -> Sequence[AnalysedDocument]: ...

    def finding(self, code: str, message: str, *, rule: str | None = None, **keys: Any) -> Finding:
        """A finding with the profile's severity and rule (the code must be declared)."""
        ...

    def severity(self, code: str) -> str:
        """A finding code's severity under this profile."""
        ...

    def submission_kind(self) -> str:
        """initial, annual or recertification (``submission`` in secordoc.json)."""
        ...

    def category_rules(self) -> dict[str, dict[str, Any]]:
        """The profile's rule for each category (a copy)."""
        ...

    def readable(self) -> list[AnalysedDocument]:
        """The documents that were read."""
        ...

    def counts(self, doc: AnalysedDocument) -> bool:
        """Whether a document counts as evidence (dated in the period, not after submission, not a copy)."""
        ...

    def covering(self, category: str) -> list[AnalysedDocument]:
        """Readable documents of ``category`` that count as evidence."""
        ...

    def coverage(self) -> dict[str, dict[int, list[AnalysedDocument]]]:
        """Each required category's covering documents by quarter number."""
        ...

    def certificates_for(self, course: dict[str, Any]) -> list[AnalysedDocument]:
        """Training certificates naming one of the profile's ``training`` courses."""
        ...


if TYPE_CHECKING:  # mypy proves the core's objects fit the views partners are given

    def _context_is_a_view(context: CheckContext) -> CheckView:
        return context

    def _document_is_a_view(document: AnalysedDocument) -> DocumentView:
        return document
