"""The in-process OCR engine: libtesseract through tesserocr, one API per worker thread.

Reads pages exactly the way the pytesseract engine (``tesseract_engine``) does - ``--oem 1
--psm 3``, the page's true resolution, a landscape page whose lines run up and down turned a
quarter first, orientation detection only on pages that read badly - but without a tesseract
process, image file or TSV per page:

- One ``PyTessBaseAPI`` per worker thread, created on the thread's first page and reused for
  every later one (the model loads once per thread, not once per page). tesserocr releases the
  GIL while tesseract recognises, so ``jobs`` threads use ``jobs`` cores.
- The page is decoded by Pillow and handed over as raw pixels (``SetImageBytes``), never
  re-encoded (tesserocr's own ``SetImage`` would re-encode a JPEG), then
  ``SetSourceResolution`` with the page's DPI: without it tesseract misread a 300 DPI form with
  27% character error (perf-notes.md).
- Words, boxes and confidences come from the result iterator, in the order and with the
  line/paragraph grouping tesseract's own TSV output uses, so the text has the same shape.
- ``OMP_THREAD_LIMIT=1`` is set before tesserocr is imported: a libtesseract built with OpenMP
  reads it when it loads (its threads ran 8.6x slower on 2 cores).
- glibc is told to keep freed page buffers (``mallopt``, once, when the engine is checked):
  by default every page's tens of MB went back to the kernel and were faulted in again, and with
  two recognising threads in one process that cost 0.056 s of kernel time a page (TLB shootdowns)
  - 2 threads read 4.7 pages/s instead of 5.7 on 2 cores. A user's own ``MALLOC_*`` or
  ``GLIBC_TUNABLES`` settings are left alone.

Chosen automatically when tesserocr imports and initialises with the run's language; otherwise
the pytesseract engine (the next plugin on the hook) answers. ``--ocr-engine`` / the
``SECORDOC_OCR_ENGINE`` environment variable (``auto``, ``tesserocr``, ``tesseract``) force one.
"""

from __future__ import annotations

import glob
import os
import sys
import threading
import time
from typing import Any

from PIL import Image

from ..errors import MissingDependencyError, UsageError
from ..heap import keep_freed_memory
from ..hookspecs import hookimpl
from ..model import OcrResult, PageImage, Word
from ..ocr import TESSERACT_VARIABLES, OcrError, enlarged_for_reading, open_page_image
from ..settings import Settings
from .tesseract_engine import prefer_turned, quarter_turn, reads_badly

ENGINE_CHOICES = ("auto", "tesserocr", "tesseract")
ENV_CHOICE = "SECORDOC_OCR_ENGINE"
INSTALL_HINT = (
    "Install it with: pip install tesserocr, and the language data with: sudo apt-get install "
    "tesseract-ocr-eng tesseract-ocr-osd (or choose --ocr-engine tesseract)."
)
#: Where tesseract's language data usually lives, after $TESSDATA_PREFIX.
TESSDATA_GLOBS = (
    "/usr/share/tesseract-ocr/*/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/usr/local/share/tesseract-ocr/*/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
    os.path.join(sys.prefix, "share", "tessdata"),
    r"C:\Program Files\Tesseract-OCR\tessdata",
)


def engine_choice(settings: Settings) -> str:
    """``auto``, ``tesserocr`` or ``tesseract``: the settings' choice, else the environment's."""
    choice = getattr(settings, "ocr_engine", "auto") or "auto"
    if choice == "auto":
        choice = (os.environ.get(ENV_CHOICE) or "auto").strip().lower()
    if choice not in ENGINE_CHOICES:
        raise UsageError(f"The OCR engine must be one of {', '.join(ENGINE_CHOICES)}, not '{choice}'.",
                         f"Check --ocr-engine or the {ENV_CHOICE} environment variable.")
    return choice


def _import_tesserocr() -> Any:
    """tesserocr, imported after ``OMP_THREAD_LIMIT=1`` is in the environment. Raises ImportError."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    import tesserocr

    return tesserocr


def find_tessdata(language: str) -> str | None:
    """The first tessdata folder holding every language of ``language`` ("eng", "eng+fra")."""
    wanted = [lang for lang in language.split("+") if lang]
    candidates: list[str] = []
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        candidates += [prefix, os.path.join(prefix, "tessdata")]
    for pattern in TESSDATA_GLOBS:
        candidates += sorted(glob.glob(pattern), reverse=True)  # the newest version first
    for folder in candidates:
        if wanted and all(os.path.isfile(os.path.join(folder, f"{lang}.traineddata")) for lang in wanted):
            return folder.rstrip("/\\") + os.sep
    return None


def _probe(language: str) -> tuple[str, str, str]:
    """(tessdata folder, libtesseract version, "") when tesserocr can read ``language``,
    else ("", "", the reason it cannot)."""
    try:
        tesserocr = _import_tesserocr()
    except ImportError as exc:
        return "", "", f"tesserocr is not installed ({exc})"
    except Exception as exc:  # noqa: BLE001 - a broken binary wheel: fall back, say why
        return "", "", f"tesserocr could not be loaded ({type(exc).__name__}: {exc})"
    datapath = find_tessdata(language)
    if datapath is None:
        return "", "", f"no tesseract language data for {language} was found (set TESSDATA_PREFIX)"
    # The language model itself is loaded by the first page's API, not here: loading it at every
    # start (80 ms) cost born-digital runs and --version for nothing. A model that cannot load
    # makes each page's OcrError say so.
    return datapath, str(tesserocr.PyTessBaseAPI.Version()), ""


class TesserocrEngine:
    name = "tesserocr"

    def __init__(self, language: str = "eng", timeout: float = 120.0) -> None:
        self.language = language
        self.timeout = timeout
        self.datapath, self.version, self.problem = _probe(language)
        self.version = self.version or "unknown"
        self.has_osd = False
        self._local = threading.local()

    @property
    def available(self) -> bool:
        return not self.problem

    def check(self) -> None:
        if self.problem:
            raise MissingDependencyError(f"The tesserocr OCR engine cannot run: {self.problem}.", INSTALL_HINT)
        self.has_osd = os.path.isfile(os.path.join(self.datapath, "osd.traineddata"))
        keep_freed_memory()

    # -- reading -----------------------------------------------------------------------------

    def read(self, image: PageImage) -> OcrResult:
        page = _open(image)
        turn = quarter_turn(page)
        result = self._recognise(_turned(page, turn), image.dpi, turn)
        if self.has_osd and reads_badly(result):
            rotation = self._orientation(page, image.dpi)
            if rotation is not None and rotation != result.rotation:
                # tesseract's "Rotate: N" is the clockwise turn that makes the page upright.
                turned = self._recognise(_turned(page, rotation), image.dpi, rotation)
                if prefer_turned(result, turned):
                    return turned
        return result

    def _api(self, kind: str) -> Any:
        """This thread's API of ``kind`` ("ocr" or "osd"), created on first use and then reused."""
        api = getattr(self._local, kind, None)
        if api is None:
            tesserocr = _import_tesserocr()
            try:
                if kind == "ocr":  # debug_file: in-process, tesseract's warnings would land on our stderr
                    api = tesserocr.PyTessBaseAPI(path=self.datapath, lang=self.language, psm=tesserocr.PSM.AUTO,
                                                  oem=tesserocr.OEM.LSTM_ONLY, variables={"debug_file": "/dev/null", **TESSERACT_VARIABLES})
                else:
                    api = tesserocr.PyTessBaseAPI(path=self.datapath, lang="osd", psm=tesserocr.PSM.OSD_ONLY)
            except RuntimeError as exc:
                raise OcrError(f"tesseract could not start ({exc})") from exc
            setattr(self._local, kind, api)
        return api

    def _recognise(self, page: Image.Image, dpi: float, rotation: int) -> OcrResult:
        api = self._api("ocr")
        page, dpi = enlarged_for_reading(page, dpi)
        data, bpp = _pixels(page)
        limit_ms = max(1, int(self.timeout * 1000))
        start = time.monotonic()
        try:
            api.SetImageBytes(data, page.width, page.height, bpp, page.width * bpp)
            api.SetSourceResolution(max(1, round(dpi)))
            if not api.Recognize(timeout=limit_ms):
                if time.monotonic() - start >= self.timeout * 0.95:
                    raise OcrError(f"OCR took longer than {self.timeout:.0f} s")
                raise OcrError("tesseract could not read the page (recognition failed)")
            return _result_from_iterator(api, 72.0 / dpi, rotation)
        except RuntimeError as exc:
            raise OcrError(f"tesseract could not read the page: {str(exc).strip()[:200]}") from exc
        finally:
            api.Clear()  # free the page's image and results now, not at this thread's next page

    def _orientation(self, page: Image.Image, dpi: float) -> int | None:
        """The clockwise turn that makes the page upright; None when there is too little text to tell."""
        try:
            api = self._api("osd")
        except OcrError:
            return None
        data, bpp = _pixels(page)
        try:
            api.SetImageBytes(data, page.width, page.height, bpp, page.width * bpp)
            api.SetSourceResolution(max(1, round(dpi)))
            osd = api.DetectOrientationScript()
        except RuntimeError:
            return None
        finally:
            api.Clear()
        if not osd:
            return None
        return (360 - int(osd["orient_deg"])) % 360


def _open(image: PageImage) -> Image.Image:
    """The page's pixels as grey or RGB, as stored (no EXIF turn: boxes are in the file's frame)."""
    try:
        page = _normalised(open_page_image(image.path))  # decoded once for OCR and the raster stages
    except FileNotFoundError as exc:
        raise OcrError("the page image is missing (was it deleted during the run?)") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise OcrError(f"the page image is too large to read safely ({exc})") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:  # UnidentifiedImageError is an OSError
        raise OcrError(f"the page image could not be decoded ({exc})") from exc
    if page.width < 3 or page.height < 3:
        raise OcrError(f"the page image is too small to read ({page.width}x{page.height} pixels)")
    if image.dpi <= 0:
        raise OcrError(f"the page image has no usable resolution ({image.dpi} DPI)")
    return page


def _turned(page: Image.Image, rotation: int) -> Image.Image:
    """The page turned ``rotation`` degrees clockwise (the page itself when 0)."""
    return page.rotate(-rotation, expand=True) if rotation else page


def _normalised(im: Image.Image) -> Image.Image:
    if im.mode in ("L", "RGB"):
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("L")
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        wide = im.convert("F")
        extrema: Any = wide.getextrema()  # one band: (min, max)
        low, high = float(extrema[0]), float(extrema[1])
        span = (high - low) or 1.0  # stretch whatever range the scanner used to 8 bits
        return wide.point(lambda v: (v - low) * 255.0 / span).convert("L")
    if im.mode in ("1", "P"):
        return im.convert("L") if im.mode == "1" else im.convert("RGB")
    return im.convert("RGB")  # CMYK, YCbCr, LAB, HSV


def _pixels(page: Image.Image) -> tuple[bytes, int]:
    return page.tobytes(), (1 if page.mode == "L" else 3)


def _result_from_iterator(api: Any, scale: float, rotation: int) -> OcrResult:
    """Words with boxes in points, and text with tesseract's own line and paragraph breaks.

    Walks the words the way tesseract writes its TSV (block, paragraph and line numbers from
    ``IsAtBeginningOf``, empty words skipped), so text and words match the pytesseract engine's.
    Word confidences are whole numbers, as pytesseract reports them.
    """
    from tesserocr import RIL

    words: list[Word] = []
    lines: dict[tuple[int, int, int], list[str]] = {}
    block = paragraph = line = 0
    it = api.GetIterator()
    while it is not None and not it.Empty(RIL.BLOCK):
        if it.Empty(RIL.WORD):
            if not it.Next(RIL.WORD):
                break
            continue
        if it.IsAtBeginningOf(RIL.BLOCK):
            block, paragraph, line = block + 1, 0, 0
        if it.IsAtBeginningOf(RIL.PARA):
            paragraph, line = paragraph + 1, 0
        if it.IsAtBeginningOf(RIL.TEXTLINE):
            line += 1
        try:
            text = (it.GetUTF8Text(RIL.WORD) or "").strip()
        except RuntimeError:
            text = ""
        conf = float(int(it.Confidence(RIL.WORD)))
        bbox = it.BoundingBox(RIL.WORD)
        if text and conf >= 0 and bbox is not None:
            x0, y0, x1, y1 = bbox
            box = (round(x0 * scale, 1), round(y0 * scale, 1), round(x1 * scale, 1), round(y1 * scale, 1))
            words.append(Word(text, box, conf))
            lines.setdefault((block, paragraph, line), []).append(text)
        if not it.Next(RIL.WORD):
            break
    out: list[str] = []
    previous = None
    for key, line_words in lines.items():
        if previous is not None and key[:2] != previous:
            out.append("")
        out.append(" ".join(line_words))
        previous = key[:2]
    confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
    return OcrResult("\n".join(out), tuple(words), round(confidence, 1), rotation)


@hookimpl(trylast=True)
def secordoc_ocr_engine(settings: Settings) -> TesserocrEngine | None:
    """tesserocr when it can read the run's language (or when forced); otherwise pass, and the
    pytesseract engine answers."""
    choice = engine_choice(settings)
    if choice == "tesseract":
        return None
    engine = TesserocrEngine(settings.language, settings.time_limit)
    if choice == "tesserocr" or engine.available:
        return engine  # forced but unavailable: check() says why and how to install it
    return None
