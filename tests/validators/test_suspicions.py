"""A document submitted twice counts once; a document dated after the submission does not count."""

from __future__ import annotations

from validator_helpers import compliant, doc, of, run, serious

LONG = "Site inspection report. " * 10


def test_byte_identical_files_are_one_document():
    docs = compliant()
    twin = doc("copy-of-q1.pdf", "site-inspection", "2026-02-15", sha="sha-site-inspection-q1.pdf")
    findings = run(docs + [twin])
    assert [f.keys for f in of(findings, "duplicate-document")] == [{"document": "copy-of-q1.pdf", "original": "site-inspection-q1.pdf"}]
    assert "byte-identical" in of(findings, "duplicate-document")[0].message


def test_the_same_scan_in_two_files_counts_once_so_a_quarter_stays_empty():
    docs = [d for d in compliant() if d.source != "site-inspection-q2.pdf"]
    docs = [doc(d.source, d.category, d.date.isoformat() if d.date else None, LONG) if d.source == "site-inspection-q1.pdf" else d
            for d in docs]
    rescan = doc("scan-0042.pdf", "site-inspection", "2026-05-15", LONG)  # the Q1 scan, dated into Q2 by the reader
    findings = run(docs + [rescan])
    assert [f.keys["document"] for f in of(findings, "duplicate-document")] == ["scan-0042.pdf"]
    assert "same text" in of(findings, "duplicate-document")[0].message
    assert ("quarter-gap", {"category": "site-inspection", "quarter": 2}) in serious(findings)


def test_different_documents_are_not_duplicates():
    assert not of(run(compliant()), "duplicate-document")


def test_two_documents_split_from_one_file_are_not_duplicates():
    first = doc("combined.pdf", "site-inspection", "2026-02-15", sha="same", pages=(1,))
    second = doc("combined.pdf", "toolbox-meeting", "2026-02-16", sha="same", pages=(2,))
    assert not of(run(compliant() + [first, second]), "duplicate-document")


def test_a_document_dated_after_the_submission_is_a_warning_and_does_not_count():
    docs = [d for d in compliant() if d.source != "toolbox-meeting-q4.pdf"]
    late = doc("toolbox-late.pdf", "toolbox-meeting", "2026-12-20")
    findings = run(docs + [late], submitted="2026-12-01")
    after = of(findings, "date-after-submission")
    assert [(f.severity, f.keys) for f in after] == [("warning", {"document": "toolbox-late.pdf"})]
    assert ("quarter-gap", {"category": "toolbox-meeting", "quarter": 4}) in serious(findings)


def test_a_document_dated_before_the_submission_is_not_flagged():
    assert not of(run(compliant(), submitted="2026-12-31"), "date-after-submission")


def test_a_form_reused_with_only_its_date_changed_is_suspected_of_backdating():
    form = "Site inspection report. Inspected by Pat Doe. Ladder tag missing at bay {n}, fixed. Date {d}. " * 3
    docs = [d for d in compliant() if d.category != "site-inspection"]
    days = ("2026-02-15", "2026-05-15", "2026-08-15", "2026-11-15")
    reused = [doc(f"inspection-{i}.pdf", "site-inspection", day, form.format(n=4, d=day)) for i, day in enumerate(days)]
    found = of(run(docs + reused), "possible-backdating")
    assert len(found) == 1 and found[0].severity == "info" and found[0].rule == "backdating"  # the scorer's contract
    assert found[0].keys["documents"] == [d.source for d in reused]
    partner = of(run(docs + reused, profile="acsa-secor"), "possible-backdating")
    assert len(partner) == 1 and partner[0].severity == "warning"


def test_records_with_their_own_contents_are_not_suspected():
    form = "Site inspection report. Inspected by Pat Doe. Ladder tag missing at bay {n}, fixed. Date {d}. " * 3
    docs = [d for d in compliant() if d.category != "site-inspection"]
    days = ("2026-02-15", "2026-05-15", "2026-08-15", "2026-11-15")
    own = [doc(f"inspection-{i}.pdf", "site-inspection", day, form.format(n="ABCD"[i], d=day)) for i, day in enumerate(days)]
    assert not of(run(docs + own), "possible-backdating")
