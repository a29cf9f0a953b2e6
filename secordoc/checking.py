"""Everything a validator needs to know about a check, and the one way it reports a finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .api import RoleSignature
from .classify import Classification
from .recognition.activity_date import ActivityDate
from .errors import PluginError
from .findings import FindingCode
from .model import ExtractedFile, Finding
from .periods import ReviewPeriod
from .rules import Rule, by_id, for_code
from .textnorm import normalise

#: The document type whose documents prove the profile's ``training`` courses.
CERTIFICATE = "training-certificate"


@dataclass(frozen=True)
class AnalysedDocument:
    """One evidence file after classification and dating."""

    source: str
    extracted: ExtractedFile
    classification: Classification
    activity: ActivityDate
    quarter: int | None
    signatures: tuple[RoleSignature, ...] = ()

    @property
    def category(self) -> str | None:
        return self.classification.category

    @property
    def date(self) -> date | None:
        return self.activity.value

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.extracted.pages)


@dataclass
class CheckContext:
    """Read-only for validators, apart from ``finding``."""

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
    _rules: dict[str, Rule] | None = field(default=None, repr=False)
    _duplicates: dict[int, AnalysedDocument] | None = field(default=None, repr=False)

    def severity(self, code: str) -> str:
        override = self.profile.get("severities", {}).get(code)
        return override or self.codes[code].severity

    def rules(self) -> dict[str, Rule]:
        """The profile's rule catalogue (``secordoc.rules``), made once."""
        if self._rules is None:
            self._rules = by_id(self.profile)
        return self._rules

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
        if self._duplicates is None:
            from .duplicates import find_duplicates

            self._duplicates = find_duplicates(self.readable())
        return self._duplicates

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
        coverage validator and every report read."""
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
