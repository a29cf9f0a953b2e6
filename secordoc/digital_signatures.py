"""PDF digital signatures (/Sig fields): present or empty, and if present, intact or not.

Checked with pyHanko without trust roots or network: a pre-screen asks "was this file changed
after it was signed?", not "do we trust the signer?" (self-signed certificates are normal for
small employers). An untrusted signer is information; a broken or altered signature is an error.
"""

from __future__ import annotations

from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import generic_cms
from pyhanko.sign.validation.status import SignatureCoverageLevel


def inspect_signatures(path: str, password: str | None = None) -> list[dict[str, Any]]:
    """One record per filled signature field; empty fields come from the form's field list."""
    out: list[dict[str, Any]] = []
    with open(path, "rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        if reader.encrypted:
            reader.decrypt((password or "").encode())
        for sig in reader.embedded_signatures:
            out.append(_one(sig))
    return out


def _one(sig: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"name": str(sig.field_name), "filled": True, "trusted": None}
    try:
        cert = sig.signer_cert
        record["signer"] = str(cert.subject.human_friendly) if cert is not None else None
        sig.compute_integrity_info()
        info = sig.summarise_integrity_info()
        digest = sig.compute_digest()
        content_type = sig.signed_data["encap_content_info"]["content_type"].native
        intact, valid = generic_cms.validate_sig_integrity(sig.signer_info, cert, content_type, digest)
    except Exception as exc:  # noqa: BLE001 - a damaged signature is a finding, not a crash
        record.update(integrity="damaged", detail=f"{type(exc).__name__}: {str(exc)[:150]}")
        return record
    diff = info.get("diff_result")
    level = getattr(getattr(diff, "modification_level", None), "name", None)
    record["coverage"] = info["coverage"].name.lower().replace("_", " ")
    record["modification"] = level
    if not (intact and valid):
        record["integrity"] = "broken (the signed bytes do not match the signature)"
    elif info["coverage"] != SignatureCoverageLevel.ENTIRE_FILE and (not info.get("docmdp_ok", True) or level not in (None, "NONE", "LTA_UPDATES", "FORM_FILLING")):
        record["integrity"] = "altered after signing"
    else:
        record["integrity"] = "intact"
    return record
