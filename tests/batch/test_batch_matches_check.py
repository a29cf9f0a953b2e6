"""Each summary row says what `secordoc check` says of that package: the same company, verdict,
counts, pages and findings; a package check refuses is a row with check's own message."""

from __future__ import annotations

import json
from pathlib import Path

from batch_helpers import make_inbox
from click.testing import CliRunner

from secordoc.batch.summary import top_findings
from secordoc.cli import cli


def test_summary_rows_equal_what_check_says(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SECORDOC_CACHE_DIR", str(tmp_path / "cache"))
    inbox = make_inbox(tmp_path)
    out = tmp_path / "out"
    runner = CliRunner()
    batch = runner.invoke(cli, ["batch", str(inbox), "-o", str(out), "--quiet"])
    assert batch.exit_code == 1, batch.output  # not every entry could be checked
    rows = json.loads((out / "summary.json").read_text("utf-8"))["packages"]
    assert len(rows) == 6
    for row in rows:
        if row["status"] == "not-a-package":
            continue
        check = runner.invoke(cli, ["check", str(inbox / row["package"]), "--format", "json"])
        if row["status"] != "checked":
            assert check.exit_code in (2, 4)
            message = check.stderr.splitlines()[0].removeprefix("secordoc: ")
            assert message in row["reason"]
            continue
        report = json.loads(check.stdout)
        assert check.exit_code == (0 if report["verdict"] == "ready" else 1)
        assert (row["company"], row["verdict"], row["errors"], row["warnings"], row["pages"], row["files"]) == (
            report["submission"]["company"], report["verdict"], report["summary"]["errors"],
            report["summary"]["warnings"], report["stats"]["pages"], report["summary"]["files"])
        assert row["top_findings"] == top_findings(report["findings"])
        assert row["top_findings"], "the sample's born-digital files alone leave quarters uncovered"
        batch_report = json.loads((out / row["reports"]["json"]).read_text("utf-8"))
        assert batch_report["findings"] == report["findings"]
