"""The extraction cache: hits, misses on change, concurrent writers, corrupt entries."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from secordoc.cache import ExtractionCache
from secordoc.hookspecs import hookimpl
from secordoc.extract import extract_package
from secordoc.settings import Settings
from secordoc.testing.generator import DocSpec, build


class CountingEngine:
    """The built-in OCR engine, counting the pages it is asked to read (in shared memory: pages
    are read in worker processes forked after the engine is made)."""

    def __init__(self, settings: Settings) -> None:
        from secordoc.builtin import tesseract_engine, tesserocr_engine

        self.inner = tesserocr_engine.secordoc_ocr_engine(settings) or tesseract_engine.secordoc_ocr_engine(settings)
        self.name, self.version = self.inner.name, self.inner.version
        self.count = multiprocessing.Value("i", 0)

    @property
    def reads(self) -> int:
        return int(self.count.value)

    def check(self) -> None:
        self.inner.check()

    def read(self, image):  # type: ignore[no-untyped-def]
        with self.count.get_lock():
            self.count.value += 1
        return self.inner.read(image)


class CountingPlugin:
    def __init__(self) -> None:
        self.engines: list[CountingEngine] = []

    @hookimpl(tryfirst=True)
    def secordoc_ocr_engine(self, settings):  # type: ignore[no-untyped-def]
        self.engines.append(CountingEngine(settings))
        return self.engines[-1]


def test_unchanged_files_come_from_cache_and_a_changed_one_is_extracted_again(tmp_path, pm):
    package = tmp_path / "pkg"
    package.mkdir()
    for spec in (DocSpec("site-inspection", "2026-03-14"), DocSpec("hazard-assessment", "2026-05-20", "scan")):
        name, data = build(spec)
        (package / name).write_bytes(data)
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    counting = CountingPlugin()
    pm.register(counting, name="counting-ocr")
    cold = extract_package(package, pm, settings)
    warm = extract_package(package, pm, settings)
    assert [e.reads for e in counting.engines] == [1, 0]  # the scan's page was OCR'd once, never again
    assert cold.stats["from_cache"] == 0 and warm.stats["from_cache"] == 2 and warm.stats["ocr_pages"] == 0
    assert [p.text for f in warm.files for p in f.pages] == [p.text for f in cold.files for p in f.pages]
    assert [p.words for f in warm.files for p in f.pages] == [p.words for f in cold.files for p in f.pages]
    name, data = build(DocSpec("site-inspection", "2026-03-15"))
    target = next(package.glob("site-inspection*"))
    target.write_bytes(data)
    changed = extract_package(package, pm, settings)
    assert changed.stats["from_cache"] == 1
    assert "March 15, 2026" in changed.files[1].pages[0].text
    assert counting.engines[-1].reads == 0  # the changed file is born-digital: still no OCR


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


def test_the_code_fingerprint_hashes_the_code_and_fails_loudly_on_a_missing_module(tmp_path, monkeypatch):
    import secordoc.cache as cache_module

    cache_module.code_fingerprint.cache_clear()
    real = cache_module.code_fingerprint()
    package = tmp_path / "secordoc"
    package.mkdir()
    for name in cache_module.EXTRACTION_MODULES:
        source = Path(cache_module.__file__).parent / f"{name}.py"
        (package / f"{name}.py").parent.mkdir(parents=True, exist_ok=True)
        (package / f"{name}.py").write_bytes(source.read_bytes())
    monkeypatch.setattr(cache_module, "__file__", str(package / "cache.py"))
    cache_module.code_fingerprint.cache_clear()
    assert cache_module.code_fingerprint() == real  # the same code, the same key
    (package / "extract.py").write_text("# changed\n")
    cache_module.code_fingerprint.cache_clear()
    assert cache_module.code_fingerprint() != real  # changed code, a new key
    (package / "extract.py").unlink()
    cache_module.code_fingerprint.cache_clear()
    with pytest.raises(FileNotFoundError):  # never a key from a module's name alone
        cache_module.code_fingerprint()
    cache_module.code_fingerprint.cache_clear()
