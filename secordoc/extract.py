"""The extraction pipeline: every file of a package to pages of text with word boxes.

Stages, each bounded:
1. ingest: list every file (folder, zip, single file) with a status;
2. cache: files whose bytes were extracted before with the same settings are taken as they are;
3. load: each remaining evidence file is parsed in a long-lived worker process (one per core,
   each file under the time and memory caps); a loader writes the page images that need OCR to
   a private folder;
4. OCR: the pages of all documents in one queue, read by the same workers (each page under the
   time and memory caps), started as soon as each document is loaded (overlapping the loads);
   results put back in page order.
The private temporary folder is removed at the end, also on Ctrl-C.
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .cache import ExtractionCache, code_fingerprint, file_digest
from .errors import DocumentError
from .ingest import Entry, collect
from .isolation import Outcome, WorkerPool
from .model import ExtractedFile, FileStatus, InputFile, LoadedFile, OcrResult, Page, RawPage, TextSource
from .ocr import OcrEngine, OcrError, one_decode_per_page, open_page_image
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
    from .layout.reread import second_reader  # imported when a package is read, not with the CLI

    engine = _engine(pm, settings)
    cache = ExtractionCache(settings.cache_dir) if settings.use_cache else None
    fingerprint = {
        "engine": f"{engine.name} {engine.version}" if engine else "none",
        "ocr": settings.ocr,
        "lang": settings.language,
        "dpi": settings.render_dpi,
        "secordoc": __version__,
        "code": code_fingerprint(),
        "second_reader": second_reader(),
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
        reason = "not a kind of file secordoc reads (PDF, image or photo, Word, Excel, OpenDocument)"
        return ExtractedFile(InputFile(entry.source, entry.size, "skipped", reason=reason)), None
    if entry.size == 0:
        return ExtractedFile(InputFile(entry.source, 0, "unreadable", media_type, "the file is empty (0 bytes)")), None
    return None, InputFile(entry.source, entry.size, "read", media_type, sha256=file_digest(entry.disk_path))


@dataclass(frozen=True)
class _Shared:
    """What every worker needs and cannot receive through a pipe; inherited when it is forked."""

    pm: SecordocPluginManager
    engine: OcrEngine | None
    settings: Settings
    scratch: str


def _load_one(shared: _Shared, path: str, source: str, media_type: str) -> LoadedFile:
    """Runs in a worker: one file through the first loader that reads its media type."""
    workdir = _free_workdir(shared.scratch)
    loaded = shared.pm.hook.secordoc_load_file(
        path=path, source=source, media_type=media_type, workdir=workdir, settings=shared.settings
    )
    if loaded is None:
        raise DocumentError(f"no installed loader reads {media_type} files")
    return loaded


#: This worker's folders for page images (see _free_workdir).
_workdirs: list[str] = []


def _free_workdir(scratch: str) -> str:
    """A private folder for one file's page images: one of this worker's folders that is empty
    again (its pages were read and deleted, or it never held any), else a new one. A folder per
    file cost ~4 ms of file-system journal work to remove at the end of the run, in the main
    process: 200 born-digital files paid 0.7 s for folders that never held anything."""
    for folder in list(_workdirs):
        if not folder.startswith(scratch + os.sep):
            _workdirs.remove(folder)  # a previous run's
            continue
        try:
            if not os.listdir(folder):
                return folder
        except FileNotFoundError:
            _workdirs.remove(folder)
    folder = tempfile.mkdtemp(prefix="pages-", dir=scratch)
    _workdirs.append(folder)
    return folder


def _ocr_one(shared: _Shared, raw: RawPage) -> Answer:
    """Runs in a worker: one page through the OCR engine and the raster stages."""
    assert shared.engine is not None  # pages are queued only when there is an engine
    return _read_page(shared.engine, raw, shared.scratch)


Answer = OcrResult | str
#: A page's OCR may run this much past the engine's own limit before its worker is killed, so an
#: engine that stops itself cleanly (tesserocr's timeout) says so first.
PAGE_GRACE = 1.5


def _load_and_read(
    to_load: list[tuple[int, Entry, InputFile]],
    pm: SecordocPluginManager,
    engine: OcrEngine | None,
    settings: Settings,
    progress: Progress | None,
    tmp: str,
) -> tuple[dict[int, LoadedFile | Outcome], dict[int, dict[int, Answer]]]:
    """Load every file and OCR every page in one pool of long-lived workers, one per core.

    One scheduler, one queue: a loaded document's pages join the OCR queue at once, and a free
    worker takes a page when enough are waiting to keep every core busy, else the next file, so
    loading, rendering, OCR and the raster stages overlap and no core waits for the last load.
    At most ``jobs`` tasks run; page images wait on disk, not in memory. Each file and each page
    has its own time limit; a worker that crashes, hangs or runs out of memory is replaced and
    only its file (unreadable) or page (not read, with the reason) is lost.
    """
    loads = deque(to_load)
    waiting: deque[tuple[int, RawPage]] = deque()
    loaded: dict[int, LoadedFile | Outcome] = {}
    answers: dict[int, dict[int, Answer]] = {}
    reading: dict[tuple[int, int], RawPage] = {}
    done = reported = total = 0
    page_limit = settings.time_limit * PAGE_GRACE
    with WorkerPool(settings.jobs, settings.memory_limit_mb, _Shared(pm, engine, settings, tmp)) as pool:
        while loads or waiting or pool.busy:
            while pool.free and (loads or waiting):
                if waiting and (len(waiting) >= pool.jobs or not loads):
                    index, raw = waiting.popleft()
                    reading[(index, raw.number)] = raw
                    pool.start(("page", index, raw.number), _ocr_one, (raw,), page_limit)
                else:
                    index, entry, file = loads.popleft()
                    pool.start(("file", index), _load_one, (entry.disk_path, entry.source, file.media_type), settings.time_limit)
            for key, outcome in pool.collect():
                if key[0] == "file":
                    index = key[1]
                    loaded[index] = outcome.value if outcome.ok else outcome
                    if engine is not None and outcome.ok:
                        waiting.extend((index, page) for page in outcome.value.pages if page.image is not None)
                    continue
                _, index, number = key
                answers.setdefault(index, {})[number] = outcome.value if outcome.ok else _page_failure(outcome, settings)
                _release(reading.pop((index, number)), tmp)
                done += 1
                if progress and not loads and not any(k[0] == "file" for k in pool.running):
                    total = total or done + len(waiting) + len(reading)  # known once every file is loaded
                    while reported < done:  # once per page, as a progress bar counts
                        reported += 1
                        progress(reported, total)
    return loaded, answers


def _page_failure(outcome: Outcome, settings: Settings) -> str:
    """Why a page's worker gave no reading: it hung, crashed or ran out of memory."""
    if outcome.kind == "timeout":
        return f"not read: OCR took longer than {settings.time_limit * PAGE_GRACE:.0f} s on this page"
    if outcome.kind == "crash":
        how = f" (signal {outcome.signal})" if outcome.signal else ""
        return f"not read: the OCR engine crashed on this page{how}"
    if outcome.kind == "too-big":
        return f"not read: OCR needed more than {settings.memory_limit_mb} MB of memory on this page"
    return f"OCR failed on this page ({outcome.reason})"


def _read_page(engine: OcrEngine, raw: RawPage, scratch: str) -> Answer:
    """OCR one page, then find its ruling lines and hand-drawn ink in the same image (the layout
    model's raster inputs; signatures are decided later, from these). Never raises."""
    assert raw.image is not None  # only pages with an image are queued
    with one_decode_per_page():
        try:
            result = engine.read(replace(raw.image, scratch_dir=scratch))
        except OcrError as exc:
            return str(exc)
        except Exception as exc:  # noqa: BLE001 - a failing page never stops the rest
            return f"OCR failed on this page (the {engine.name} engine: {type(exc).__name__}: {exc})"
        try:
            result = _look_again(raw, result)
        except Exception:  # noqa: BLE001 - no rules or ink read is a finding later, not a lost page
            pass
    return result


def _look_again(raw: RawPage, result: OcrResult) -> OcrResult:
    """On the very image OCR read, turned the way OCR turned it: date values tesseract could not
    read, read again by a second model; then the page's ruling lines and hand-drawn ink (the
    layout model's raster inputs; signatures are decided later, from these); then the labels
    beside signatures and ink that tesseract lost, read again, and the dates beside any of them
    that are date labels."""
    from .layout.raster import analyse_raster  # OpenCV loads only when a page is OCR'd
    from .layout.banners import read_banners
    from .layout.reread import reread_dateless_top, reread_dates
    from .layout.reread_doubtful import reread_doubtful_dates
    from .layout.reread_labels import reread_labels

    assert raw.image is not None
    im = open_page_image(raw.image.path)  # the pixels OCR read, when the engine decoded them with this
    image = im.rotate(-result.rotation, expand=True) if result.rotation else im.copy()
    width, height = _upright_size(raw, result.rotation)
    words = read_banners(image, raw.image.dpi, result.words)  # a title white on a dark bar
    words = reread_dates(image, raw.image.dpi, words, width)
    words = reread_doubtful_dates(image, raw.image.dpi, words)  # handwritten dates read, but doubtfully
    words = reread_dateless_top(image, raw.image.dpi, words, width, height)
    rules, ink = analyse_raster(image, raw.image.dpi, words)
    relabelled = reread_labels(image, raw.image.dpi, words, ink)
    if relabelled != words:  # a date label among the lines read again ("Service Date" by its comb)
        relabelled = reread_dates(image, raw.image.dpi, relabelled, width, labels=set(relabelled) - set(words))
    return replace(result, words=relabelled, rules=rules, ink=ink)


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
