"""The web application over the real pipeline (Starlette's TestClient, no browser): an upload is
checked, its report and JSON served, its folder gone; refusals say why and leave nothing."""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from secordoc.cli import _render
from secordoc.plugin_manager import make_plugin_manager
from secordoc.serve.app import make_app
from secordoc.serve.jobs import CheckQueue, Job
from secordoc.serve.runner import make_runner
from secordoc.serve.uploads import Limits
from secordoc.settings import Settings
from secordoc.testing.generator import DocSpec, build

HEADERS = {"X-Secordoc": "upload"}


@pytest.fixture(scope="module")
def documents() -> list[tuple[str, bytes]]:
    """Two born-digital documents (no OCR: fast), one of them not signed by its supervisor."""
    return [build(DocSpec("hazard-assessment", "2026-02-10", seed=1)),
            build(DocSpec("site-inspection", "2026-05-12", seed=2, signed=False))]


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    pm = make_plugin_manager(load_entry_points=False)
    settings = Settings(use_cache=False, cache_dir=str(tmp_path / "cache"), jobs=2)
    root = tmp_path / "serve"
    root.mkdir()
    queue = CheckQueue(make_runner(pm, settings, _render))
    application = make_app(queue, root, Limits(max_bytes=5_000_000, max_files=20), ["testserver"], ["secor-annual-review"])
    with TestClient(application) as client:
        yield client, root, queue
    assert not root.exists()  # the server's folder goes when it stops


def _wait(client: TestClient, job: str) -> dict[str, Any]:
    for _ in range(600):
        status = client.get(f"/checks/{job}").json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError("the check did not finish")


def test_the_page_is_served_with_a_strict_policy(app):
    client, _, _ = app
    answer = client.get("/")
    assert answer.status_code == 200 and 'id="files"' in answer.text and "secor-annual-review" in answer.text
    assert "default-src 'none'" in answer.headers["content-security-policy"]


def test_an_uploaded_zip_is_checked_and_its_reports_served_then_its_folder_deleted(app, documents):
    client, root, _ = app
    answer = client.post("/checks", headers=HEADERS, data={"anniversary": "2026-12-31", "submitted": "2026-12-01"},
                         files={"files": ("my package.zip", _zip(documents), "application/zip")})
    assert answer.status_code == 202, answer.text
    status = _wait(client, answer.json()["id"])
    assert status["state"] == "done" and status["verdict"] == "not-ready"
    report = client.get(f"/checks/{status['id']}/report")
    assert report.status_code == 200 and "NOT READY to submit" in report.text
    assert report.text.count('class="crop" data-kind="signature"') >= 2
    assert "script-src" not in report.headers["content-security-policy"]
    data = json.loads(client.get(f"/checks/{status['id']}/report.json").text)
    assert data["submission"]["package"] == "my package.zip"
    assert {d["source"] for d in data["documents"]} == {name for name, _ in documents}
    download = client.get(f"/checks/{status['id']}/report.html")
    assert download.headers["content-disposition"].startswith("attachment;")
    assert list(root.iterdir()) == []  # the upload went once the report was made


def test_loose_files_in_a_dropped_folder_are_checked_from_the_folder_top(app, documents):
    client, _, _ = app
    manifest = ("pkg/secordoc.json", json.dumps({"anniversary": "2026-12-31"}).encode())
    files = [("files", (f"pkg/{name}", data, "application/pdf")) for name, data in documents]
    files.append(("files", (manifest[0], manifest[1], "application/json")))
    answer = client.post("/checks", headers=HEADERS, files=files)
    status = _wait(client, answer.json()["id"])
    assert status["state"] == "done", status  # the anniversary came from the folder's secordoc.json
    data = json.loads(client.get(f"/checks/{status['id']}/report.json").text)
    assert data["submission"]["anniversary"] == "2026-12-31" and data["submission"]["package"] == "pkg"


def test_a_check_that_cannot_run_says_why_and_leaves_nothing(app, documents):
    client, root, _ = app
    answer = client.post("/checks", headers=HEADERS, files={"files": documents[0]})
    status = _wait(client, answer.json()["id"])
    assert status["state"] == "failed" and "anniversary date is not known" in status["message"]
    assert client.get(f"/checks/{status['id']}/report").status_code == 409
    assert list(root.iterdir()) == []


def test_a_file_that_is_not_a_package_is_listed_as_skipped(app):
    client, _, _ = app
    answer = client.post("/checks", headers=HEADERS, data={"anniversary": "2026-12-31"},
                         files={"files": ("setup.exe", b"MZ\x90\x00 not evidence", "application/octet-stream")})
    status = _wait(client, answer.json()["id"])
    assert status["state"] == "done"
    data = json.loads(client.get(f"/checks/{status['id']}/report.json").text)
    assert data["files"][0]["status"] == "skipped" and data["files"][0]["reason"]


@pytest.mark.parametrize(("headers", "data", "files", "status", "says"), [
    ({}, {}, {"files": ("a.pdf", b"x")}, 403, "own page"),
    (HEADERS, {"anniversary": "31/12/2026"}, {"files": ("a.pdf", b"x")}, 400, "YYYY-MM-DD"),
    (HEADERS, {"profile": "../../etc"}, {"files": ("a.pdf", b"x")}, 400, "Unknown profile"),
    (HEADERS, {}, {"files": ("big.zip", b"0" * 6_000_000)}, 413, "larger than the limit"),
    (HEADERS, {}, [("files", (f"f{i}.pdf", b"x")) for i in range(21)], 413, "more than 20 files"),
])
def test_refused_uploads_say_why_and_leave_nothing(app, headers, data, files, status, says):
    client, root, queue = app
    answer = client.post("/checks", headers=headers, data=data, files=files)
    assert answer.status_code == status and says in answer.json()["error"]
    assert list(root.iterdir()) == [] and not queue.jobs


def test_another_host_name_is_refused(app):
    client, _, _ = app
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400


def test_unknown_checks_are_404(app):
    client, _, _ = app
    assert client.get("/checks/nope").status_code == 404
    assert client.get("/checks/nope/report").status_code == 404


def test_one_check_at_a_time_the_next_waits_its_turn(tmp_path):
    running: list[str] = []
    most = [0]
    release = threading.Event()

    def run(job: Job) -> None:
        running.append(job.id)
        most[0] = max(most[0], len(running))
        release.wait(5)
        running.remove(job.id)
        job.outcome = "done"

    queue = CheckQueue(run)
    jobs = []
    for n in range(3):
        folder = tmp_path / f"j{n}"
        folder.mkdir()
        jobs.append(Job(folder, folder, f"j{n}", {}))
        queue.submit(jobs[-1])
    for _ in range(100):
        if jobs[0].state == "running" or running:
            break
        time.sleep(0.01)
    assert [queue.position(j) for j in jobs] == [0, 1, 2]
    release.set()
    for _ in range(500):
        if all(j.finished for j in jobs):
            break
        time.sleep(0.01)
    queue.stop()
    assert most[0] == 1 and all(j.state == "done" for j in jobs)
    assert not any(j.folder.exists() for j in jobs)  # each upload deleted after its check


def test_a_zip_bomb_ends_as_an_unreadable_file_with_the_reason_and_nothing_left(app):
    client, root, _ = app
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.pdf", b"\0" * 4_000_000)  # about 1,000 to 1
    answer = client.post("/checks", headers=HEADERS, data={"anniversary": "2026-12-31"},
                         files={"files": ("bomb.zip", buffer.getvalue(), "application/zip")})
    status = _wait(client, answer.json()["id"])
    assert status["state"] == "done"
    data = json.loads(client.get(f"/checks/{status['id']}/report.json").text)
    assert data["files"][0]["status"] == "unreadable" and "zip bomb" in data["files"][0]["reason"]
    assert "zip bomb" in client.get(f"/checks/{status['id']}/report").text
    assert list(root.iterdir()) == []


def test_a_browser_gone_mid_upload_leaves_nothing(tmp_path):
    """The ASGI app itself, fed half a body and then the browser's disconnect."""
    import asyncio

    root = tmp_path / "serve"
    root.mkdir()
    queue = CheckQueue(lambda job: None)
    application = make_app(queue, root, Limits(5_000_000, 20), ["testserver"], [])
    boundary = "b0undary"
    part = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n\r\n").encode() + b"x" * 5000
    messages = [{"type": "http.request", "body": part, "more_body": True}, {"type": "http.disconnect"}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/checks", "raw_path": b"/checks", "query_string": b"",
             "headers": [(b"host", b"testserver"), (b"x-secordoc", b"upload"),
                         (b"content-type", f"multipart/form-data; boundary={boundary}".encode())],
             "scheme": "http", "server": ("testserver", 80), "client": ("127.0.0.1", 5000), "root_path": "",
             "http_version": "1.1", "app": application}
    asyncio.run(application(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert sent[0]["status"] == 400 and body == b""  # the disconnect, not a refusal of what arrived
    assert list(root.iterdir()) == [] and not queue.jobs
    queue.stop()


def test_folders_of_a_killed_server_are_removed_by_the_next_one(tmp_path):
    import os
    import subprocess
    import sys

    from secordoc.serve.command import remove_stale

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"serve-{gone.stdout.strip()}-abcd"
    (stale / "upload" / "package").mkdir(parents=True)
    mine = tmp_path / f"serve-{os.getpid()}-ef01"
    mine.mkdir()
    other = tmp_path / "run-xyz"
    other.mkdir()
    assert remove_stale(tmp_path) == [stale]
    assert not stale.exists() and mine.exists() and other.exists()
