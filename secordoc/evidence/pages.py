"""The checked package's pages as pictures (a ``PageImageSource`` for report formats).

Files are listed the way extraction lists them (``ingest.collect``: zips unpacked with the same
limits into a private folder under the cache, removed on ``close``), and every file's pages are
opened in an isolated child with the run's time and memory limits, so a report never crashes on
a file the check could read. PDFs are rendered by pdfium at screen resolution, in colour and
with their form fields; any other file is opened by its own loader plugin (the same hook that
read it for the check), whose page image is scaled down.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable, Hashable
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

from PIL import Image

from ..errors import DocumentError, SecordocError
from ..extract import HEAD_BYTES, work_root
from ..ingest import collect
from ..isolation import run_isolated
from ..manifest import read_manifest
from ..plugin_manager import SecordocPluginManager
from ..settings import Settings

#: Pages are opened at this resolution: crops stay sharp on screen and on paper, and small.
DISPLAY_DPI = 110
#: A page picture is never larger than this many pixels (a poster-sized page box).
MAX_PIXELS = 6_000_000

Key = tuple[str, int]


class PackagePages:
    """Lazily opens the pages a renderer asks for; nothing is read until it asks."""

    def __init__(self, package: Path, report: dict[str, Any], pm: SecordocPluginManager, settings: Settings,
                 dpi: int = DISPLAY_DPI) -> None:
        self.package = Path(package)
        self.pm = pm
        self.settings = settings
        self.dpi = dpi
        #: OCR turned some pages upright: their boxes are in the turned page, so is the picture.
        self.rotations: dict[Key, int] = {
            (doc["source"], p["page"]): int(p.get("rotation") or 0)
            for doc in report.get("documents", []) for p in doc.get("page_sources", [])
        }
        self._tmp: str | None = None
        self._entries: dict[str, str] | None = None
        self._pictures: dict[Key, bytes | None] = {}

    def __enter__(self) -> PackagePages:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Remove the private folder (unpacked zips, loaders' page images)."""
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def image(self, source: str, page: int) -> Image.Image | None:
        key = (source, page)
        if key not in self._pictures:
            self.prefetch([key])
        data = self._pictures.get(key)
        if data is None:
            return None
        with Image.open(io.BytesIO(data)) as im:
            picture = im.convert("RGB")
        turn = self.rotations.get(key, 0)
        return picture.rotate(-turn, expand=True) if turn else picture

    def prefetch(self, wanted: list[tuple[str, int]]) -> None:
        """Open every wanted page not opened yet, a file per child, ``jobs`` children at once."""
        by_file: dict[str, list[int]] = {}
        for source, page in wanted:
            if (source, page) not in self._pictures:
                by_file.setdefault(source, []).append(page)
        if not by_file:
            return
        try:
            entries = self._files()
        except OSError:  # the package cannot be listed again (gone, unreadable): no pictures, still a report
            entries = {}
        tasks: list[tuple[Hashable, Callable[..., Any], tuple[Any, ...]]] = []
        for source, numbers in by_file.items():
            for number in numbers:
                self._pictures[(source, number)] = None  # unless a child brings it
            path = entries.get(source)
            if path is not None:
                assert self._tmp is not None
                workdir = os.path.join(self._tmp, f"pages{len(os.listdir(self._tmp)):05d}")
                tasks.append((source, _open_pages, (path, source, sorted(set(numbers)), workdir, self.settings, self.dpi)))
        try:
            outcomes = run_isolated(tasks, self.settings.jobs, self.settings.time_limit, self.settings.memory_limit_mb,
                                    shared=self.pm)
        except OSError:  # no process could be started (out of memory, process limit): no pictures
            return
        for key, outcome in outcomes.items():
            if outcome.ok:
                for number, data in outcome.value.items():
                    self._pictures[(str(key), number)] = data

    def _files(self) -> dict[str, str]:
        """Each file of the package by its path inside the package, listed once."""
        if self._entries is None:
            self._tmp = tempfile.mkdtemp(prefix="pages-", dir=work_root(self.settings))
            self._entries = {}
            if self.package.exists():
                self.settings = _with_manifest_passwords(self.package, self.settings)
                for entry in collect(self.package, self._tmp, self.settings):
                    if entry.status == "pending" and entry.disk_path:
                        self._entries[entry.source] = entry.disk_path
        return self._entries


def _with_manifest_passwords(package: Path, settings: Settings) -> Settings:
    try:
        passwords = read_manifest(package).get("passwords") or {}
    except SecordocError:
        return settings
    return replace(settings, passwords={**passwords, **settings.passwords}) if passwords else settings


def _open_pages(pm: SecordocPluginManager, path: str, source: str, numbers: list[int], workdir: str,
                settings: Settings, dpi: int) -> dict[int, bytes]:
    """Runs in an isolated worker (``pm`` is the pool's shared object): the wanted pages of one file, each as a JPEG at ``dpi``."""
    os.makedirs(workdir, exist_ok=True)
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    media_type = pm.hook.secordoc_evidence_type(path=source, head=head)
    if media_type is None:
        return {}
    if media_type == "application/pdf":
        pictures = _pdf_pages(path, source, numbers, settings, dpi)
    else:
        pictures = _loader_pages(pm, path, source, media_type, numbers, workdir, settings, dpi)
    out = {}
    for number, picture in pictures.items():
        buffer = io.BytesIO()
        picture.convert("RGB").save(buffer, format="JPEG", quality=90)
        out[number] = buffer.getvalue()
    return out


def _pdf_pages(path: str, source: str, numbers: list[int], settings: Settings, dpi: int) -> dict[int, Image.Image]:
    import pypdfium2 as pdfium

    pdf = None
    for password in ["", settings.password_for(source) or ""]:
        try:
            pdf = pdfium.PdfDocument(path, password=password or None)
            break
        except pdfium.PdfiumError:
            continue
    if pdf is None:
        raise DocumentError("the PDF cannot be opened again to show its pages")
    try:
        pdf.init_forms()  # filled form fields are part of what a person sees
        out = {}
        for number in numbers:
            if not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                scale = dpi / 72.0
                if width * height * scale * scale > MAX_PIXELS:
                    scale = (MAX_PIXELS / (width * height)) ** 0.5
                out[number] = page.render(scale=scale, may_draw_forms=True).to_pil()
            except (pdfium.PdfiumError, ValueError, OSError):
                continue  # a damaged page is shown without a picture
            finally:
                page.close()
        return out
    finally:
        pdf.close()


def _loader_pages(pm: SecordocPluginManager, path: str, source: str, media_type: str, numbers: list[int],
                  workdir: str, settings: Settings, dpi: int) -> dict[int, Image.Image]:
    """Pages of a photo, scan or any plugin's format: the image its loader hands to OCR."""
    loaded = pm.hook.secordoc_load_file(path=path, source=source, media_type=media_type, workdir=workdir,
                                        settings=replace(settings, ocr=True, render_dpi=dpi))
    out = {}
    for raw in loaded.pages if loaded else ():
        if raw.number not in numbers or raw.image is None:
            continue
        with Image.open(raw.image.path) as im:
            im.load()
            factor = min(1.0, dpi / raw.image.dpi) if raw.image.dpi else 1.0
            size = (max(1, round(im.width * factor)), max(1, round(im.height * factor)))
            out[raw.number] = im.convert("RGB").resize(size, Image.Resampling.LANCZOS) if factor < 1 else im.convert("RGB")
    return out
