"""What pypdf tells about a PDF beyond its text: encryption, form field values, risky content.

pypdf raises more than PdfReadError on broken files (TypeError, AttributeError, RecursionError,
AssertionError...), so everything here is tolerant: a structure we cannot read becomes a warning,
and the text still comes from pdfium.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from .errors import DocumentError

ENCRYPTED_REASON = (
    "password protected: send an unprotected copy (or give the password with --password)"
)


@dataclass
class PdfStructure:
    password: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    signature_fields: list[dict[str, Any]] = field(default_factory=list)


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.messages and len(self.messages) < 10:
            self.messages.append(message)


def read_structure(path: str, passwords: list[str]) -> PdfStructure:
    """Open with pypdf, unlock with the first password that works, read fields and risks."""
    collector = _WarningCollector()
    logger = logging.getLogger("pypdf")
    logger.addHandler(collector)
    logger.propagate = False
    out = PdfStructure()
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            out.password = _unlock(reader, passwords)
        _read_fields(reader, out)
        _read_risks(reader, out)
    except DocumentError:
        raise
    except Exception as exc:  # pypdf's many failure types: the loader boundary holds
        out.warnings.append(
            f"the PDF's structure is damaged ({type(exc).__name__}); form fields were not read"
        )
    finally:
        logger.removeHandler(collector)
    out.warnings.extend(f"PDF reader: {m}" for m in collector.messages[:3])
    return out


def _unlock(reader: PdfReader, passwords: list[str]) -> str:
    for password in passwords:
        try:
            if reader.decrypt(password):
                return password
        except Exception:  # unsupported algorithm or damaged encryption dictionary
            continue
    raise DocumentError(ENCRYPTED_REASON, kind="encrypted")


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    text = str(value).strip()
    return "" if text in ("/Off", "None") else text.lstrip("/")


def _read_fields(reader: PdfReader, out: PdfStructure) -> None:
    fields = reader.get_fields() or {}
    for name, spec in fields.items():
        if spec.get("/FT") == "/Sig":
            out.signature_fields.append({"name": name, "filled": spec.get("/V") is not None})
            continue
        value = spec.get("/V")
        if value is not None and _text(value):
            out.fields[str(name)] = _text(value)


def _resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _read_risks(reader: PdfReader, out: PdfStructure) -> None:
    root = _resolve(reader.trailer.get("/Root"))
    if not isinstance(root, DictionaryObject):
        return
    names = _resolve(root.get("/Names"))
    if isinstance(names, DictionaryObject):
        if "/JavaScript" in names:
            out.warnings.append("contains JavaScript (not run by secordoc)")
        if "/EmbeddedFiles" in names:
            out.warnings.append("contains attached files (not opened by secordoc)")
    action = _resolve(root.get("/OpenAction"))
    if isinstance(action, DictionaryObject) and _resolve(action.get("/S")) == "/JavaScript":
        out.warnings.append("runs JavaScript when opened (not run by secordoc)")
