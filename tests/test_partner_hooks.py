"""A partner extends every part of secordoc through hooks alone: a document type, a profile that
requires it, a report format, and a new evidence type."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from secordoc.cli import cli
from secordoc.hookspecs import hookimpl
from secordoc.testing import build_package, check_package, finding_codes

PARTNER = textwrap.dedent('''
    from secordoc.hookspecs import hookimpl
    from secordoc.doctypes.base import Cue, DocumentType, SignatureRole

    @hookimpl
    def secordoc_document_types():
        return [DocumentType("ppe-inspection", "PPE inspection", (Cue("ppe inspection", 6), Cue("harness", 1)),
                             ("date of inspection", "date"), (SignatureRole("inspector", ("inspected by",)),))]

    @hookimpl
    def secordoc_profiles():
        return [{"name": "partner-ppe", "extends": "secor-annual-review", "title": "Partner with PPE records",
                 "categories": {"ppe-inspection": {"required": True, "min_count": 1, "source": "acsa-upd2021"}}}]

    @hookimpl
    def secordoc_report_formats():
        return {"csv": lambda report: "code,severity\\n" + "".join(f"{f['code']},{f['severity']}\\n" for f in report["findings"])}

    @hookimpl
    def secordoc_evidence_type(path, head):
        return "image/bmp" if head.startswith(b"BM") else None

    @hookimpl
    def secordoc_load_file(path, source, media_type, workdir, settings):
        if media_type != "image/bmp":
            return None
        from secordoc.model import LoadedFile, PageImage, RawPage
        with open(path, "rb"):
            pass
        from PIL import Image
        with Image.open(path) as im:
            w, h = im.size
        return LoadedFile(media_type, (RawPage(1, w * 72 / 200, h * 72 / 200, image=PageImage(path, 200, w, h)),))
''')


def test_a_partner_type_and_profile_change_the_outcome(tmp_path):
    plugin = tmp_path / "partner.py"
    plugin.write_text(PARTNER)
    package = tmp_path / "pkg"
    build_package({"base": "compliant"}, package)
    report = check_package(package, anniversary="2026-12-31", submitted="2026-12-01", profile="partner-ppe", plugins=[str(plugin)])
    assert ("missing-category", {"category": "ppe-inspection"}) in finding_codes(report)
    plain = check_package(package, anniversary="2026-12-31", submitted="2026-12-01", plugins=[str(plugin)])
    assert plain["verdict"] == "ready"


def test_a_partner_report_format_and_evidence_type(tmp_path):
    plugin = tmp_path / "partner.py"
    plugin.write_text(PARTNER)
    package = tmp_path / "pkg"
    build_package({"base": "compliant", "drop": [{"type": "orientation"}]}, package)
    Image.new("L", (400, 300), 255).save(package / "blank.bmp")
    result = CliRunner().invoke(cli, ["-p", str(plugin), "check", str(package), "--anniversary", "2026-12-31",
                                      "--submitted", "2026-12-01", "--format", "csv", "--no-cache"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("code,severity\n") and "missing-category,error" in result.output
    extracted = CliRunner().invoke(cli, ["-p", str(plugin), "extract", str(package / "blank.bmp"), "--no-cache"])
    assert "blank.bmp: read" in extracted.output


PPE_TYPE = {
    "slug": "ppe-inspection", "title": "PPE inspection",
    "titles": [{"phrase": "ppe inspection", "weight": 6}],
    "cues": [{"phrase": "harness", "weight": 1}, {"phrase": "lanyard", "weight": 1}],
    "date_labels": ["date of inspection", "date"],
    "signature_roles": [{"role": "inspector", "labels": ["inspected by"]}],
}
PPE_PROFILE = {"name": "partner-ppe", "extends": "secor-annual-review", "title": "Partner with PPE records",
               "categories": {"ppe-inspection": {"required": True, "min_count": 1, "source": "acsa-upd2021"}}}


def ppe_form(path: Path) -> None:
    """A born-digital PPE inspection form: the partner's own kind of document."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=letter)
    page.setFont("Helvetica-Bold", 20)
    page.drawString(72, 720, "PPE Inspection")
    page.setFont("Helvetica", 11)
    for y, line in ((680, "Date of inspection: March 14, 2026"), (660, "Harness: serviceable"),
                    (640, "Lanyard: serviceable, tag current"), (600, "Inspected by: Jordan Smith")):
        page.drawString(72, y, line)
    page.save()


def test_a_document_type_from_a_data_file_alone(tmp_path):
    """A partner adds a type and a profile needing it with two JSON files and no Python."""
    (tmp_path / "ppe-inspection.json").write_text(json.dumps(PPE_TYPE))
    (tmp_path / "partner-ppe.json").write_text(json.dumps(PPE_PROFILE))
    package = tmp_path / "pkg"
    build_package({"base": "compliant"}, package)
    args = ["-p", str(tmp_path / "ppe-inspection.json"), "check", str(package), "--anniversary", "2026-12-31",
            "--submitted", "2026-12-01", "--profile", str(tmp_path / "partner-ppe.json"), "--no-cache", "--format", "json"]
    missing = CliRunner().invoke(cli, args)
    assert missing.exit_code == 1, missing.output
    assert ("missing-category", {"category": "ppe-inspection"}) in finding_codes(json.loads(missing.output))
    ppe_form(package / "ppe-march.pdf")
    present = CliRunner().invoke(cli, args)
    report = json.loads(present.output)
    assert present.exit_code == 0, present.output
    ppe = [d for d in report["documents"] if d["source"] == "ppe-march.pdf"]
    assert [(d["category"], d["date"], d["quarter"]) for d in ppe] == [("ppe-inspection", "2026-03-14", 1)]


def test_a_document_type_file_that_does_not_fit_the_schema_is_a_named_plugin_error(tmp_path):
    broken = tmp_path / "ppe-inspection.json"
    broken.write_text(json.dumps({**PPE_TYPE, "titles": "PPE inspection"}))
    package = tmp_path / "pkg"
    build_package({"base": "compliant"}, package)
    result = CliRunner().invoke(cli, ["-p", str(broken), "check", str(package), "--anniversary", "2026-12-31", "--no-cache"])
    assert result.exit_code == 5, result.output
    assert "ppe-inspection.json" in result.output and "is not a document type secordoc can read" in result.output


def test_the_built_in_document_types_are_data_files_read_through_the_hook(pm):
    from secordoc.analyse import document_types
    from secordoc.schemas import errors

    data = Path(__file__).resolve().parents[1] / "secordoc" / "doctypes" / "data"
    files = sorted(data.glob("*.json"))
    assert len(files) == 10
    for file in files:
        assert errors("doctype", json.loads(file.read_text())) == [], file.name
    types = document_types(pm)
    assert sorted(types) == [f.stem for f in files]  # one file per type, named by its slug
    assert {plugin for _, plugin in types.values()} == {"secordoc.builtin.builtin_doctypes"}
    python = sorted(p.name for p in (data.parent).glob("*.py"))
    assert python == ["__init__.py", "base.py", "loader.py"]  # no per-type modules left


def test_a_plugin_may_contribute_document_types_as_paths_to_their_json_files(tmp_path, pm):
    from secordoc.analyse import document_types

    (tmp_path / "ppe-inspection.json").write_text(json.dumps(PPE_TYPE))
    (tmp_path / "harness-log.json").write_text(json.dumps({**PPE_TYPE, "slug": "harness-log", "title": "Harness log"}))

    class Paths:
        @hookimpl
        def secordoc_document_types(self):  # type: ignore[no-untyped-def]
            return [tmp_path / "ppe-inspection.json", str(tmp_path / "harness-log.json")]

    pm.register(Paths(), name="partner-paths")
    types = document_types(pm)
    assert types["ppe-inspection"][1] == types["harness-log"][1] == "partner-paths"
    assert types["ppe-inspection"][0].date_labels == ("date of inspection", "date")


def test_a_document_type_path_that_does_not_fit_the_schema_or_a_slug_given_twice_is_a_named_plugin_error(tmp_path, pm):
    import pytest

    from secordoc.analyse import document_types
    from secordoc.errors import PluginError

    (tmp_path / "bad.json").write_text(json.dumps({**PPE_TYPE, "titles": "PPE inspection"}))

    class BadPath:
        @hookimpl
        def secordoc_document_types(self):  # type: ignore[no-untyped-def]
            return [str(tmp_path / "bad.json")]

    pm.register(BadPath(), name="partner-bad")
    with pytest.raises(PluginError, match="partner-bad unknown failed: secordoc_document_types returned what secordoc cannot read"):
        document_types(pm)
    pm.unregister(name="partner-bad")
    (tmp_path / "site-inspection.json").write_text(json.dumps({**PPE_TYPE, "slug": "site-inspection"}))

    class Twice:
        @hookimpl
        def secordoc_document_types(self):  # type: ignore[no-untyped-def]
            return [tmp_path / "site-inspection.json"]

    pm.register(Twice(), name="partner-twice")
    with pytest.raises(PluginError, match="'site-inspection' is contributed twice: by partner-twice and secordoc.builtin.builtin_doctypes"):
        document_types(pm)


def test_the_data_only_document_type_in_the_plugin_docs_is_the_one_tested_here():
    import re

    docs = (Path(__file__).resolve().parents[1] / "docs" / "plugins.md").read_text()

    def json_after(marker: str) -> object:
        match = re.search(r"```json\n(.*?)```", docs[docs.index(marker):], re.S)
        assert match, marker
        return json.loads(match.group(1))

    assert json_after("A document type needs no Python. `ppe-inspection.json`:") == PPE_TYPE
    assert json_after("and a profile that requires it, `partner-ppe.json`:") == PPE_PROFILE
    assert "secordoc -p ppe-inspection.json check PACKAGE --profile partner-ppe.json" in docs
