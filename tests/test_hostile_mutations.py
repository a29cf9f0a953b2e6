"""Property-based: whatever bytes a PDF, an image or a zip of the package holds, a report comes
back with every file accounted for, and nothing is written outside the private folder."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from secordoc.extract import extract_package
from secordoc.plugin_manager import make_plugin_manager
from secordoc.settings import Settings
from secordoc.testing.generator import DocSpec, build_pdf

PM = make_plugin_manager(load_entry_points=False)
SETTINGS = Settings(ocr=False, use_cache=False, time_limit=20, memory_limit_mb=1024)
PDF = build_pdf(DocSpec("site-inspection", "2026-03-14"))


def zipped(pdf: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inspection.pdf", pdf)
        archive.writestr("notes/readme.txt", "notes")
    return out.getvalue()


ZIP = zipped(PDF)

mutations = st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)), min_size=1, max_size=12)


def mutate(data: bytes, edits, cut: int | None) -> bytes:  # type: ignore[no-untyped-def]
    buf = bytearray(data)
    for at, chunk in edits:
        at %= len(buf)
        buf[at: at + len(chunk)] = chunk
    return bytes(buf[:cut]) if cut else bytes(buf)


def check(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "pkg"
        package.mkdir()
        (package / name).write_bytes(data)
        (package / "ok.pdf").write_bytes(PDF)
        files = extract_package(package, PM, SETTINGS).files
        paths = [f.file.path for f in files]
        assert "ok.pdf" in paths and any(p == name or p.startswith(name + "/") for p in paths)
        assert all(f.file.status == "read" or f.file.reason for f in files)  # every file not read says why
        ok = next(f for f in files if f.file.path == "ok.pdf")
        assert ok.file.status == "read"  # one bad file never stops the package
        assert sorted(p.name for p in package.iterdir()) == sorted(["ok.pdf", name])


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=mutations, cut=st.one_of(st.none(), st.integers(1, len(PDF))))
def test_mutated_pdfs_always_get_a_status(edits, cut):
    check("mutated.pdf", mutate(PDF, edits, cut))


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=mutations, cut=st.one_of(st.none(), st.integers(1, len(ZIP))))
def test_mutated_zips_always_get_a_status(edits, cut):
    check("package.zip", mutate(ZIP, edits, cut))
