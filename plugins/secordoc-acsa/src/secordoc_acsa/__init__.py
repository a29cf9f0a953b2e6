"""secordoc-acsa: the Alberta Construction Safety Association's SECOR rules, as a secordoc plugin.

Contributes the ``acsa-secor`` profile, two document types (the completed SECOR Evaluation Tool
and the list of applicable legislation) and the evaluation check: the section scores are read
from the self-evaluation, the arithmetic is verified (each section's percentage, the overall
total), the pass rule is applied (at least 80% overall and at least 50% in every section, from
the profile's ``partner_rules``), and every "No" answer must carry a corrective action.
"""

from __future__ import annotations

import re
from importlib import resources

from secordoc.checking import AnalysedDocument, CheckContext
from secordoc.doctypes.base import Cue, DocumentType, SignatureRole
from secordoc.findings import FindingCode
from secordoc.hookspecs import hookimpl
from secordoc.model import Finding

__version__ = "1.0.0"

NUMBER = r"(\d+(?:\.\d+)?)"
SECTION = re.compile(rf"section\s+(\d+)\b[^\n]*?{NUMBER}\s*/\s*{NUMBER}\s*\(?\s*{NUMBER}\s*%", re.I)
OVERALL = re.compile(rf"overall\b[^\n]*?{NUMBER}\s*/\s*{NUMBER}\s*\(?\s*{NUMBER}\s*%", re.I)
QUESTION = re.compile(r"^\s*(Q\s*[\d.]+)[^\n]*?answer:\s*(yes|no|n/?a)\b(.*)$", re.I | re.M)
ACTION = re.compile(r"corrective action:\s*(.*)$", re.I)
NO_ACTION = {"", "none", "-", "n/a", "na", "tbd"}

EVALUATION = DocumentType(
    slug="secor-evaluation",
    title="SECOR Evaluation Tool (self-evaluation)",
    cues=(Cue("secor evaluation tool", 7), Cue("self evaluation", 4), Cue("evaluation summary", 3),
          Cue("section", 0.5), Cue("overall", 1), Cue("answer", 0.5)),
    date_labels=("date completed", "evaluation date", "date of evaluation", "date"),
    signature_roles=(SignatureRole("assessor", ("assessor", "evaluator")),),
)
LEGISLATION = DocumentType(
    slug="legislation-list",
    title="List of applicable OHS legislation",
    cues=(Cue("applicable legislation", 7), Cue("legislation list", 6), Cue("ohs code", 2), Cue("ohs act", 2),
          Cue("ohs regulation", 2), Cue("part", 0.5)),
    date_labels=("date reviewed", "date prepared", "date"),
)


@hookimpl
def secordoc_profiles() -> list[str]:
    return [str(resources.files(__name__).joinpath("acsa-secor.json"))]


@hookimpl
def secordoc_document_types() -> list[DocumentType]:
    return [EVALUATION, LEGISLATION]


@hookimpl
def secordoc_finding_codes() -> list[FindingCode]:
    return [
        FindingCode("acsa-evaluation-unreadable", "error", "The self-evaluation's scores could not be read", ("document",),
                    "Send the completed SECOR Evaluation Tool with its section scores legible."),
        FindingCode("acsa-evaluation-arithmetic", "error", "The self-evaluation's arithmetic does not add up", ("document",),
                    "Recompute the section percentages and the overall total, then correct the evaluation."),
        FindingCode("acsa-evaluation-fail", "error", "The self-evaluation does not reach the pass mark", ("document",),
                    "A SECOR needs at least 80% overall and 50% in every section: improve the weak sections first."),
        FindingCode("acsa-no-without-action", "error", "A 'No' answer has no corrective action", ("document", "question"),
                    "Add a corrective action plan entry for every 'No' answer."),
    ]


def _close(a: float, b: float, tolerance: float = 1.0) -> bool:
    return abs(a - b) <= tolerance


def check_evaluation(context: CheckContext, doc: AnalysedDocument, rules: dict) -> list[Finding]:
    text = doc.text
    sections = [(int(n), float(e), float(p), float(pct)) for n, e, p, pct in SECTION.findall(text)]
    overall = OVERALL.search(text)
    if not sections or not overall:
        return [context.finding("acsa-evaluation-unreadable",
                                f"No section scores (e.g. 'Section 1 ... 18 / 20 (90%)') or overall score were found on "
                                f"'{doc.source}'. Send the completed evaluation with its scores legible.", document=doc.source)]
    out: list[Finding] = []
    wrong = [f"section {n}: {e:g}/{p:g} is {100 * e / p:.0f}%, not {pct:g}%" for n, e, p, pct in sections
             if p and not _close(100 * e / p, pct)]
    earned, possible, stated = (float(x) for x in overall.groups())
    if not _close(earned, sum(s[1] for s in sections), 0.01) or not _close(possible, sum(s[2] for s in sections), 0.01):
        wrong.append(f"overall {earned:g}/{possible:g} but the sections add up to {sum(s[1] for s in sections):g}/{sum(s[2] for s in sections):g}")
    if possible and not _close(100 * earned / possible, stated):
        wrong.append(f"overall {earned:g}/{possible:g} is {100 * earned / possible:.0f}%, not {stated:g}%")
    if wrong:
        out.append(context.finding("acsa-evaluation-arithmetic",
                                   f"The scores on '{doc.source}' do not add up: {'; '.join(wrong)}. Correct the evaluation.",
                                   document=doc.source))
    overall_share = earned / possible if possible else 0.0
    weak = [f"section {n} ({100 * e / p:.0f}%)" for n, e, p, _ in sections if p and e / p < rules["pass_section_min"]]
    if overall_share < rules["pass_overall"] or weak:
        reasons = []
        if overall_share < rules["pass_overall"]:
            reasons.append(f"overall {overall_share:.0%} is under {rules['pass_overall']:.0%}")
        if weak:
            reasons.append(f"{', '.join(weak)} under {rules['pass_section_min']:.0%}")
        out.append(context.finding("acsa-evaluation-fail",
                                   f"'{doc.source}' does not pass: {'; '.join(reasons)}. A SECOR needs at least "
                                   f"{rules['pass_overall']:.0%} overall and {rules['pass_section_min']:.0%} in every section.",
                                   document=doc.source))
    if rules.get("no_needs_corrective_action"):
        for question, answer, rest in QUESTION.findall(text):
            action = ACTION.search(rest)
            if answer.lower() == "no" and (not action or action.group(1).strip().lower().strip(".") in NO_ACTION):
                q = re.sub(r"\s+", "", question)
                out.append(context.finding("acsa-no-without-action",
                                           f"{q} is answered 'No' on '{doc.source}' without a corrective action. Add one to "
                                           "the action plan (who, what, by when).", document=doc.source, question=q))
    return out


@hookimpl
def secordoc_validate(context: CheckContext) -> list[Finding]:
    rules = context.profile.get("partner_rules", {})
    if "pass_overall" not in rules:
        return []
    out: list[Finding] = []
    for doc in context.readable():
        if doc.category == "secor-evaluation":
            out += check_evaluation(context, doc, rules)
    return out
