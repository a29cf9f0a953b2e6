"""`secordoc batch` on the command line: progress lines, usage mistakes as messages with exit 2."""

from __future__ import annotations

import io

from click.testing import CliRunner

from secordoc.batch.progress import BatchProgress
from secordoc.cli import cli


def _row(name, pages, status="checked", verdict="ready"):
    return {"package": name, "status": status, "verdict": verdict, "pages": pages, "seconds": 1.0, "reason": "why"}


def test_progress_counts_packages_and_pages_and_estimates_the_time_left():
    stream = io.StringIO()
    progress = BatchProgress(total=3, total_bytes=300, kept=2, stream=stream)
    progress.package_done(_row("a", 10), size=100)
    progress.package_done(_row("b", None, status="crashed", verdict=None), size=100)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("2 package(s) kept from an earlier run")
    assert lines[1].startswith("[1/3 packages, 10 pages] a: ready (1.0 s); time left about 0:00:")
    assert lines[2].startswith("[2/3 packages, 10 pages] b: crashed: why")
    assert progress.eta() != "unknown"


def test_quiet_progress_prints_nothing():
    stream = io.StringIO()
    progress = BatchProgress(total=1, total_bytes=1, kept=1, stream=stream, quiet=True)
    progress.package_done(_row("a", 1), size=1)
    progress.close()
    assert stream.getvalue() == ""


def test_usage_mistakes_are_messages_with_exit_2(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["batch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")])
    assert missing.exit_code == 2 and "There is no folder" in missing.stderr
    dates = tmp_path / "dates.csv"
    dates.write_text("package,anniversary\nalpha,31/12/2026\n", encoding="utf-8")
    bad = runner.invoke(cli, ["batch", str(tmp_path), "--dates", str(dates), "-o", str(tmp_path / "out")])
    assert bad.exit_code == 2 and "line 2: anniversary must be a date" in bad.stderr
    assert "Traceback" not in bad.stderr
    unknown = runner.invoke(cli, ["batch", str(tmp_path), "--format", "nope", "-o", str(tmp_path / "out")])
    assert unknown.exit_code == 2 and "Unknown report format 'nope'" in unknown.stderr


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(tmp_path):
    (tmp_path / "inbox").mkdir()
    blocker = tmp_path / "file"
    blocker.write_text("a file where the output folder's parent should be", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "inbox"), "-o", str(blocker / "out")])
    assert result.exit_code == 2 and "Cannot make the output folder" in result.stderr
