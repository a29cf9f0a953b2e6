"""The extraction cache: hits, misses on change, concurrent writers, corrupt entries."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

from secordoc.cache import ExtractionCache
from secordoc.extract import extract_package
from secordoc.settings import Settings
from secordoc.testing.generator import DocSpec, build


def test_unchanged_files_come_from_cache_and_a_changed_one_is_extracted_again(tmp_path, pm):
    package = tmp_path / "pkg"
    package.mkdir()
    for spec in (DocSpec("site-inspection", "2026-03-14"), DocSpec("hazard-assessment", "2026-05-20", "scan")):
        name, data = build(spec)
        (package / name).write_bytes(data)
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    cold_start = time.monotonic()
    cold = extract_package(package, pm, settings)
    cold_time = time.monotonic() - cold_start
    warm = extract_package(package, pm, settings)
    assert cold.stats["from_cache"] == 0 and warm.stats["from_cache"] == 2 and warm.stats["ocr_pages"] == 0
    assert [p.text for f in warm.files for p in f.pages] == [p.text for f in cold.files for p in f.pages]
    assert [p.words for f in warm.files for p in f.pages] == [p.words for f in cold.files for p in f.pages]
    name, data = build(DocSpec("site-inspection", "2026-03-15"))
    target = next(package.glob("site-inspection*"))
    target.write_bytes(data)
    changed = extract_package(package, pm, settings)
    assert changed.stats["from_cache"] == 1
    assert "March 15, 2026" in changed.files[1].pages[0].text
    assert cold_time > 0


def one_file_package(tmp_path: Path) -> tuple[Path, Settings]:
    package = tmp_path / "pkg"
    package.mkdir()
    name, data = build(DocSpec("site-inspection", "2026-03-14"))
    (package / name).write_bytes(data)
    return package, Settings(cache_dir=str(tmp_path / "cache"))


def _writer(root: str, n: int) -> None:
    cache = ExtractionCache(Path(root))
    for i in range(50):
        cache.put(cache.key("same", {"i": i % 5}), {"status": "read", "pages": [], "writer": n, "pad": "x" * 1000})


def test_concurrent_writers_never_leave_half_an_entry(tmp_path):
    root = str(tmp_path / "cache")
    workers = [multiprocessing.get_context("fork").Process(target=_writer, args=(root, n)) for n in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    cache = ExtractionCache(Path(root))
    for i in range(5):
        entry = cache.get(cache.key("same", {"i": i}))
        assert entry is not None and entry["status"] == "read"
    assert not list(Path(root).rglob(".tmp-*"))


def test_a_corrupt_entry_is_a_miss_and_is_rebuilt(tmp_path, pm):
    package, settings = one_file_package(tmp_path)
    extract_package(package, pm, settings)
    entry = next((tmp_path / "cache").rglob("*.json"))
    entry.write_text('{"status": "read", "pages": [{"trunc')
    again = extract_package(package, pm, settings)
    assert again.stats["from_cache"] == 0 and again.files[0].pages[0].source == "text-layer"
    assert json.loads(entry.read_text())["status"] == "read"


def test_size_limit_evicts_least_recently_used(tmp_path):
    cache = ExtractionCache(tmp_path, limit_bytes=20_000)
    for i in range(40):
        cache.put(cache.key(str(i), {}), {"pad": "x" * 1000})
    cache.evict()  # what a run does once at its end
    info = cache.info()
    assert info["bytes"] <= 20_000 and info["entries"] < 40
    assert cache.get(cache.key("39", {})) is not None
    assert cache.clear() == info["entries"] and cache.info()["entries"] == 0


def test_changed_extraction_code_never_reuses_old_answers(tmp_path, pm, monkeypatch):
    import secordoc.extract as extract_module

    package, settings = one_file_package(tmp_path)
    extract_package(package, pm, settings)
    assert extract_package(package, pm, settings).stats["from_cache"] == 1
    monkeypatch.setattr(extract_module, "code_fingerprint", lambda: "a-newer-build")
    assert extract_package(package, pm, settings).stats["from_cache"] == 0
