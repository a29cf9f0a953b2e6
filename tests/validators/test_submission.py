"""The kind of submission decides the documentation period: an initial one needs months of
records (research 3.4), an annual one every quarter of the year."""

from __future__ import annotations

from validator_helpers import doc, of, run, serious

RECENT = [doc(f"{c}.pdf", c, day) for c, day in [
    ("hazard-assessment", "2026-08-20"), ("site-inspection", "2026-09-10"), ("toolbox-meeting", "2026-10-05"),
    ("maintenance-record", "2026-11-02"), ("incident-investigation", "2026-09-01"), ("audit-action-plan", "2026-11-10"),
    ("emergency-response-plan", "2026-08-25"), ("orientation", "2026-08-21"), ("year-end-summary", "2026-11-20")]]
PHSM = doc("phsm.pdf", "training-certificate", "2026-03-01", "Certificate of completion\nPrinciples of Health and Safety Management")


def test_an_initial_submission_with_three_months_of_records_needs_no_quarter():
    findings = run(RECENT + [PHSM], submitted="2026-11-25", manifest={"submission": "initial"})
    assert serious(findings) == []
    assert [f.keys for f in of(findings, "submission-kind")] == [{"kind": "initial"}]


def test_an_initial_submission_with_too_short_a_record_is_an_error():
    short = [d for d in RECENT if d.date and d.date.month >= 10]
    findings = run(short + [PHSM], submitted="2026-11-25", manifest={"submission": "initial"})
    period = of(findings, "short-documentation-period")
    assert period and period[0].severity == "error" and period[0].keys == {"kind": "initial", "months": 3}


def test_the_same_records_as_an_annual_submission_leave_quarters_empty():
    findings = run(RECENT + [PHSM], submitted="2026-11-25")
    assert ("quarter-gap", {"category": "hazard-assessment", "quarter": 1}) in serious(findings)
    assert not of(findings, "short-documentation-period")


def test_a_recertification_year_says_what_else_it_needs():
    findings = run(RECENT + [PHSM], submitted="2026-11-25", manifest={"submission": "recertification"}, profile="nsny-secor")
    assert "re-certifying external audit" in of(findings, "submission-kind")[0].message
