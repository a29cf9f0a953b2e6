"""A batch of good, broken, crashing, hanging and non-packages: every entry gets its row, the
good ones their reports, and the batch goes on."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from batch_helpers import DIGITAL, PLUGIN, make_inbox, make_package

from secordoc.batch import BatchOptions, run_batch
from secordoc.settings import Settings


@pytest.fixture
def batch_settings(tmp_path: Path) -> Settings:
    return Settings(jobs=1, cache_dir=str(tmp_path / "cache"))


def _misbehaving():
    spec = importlib.util.spec_from_file_location("misbehaving_plugin", PLUGIN)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_entry_gets_a_row_and_good_packages_their_reports(tmp_path, pm, batch_settings):
    inbox = make_inbox(tmp_path)
    out = tmp_path / "out"
    outcome = run_batch(BatchOptions(inbox, out, workers=2, show_progress=False), pm, batch_settings)
    rows = {r["package"]: r for r in outcome.rows}
    assert set(rows) == {"alpha", "beta.zip", "broken", "undated", "photos-of-the-office", "notes.txt"}
    assert rows["alpha"]["status"] == rows["beta.zip"]["status"] == "checked"
    assert rows["alpha"]["company"] == "Alpha Ltd." and rows["beta.zip"]["company"] == "Beta Inc."
    assert rows["broken"]["status"] == "error" and "secordoc.json is not valid JSON" in rows["broken"]["reason"]
    assert rows["undated"]["status"] == "error" and "anniversary" in rows["undated"]["reason"]
    assert rows["photos-of-the-office"]["status"] == "not-a-package"
    assert "no PDF, image or zip" in rows["photos-of-the-office"]["reason"]
    assert rows["notes.txt"]["status"] == "not-a-package"
    assert not outcome.all_checked
    for name in ("alpha", "beta.zip"):
        report = json.loads((out / rows[name]["reports"]["json"]).read_text("utf-8"))
        assert report["submission"]["company"] == rows[name]["company"]
        assert report["stats"]["pages"] == rows[name]["pages"] > 0
    written = {f"reports/{p.name}" for p in (out / "reports").iterdir()}
    assert written == {path for r in rows.values() for path in r["reports"].values()}
    assert {"reports/alpha.json", "reports/beta.zip.json"} <= written
    # the packages needing a person come first: not checked, then not a package, then checked
    order = [r["package"] for r in outcome.rows]
    assert order.index("broken") < order.index("notes.txt") < order.index("alpha")
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert [r["package"] for r in summary["packages"]] == order
    assert summary["counts"] == {"packages": 6, "checked": 2, "not_checked": 4}
    with open(out / "summary.csv", newline="", encoding="utf-8") as fh:
        lines = list(csv.DictReader(fh))
    assert [line["package"] for line in lines] == order
    assert lines[order.index("alpha")]["report"] == "reports/alpha.json"


def test_a_crashing_and_a_hanging_package_get_their_rows(tmp_path, pm, batch_settings):
    pm.register(_misbehaving(), name="misbehaving")
    inbox = tmp_path / "inbox"
    make_package(inbox / "good", "Good Ltd.", DIGITAL[:2])
    make_package(inbox / "crash", "Crash Ltd.", DIGITAL[:2])
    make_package(inbox / "slow", "Slow Ltd.", DIGITAL[:2])
    options = BatchOptions(inbox, tmp_path / "out", workers=3, package_time_limit=8, show_progress=False)
    rows = {r["package"]: r for r in run_batch(options, pm, batch_settings).rows}
    assert rows["good"]["status"] == "checked"
    assert rows["crash"]["status"] == "crashed" and "signal 9" in rows["crash"]["reason"]
    assert rows["slow"]["status"] == "timeout" and "8 s" in rows["slow"]["reason"]


def test_dates_file_gives_the_anniversary_a_package_lacks(tmp_path, pm, batch_settings):
    inbox = tmp_path / "inbox"
    make_package(inbox / "undated", "Undated Co.", DIGITAL[:3], anniversary=None)
    dates = tmp_path / "dates.csv"
    dates.write_text("package,anniversary,submitted\nundated,2026-06-30,2026-06-01\nelsewhere,2026-01-01,\n", "utf-8")
    outcome = run_batch(BatchOptions(inbox, tmp_path / "out", dates=dates, show_progress=False), pm, batch_settings)
    (row,) = outcome.rows
    assert row["status"] == "checked"
    report = json.loads((tmp_path / "out" / row["reports"]["json"]).read_text("utf-8"))
    assert report["submission"]["anniversary"] == "2026-06-30"
    assert outcome.unmatched_dates == ["elsewhere"]


def test_output_folder_inside_the_inbox_is_not_a_package(tmp_path, pm, batch_settings):
    inbox = tmp_path / "inbox"
    make_package(inbox / "alpha", "Alpha Ltd.", DIGITAL[:2])
    run_batch(BatchOptions(inbox, inbox / "out", show_progress=False), pm, batch_settings)
    outcome = run_batch(BatchOptions(inbox, inbox / "out", show_progress=False), pm, batch_settings)
    assert [r["package"] for r in outcome.rows] == ["alpha"]


class ShoutFormat:
    """A plugin's report format, written beside the JSON when asked for."""

    @staticmethod
    def secordoc_report_formats():
        return {"shout": lambda report: f"{report['verdict'].upper()}!\n"}


def test_a_plugin_format_is_written_beside_the_json(tmp_path, pm, batch_settings):
    from secordoc.hookspecs import hookimpl

    hookimpl(ShoutFormat.secordoc_report_formats)
    pm.register(ShoutFormat(), name="shout")
    inbox = tmp_path / "inbox"
    make_package(inbox / "alpha", "Alpha Ltd.", DIGITAL[:2])
    out = tmp_path / "out"
    (row,) = run_batch(BatchOptions(inbox, out, formats=("shout",), show_progress=False), pm, batch_settings).rows
    assert row["reports"] == {"json": "reports/alpha.json", "shout": "reports/alpha.shout"}
    verdict = json.loads((out / "reports/alpha.json").read_text("utf-8"))["verdict"]
    assert (out / "reports/alpha.shout").read_text("utf-8") == f"{verdict.upper()}!\n"
