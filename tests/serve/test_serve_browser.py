"""``secordoc serve`` end to end in a real browser: Debian's Chromium driven by Playwright (never
a browser Playwright downloads). The sample package's zip is uploaded through the page, the dates
filled in, and the report must show the verdict, the matrix and every evidence picture loaded;
the upload is gone once the report is made, and everything is gone once the server stops.
A screenshot of the page with the report is left in build/test-artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "build" / "test-artifacts"


@pytest.fixture(scope="module")
def sample_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("upload") / "sample-package.zip"
    folder = ROOT / "fixtures" / "sample-package"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """``secordoc serve`` as a user starts it (its own process), on a free loopback port."""
    cache = Path(os.environ.get("SECORDOC_CACHE_DIR") or tmp_path / "cache")  # tox's: shared with the suite
    env = {**os.environ, "SECORDOC_CACHE_DIR": str(cache)}
    process = subprocess.Popen([sys.executable, "-c", "from secordoc.cli import main; main()", "serve", "--no-browser"],
                               stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    assert process.stderr is not None
    line = process.stderr.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert match, line + (process.stderr.read() if process.poll() is not None else "")
    try:
        yield match.group(0), cache / "work", process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _served_folders(work: Path) -> list[Path]:
    return [p for p in work.glob("serve-*")] if work.exists() else []


def test_upload_the_sample_zip_fill_the_dates_and_read_the_report(server, sample_zip):
    url, work, process = server
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: bash scripts/setup-debian.sh installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(url)
            page.set_input_files("#files", str(sample_zip))
            expect(page.locator("#picked")).to_contain_text("sample-package.zip")
            page.fill("#anniversary", "2026-12-31")
            page.fill("#submitted", "2026-12-01")
            page.click("#go")
            expect(page.locator("#result")).to_be_visible(timeout=300_000)
            expect(page.locator("#stage")).to_contain_text("NOT READY")

            report = page.frame_locator("#report-frame")
            expect(report.locator("#verdict")).to_contain_text("NOT READY to submit")
            expect(report.locator("table.matrix td.gap")).to_have_count(1)
            expect(report.locator("table.matrix td.gap")).to_contain_text("No maintenance record dated in quarter 3")
            expect(report.locator("li.finding[data-code='missing-signature']")).to_have_count(1)
            frame = page.frame(url=re.compile(r".*/report$"))
            assert frame is not None
            frame.wait_for_load_state()
            pictures = frame.evaluate("""() => [...document.images].map(i => ({
                kind: i.dataset.kind || i.className, ok: i.complete && i.naturalWidth > 0}))""")
            assert len([p for p in pictures if p["kind"] == "signature"]) >= 20
            assert len([p for p in pictures if p["kind"] == "date"]) >= 20
            assert all(p["ok"] for p in pictures), [p for p in pictures if not p["ok"]]

            job = page.locator("#download-json").get_attribute("href")
            answer = page.request.get(url + str(job))
            data = json.loads(answer.text())
            assert data["verdict"] == "not-ready" and data["submission"]["package"] == "sample-package.zip"
            assert page.request.get(url + str(page.locator("#download-html").get_attribute("href"))).text().startswith(
                "<!DOCTYPE html>")

            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "serve-report.png"))
        finally:
            browser.close()
    leftovers = [p for folder in _served_folders(work) for p in folder.rglob("*")]
    assert leftovers == []  # the upload went as soon as the report was made
    process.send_signal(signal.SIGINT)
    assert process.wait(15) == 0
    assert _served_folders(work) == []  # and the server's own folder when it stopped


def test_a_picked_folder_keeps_its_layout_and_its_secordoc_json_gives_the_dates(server, tmp_path):
    from secordoc.testing.generator import DocSpec, build

    url, work, _ = server
    folder = tmp_path / "Northern Lights 2026"
    (folder / "Q1").mkdir(parents=True)
    for spec in (DocSpec("hazard-assessment", "2026-02-10", seed=1), DocSpec("site-inspection", "2026-02-11", seed=2)):
        name, data = build(spec)
        (folder / "Q1" / name).write_bytes(data)
    (folder / "secordoc.json").write_text(json.dumps({"anniversary": "2026-12-31", "submitted": "2026-12-01"}))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            page.set_input_files("#folder", str(folder))
            expect(page.locator("#picked")).to_contain_text("3 file(s)")
            page.click("#go")  # no dates typed: the folder's secordoc.json has them
            expect(page.locator("#result")).to_be_visible(timeout=120_000)
            data = json.loads(page.request.get(url + str(page.locator("#download-json").get_attribute("href"))).text())
        finally:
            browser.close()
    assert data["submission"]["package"] == "Northern Lights 2026" and data["submission"]["anniversary"] == "2026-12-31"
    assert sorted(f["path"] for f in data["files"]) == sorted(
        [f"Q1/{p.name}" for p in (folder / "Q1").iterdir()] + ["secordoc.json"])
