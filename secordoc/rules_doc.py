"""Rules in words, from the profiles themselves: ``secordoc explain RULE`` and ``docs/rules.md``
(a table per profile), so the documentation can never say something the profiles do not."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .findings import FindingCode
from .rules import Rule, catalogue


def severity(profile: dict[str, Any], codes: Mapping[str, FindingCode], code: str) -> str:
    """The severity a code has under a profile (its ``severities`` override the default)."""
    default = codes[code].severity if code in codes else "?"
    return str(profile.get("severities", {}).get(code, default))


def addresses(profile: dict[str, Any], source: str) -> list[str]:
    """The addresses of the source tags a rule's source names (from the profile's ``sources``)."""
    known = profile.get("sources", {})
    tags = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", source)
    return [f"{tag}: {known[tag]}" for tag in dict.fromkeys(tags) if tag in known]


def describe(profile: dict[str, Any], rule: Rule, codes: Mapping[str, FindingCode]) -> str:
    """What ``secordoc explain RULE`` prints."""
    found = ", ".join(f"{c} ({severity(profile, codes, c)})" for c in rule.codes)
    lines = [
        f"{rule.id} (profile {profile['name']}): {rule.checks}",
        f"Findings: {found}",
        f"Source: {rule.source}",
        *[f"    {a}" for a in addresses(profile, rule.source)],
        f"Grade: {rule.grade}" + (" - an assumption: no partner states this rule" if rule.assumption else
                                 " - stated by a partner, the WCB or the law" if rule.grade == "H" else
                                 " - from an old or partly read partner page"),
    ]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(profile: dict[str, Any], codes: Mapping[str, FindingCode]) -> list[str]:
    """One profile's rules as a Markdown table."""
    lines = [f"## `{profile['name']}`: {profile.get('title', '')}", ""]
    if profile.get("extends_name"):
        lines += [f"Extends `{profile['extends_name']}`.", ""]
    for alias, note in profile.get("retired_names", {}).items():
        lines += [f"Also accepted under the retired name `{alias}`: {note}", ""]
    lines += ["| rule | what it checks | severity | source | assumption |", "|---|---|---|---|---|"]
    for rule in catalogue(profile):
        sev = ", ".join(f"{c}: {severity(profile, codes, c)}" for c in rule.codes)
        flag = f"yes ({rule.grade})" if rule.assumption else f"no ({rule.grade})"
        lines.append(f"| `{rule.id}` | {_cell(rule.checks)} | {sev} | {_cell(rule.source)} | {flag} |")
    return lines + [""]


HEADER = """# Rules by profile

Generated from the profiles by `python scripts/generate_rules_doc.py` (a test fails when this file
is stale). Each rule names its source (tags from `../shared/domain/secor-rules-research.md`, with
their addresses in each profile's `sources`) and its research grade: **H** stated by the partner,
the WCB or the law; **M** an old or partly read partner page; **L** one secondary source or an
inference; **A** a reasoned assumption. L and A are assumptions: no partner states them.
Every finding in a report carries its `rule` and `source`; `secordoc explain RULE` says the same
as the row here.
"""


def markdown(profiles: list[dict[str, Any]], codes: Mapping[str, FindingCode]) -> str:
    """docs/rules.md: a table per profile, in the order given."""
    lines = [HEADER]
    for profile in profiles:
        lines += table(profile, codes)
    return "\n".join(lines).rstrip() + "\n"


def for_plugin_manager(pm: Any) -> str:
    """docs/rules.md for every profile a plugin manager offers (partner-neutral first)."""
    from .findings import registry
    from .profiles import available, resolve

    sources = available(pm)
    names = sorted(sources, key=lambda n: (bool(sources[n].data.get("extends")), n))
    profiles = [{**resolve(pm, n), "extends_name": sources[n].data.get("extends"),
                 "retired_names": sources[n].data.get("aliases", {})} for n in names]
    return markdown(profiles, registry(pm))
