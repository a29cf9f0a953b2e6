"""Report renderers are called as the hook contract promises: ``pages`` only to those that ask."""

from __future__ import annotations

from typing import Any

from secordoc.evidence.pages import DISPLAY_DPI
from secordoc.formats import call_renderer, wants_pages


def report_alone(report: dict[str, Any]) -> str:
    return f"alone {report['n']}"


def with_pages(report: dict[str, Any], pages: Any = None) -> str:
    return f"pages {report['n']} {pages}"


def test_a_renderer_written_for_the_report_alone_still_gets_only_the_report():
    assert not wants_pages(report_alone) and not wants_pages(len)
    assert call_renderer(report_alone, {"n": 1}, pages="source") == "alone 1"


def test_a_renderer_that_declares_pages_gets_them():
    assert wants_pages(with_pages)
    assert call_renderer(with_pages, {"n": 2}, pages="source") == "pages 2 source"
    assert call_renderer(with_pages, {"n": 3}) == "pages 3 None"


PARTNER_FORMAT = '''
from secordoc.hookspecs import hookimpl


def render_sizes(report, pages=None):
    lines = []
    for doc in report["documents"]:
        image = pages.image(doc["source"], doc["pages"][0]) if pages else None
        lines.append(f"{doc['source']} {image.size if image else None}")
    return "\\n".join(lines) + "\\n"


@hookimpl
def secordoc_report_formats():
    return {"sizes": render_sizes}
'''


def test_a_partners_format_gets_the_page_pictures_the_built_in_html_gets(tmp_path):
    from click.testing import CliRunner

    from secordoc.cli import cli
    from secordoc.testing.generator import DocSpec, build

    package = tmp_path / "package"
    package.mkdir()
    name, data = build(DocSpec("site-inspection", "2026-05-12", seed=5))
    (package / name).write_bytes(data)
    plugin = tmp_path / "partner_format.py"
    plugin.write_text(PARTNER_FORMAT)
    result = CliRunner().invoke(cli, ["-p", str(plugin), "check", str(package), "--anniversary", "2026-12-31",
                                      "--format", "sizes", "--no-cache", "-q"], catch_exceptions=False)
    size = (round(612 * DISPLAY_DPI / 72), round(792 * DISPLAY_DPI / 72))  # a Letter page at screen resolution
    assert result.output.strip() == f"{name} {size}", result.output
