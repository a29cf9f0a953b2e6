"""The whole plugin contract of secordoc, in one module.

Every built-in behaviour (file loaders, the OCR engine, document types, validators, profiles,
report formats) is a plugin on these hooks; a partner's plugin uses exactly the same ones.

Compatibility promise: a hook's arguments only ever grow. pluggy lets an implementation take
any subset of them, so a plugin written today keeps working when an argument is added.

First-result hooks (``firstresult=True``) stop at the first implementation that returns
something other than None. Built-ins implement them with ``trylast=True``, so any installed
plugin is asked first; return None to pass.

The types a hook receives or returns are importable from ``secordoc.api``. pluggy calls every
hook, so hook wrappers (``@hookimpl(wrapper=True)``) may wrap any of them, built-ins included.
An implementation (or wrapper) that raises, or answers in a shape other than its hook's, is a
plugin error naming its plugin (exit code 5; ``--keep-going`` goes on without the plugin). The
exception is ``secordoc_load_file``, which reads one file in a worker process: whatever a loader
(or a wrapper around the loaders) raises or wrongly answers is that document's, which is listed
as unreadable with a reason that names a partner's plugin; the other files are read and the run
goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import pluggy

if TYPE_CHECKING:
    from os import PathLike

    from PIL.Image import Image

    from .api import CheckView, Profile, Renderer
    from .doctypes.base import DocumentType
    from .findings import FindingCode
    from .model import Finding, LoadedFile
    from .ocr import OcrEngine
    from .settings import Settings

PROJECT = "secordoc"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec(firstresult=True)
def secordoc_evidence_type(path: str, head: bytes) -> str | None:
    """Say whether a file is evidence, and of which media type.

    Runs once per file of the package, in the main process, before anything is read.
    ``path`` is the path inside the package, ``head`` the first 2 KiB of the file.
    Return a media type (``"application/pdf"``, ``"image/jpeg"``...) that some loader reads,
    or None to pass. A file for which every plugin passes is listed as skipped.
    Must not raise.
    """


@hookspec(firstresult=True)
def secordoc_load_file(
    path: str, source: str, media_type: str, workdir: str, settings: Settings
) -> LoadedFile | None:
    """Read one evidence file into pages: text where there is usable text, images to OCR otherwise.

    Runs in an isolated worker process with the run's time and memory limits.
    ``path`` is the file on disk (read it, never modify it), ``source`` its path inside the
    package, ``workdir`` a private folder for page images the OCR engine will read (write
    nothing anywhere else).

    A loader provides, per page, either words with boxes (a text layer) or an image to OCR.
    A text-layer page may also carry ``rules`` (the form's ruling lines) and ``ink`` (drawn
    paths, pasted images, ink annotations) from the file's own objects; where it does not,
    signatures on that page cannot be seen. Pages handed to OCR get both from their raster,
    whatever the loader. Loaders never look for signatures, dates or document types: the core
    derives those from the page layout after extraction.
    Return a ``LoadedFile``, or None when this loader does not read
    ``media_type``. Raise ``secordoc.errors.DocumentError`` with a reason a person understands
    when the file cannot be read (encrypted, corrupt); anything else raised, or an answer that is
    not a ``LoadedFile``, makes the file unreadable with a reason naming your plugin.
    """


@hookspec(firstresult=True)
def secordoc_ocr_engine(settings: Settings) -> OcrEngine | None:
    """Supply the OCR engine that reads page images.

    Called once per run, before any work. Return an object with ``name``, ``version``,
    ``check()`` (raise ``MissingDependencyError`` naming the install step when it cannot run)
    and ``read(image: PageImage) -> OcrResult``. ``read`` is called from several threads at
    once and must be thread-safe; it may write temporary files only into ``image.scratch_dir``
    (``image.path`` can be the user's own photo, in the user's folder). Return None to leave it to the next plugin (the built-in
    engines are tesseract in-process through tesserocr, then the tesseract command line).
    """


@hookspec
def secordoc_document_types() -> list[DocumentType | str | PathLike[str]]:
    """Contribute document types (categories) the classifier can recognise.

    Called once per run. Return a list of ``DocumentType`` (slug, title, cue phrases with
    weights, date labels, signature roles), or of paths to document type JSON files
    (``secordoc schema doctype``), read as the built-in types are; a file that does not fit
    the schema is a plugin error. Every plugin's types are pooled; two plugins contributing
    the same slug is a plugin error.
    """


@hookspec
def secordoc_profiles() -> list[str | Profile]:
    """Contribute partner profiles.

    Called when profiles are listed or one is chosen by name. Return a list of paths to JSON
    profiles, or of profile dicts. Each is validated against the profile schema
    (``secordoc schema profile``); an invalid one is a profile error (exit code 4). A plugin's
    profile replaces a built-in profile of the same name.
    """


@hookspec
def secordoc_finding_codes() -> list[FindingCode]:
    """Declare the finding codes this plugin may report, with default severity and a fix.

    Called when findings are made and by ``secordoc explain CODE``. Return a list of
    ``FindingCode``; a validator may only report declared codes.
    """


@hookspec
def secordoc_validate(context: CheckView) -> list[Finding] | None:
    """Check the package against the profile and return findings.

    Called once per check, after every document is extracted, classified and dated.
    ``context`` gives the documents, files, profile, review period and dates. Build findings
    with ``context.finding(code, message, **keys)`` so that the profile's severity applies.
    Return a list (empty when all is well) or None. Raising is a plugin error.
    """


@hookspec
def secordoc_report_formats() -> dict[str, Renderer]:
    """Contribute report formats: a name (``text``, ``json``...) mapped to a renderer.

    A renderer takes the report dict (which follows ``secordoc schema report``; typed as
    ``secordoc.api.Report``) and returns the text to write. Renderers only render: they never
    decide the verdict or exit code.

    A renderer that shows evidence as pictures may also declare a keyword parameter ``pages``:
    it then gets a ``PageImageSource`` (below) for the checked package's pages, or None where
    no page can be shown. Renderers without it are called with the report alone, as before.
    """


class PageImageSource(Protocol):
    """The pages of the checked package as pictures, for report formats that show evidence.

    ``image(source, page)`` returns the page (``source`` a document's path inside the package,
    ``page`` its 1-based page number in that file) as a Pillow image, upright as the report's
    boxes see it: a box in points maps to pixels by ``image.width / page width``. None when that
    page cannot be shown. Pages are opened in isolated children with the run's limits, so a
    renderer needs no care with hostile files. ``prefetch`` says which pages will be asked for,
    so they can be opened in parallel; calling it is optional.
    """

    def image(self, source: str, page: int) -> Image | None: ...

    def prefetch(self, wanted: list[tuple[str, int]]) -> None: ...
