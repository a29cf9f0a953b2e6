"""Not applicable only where the profile allows it, on its stated grounds."""

from __future__ import annotations

from validator_helpers import compliant, of, run, serious


def without(category):  # type: ignore[no-untyped-def]
    return [d for d in compliant() if d.category != category]


def test_an_allowed_declaration_turns_the_missing_category_into_information():
    findings = run(without("orientation"), manifest={"not_applicable": {"orientation": "no new hires"}})
    assert serious(findings) == []
    assert [f.keys for f in of(findings, "not-applicable")] == [{"category": "orientation"}]


def test_a_declaration_the_profile_does_not_allow_is_refused_naming_the_allowed_ones():
    findings = run(without("hazard-assessment"), manifest={"not_applicable": {"hazard-assessment": "we had none"}})
    refused = of(findings, "not-applicable-refused")
    assert refused and refused[0].severity == "warning" and refused[0].rule == "not-applicable-grounds"
    assert "orientation" in refused[0].message and "incident-investigation" in refused[0].message
    assert ("missing-category", {"category": "hazard-assessment"}) in serious(findings)
    assert not of(findings, "not-applicable")


def test_an_unknown_category_declared_not_applicable_is_refused_too():
    findings = run(compliant(), manifest={"not_applicable": {"ppe-inspection": "none"}})
    assert [f.keys for f in of(findings, "not-applicable-refused")] == [{"category": "ppe-inspection"}]
