"""Every rule of every profile has an id, a source and a grade; every finding names its rule;
docs/rules.md and `secordoc explain RULE` say what the profiles say."""

from __future__ import annotations

import runpy

import pytest
from click.testing import CliRunner
from validator_helpers import compliant, context, doc, plugin_manager, run

from conftest import ROOT
from secordoc.cli import cli
from secordoc.findings import registry
from secordoc.profiles import available, resolve
from secordoc.rules import ASSUMPTION_GRADES, catalogue

PROFILES = ("secor-annual-review", "nsny-secor", "acsa-secor")
#: The scorer's contract for the partner-neutral profile (../shared/eval/README.md).
CONTRACT = {"missing-category": "error", "quarter-gap": "error", "missing-signature": "error", "expired-training": "error",
            "unreadable-document": "error", "late-submission": "error", "date-out-of-period": "warning",
            "missing-date": "warning", "unclassified-document": "warning"}


@pytest.mark.parametrize("name", PROFILES)
def test_every_rule_has_a_unique_id_a_source_a_grade_and_declared_codes(name):
    pm = plugin_manager(partners=True)
    rules, codes = catalogue(resolve(pm, name)), registry(pm)
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.source and rule.grade in "HMLA", rule
        assert rule.assumption == (rule.grade in ASSUMPTION_GRADES)
        assert set(rule.codes) <= set(codes), rule


def test_the_partner_neutral_profile_keeps_the_scorers_contract():
    pm = plugin_manager()
    profile, codes = resolve(pm, "secor-annual-review"), registry(pm)
    assert {c: profile.get("severities", {}).get(c, codes[c].severity) for c in CONTRACT} == CONTRACT


def test_every_finding_names_a_rule_of_the_profile_and_its_source():
    docs = compliant()[1:] + [doc("undated.pdf", "site-inspection", None), doc("x.pdf", None, None, "hello")]
    findings = run(docs, employees=30, submitted="2027-01-05")
    rules = {r.id: r for r in catalogue(context([]).profile)}
    assert {"quarter-gap", "missing-date", "unclassified-document", "ineligible-size", "late-submission"} <= {f.code for f in findings}
    for f in findings:
        assert f.rule in rules and f.source == rules[f.rule].source and f.assumption == rules[f.rule].assumption, f


def test_one_profile_per_partner_and_only_the_neutral_one_built_in():
    assert set(available(plugin_manager())) == {"secor-annual-review"}
    partners = [s.data.get("partner") for s in available(plugin_manager(partners=True)).values() if s.data.get("partner")]
    assert len(partners) == len(set(partners)) == 2


@pytest.mark.parametrize("old, new", [("nsny-yukon", "nsny-secor"), ("acsa-alberta", "acsa-secor")])
def test_a_retired_name_resolves_to_the_partners_profile_with_a_note(old, new):
    findings = run(compliant(), profile=old)
    renamed = [f for f in findings if f.code == "profile-renamed"]
    assert renamed and renamed[0].keys == {"name": old} and f"'{new}'" in renamed[0].message
    assert not [f for f in run(compliant(), profile=new) if f.code == "profile-renamed"]


def test_phsm_validity_per_partner():
    pm = plugin_manager(partners=True)
    phsm = {n: next(c for c in resolve(pm, n)["training"] if c["id"] == "phsm")["max_age_years"] for n in PROFILES}
    assert phsm == {"secor-annual-review": 3, "nsny-secor": None, "acsa-secor": None}
    accredited = next(c for c in resolve(pm, "acsa-secor")["training"] if c["id"] == "accredited")
    assert accredited["max_age_years"] == 3


def test_docs_rules_md_is_generated_from_the_profiles():
    rendered = runpy.run_path(str(ROOT / "scripts" / "generate_rules_doc.py"))["render"]()
    assert (ROOT / "docs" / "rules.md").read_text("utf-8") == rendered, "run: python scripts/generate_rules_doc.py"
    for name in PROFILES:
        assert f"## `{name}`" in rendered


def test_secordoc_explain_describes_every_rule_of_the_neutral_profile():
    runner = CliRunner()
    for rule in catalogue(resolve(plugin_manager(), "secor-annual-review")):
        result = runner.invoke(cli, ["explain", rule.id])
        assert result.exit_code == 0, result.output
        assert rule.checks in result.output and rule.source in result.output
        assert ("an assumption" in result.output) == rule.assumption


@pytest.mark.parametrize("name", ["nsny-secor", "acsa-secor"])
def test_secordoc_explain_describes_every_rule_of_the_partner_profiles(name):
    plugin_manager(partners=True)  # puts plugins/*/src on the path
    module = {"nsny-secor": "secordoc_nsny", "acsa-secor": "secordoc_acsa"}[name]
    runner = CliRunner()
    for rule in catalogue(resolve(plugin_manager(partners=True), name)):
        result = runner.invoke(cli, ["-p", module, "explain", rule.id, "--profile", name])
        assert result.exit_code == 0, result.output
        assert rule.checks in result.output and rule.source in result.output
