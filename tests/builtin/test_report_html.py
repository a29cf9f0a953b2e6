"""The HTML report: verdict first, the matrix with gaps and their fixes, a crop for every
signature field and activity date, self-contained, escaped, printable; through the CLI too."""

from __future__ import annotations

import base64
import io
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import assert_valid_report
from secordoc.builtin.report_html import render_html
from secordoc.check import CheckRequest, run_check
from secordoc.cli import cli
from secordoc.evidence.pages import PackagePages
from secordoc.evidence.regions import chosen_date, signature_fields
from secordoc.settings import Settings
from secordoc.testing.generator import DocSpec, PackageSpec, write_package


class Page(HTMLParser):
    """The tags of a page, with their attributes, and its visible text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **want: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(want[k] in a.get(k.rstrip("_").replace("_", "-"), "").split() for k in want)]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Born-digital documents, a scan and a photo; Q3 has no maintenance record (a gap); the
    scanned assessment's supervisor did not sign; a text file is skipped."""
    folder = tmp_path_factory.mktemp("package")
    docs = [DocSpec("hazard-assessment", f"2026-{m:02d}-10", seed=m) for m in (2, 5, 8, 11)]
    docs[2] = DocSpec("hazard-assessment", "2026-08-10", "scan", signed={"supervisor": False}, seed=8)
    docs += [DocSpec("maintenance-record", f"2026-{m:02d}-13", seed=20 + m) for m in (2, 5, 11)]
    docs += [DocSpec("toolbox-meeting", "2026-11-12", "photo", seed=40)]
    write_package(PackageSpec(docs, extra_files={"notes.txt": "not evidence"}), folder)
    return folder


@pytest.fixture(scope="module")
def checked(package: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    from secordoc.plugin_manager import make_plugin_manager

    pm = make_plugin_manager(load_entry_points=False)
    settings = Settings(use_cache=False, cache_dir=str(tmp_path_factory.mktemp("cache")))
    report = run_check(CheckRequest(package, anniversary=_date("2026-12-31"), submitted=_date("2026-12-01")), pm, settings)
    with PackagePages(package, report, pm, settings) as pages:
        html = render_html(report, pages=pages)
    return report, html


def _date(text: str):  # type: ignore[no-untyped-def]
    from datetime import date

    return date.fromisoformat(text)


def _decoded(uri: str) -> Image.Image:
    head, _, data = uri.partition(",")
    assert head in ("data:image/webp;base64", "data:image/jpeg;base64"), head
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    image.load()
    return image


def test_the_verdict_and_what_to_fix_come_first(checked):
    report, html = checked
    assert report["verdict"] == "not-ready"
    verdict_at = html.index('id="verdict"')
    assert verdict_at < html.index('id="fix"') < html.index('id="matrix"') < html.index('id="documents"')
    page = Page(html)
    fixes = page.find("li", class_="finding")
    assert {f["data-code"] for f in fixes} >= {f["code"] for f in report["findings"] if f["severity"] == "error"}
    for finding in report["findings"]:  # every finding is shown with its message (which says the fix)
        assert finding["message"] in "".join(page.text)


def test_the_report_says_where_each_title_is_and_stays_valid(checked):
    report, html = checked
    assert_valid_report(report)
    for doc in report["documents"]:
        where = doc["title_box"]
        x0, y0, x1, y1 = where["box"]
        width = next(p["width"] for p in doc["page_sources"] if p["page"] == where["page"])
        assert doc["pages"][0] <= where["page"] <= doc["pages"][1] and 0 <= x0 < x1 <= width and 0 <= y0 < y1
    assert len(Page(html).find("img", class_="crop", data_kind="title")) == len(report["documents"])


def test_every_signature_field_and_activity_date_has_a_crop_that_is_a_real_picture(checked):
    report, html = checked
    page = Page(html)
    signature_crops = page.find("img", class_="crop", data_kind="signature")
    date_crops = page.find("img", class_="crop", data_kind="date")
    fields = [f for doc in report["documents"] for _, f in signature_fields(doc) if f.get("box")]
    dated = [doc for doc in report["documents"] if chosen_date(doc)]
    assert fields and dated
    assert len(signature_crops) == len(fields)
    assert len(date_crops) == len(dated)
    for tag in signature_crops + date_crops:
        image = _decoded(tag["src"])
        assert 20 <= image.width <= 520 and image.height >= 10
    assert len(page.find("img", class_="thumb")) == len(report["documents"])


def test_an_empty_signature_line_is_shown_red_and_named(checked):
    report, html = checked
    empty = [f for doc in report["documents"] for _, f in signature_fields(doc) if not f["signed"]]
    assert empty, "the scan's supervisor line should be empty"
    page = Page(html)
    bad = [a for a in page.find("figure", class_="bad") if a.get("data-kind") == "signature"]
    assert len(bad) == len(empty)
    assert "EMPTY" in "".join(page.text)
    unsigned = [f for f in report["findings"] if f["code"] == "missing-signature"]
    assert unsigned and len(page.find("img", class_="fix-picture")) == len(unsigned)  # the fix shows the line


def test_a_quarter_gap_is_red_in_the_matrix_with_its_fix(checked):
    report, html = checked
    gap = next(f for f in report["findings"] if f["code"] == "quarter-gap" and f["category"] == "maintenance-record")
    page = Page(html)
    assert page.find("td", class_="gap")
    row = html[html.index('data-category="maintenance-record"'):]
    row = row[:row.index("</tr>")]
    assert 'class="gap"' in row and gap["message"] in row.replace("&#39;", "'")


def test_matrix_cells_link_to_the_documents_that_cover_them(checked):
    report, html = checked
    page = Page(html)
    anchors = {a["id"] for a in page.find("article")}
    links = [a["href"] for a in page.find("a") if a.get("href", "").startswith("#doc-")]
    assert links and all(link[1:] in anchors for link in links)


def test_files_not_read_are_listed_with_the_reason(checked):
    report, html = checked
    skipped = [f for f in report["files"] if f["status"] != "read"]
    assert skipped
    for f in skipped:
        assert f["path"] in html and f["reason"].replace("'", "&#39;") in html


def test_the_file_is_self_contained(checked):
    _, html = checked
    page = Page(html)
    for tag, attrs in page.tags:
        for name in ("src", "href"):
            value = attrs.get(name, "")
            assert not value or value.startswith(("data:", "#")), (tag, value)
        assert tag not in ("link", "script", "iframe")
    assert "@import" not in html and "url(" not in html


def test_thirty_documents_stay_small(checked):
    _, html = checked
    per_document = len(html.encode()) / len(Page(html).find("article"))
    assert per_document < 60_000  # 30 documents under 2 MB


def _synthetic(source: str, **extra: Any) -> dict[str, Any]:
    doc = {"source": source, "pages": [1, 1], "page_sources": [{"page": 1, "source": "text-layer", "confidence": None,
                                                                 "rotation": 0, "width": 612.0, "height": 792.0, "warnings": []}],
           "category": "site-inspection", "confidence": 0.9, "evidence": [], "date": "2026-03-02", "date_text": "2 Mar 2026",
           "date_label": "Date", "date_candidates": [{"text": "2 Mar 2026", "value": "2026-03-02", "label": "Date",
                                                      "label_from": "phrase", "page": 1, "box": [100, 100, 160, 112],
                                                      "score": 3.0, "why": "a date label"}],
           "title": "Site Inspection", "title_box": {"page": 1, "box": [50, 40, 300, 60]}, "quarter": 1,
           "signatures": [{"role": "inspector", "label": "Inspector", "signed": False, "method": "none", "page": 1,
                           "box": [150, 300, 400, 330], "how": "beside"}]}
    return {**doc, **extra}


def _report(documents: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema_version": "1.0", "tool": {"name": "secordoc", "version": "0", "plugins": []},
        "submission": {"package": "p", "company": None, "profile": "x", "profile_title": "X", "anniversary": "2026-12-31",
                       "submitted": "2026-12-01", "period": {"start": "2026-01-01", "end": "2026-12-31"},
                       "quarters": [{"number": 1, "start": "2026-01-01", "end": "2026-03-31"}], "not_applicable": {}},
        "files": [{"path": d["source"], "status": "read"} for d in documents],
        "documents": documents, "coverage": {}, "findings": [], "verdict": "ready",
        "summary": {"errors": 0, "warnings": 0, "infos": 0, "files": 1, "read": 1, "unreadable": 0, "skipped": 0},
    }


def test_text_from_a_package_is_escaped():
    html = render_html(_report([_synthetic('<script>alert("x")</script>.pdf', title="<img src=x onerror=alert(1)>")]))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_without_pages_the_evidence_is_described_in_words():
    html = render_html(_report([_synthetic("a.pdf")]))
    page = Page(html)
    assert not page.find("img", class_="crop")
    assert "Inspector" in html and "EMPTY" in html and "2 Mar 2026" in html


class Blank:
    """A page source of plain white pages, counting what it is asked for."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, int]] = []

    def image(self, source: str, page: int) -> Image.Image | None:
        self.asked.append((source, page))
        return Image.new("RGB", (935, 1210), "white")

    def prefetch(self, wanted: list[tuple[str, int]]) -> None:
        pass


def test_documents_split_inside_one_file_each_show_their_own_pages():
    first = _synthetic("combined.pdf")
    second = _synthetic("combined.pdf", pages=[2, 3], page_sources=[
        {"page": n, "source": "ocr", "confidence": 90, "rotation": 0, "width": 612.0, "height": 792.0, "warnings": []}
        for n in (2, 3)], title_box={"page": 2, "box": [50, 40, 300, 60]},
        date_candidates=[{**first["date_candidates"][0], "page": 3}],
        signatures=[{**first["signatures"][0], "page": 3}])
    pages = Blank()
    html = render_html(_report([first, second]), pages=pages)
    page = Page(html)
    assert [a["id"] for a in page.find("article")] == ["doc-1", "doc-2"]
    assert "pages 2-3" in html
    assert {p for s, p in pages.asked} == {1, 2, 3}
    assert len(page.find("img", class_="crop", data_kind="date")) == 2


def test_check_format_html_comes_from_the_format_hook_and_writes_one_file(package, tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    for pdf in sorted(package.glob("maintenance-record-*.pdf")):  # born-digital: no OCR, fast
        (small / pdf.name).write_bytes(pdf.read_bytes())
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["check", str(small), "--anniversary", "2026-12-31", "--submitted", "2026-12-01",
                                      "--format", "html", "-o", str(out), "--no-cache", "-q"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "NOT READY to submit" in html
    assert len(Page(html).find("img", class_="crop", data_kind="date")) == 3
    assert sorted(p.name for p in small.iterdir()) == sorted(p.name for p in package.glob("maintenance-record-*.pdf"))


def test_each_see_it_link_leads_somewhere_on_the_page():
    doc = _synthetic("a.pdf")
    report = _report([doc])
    report["files"].append({"path": "broken.pdf", "status": "unreadable", "reason": "damaged PDF"})
    report["findings"] = [
        {"code": "unreadable-document", "severity": "error", "message": "'broken.pdf' could not be read.", "document": "broken.pdf"},
        {"code": "missing-signature", "severity": "error", "message": "The inspector line is empty.", "document": "a.pdf",
         "role": "inspector"},
        {"code": "quarter-gap", "severity": "error", "message": "No site inspection in quarter 1.", "category": "x", "quarter": 1},
        {"code": "late-submission", "severity": "error", "message": "Submitted after the anniversary."},
    ]
    page = Page(render_html(report))
    ids = {a["id"] for _, a in page.tags if "id" in a}
    links = [a["href"][1:] for a in page.find("a") if a.get("href", "").startswith("#")]
    assert {"doc-1", "not-read", "matrix"} <= set(links) and set(links) <= ids
