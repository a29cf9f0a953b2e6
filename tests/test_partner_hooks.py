"""A partner extends every part of secordoc through hooks alone: a document type, a profile that
requires it, a report format, and a new evidence type."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner
from PIL import Image

from secordoc.cli import cli
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
