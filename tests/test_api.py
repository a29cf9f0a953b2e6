"""The typed API (secordoc.api) and the shipped JSON Schemas say the same thing, and what the core
really produces fits the types partners are given."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, get_args

import pytest

from secordoc import api
from secordoc.schemas import load_schema
from secordoc.testing import build_package, check_package

REPORT = load_schema("report")
PROFILE = load_schema("profile")
DOCTYPE = load_schema("doctype")
DOCUMENT = REPORT["properties"]["documents"]["items"]
SIGNATURE = DOCUMENT["properties"]["signatures"]["items"]


def hints(typed_dict: Any) -> dict[str, tuple[bool, Any]]:
    """Each key of a TypedDict: (required?, its type). Read from the hints, not
    ``__required_keys__``, which cannot see ``NotRequired`` through postponed annotations."""
    out = {}
    for key, hint in typing.get_type_hints(typed_dict, include_extras=True).items():
        marker = typing.get_origin(hint)
        required = True if marker is typing.Required else False if marker is typing.NotRequired else typed_dict.__total__
        out[key] = (required, get_args(hint)[0] if marker in (typing.Required, typing.NotRequired) else hint)
    return out


def keys(typed_dict: Any) -> tuple[set[str], set[str]]:
    """(every key, the required keys) of a TypedDict."""
    found = hints(typed_dict)
    return set(found), {k for k, (required, _) in found.items() if required}


@pytest.mark.parametrize(("literal", "enum"), [
    (api.Severity, REPORT["properties"]["findings"]["items"]["properties"]["severity"]["enum"]),
    (api.FileStatus, REPORT["properties"]["files"]["items"]["properties"]["status"]["enum"]),
    (api.TextSource, DOCUMENT["properties"]["page_sources"]["items"]["properties"]["source"]["enum"]),
    (api.SignatureMethod, SIGNATURE["properties"]["method"]["enum"]),
    (api.Verdict, REPORT["properties"]["verdict"]["enum"]),
    (api.DateOrder, PROFILE["properties"]["date_order"]["enum"]),
    (api.QuarterBasis, PROFILE["properties"]["quarters"]["enum"]),
], ids=["severity", "file-status", "text-source", "signature-method", "verdict", "date-order", "quarters"])
def test_closed_sets_of_strings_are_the_schemas_enums(literal: Any, enum: list[str]):
    assert sorted(get_args(literal)) == sorted(enum)


def test_a_role_signature_has_every_key_the_report_schema_names():
    every, required = keys(api.RoleSignature)
    assert set(SIGNATURE["required"]) <= required
    assert set(SIGNATURE["properties"]) <= every


def test_the_profile_type_is_the_profile_schema():
    every, required = keys(api.Profile)
    assert every == set(PROFILE["properties"])
    assert required == set(PROFILE["required"])


def test_a_document_type_has_a_field_for_every_doctype_schema_property():
    renamed = {"not_activity_date_labels": "not_activity_labels"}  # as secordoc.doctypes.loader reads it
    fields = {f.name for f in dataclasses.fields(api.DocumentType)}
    assert {renamed.get(p, p) for p in DOCTYPE["properties"]} == fields


def fits(value: dict[str, Any], typed_dict: Any) -> list[str]:
    """How ``value`` departs from ``typed_dict``'s keys (Literal-typed values checked too)."""
    every, required = keys(typed_dict)
    problems = [f"missing {k}" for k in required - set(value)] + [f"unknown {k}" for k in set(value) - every]
    for key, (_, hint) in hints(typed_dict).items():
        if key in value and typing.get_origin(hint) is typing.Literal and value[key] not in get_args(hint):
            problems.append(f"{key}={value[key]!r} not in {get_args(hint)}")
    return problems


def test_the_signatures_the_core_reports_fit_the_typed_api(tmp_path):
    package = tmp_path / "pkg"
    build_package({"base": "compliant", "drop": [{"type": "toolbox-meeting", "quarter": 1}]}, package)
    report = check_package(package, anniversary="2026-12-31", submitted="2026-12-01")
    entries = [s for d in report["documents"] for s in d["signatures"]]
    fields = [f for s in entries for f in s["fields"]]
    assert entries and fields and any(s["signed"] for s in entries)
    assert [p for s in entries for p in fits(s, api.RoleSignature)] == []
    assert [p for f in fields for p in fits(f, api.FieldSignature)] == []
    assert {f["how"] for f in fields} <= set(get_args(api.FieldHow))
