"""Required signatures: a sign-in table seen and unsigned is an error; one not seen at all is a
note for the reviewer, not a missing signature (it is often a sheet of its own)."""

from __future__ import annotations

from dataclasses import replace

from validator_helpers import compliant, of, run


def meeting_with(signatures: tuple[dict, ...]):
    docs = compliant()
    first = next(i for i, d in enumerate(docs) if d.category == "toolbox-meeting")
    docs[first] = replace(docs[first], signatures=signatures)
    return docs, docs[first].source


LEADER = {"role": "meeting-leader", "signed": True, "method": "ink", "label": "Conducted by", "page": 1}


def test_no_sign_in_table_found_is_a_note_not_a_missing_signature():
    docs, source = meeting_with((LEADER,))
    findings = run(docs)
    assert not [f for f in of(findings, "missing-signature") if f.keys.get("document") == source]
    (note,) = [f for f in of(findings, "document-warning") if f.keys.get("document") == source]
    assert note.severity == "info" and "sign-in table" in note.message


def test_a_sign_in_table_with_no_signed_row_is_a_missing_signature():
    attendees = {"role": "attendee", "signed": False, "method": "none", "label": "Signature", "page": 1, "rows_signed": 0}
    docs, source = meeting_with((LEADER, attendees))
    (missing,) = [f for f in of(run(docs), "missing-signature") if f.keys.get("document") == source]
    assert missing.keys["role"] == "attendee" and missing.severity == "error"
