"""Required signatures per document type (the profile's ``signatures`` and attendee count),
and digital signatures that are broken or were altered after signing."""

from __future__ import annotations

from ..checking import AnalysedDocument, CheckContext
from ..hookspecs import hookimpl
from ..model import Finding

ROLE_NAMES = {
    "performed-by": "person who did the work",
    "responsible-person": "responsible person",
    "owner": "owner or senior manager",
    "management": "manager who reviewed it",
}


def _role_name(role: str) -> str:
    return ROLE_NAMES.get(role, role.replace("-", " "))


def _check_role(context: CheckContext, doc: AnalysedDocument, role: str) -> Finding | None:
    fields = [s for s in doc.signatures if s["role"] == role]
    if any(s["signed"] for s in fields):
        return None
    if not fields:
        return context.finding(
            "missing-signature",
            f"No {_role_name(role)} signature line was found on '{doc.source}'. Make sure the form has a "
            f"signature line for the {_role_name(role)} and that they sign it.",
            rule=f"{doc.category}.signatures", document=doc.source, role=role,
        )
    field = fields[0]
    return context.finding(
        "missing-signature",
        f"The '{field['label']}' line on page {field['page']} of '{doc.source}' is empty. Have the "
        f"{_role_name(role)} sign it (a typed or printed name is not a signature).",
        rule=f"{doc.category}.signatures", document=doc.source, role=role,
    )


@hookimpl(trylast=True)
def secordoc_validate(context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    rules = context.category_rules()
    for doc in context.readable():
        for sig in (f for entry in doc.signatures for f in entry.get("fields", [entry])):
            if sig["method"] == "digital" and sig.get("integrity") and sig["integrity"] != "intact":
                out.append(context.finding(
                    "invalid-digital-signature",
                    f"The digital signature '{sig['label']}' in '{doc.source}' is {sig['integrity']}: the file was "
                    "changed after it was signed or the signature is damaged. Send the file as it was signed.",
                    document=doc.source,
                ))
        rule = rules.get(doc.category or "", {})
        for role in rule.get("signatures", []):
            finding = _check_role(context, doc, role)
            if finding:
                out.append(finding)
        needed = int(rule.get("min_attendee_signatures", 0))
        counted = [s for s in doc.signatures if "rows_signed" in s]
        signed_rows = sum(s.get("rows_signed", 0) for s in counted)
        if needed and not counted:  # no sign-in table seen: it may be on a sheet of its own
            out.append(context.finding(
                "document-warning",
                f"No sign-in table was found on '{doc.source}'. Check that the attendees signed an "
                "attendance sheet and that it is in the package.",
                document=doc.source,
            ))
        elif needed and signed_rows < needed:
            out.append(context.finding(
                "missing-signature",
                f"'{doc.source}' has {signed_rows} signed attendee row(s); at least {needed} needed. Have the "
                "attendees sign the sign-in table.",
                rule=f"{doc.category}.signatures", document=doc.source, role="attendee",
            ))
    return out
