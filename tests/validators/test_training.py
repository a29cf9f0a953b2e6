"""Training certificates: dated, current where the course expires, and whose they are."""

from __future__ import annotations

from validator_helpers import compliant, doc, of, run

CERT = "Certificate of completion\nThis certifies that {name} has successfully completed\n{course}"
PHSM = "Principles of Health and Safety Management (PHSM)"


def with_certificates(*certs):  # type: ignore[no-untyped-def]
    return [d for d in compliant() if d.category != "training-certificate"] + list(certs)


def test_an_undated_certificate_is_a_finding_not_a_pass():
    findings = run(with_certificates(doc("phsm.pdf", "training-certificate", None, CERT.format(name="Ann Lee", course=PHSM))))
    undated = of(findings, "undated-training")
    assert [(f.severity, f.keys) for f in undated] == [("warning", {"document": "phsm.pdf", "course": "phsm"})]
    assert not of(findings, "training-held")


def test_the_holder_is_read_and_shown():
    findings = run(with_certificates(doc("phsm.pdf", "training-certificate", "2025-05-01", CERT.format(name="Ann Lee", course=PHSM))))
    held = of(findings, "training-held")
    assert held and held[0].keys["holder"] == "Ann Lee" and "valid until 2028-05-01" in held[0].message


def test_an_expired_certificate_names_its_holder():
    findings = run(with_certificates(doc("phsm.pdf", "training-certificate", "2022-05-01", CERT.format(name="Ann Lee", course=PHSM))))
    expired = of(findings, "expired-training")
    assert expired and "Ann Lee's certificate" in expired[0].message and expired[0].rule == "training.phsm"


def test_phsm_does_not_expire_at_nsny():
    lse = doc("lse.pdf", "training-certificate", "2025-01-10", CERT.format(name="Bo Chan", course="Leadership for Safety Excellence"))
    rtw = doc("rtw.pdf", "training-certificate", "2024-01-10", CERT.format(name="Bo Chan", course="Return to Work for Small Businesses"))
    old = doc("phsm.pdf", "training-certificate", "2015-05-01", CERT.format(name="Ann Lee", course=PHSM))
    assert not of(run(with_certificates(old, lse, rtw), profile="nsny-secor", employees=5), "expired-training")
    assert of(run(with_certificates(old, lse, rtw)), "expired-training")
