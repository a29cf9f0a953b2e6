"""Everything a validator needs to know about a check, and the one way it reports a finding."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .api import RoleSignature
from .classify import Classification
from .recognition.activity_date import ActivityDate
from .errors import PluginError
from .findings import FindingCode
from .model import ExtractedFile, Finding, FrozenDict, FrozenList, freeze, thaw
from .periods import ReviewPeriod
from .rules import Rule, by_id, for_code
from .textnorm import normalise

#: The document type whose documents prove the profile's ``training`` courses.
CERTIFICATE = "training-certificate"

__all__ = ["CERTIFICATE", "AnalysedDocument", "CheckContext", "FrozenDict", "FrozenList", "freeze", "thaw"]


@dataclass(frozen=True)
class AnalysedDocument:
    """One evidence file after classification and dating. Its signatures are read-only too."""

    source: str
    extracted: ExtractedFile
    classification: Classification
    activity: ActivityDate
    quarter: int | None
    signatures: tuple[RoleSignature, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "signatures", freeze(tuple(self.signatures)))
        if type(self.classification.scores) is not FrozenDict:
            object.__setattr__(self, "classification", replace(self.classification, scores=freeze(self.classification.scores)))

    @property
    def category(self) -> str | None:
        return self.classification.category

    @property
    def date(self) -> date | None:
        return self.activity.value

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.extracted.pages)


@dataclass(frozen=True)
class CheckContext:
    """What validators receive: read-only at run time, not only to type checkers (``CheckView``).

    The dataclass is frozen and its mappings and lists (the profile, the manifest, the files and
    documents...) are ``FrozenDict``/``FrozenList`` at every depth, so a validator that assigns
    to it or changes what it holds fails (a plugin error naming it) instead of changing what
    the next validator and the report see. ``finding`` is the one way to report. What it works
    out (the rule catalogue, the duplicates, the coverage) is worked out once and kept.
    """

    profile: dict[str, Any]
    period: ReviewPeriod
    anniversary: date
    submitted: date
    files: list[ExtractedFile]
    documents: list[AnalysedDocument]
    manifest: dict[str, Any]
    codes: dict[str, FindingCode]
    employees: int | None = None
    not_applicable: dict[str, str] = field(default_factory=dict)
    _worked_out: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("profile", "files", "documents", "manifest", "codes", "not_applicable"):
            object.__setattr__(self, name, freeze(getattr(self, name)))

    def _once(self, name: str, work: Any) -> Any:
        """``work()``, frozen, made the first time ``name`` is asked for and kept."""
        if name not in self._worked_out:
            self._worked_out[name] = freeze(work())
        return self._worked_out[name]

    def severity(self, code: str) -> str:
        override = self.profile.get("severities", {}).get(code)
        return override or self.codes[code].severity

    def rules(self) -> dict[str, Rule]:
        """The profile's rule catalogue (``secordoc.rules``), made once."""
        found: dict[str, Rule] = self._once("rules", lambda: by_id(self.profile))
        return found

    def finding(self, code: str, message: str, *, rule: str | None = None, **keys: Any) -> Finding:
        """A finding tied to its profile rule (by id, else the one rule that reports ``code``)."""
        if code not in self.codes:
            raise PluginError(f"A validator reported the undeclared finding code '{code}'.",
                              "Declare it with the secordoc_finding_codes hook.")
        found = self.rules().get(rule) if rule else for_code(self.rules(), code)
        if found is None:
            return Finding(code, self.severity(code), message, keys, rule or code, "secordoc default", True)  # type: ignore[arg-type]
        return Finding(code, self.severity(code), message, keys, found.id, found.source, found.assumption)  # type: ignore[arg-type]

    def submission_kind(self) -> str:
        """initial, annual or recertification (secordoc.json's ``submission``; annual by default)."""
        return str(self.manifest.get("submission", "annual"))

    def quarterly(self) -> bool:
        """Whether this kind of submission must cover every quarter (an initial one has only
        months of records, research 3.4)."""
        period = self.profile.get("documentation_period")
        return period is None or self.submission_kind() in period.get("quarterly", [])

    def category_rules(self) -> dict[str, dict[str, Any]]:
        return dict(self.profile.get("categories", {}))

    def readable(self) -> list[AnalysedDocument]:
        return [d for d in self.documents if d.extracted.file.status == "read"]

    def duplicates(self) -> dict[int, AnalysedDocument]:
        """Each repeated document (by ``id``) and the first copy it repeats (``secordoc.duplicates``)."""
        from .duplicates import find_duplicates

        found: dict[int, AnalysedDocument] = self._once("duplicates", lambda: find_duplicates(self.readable()))
        return found

    def counts(self, doc: AnalysedDocument) -> bool:
        """Whether a document counts as evidence: dated inside the period, not after the
        submission, and not a second copy of another."""
        return (doc.date is not None and self.period.contains(doc.date) and doc.date <= self.submitted
                and id(doc) not in self.duplicates())

    def covering(self, category: str) -> list[AnalysedDocument]:
        """Readable documents of ``category`` that count (signed or not: that is its own finding)."""
        return [d for d in self.readable() if d.category == category and self.counts(d)]

    def coverage(self) -> dict[str, dict[int, list[AnalysedDocument]]]:
        """Each required category's covering documents by quarter number: the one computation the
        coverage validator and every report read, worked out once per check."""
        found: dict[str, dict[int, list[AnalysedDocument]]] = self._once("coverage", self._coverage)
        return found

    def _coverage(self) -> dict[str, dict[int, list[AnalysedDocument]]]:
        out: dict[str, dict[int, list[AnalysedDocument]]] = {}
        for category, rule in self.category_rules().items():
            if not rule.get("required"):
                continue
            docs = self.covering(category)
            out[category] = {q.number: [d for d in docs if d.date and q.contains(d.date)] for q in self.period.quarters}
        return out

    def certificates_for(self, course: dict[str, Any]) -> list[AnalysedDocument]:
        """Training certificates naming a profile course (any of its ``match`` phrases)."""
        phrases = [normalise(p) for p in course["match"]]
        return [d for d in self.readable() if d.category == CERTIFICATE and any(p in normalise(d.text) for p in phrases)]
