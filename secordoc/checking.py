"""Everything a validator needs to know about a check, and the one way it reports a finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .classify import Classification
from .recognition.activity_date import ActivityDate
from .errors import PluginError
from .findings import FindingCode
from .model import ExtractedFile, Finding
from .periods import ReviewPeriod
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
    signatures: tuple[dict[str, Any], ...] = ()

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

    def severity(self, code: str) -> str:
        override = self.profile.get("severities", {}).get(code)
        return override or self.codes[code].severity

    def finding(self, code: str, message: str, **keys: Any) -> Finding:
        if code not in self.codes:
            raise PluginError(f"A validator reported the undeclared finding code '{code}'.",
                              "Declare it with the secordoc_finding_codes hook.")
        return Finding(code, self.severity(code), message, keys)  # type: ignore[arg-type]

    def category_rules(self) -> dict[str, dict[str, Any]]:
        return dict(self.profile.get("categories", {}))

    def readable(self) -> list[AnalysedDocument]:
        return [d for d in self.documents if d.extracted.file.status == "read"]

    def covering(self, category: str) -> list[AnalysedDocument]:
        """Readable documents of ``category`` dated inside the period (signed or not: that is
        its own finding)."""
        return [d for d in self.readable() if d.category == category and d.date and self.period.contains(d.date)]

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
