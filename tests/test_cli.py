"""The command line three ways: in-process with CliRunner, and as the installed console script."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import assert_valid_report
from secordoc.cli import cli
from secordoc.errors import ExitCode
from secordoc.testing import build_package

COMPLIANT = {"base": "compliant", "anniversary": "2026-12-31"}


@pytest.fixture(scope="module")
def compliant(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("compliant")
    build_package(COMPLIANT, folder)
    return folder


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_check_json_report_is_valid_and_ready(compliant, tmp_path):
    out = tmp_path / "report.json"
    result = run("check", str(compliant), "--anniversary", "2026-12-31", "--submitted", "2026-12-01",
                 "--format", "json", "--output", str(out), "--no-cache")
    assert result.exit_code == ExitCode.READY, result.output
    report = json.loads(out.read_text())
    assert_valid_report(report)
    assert report["verdict"] == "ready" and report["tool"]["version"]
    assert {p["name"] for p in report["tool"]["plugins"]} >= {"secordoc.builtin.pdf_loader", "secordoc.validators.categories"}


def test_check_text_report_leads_with_the_verdict_and_exits_1_when_not_ready(compliant):
    result = run("check", str(compliant), "--anniversary", "2026-12-31", "--submitted", "2027-02-01", "--no-cache")
    assert result.exit_code == ExitCode.NOT_READY
    assert result.output.startswith("NOT READY")
    assert "late-submission" in result.output and "Q1" in result.output


def test_missing_anniversary_is_a_usage_error_that_says_what_to_do(compliant):
    result = run("check", str(compliant), "--no-cache")
    assert result.exit_code == ExitCode.USAGE and "--anniversary" in result.output


def test_unknown_profile_lists_the_available_ones(compliant):
    result = run("check", str(compliant), "--anniversary", "2026-12-31", "--profile", "nope")
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert "secor-annual-review" in result.output and "plugins/secordoc-nsny" in result.output


def test_invalid_manifest_names_the_field(tmp_path):
    (tmp_path / "secordoc.json").write_text('{"anniversary": "31/12/2026"}')
    result = run("check", str(tmp_path))
    assert result.exit_code == ExitCode.INVALID_PROFILE and "anniversary" in result.output


def test_missing_tesseract_is_one_clear_message_before_any_work(compliant, monkeypatch):
    import pytesseract

    from secordoc.builtin import tesserocr_engine

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    monkeypatch.setattr(tesserocr_engine, "_probe", lambda language: ("", "", "tesserocr is not installed (test)"))
    result = run("check", str(compliant), "--anniversary", "2026-12-31", "--no-cache")
    assert result.exit_code == ExitCode.MISSING_DEPENDENCY
    assert "apt-get install tesseract-ocr" in result.output and "--no-ocr" in result.output


def test_a_forced_engine_that_cannot_run_says_how_to_install_it(compliant, monkeypatch):
    from secordoc.builtin import tesserocr_engine

    monkeypatch.setattr(tesserocr_engine, "_probe", lambda language: ("", "", "tesserocr is not installed (test)"))
    result = run("check", str(compliant), "--anniversary", "2026-12-31", "--no-cache", "--ocr-engine", "tesserocr")
    assert result.exit_code == ExitCode.MISSING_DEPENDENCY and "pip install tesserocr" in result.output


def test_extract_shows_each_page_and_how_it_was_read(compliant):
    result = run("extract", str(compliant), "--format", "json", "--no-cache")
    data = json.loads(result.output)
    assert {p["source"] for f in data["files"] for p in f["pages"]} == {"text-layer"}


def test_schema_plugins_profiles_explain_and_version():
    assert json.loads(run("schema", "report").output)["title"] == "secordoc check report"
    assert "secordoc.builtin.tesseract_engine" in run("plugins").output
    assert "type site-inspection" in run("plugins").output
    assert "secor-annual-review" in run("profiles").output
    explained = run("explain", "quarter-gap").output
    assert "error" in explained and "Fix:" in explained
    assert run("explain", "no-such-code").exit_code == ExitCode.USAGE
    assert run("--version").output.startswith("secordoc ")


def test_explain_flag_shows_title_cues_date_candidates_and_signature_fields(compliant):
    result = run("check", str(compliant), "--anniversary", "2026-12-31", "--submitted", "2026-12-01", "--explain")
    out = result.output
    assert "Why each document was classified" in out
    assert re.search(r"title\s+'[^']*inspection", out, re.IGNORECASE)
    assert re.search(r"cue\s+'[^']*inspection[^']*' in title", out, re.IGNORECASE)
    assert re.search(r"date\s+p1 '[^']+' = 2026-\d\d-\d\d, label '[^']+' \(\w+\): CHOSEN", out)
    assert re.search(r"ruled out; label '[^']*(next|due|rev|target)", out, re.IGNORECASE)
    assert re.search(r"sign\s+\S+: '[^']+'.* p1 \[\d+, \d+, \d+, \d+\] pt: (SIGNED|empty)", out)


def test_extract_signatures_lists_each_field_after_classification(compliant):
    result = run("extract", str(compliant), "--signatures")
    assert "Signature fields (after classification):" in result.output
    assert re.search(r"sign\s+supervisor: '[^']+' .*pt: (SIGNED \(pdf-objects\)|empty)", result.output)


def test_console_script_in_a_real_subprocess_never_shows_a_traceback(tmp_path):
    script = shutil.which("secordoc") or str(Path(sys.executable).parent / "secordoc")
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> garbage")
    done = subprocess.run([script, "check", str(tmp_path), "--anniversary", "2026-12-31", "--format", "json", "--no-cache"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == ExitCode.NOT_READY, done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert report["files"][0]["status"] == "unreadable"
    assert (tmp_path / "junk.pdf").read_bytes().startswith(b"%PDF-1.7")  # never modified
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.pdf"]  # nothing written into the package


SLOW_LOADER = '''
import time
from secordoc.hookspecs import hookimpl

@hookimpl(tryfirst=True)
def secordoc_load_file(path, source, media_type, workdir, settings):
    open(workdir + "/marker", "w").close()
    time.sleep(60)
'''


def test_ctrl_c_stops_cleanly_and_leaves_no_temporary_files(tmp_path, compliant):
    import os
    import signal
    import time

    plugin = tmp_path / "slow.py"
    plugin.write_text(SLOW_LOADER)
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    script = shutil.which("secordoc") or str(Path(sys.executable).parent / "secordoc")
    env = {**os.environ, "TMPDIR": str(private_tmp), "SECORDOC_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen([script, "-p", str(plugin), "check", str(compliant), "--anniversary", "2026-12-31"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.rglob("marker")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list((tmp_path / "cache" / "work").rglob("marker")), "the loader never started in the cache's work folder"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "interrupted" in err and "Traceback" not in err
    assert list(private_tmp.iterdir()) == []
    assert list((tmp_path / "cache" / "work").iterdir()) == []


def test_no_ocr_says_which_pages_went_unread(tmp_path):
    build_package({"documents": [{"type": "site-inspection", "date": "2026-03-14", "render": "scan", "filename": "scan.pdf"},
                                 {"type": "site-inspection", "date": "2026-06-14", "filename": "digital.pdf"}]}, tmp_path)
    out = tmp_path / "r.json"
    run("check", str(tmp_path), "--anniversary", "2026-12-31", "--no-ocr", "--format", "json", "-o", str(out), "--no-cache")
    report = json.loads(out.read_text())
    unread = [f for f in report["findings"] if f["code"] == "unreadable-document"]
    assert [f["document"] for f in unread] == ["scan.pdf"] and "OCR is off" in unread[0]["message"]
