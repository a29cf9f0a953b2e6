"""The typed API (secordoc.api) and the shipped JSON Schemas say the same thing, and what the core
really produces fits the types partners are given."""

from __future__ import annotations

import dataclasses
import types
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


# The report renderers receive (secordoc_report_formats): secordoc.api.Report and its parts, walked
# together with the report schema, then checked against a real report.

JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def json_types(hint: Any) -> set[str] | None:
    """The JSON Schema types a Python hint allows (None for Any: nothing to compare)."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return None
    if origin in (typing.Union, types.UnionType):
        found = [json_types(arg) for arg in get_args(hint)]
        return None if None in found else set().union(*found)  # type: ignore[arg-type]
    if origin is typing.Literal:
        return {JSON_TYPES[type(value)] for value in get_args(hint)}
    if typing.is_typeddict(hint) or hint is dict or origin is dict:
        return {"object"}
    if hint is list or origin in (list, tuple):
        return {"array"}
    return {JSON_TYPES[hint]}


def without_none(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [arg for arg in get_args(hint) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else hint
    return hint


def schema_disagreements(typed_dict: Any, schema: dict[str, Any], path: str = "report") -> list[str]:
    """Where a TypedDict and the schema node it stands for say different things, at any depth."""
    found = hints(typed_dict)
    every = set(found)
    required = {k for k, (is_required, _) in found.items() if is_required}
    problems = [f"{path}.{k}: required by the schema, not by {typed_dict.__name__}" for k in set(schema.get("required", [])) - required]
    problems += [f"{path}.{k}: in the schema, not in {typed_dict.__name__}" for k in set(schema.get("properties", {})) - every]
    for key, node in schema.get("properties", {}).items():
        if key not in found:
            continue
        hint = found[key][1]
        allowed = json_types(hint)
        if "type" in node and allowed is not None:
            stated = {node["type"]} if isinstance(node["type"], str) else set(node["type"])
            if stated != allowed and not (stated == {"number"} and allowed == {"integer", "number"}):
                problems.append(f"{path}.{key}: the schema says {sorted(stated)}, {typed_dict.__name__} {sorted(allowed)}")
        values = node.get("enum", [node["const"]] if "const" in node else None)
        if values is not None and sorted(get_args(without_none(hint))) != sorted(values):
            problems.append(f"{path}.{key}: the schema allows {values}, {typed_dict.__name__} {get_args(without_none(hint))}")
        inner = without_none(hint)
        if typing.is_typeddict(inner):
            problems += schema_disagreements(inner, node, f"{path}.{key}")
        elif typing.get_origin(inner) is list and typing.is_typeddict(get_args(inner)[0]) and "items" in node:
            problems += schema_disagreements(get_args(inner)[0], node["items"], f"{path}.{key}[]")
    return problems


def test_the_report_type_and_the_report_schema_agree_at_every_depth():
    assert schema_disagreements(api.Report, REPORT) == []


def test_the_report_type_check_can_fail():
    class Loose(typing.TypedDict, total=False):  # verdict not required, typed as a plain str, no tool
        schema_version: str
        verdict: str

    problems = schema_disagreements(Loose, REPORT)
    assert "report.verdict: required by the schema, not by Loose" in problems
    assert "report.tool: in the schema, not in Loose" in problems
    assert any(p.startswith("report.verdict: the schema allows ['ready', 'not-ready']") for p in problems)


def departures(value: Any, hint: Any, path: str = "report") -> list[str]:
    """How a value the core made departs from its type, at any depth (a finding's own keys aside)."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return []
    if origin in (typing.Union, types.UnionType):
        tries = [departures(value, arg, path) for arg in get_args(hint)]
        return [] if [] in tries else min(tries, key=len)
    if origin is typing.Literal:
        return [] if value in get_args(hint) else [f"{path}={value!r} not in {get_args(hint)}"]
    if typing.is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{path} is {type(value).__name__}, not {hint.__name__}"]
        found = hints(hint)
        problems = [f"{path}.{k} missing" for k, (required, _) in found.items() if required and k not in value]
        if hint is not api.ReportFinding:  # a finding's own keys sit beside the typed ones
            problems += [f"{path}.{k} not in {hint.__name__}" for k in set(value) - set(found)]
        return problems + [p for k, (_, h) in found.items() if k in value for p in departures(value[k], h, f"{path}.{k}")]
    if origin is list or hint is list:
        if not isinstance(value, list):
            return [f"{path} is {type(value).__name__}, not a list"]
        return [p for i, item in enumerate(value) for p in departures(item, (get_args(hint) or [Any])[0], f"{path}[{i}]")]
    if origin is dict or hint is dict:
        if not isinstance(value, dict):
            return [f"{path} is {type(value).__name__}, not a dict"]
        inner = get_args(hint)[1] if get_args(hint) else Any
        return [p for k, item in value.items() for p in departures(item, inner, f"{path}.{k}")]
    wanted = (int, float) if hint is float else hint
    if not isinstance(value, wanted) or (hint in (int, float) and isinstance(value, bool)):
        return [f"{path} is {type(value).__name__}, not {hint.__name__}"]
    return []


def test_a_real_report_is_what_the_report_type_says(tmp_path):
    package = tmp_path / "pkg"
    build_package({"base": "compliant", "drop": [{"type": "site-inspection", "quarter": 2}],
                   "documents": [{"type": "toolbox-meeting", "date": "2026-05-20", "render": "scan"}]}, package)
    (package / "notes.txt").write_text("not evidence")
    (package / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really")
    report = check_package(package, anniversary="2026-12-31", submitted="2026-12-01")
    assert {f["status"] for f in report["files"]} == {"read", "unreadable", "skipped"}
    assert {p["source"] for d in report["documents"] for p in d["page_sources"]} >= {"text-layer", "ocr"}
    assert report["findings"] and report["coverage"] and any(d["date_candidates"] for d in report["documents"])
    assert departures(report, api.Report) == []
    assert departures({**report, "verdict": "maybe"}, api.Report) == ["report.verdict='maybe' not in ('ready', 'not-ready')"]


def secordoc_types(hint: Any) -> set[Any]:
    """The secordoc classes and TypedDicts a hint names, at any depth of its arguments."""
    found = set()
    if isinstance(hint, type) and hint.__module__.startswith("secordoc"):
        found.add(hint)
    for arg in get_args(hint):
        for inner in arg if isinstance(arg, list) else [arg]:  # Callable[[Report], str]
            found |= secordoc_types(inner)
    return found


def test_every_type_a_hook_receives_or_returns_is_importable_from_the_api_module():
    import os

    from secordoc import hookspecs

    namespace = {**vars(api), **vars(hookspecs), "PathLike": os.PathLike}
    todo = set()
    for name in dir(hookspecs):
        if name.startswith("secordoc_"):
            todo |= {t for hint in typing.get_type_hints(getattr(hookspecs, name), globalns=namespace).values()
                     for t in secordoc_types(hint)}
    seen: set[Any] = set()
    while todo:  # and what those carry: a LoadedFile's pages, a page's words...
        current = todo.pop()
        seen.add(current)
        if dataclasses.is_dataclass(current) or typing.is_typeddict(current):
            for hint in typing.get_type_hints(current).values():
                todo |= secordoc_types(hint) - seen
    exported = {getattr(api, name) for name in api.__all__}
    assert {api.LoadedFile, api.RawPage, api.Word, api.PageImage, api.DocumentType, api.Cue, api.Finding,
            api.CheckView, api.Report, api.ReportDocument, api.RoleSignature, api.Settings} <= seen
    assert sorted(t.__name__ for t in seen - exported) == []
