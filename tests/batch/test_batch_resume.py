"""An interrupted batch resumes where it stopped: reports already written are kept, the rest are
checked; a changed package is checked again; --force checks everything again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from batch_helpers import DIGITAL, PLUGIN, make_package

SECORDOC = str(Path(sys.executable).with_name("secordoc"))


def _batch(inbox: Path, out: Path, cache: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SECORDOC_CACHE_DIR": str(cache)}
    return subprocess.Popen([SECORDOC, "-p", str(PLUGIN), "batch", str(inbox), "-o", str(out), "--workers", "1", "--format", "json",
                             *extra],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _rows(out: Path) -> dict[str, dict]:
    return {r["package"]: r for r in json.loads((out / "summary.json").read_text("utf-8"))["packages"]}


def test_interrupted_batch_resumes_and_force_redoes(tmp_path):
    inbox, out, cache = tmp_path / "inbox", tmp_path / "out", tmp_path / "cache"
    # one worker, largest package first: 'big' is checked, then 'slow' hangs until Ctrl-C
    make_package(inbox / "big", "Big Ltd.", DIGITAL)
    make_package(inbox / "slow", "Slow Ltd.", DIGITAL[:3])
    make_package(inbox / "small", "Small Ltd.", DIGITAL[:1])
    run = _batch(inbox, out, cache)
    deadline = time.monotonic() + 60
    while not (out / "reports" / "big.json").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # 'slow' is running now
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "run again to resume" in err and "Traceback" not in err
    rows = _rows(out)
    assert rows["big"]["status"] == "checked"
    assert rows["slow"]["status"] == rows["small"]["status"] == "interrupted"
    big_report = (out / "reports" / "big.json").stat().st_mtime_ns

    # the hang is fixed (the manifest now names another company): the run goes on from there
    (inbox / "slow" / "secordoc.json").write_text(json.dumps({"company": "Quick Ltd.", "anniversary": "2026-12-31"}))
    run = _batch(inbox, out, cache)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    rows = _rows(out)
    assert {n: r["status"] for n, r in rows.items()} == {"big": "checked", "slow": "checked", "small": "checked"}
    assert rows["big"].get("resumed") and not rows["slow"].get("resumed") and not rows["small"].get("resumed")
    assert (out / "reports" / "big.json").stat().st_mtime_ns == big_report
    assert "1 package(s) kept" in err

    # a file of 'small' changes: only 'small' is checked again
    os.utime(inbox / "small" / DIGITAL[0], ns=(1, 1))
    run = _batch(inbox, out, cache)
    run.communicate(timeout=120)
    rows = _rows(out)
    assert [n for n, r in sorted(rows.items()) if not r.get("resumed")] == ["small"]

    run = _batch(inbox, out, cache, "--force")
    run.communicate(timeout=120)
    assert not any(r.get("resumed") for r in _rows(out).values())
    assert (out / "reports" / "big.json").stat().st_mtime_ns != big_report
