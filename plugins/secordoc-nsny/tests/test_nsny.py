"""secordoc-nsny changes the outcome of a check the way NSNY's rules say; each rule both ways."""

from __future__ import annotations

import pytest

from secordoc.testing import build_package, check_package, codes, finding_codes

TRAINING = [
    {"type": "training-certificate", "date": "2025-04-01", "filename": "lse-1.pdf", "course": "Leadership for Safety Excellence (LSE)"},
    {"type": "training-certificate", "date": "2024-02-01", "filename": "rtw.pdf", "course": "Return to Work for Small Businesses"},
]


def package(tmp_path, partner=None, documents=TRAINING, employees=6, **extra):  # type: ignore[no-untyped-def]
    manifest = {"anniversary": "2026-12-31", "submitted": "2026-12-01", "profile": "nsny-secor", "employees": employees}
    if partner:
        manifest["partner"] = partner
    build_package({"base": "compliant", "manifest": manifest, "documents": documents, **extra}, tmp_path)
    return check_package(tmp_path, entry_points=True)


def test_the_plugin_is_installed_and_supplies_its_profile(tmp_path):
    report = package(tmp_path)
    assert any(p["name"] == "nsny" and p["version"] == "1.0.0" for p in report["tool"]["plugins"])
    assert report["submission"]["profile"] == "nsny-secor"
    assert report["verdict"] == "ready", report["findings"]


def test_lse_and_rtw_are_required(tmp_path):
    report = package(tmp_path, documents=[])
    assert ("missing-category", {"category": "training-certificate", "course": "lse"}) in finding_codes(report)
    assert ("missing-category", {"category": "training-certificate", "course": "rtw"}) in finding_codes(report)


def test_lse_expires_after_three_years_but_phsm_does_not(tmp_path):
    old_lse = [{**TRAINING[0], "date": "2022-06-01"}, TRAINING[1]]
    report = package(tmp_path, documents=old_lse, change=[{"match": {"type": "training-certificate"}, "set": {"date": "2015-01-10"}}])
    found = finding_codes(report)
    assert ("expired-training", {"document": "lse-1.pdf", "course": "lse"}) in found
    assert not [k for c, k in found if c == "expired-training" and k.get("course") == "phsm"]


@pytest.mark.parametrize("employees, flagged", [(9, False), (10, True)])
def test_fewer_than_ten_employees(tmp_path, employees, flagged):
    assert ("ineligible-size" in codes(package(tmp_path, employees=employees))) == flagged


@pytest.mark.parametrize("supervisors, flagged", [(2, False), (3, True)])
def test_half_of_the_supervisors_hold_lse(tmp_path, supervisors, flagged):
    report = package(tmp_path, partner={"supervisors": supervisors})
    assert ("nsny-lse-supervisors" in codes(report)) == flagged


@pytest.mark.parametrize("issued, code, words", [
    ("2025-12-31", "nsny-cycle-step", "Year 2"),
    ("2024-12-31", "nsny-cycle-step", "Year 3"),
    ("2023-12-31", "nsny-recertification-due", "re-certifying external audit"),
])
def test_the_cycle_says_which_step_is_due(tmp_path, issued, code, words):
    report = package(tmp_path, partner={"certificate_issued": issued})
    finding = next(f for f in report["findings"] if f["code"] == code)
    assert words in finding["message"]
    assert (report["verdict"] == "not-ready") == (code == "nsny-recertification-due")


def test_anniversary_must_be_the_issue_date(tmp_path):
    report = package(tmp_path, partner={"certificate_issued": "2025-06-15"})
    assert "nsny-anniversary-mismatch" in codes(report)
    assert "nsny-anniversary-mismatch" not in codes(package(tmp_path / "b", partner={"certificate_issued": "2025-12-31"}))
