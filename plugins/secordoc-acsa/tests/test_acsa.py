"""secordoc-acsa changes the outcome of a check the way ACSA's rules say; each rule both ways."""

from __future__ import annotations

import pytest

from secordoc.testing import FormTemplate, build_package, check_package, codes, finding_codes, register_template

register_template("secor-evaluation", FormTemplate(
    titles=("SECOR Evaluation Tool - Self-Evaluation Summary",), date_label="Date completed", body=(), signatures=()))
register_template("legislation-list", FormTemplate(
    titles=("Applicable Legislation",), date_label="Date reviewed",
    body=("Alberta OHS Act: sections 3, 4, 5", "OHS Code Part 2 Hazard Assessment", "OHS Code Part 9 Fall Protection"),
    signatures=()))

PASSING = (
    "Section 1 Policy and commitment: 18 / 20 (90%)",
    "Section 2 Hazard assessment: 17 / 20 (85%)",
    "Section 3 Inspections: 16 / 20 (80%)",
    "Section 4 Training: 16 / 20 (80%)",
    "Section 5 Investigations: 18 / 20 (90%)",
    "Overall: 85 / 100 (85%)",
    "Q 3.2 Are inspections done as the policy says? Answer: No  Corrective action: Add the shop to the monthly schedule",
    "Q 4.1 Do workers hold the required training? Answer: Yes",
)
CERTIFICATES = [
    {"type": "training-certificate", "date": "2025-03-01", "filename": "sfa.pdf", "course": "Standard First Aid (two-day)"},
    {"type": "training-certificate", "date": "2024-05-01", "filename": "csts.pdf", "course": "CSTS-2020 Construction Safety Training System"},
]


def evaluation(lines=PASSING) -> dict:  # type: ignore[no-untyped-def]
    return {"type": "secor-evaluation", "date": "2026-11-20", "filename": "evaluation.pdf", "lines": list(lines)}


LEGISLATION = {"type": "legislation-list", "date": "2026-11-20", "filename": "legislation.pdf"}


def check(tmp_path, documents, employees=8):  # type: ignore[no-untyped-def]
    manifest = {"anniversary": "2026-12-31", "submitted": "2026-12-01", "profile": "acsa-secor", "employees": employees}
    build_package({"base": "compliant", "manifest": manifest, "documents": documents}, tmp_path)
    return check_package(tmp_path, entry_points=True)


def test_a_complete_acsa_package_is_ready(tmp_path):
    report = check(tmp_path, [evaluation(), LEGISLATION, *CERTIFICATES])
    assert report["verdict"] == "ready", report["findings"]
    assert {d["category"] for d in report["documents"]} >= {"secor-evaluation", "legislation-list"}
    assert any(p["name"] == "acsa" for p in report["tool"]["plugins"])


def test_the_evaluation_and_the_legislation_list_are_required(tmp_path):
    found = finding_codes(check(tmp_path, CERTIFICATES))
    assert ("missing-category", {"category": "secor-evaluation"}) in found
    assert ("missing-category", {"category": "legislation-list"}) in found


def test_first_aid_and_an_industry_course_are_required(tmp_path):
    found = finding_codes(check(tmp_path, [evaluation(), LEGISLATION]))
    assert ("missing-category", {"category": "training-certificate", "course": "sfa"}) in found
    assert ("missing-category", {"category": "training-certificate", "course": "industry"}) in found


def test_an_accredited_course_every_three_years(tmp_path):
    old = [{**c, "date": "2021-01-10"} for c in CERTIFICATES]
    build = check(tmp_path, [evaluation(), LEGISLATION, *old])
    assert "expired-training" in codes(build)


@pytest.mark.parametrize("employees, flagged", [(10, False), (11, True)])
def test_ten_or_fewer_employees(tmp_path, employees, flagged):
    report = check(tmp_path, [evaluation(), LEGISLATION, *CERTIFICATES], employees)
    assert ("ineligible-size" in codes(report)) == flagged


def test_wrong_arithmetic_is_caught(tmp_path):
    lines = list(PASSING)
    lines[1] = "Section 2 Hazard assessment: 17 / 20 (95%)"
    lines[5] = "Overall: 87 / 100 (87%)"
    report = check(tmp_path, [evaluation(lines), LEGISLATION, *CERTIFICATES])
    finding = next(f for f in report["findings"] if f["code"] == "acsa-evaluation-arithmetic")
    assert "section 2" in finding["message"] and "add up to 85/100" in finding["message"]


@pytest.mark.parametrize("overall, section3, why", [
    ("Overall: 75 / 100 (75%)", "Section 3 Inspections: 6 / 20 (30%)", "section 3 (30%)"),
    ("Overall: 79 / 100 (79%)", "Section 3 Inspections: 10 / 20 (50%)", "overall 79%"),
])
def test_pass_rule_80_overall_and_50_per_section(tmp_path, overall, section3, why):
    lines = list(PASSING)
    lines[2], lines[5] = section3, overall
    report = check(tmp_path, [evaluation(lines), LEGISLATION, *CERTIFICATES])
    fail = [f for f in report["findings"] if f["code"] == "acsa-evaluation-fail"]
    assert fail and why in fail[0]["message"]
    assert "acsa-evaluation-arithmetic" not in codes(report)


def test_every_no_needs_a_corrective_action(tmp_path):
    lines = list(PASSING) + ["Q 5.4 Are near misses investigated? Answer: No  Corrective action: none"]
    report = check(tmp_path, [evaluation(lines), LEGISLATION, *CERTIFICATES])
    assert ("acsa-no-without-action", {"document": "evaluation.pdf", "question": "Q5.4"}) in finding_codes(report)
    assert not [k for c, k in finding_codes(report) if c == "acsa-no-without-action" and k["question"] == "Q3.2"]
