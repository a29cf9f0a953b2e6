"""The extraction pipeline: every file of a package to pages of text with word boxes.

Stages, each bounded:
1. ingest: list every file (folder, zip, single file) with a status;
2. cache: files whose bytes were extracted before with the same settings are taken as they are;
3. load: each remaining evidence file is parsed in an isolated child (time and memory caps), up
   to ``jobs`` at once; a loader writes the page images that need OCR to a private folder;
4. OCR: the pages of all documents in one queue, ``jobs`` tesseract processes at once, started
   as soon as each document is loaded (overlapping the loads), results put back in page order.
The private temporary folder is removed at the end, also on Ctrl-C.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PIL import Image

from . import __version__
from .cache import ExtractionCache, code_fingerprint, file_digest
from .errors import DocumentError
from .ingest import Entry, collect
from .isolation import IsolatedRunner, Outcome
from .model import ExtractedFile, FileStatus, InputFile, LoadedFile, OcrResult, Page, RawPage, TextSource
from .ocr import OcrEngine, OcrError
from .plugin_manager import SecordocPluginManager
from .serialize import extracted_from_dict, extracted_to_dict
from .settings import Settings

HEAD_BYTES = 2048
Progress = Callable[[int, int], None]


@dataclass
class Extraction:
    files: list[ExtractedFile]
    engine: dict[str, str] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)


def extract_package(
    package: Path,
    pm: SecordocPluginManager,
    settings: Settings,
    progress: Progress | None = None,
) -> Extraction:
    engine = _engine(pm, settings)
    cache = ExtractionCache(settings.cache_dir) if settings.use_cache else None
    fingerprint = {
        "engine": f"{engine.name} {engine.version}" if engine else "none",
        "ocr": settings.ocr,
        "lang": settings.language,
        "dpi": settings.render_dpi,
        "secordoc": __version__,
        "code": code_fingerprint(),
        "plugins": sorted(f"{i.name} {i.version}" for i in pm.infos.values() if pm.get_plugin(i.name) is not None),
    }
    with tempfile.TemporaryDirectory(prefix="run-", dir=work_root(settings)) as tmp:
        entries = collect(Path(package), tmp, settings)
        results: dict[int, ExtractedFile] = {}
        to_load: list[tuple[int, Entry, InputFile]] = []
        keys: dict[int, str] = {}
        for index, entry in enumerate(entries):
            done, file = _classify_entry(entry, pm)
            if done is not None:
                results[index] = done
                continue
            assert file is not None
            if cache is not None:
                keys[index] = cache.key(file.sha256 or "", fingerprint)
                hit = cache.get(keys[index])
                if hit is not None:
                    results[index] = extracted_from_dict(hit, file)
                    continue
            to_load.append((index, entry, file))
        loaded, ocr_results = _load_and_read(to_load, pm, engine, settings, progress, tmp)
        ocr_pages = sum(1 for lf in loaded.values() if isinstance(lf, LoadedFile) for p in lf.pages if p.image)
        for index, _entry, file in to_load:
            item = _assemble(file, loaded[index], ocr_results.get(index, {}))
            results[index] = item
            if cache is not None and _cacheable(loaded[index]):
                cache.put(keys[index], extracted_to_dict(item))
    if cache is not None and to_load:
        cache.evict()
    files = [results[i] for i in range(len(entries))]
    stats = {
        "files": len(files),
        "from_cache": sum(1 for f in files if f.from_cache),
        "ocr_pages": ocr_pages,
        "pages": sum(len(f.pages) for f in files),
    }
    engine_info = {"name": engine.name, "version": engine.version} if engine else {}
    return Extraction(files, engine_info, stats)


def work_root(settings: Settings) -> str:
    """Where a run unpacks zips and keeps page images: a private folder inside the cache location,
    so secordoc writes nowhere but its output and its cache; removed at the end of every run."""
    folder = ExtractionCache(settings.cache_dir).root / "work"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home: the system's temporary folder, still removed at the end
        return os.path.realpath(tempfile.gettempdir())
    return os.path.realpath(folder)


def _engine(pm: SecordocPluginManager, settings: Settings) -> OcrEngine | None:
    """The OCR engine, checked once up front: a missing tesseract is one message, before any work."""
    if not settings.ocr:
        return None
    engine = pm.hook.secordoc_ocr_engine(settings=settings)
    if engine is None:
        return None
    engine.check()
    return engine


def _classify_entry(entry: Entry, pm: SecordocPluginManager) -> tuple[ExtractedFile | None, InputFile | None]:
    if entry.status != "pending" or entry.disk_path is None:
        status: FileStatus = "skipped" if entry.status == "skipped" else "unreadable"
        return ExtractedFile(InputFile(entry.source, entry.size, status, reason=entry.reason)), None
    try:
        with open(entry.disk_path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        return ExtractedFile(InputFile(entry.source, entry.size, "unreadable", reason=f"cannot be opened ({exc.strerror})")), None
    media_type = pm.hook.secordoc_evidence_type(path=entry.source, head=head)
    if media_type is None:
        reason = "not a PDF or an image (PNG, JPEG, TIFF): not evidence secordoc reads"
        return ExtractedFile(InputFile(entry.source, entry.size, "skipped", reason=reason)), None
    if entry.size == 0:
        return ExtractedFile(InputFile(entry.source, 0, "unreadable", media_type, "the file is empty (0 bytes)")), None
    return None, InputFile(entry.source, entry.size, "read", media_type, sha256=file_digest(entry.disk_path))


def _load_one(pm: SecordocPluginManager, path: str, source: str, media_type: str, workdir: str, settings: Settings) -> LoadedFile:
    """Runs in the isolated child."""
    os.makedirs(workdir, exist_ok=True)
    loaded = pm.hook.secordoc_load_file(
        path=path, source=source, media_type=media_type, workdir=workdir, settings=settings
    )
    if loaded is None:
        raise DocumentError(f"no installed loader reads {media_type} files")
    return loaded


Answer = OcrResult | str


def _load_and_read(
    to_load: list[tuple[int, Entry, InputFile]],
    pm: SecordocPluginManager,
    engine: OcrEngine | None,
    settings: Settings,
    progress: Progress | None,
    tmp: str,
) -> tuple[dict[int, LoadedFile | Outcome], dict[int, dict[int, Answer]]]:
    """Load every file in isolated children and OCR their pages, overlapped: a document's pages
    join the one OCR queue as soon as it is loaded, so cores never wait for the last load.
    Answers are keyed by file and page, whatever order they finish in."""
    Image.init()  # every Pillow plugin imported now, in this thread: see _import_before_threads
    runner = IsolatedRunner(settings.jobs, settings.time_limit, settings.memory_limit_mb)
    tasks = [
        (index, _load_one, (pm, entry.disk_path, entry.source, file.media_type, os.path.join(tmp, f"pages{index:05d}"), settings))
        for index, entry, file in to_load
    ]
    loaded: dict[int, LoadedFile | Outcome] = {}
    pending: dict[Future[Answer], tuple[int, RawPage]] = {}
    answers: dict[int, dict[int, Answer]] = {}
    with ThreadPoolExecutor(max_workers=settings.jobs) as pool:
        for index, outcome in runner.run_all(tasks):
            loaded[index] = outcome.value if outcome.ok else outcome
            if engine is None or not isinstance(loaded[index], LoadedFile):
                continue
            for page in loaded[index].pages:  # type: ignore[union-attr]
                if page.image is not None:
                    if not pending:
                        _import_before_threads()
                    pending[pool.submit(_read_page, engine, page, tmp)] = (index, page)
        for done, future in enumerate(as_completed(pending), start=1):
            index, page = pending[future]
            answers.setdefault(index, {})[page.number] = future.result()
            _release(page, tmp)
            if progress:
                progress(done, len(pending))
    return loaded, answers


def _import_before_threads() -> None:
    """Import, in the main thread, every module the OCR threads import. Load children are forked
    while OCR threads run; a child forked while a thread holds a module's import lock waits for
    it forever (seen: a photo's loader stuck in Pillow's plugin import, the file lost after the
    time limit). Imported here, the threads never import, and no lock is held at a fork."""
    from .layout import raster, reread  # noqa: F401 - imported for the reason above

    reread.import_reader()


def _read_page(engine: OcrEngine, raw: RawPage, scratch: str) -> Answer:
    """OCR one page, then find its ruling lines and hand-drawn ink in the same image (the layout
    model's raster inputs; signatures are decided later, from these). Never raises."""
    assert raw.image is not None  # only pages with an image are queued
    try:
        result = engine.read(replace(raw.image, scratch_dir=scratch))
    except OcrError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a failing page never stops the rest
        return f"OCR failed on this page ({type(exc).__name__}: {exc})"
    try:
        result = _look_again(raw, result)
    except Exception:  # noqa: BLE001 - no rules or ink read is a finding later, not a lost page
        pass
    return result


def _look_again(raw: RawPage, result: OcrResult) -> OcrResult:
    """On the very image OCR read, turned the way OCR turned it: date values tesseract could not
    read, read again by a second model; then the page's ruling lines and hand-drawn ink (the
    layout model's raster inputs; signatures are decided later, from these)."""
    from .layout.raster import analyse_raster  # OpenCV loads only when a page is OCR'd (imported
    from .layout.reread import reread_dates  # by _import_before_threads before any thread runs)

    assert raw.image is not None
    with Image.open(raw.image.path) as im:
        image = im.rotate(-result.rotation, expand=True) if result.rotation else im.copy()
    width, _ = _upright_size(raw, result.rotation)
    words = reread_dates(image, raw.image.dpi, result.words, width)
    rules, ink = analyse_raster(image, raw.image.dpi, words)
    return replace(result, words=words, rules=rules, ink=ink)


def _upright_size(raw: RawPage, rotation: int) -> tuple[float, float]:
    """Page width and height once OCR has turned the page upright."""
    return (raw.height, raw.width) if rotation in (90, 270) else (raw.width, raw.height)


def _release(page: RawPage, tmp: str) -> None:
    """Delete a page image once read, if it is ours (a user's photo is read in place, never touched)."""
    if page.image and os.path.commonpath([os.path.abspath(page.image.path), tmp]) == tmp:
        try:
            os.unlink(page.image.path)
        except OSError:
            pass


def _assemble(file: InputFile, loaded: LoadedFile | Outcome, ocr: dict[int, Answer]) -> ExtractedFile:
    if isinstance(loaded, Outcome):
        unreadable = InputFile(file.path, file.size, "unreadable", file.media_type, loaded.reason, file.sha256)
        return ExtractedFile(unreadable)
    pages = tuple(_page(raw, ocr.get(raw.number)) for raw in loaded.pages)
    return ExtractedFile(file, pages, loaded.fields, loaded.warnings, loaded.digital_signatures)


def _page(raw: RawPage, answer: Answer | None) -> Page:
    if raw.image is None:
        source: TextSource = "text-layer" if raw.text.strip() else "none"
        return Page(raw.number, source, raw.width, raw.height, raw.text, raw.words, None, 0, raw.warnings,
                    raw.blank, raw.rules, raw.ink)
    if isinstance(answer, OcrResult):
        width, height = _upright_size(raw, answer.rotation)
        return Page(raw.number, "ocr", width, height, answer.text, answer.words, answer.confidence, answer.rotation,
                    raw.warnings, rules=answer.rules, ink=answer.ink)
    warning = answer if isinstance(answer, str) else "not read: no OCR engine"
    return Page(raw.number, "none", raw.width, raw.height, "", (), None, 0, (*raw.warnings, warning))


def _cacheable(loaded: LoadedFile | Outcome) -> bool:
    """Deterministic answers only: a timeout or crash may pass with other limits."""
    return isinstance(loaded, LoadedFile) or loaded.kind == "unreadable"
