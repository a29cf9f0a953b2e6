"""The built-in OCR engine: tesseract through pytesseract, fed the way perf-notes.md measured best.

- ``OMP_THREAD_LIMIT=1`` for every tesseract child: its OpenMP threads ran 8.6x slower on 2 cores;
  parallelism comes from one tesseract per core instead.
- Always ``--dpi``: without it tesseract misread a 300 DPI form with 27% character error.
- A file path, never a PIL image (pytesseract would write a PNG temp file, doubling the cost).
- ``--psm 3``: ``--psm 6`` and ``11`` garbled slightly rotated ruled forms.
- Orientation detection (``--psm 0``) runs only when a page reads badly, so upright pages pay nothing.
- A landscape page whose lines run up and down (a portrait form fed in sideways) is turned a
  quarter before it is read (``quarter_turn``, ~40 ms, landscape pages only), instead of being read
  sideways first, failing, and being read again: on the tier-3 scans that first reading was 0.3-0.9 s
  of wasted OCR a sideways page. Orientation detection still settles upside down.
- tesseract's second, inverted reading of lines it is unsure of (``tessedit_do_invert``) stays on:
  off, the tier-3 scans and photos read 5% faster, but 4% of their words changed and the
  development corpus's tier-3 category accuracy fell from 0.969 to 0.901 (findings F1 0.72 to
  0.58); the benchmark's clean scans lost nothing (word recall 99.78% either way).

The fallback engine: ``tesserocr_engine`` (the same tesseract, in-process) is asked first and
passes when tesserocr cannot run; ``--ocr-engine tesseract`` forces this one.
"""

from __future__ import annotations

import os
import tempfile

import numpy as np
import pytesseract
from PIL import Image

from ..errors import MissingDependencyError
from ..hookspecs import hookimpl
from ..model import OcrResult, PageImage, Word
from ..ocr import COARSE_DPI, TESSERACT_VARIABLES, OcrError, enlarged_for_reading
from ..settings import Settings

INSTALL_HINT = (
    "Install it with: sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd, "
    "or pip install tesserocr for the in-process engine (it needs the same language packages) "
    "(or run with --no-ocr to check text-layer pages only)."
)
#: Below this mean word confidence (or with too few words) the page may be sideways.
REORIENT_BELOW_CONFIDENCE = 65.0
REORIENT_BELOW_WORDS = 15
#: Landscape images shorter than this (pixels) are never turned first: a strip, not a page.
MIN_TURN_SIDE = 200


class TesseractEngine:
    name = "tesseract"

    def __init__(self, language: str = "eng", timeout: float = 120.0) -> None:
        os.environ["OMP_THREAD_LIMIT"] = "1"
        self.language = language
        self.timeout = timeout
        self.version = "unknown"
        self.has_osd = False

    def check(self) -> None:
        try:
            self.version = str(pytesseract.get_tesseract_version())
            languages = set(pytesseract.get_languages(config=""))
        except (pytesseract.TesseractNotFoundError, OSError) as exc:
            raise MissingDependencyError(
                "tesseract, the OCR program secordoc uses for scans and photos, is not installed.",
                INSTALL_HINT,
            ) from exc
        missing = [lang for lang in self.language.split("+") if lang not in languages]
        if missing:
            raise MissingDependencyError(
                f"tesseract has no language data for {', '.join(missing)}.",
                f"Install it with: sudo apt-get install "
                f"{' '.join('tesseract-ocr-' + m for m in missing)}",
            )
        self.has_osd = "osd" in languages

    def read(self, image: PageImage) -> OcrResult:
        result = self._read_turned(image, self._quarter_turn(image))
        if self.has_osd and reads_badly(result):
            rotation = self._orientation(image)
            if rotation is not None and rotation != result.rotation:
                turned = self._read_turned(image, rotation)
                if prefer_turned(result, turned):
                    return turned
        return result

    def _quarter_turn(self, image: PageImage) -> int:
        width, height = image.width_px, image.height_px
        try:
            if width <= 0 or height <= 0:
                with Image.open(image.path) as im:  # the header only
                    width, height = im.size
            if width <= height:
                return 0
            with Image.open(image.path) as im:
                return quarter_turn(im.convert("L") if im.mode != "L" else im)
        except (OSError, ValueError, SyntaxError, EOFError):
            return 0  # tesseract says what is wrong with the file

    def _run(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, timeout=self.timeout, **kwargs)
        except RuntimeError as exc:  # pytesseract reports its timeout as RuntimeError
            raise OcrError(f"OCR took longer than {self.timeout:.0f} s") from exc
        except pytesseract.TesseractError as exc:
            raise OcrError(f"tesseract could not read the page: {exc.message.strip()[:200]}") from exc

    def _ocr(self, path: str, dpi: float, rotation: int = 0) -> OcrResult:
        config = f"--oem 1 --psm 3 --dpi {round(dpi)}" + "".join(f" -c {k}={v}" for k, v in TESSERACT_VARIABLES.items())
        data = self._run(
            pytesseract.image_to_data,
            path,
            lang=self.language,
            config=config,
            output_type=pytesseract.Output.DICT,
        )
        return _result_from_data(data, 72.0 / dpi, rotation)

    def _orientation(self, image: PageImage) -> int | None:
        """The clockwise turn that makes the page upright; None when there is too little text to tell."""
        try:
            osd = self._run(
                pytesseract.image_to_osd,
                image.path,
                config=f"--psm 0 --dpi {round(image.dpi)}",
                output_type=pytesseract.Output.DICT,
            )
        except OcrError:
            return None  # too little text to tell: keep the page as it is
        return int(osd.get("rotate", 0)) % 360

    def _read_turned(self, image: PageImage, rotation: int) -> OcrResult:
        """The page read turned ``rotation`` degrees clockwise: from its own file when upright and
        fine enough, else from a turned or enlarged copy."""
        if not rotation and image.dpi >= COARSE_DPI:
            return self._ocr(image.path, image.dpi)
        # tesseract's "Rotate: N" is the clockwise turn that makes the page upright.
        with Image.open(image.path) as im:
            turned = im.rotate(-rotation, expand=True) if rotation else im.copy()
        turned, dpi = enlarged_for_reading(turned, image.dpi)
        fd, tmp = tempfile.mkstemp(suffix=".bmp", dir=image.scratch_dir or None)
        os.close(fd)
        try:
            turned.save(tmp, format="BMP")
            return self._ocr(tmp, dpi, rotation)
        finally:
            os.unlink(tmp)


def quarter_turn(page: Image.Image) -> int:
    """The clockwise quarter turn (90 or 270) that makes a landscape page's lines run across, when
    they run up and down (a portrait form scanned sideways); else 0. Portrait pages are not looked
    at (upside down and sideways-landscape pages are left to orientation detection, as before)."""
    if page.width <= page.height or page.height < MIN_TURN_SIDE:
        return 0
    from ..imaging.orientation import upright_turn  # OpenCV: loaded for landscape pages only

    try:
        anticlockwise = upright_turn(np.asarray(page if page.mode == "L" else page.convert("L")))
    except Exception:  # noqa: BLE001 - an odd strip of an image: read it as it is
        return 0
    return (360 - anticlockwise) % 360


def prefer_turned(result: OcrResult, turned: OcrResult) -> bool:
    """Orientation detection agreed the page is turned: keep the upright reading unless it is
    clearly worse (a sideways reading can score well but has sideways boxes)."""
    return turned.confidence * len(turned.words) >= 0.8 * result.confidence * len(result.words)


def reads_badly(result: OcrResult) -> bool:
    """Low confidence, few words, or words standing on end (tesseract reads some sideways pages
    well, but then every box is in sideways coordinates)."""
    long_words = [w for w in result.words if len(w.text) >= 4]
    upright = sum(1 for w in long_words if (w.box[2] - w.box[0]) >= (w.box[3] - w.box[1]))
    sideways = bool(long_words) and upright < len(long_words) / 2
    return sideways or result.confidence < REORIENT_BELOW_CONFIDENCE or len(result.words) < REORIENT_BELOW_WORDS


def _result_from_data(data: dict, scale: float, rotation: int) -> OcrResult:
    """Words with boxes in points, and text with tesseract's own line and paragraph breaks."""
    words: list[Word] = []
    lines: dict[tuple[int, int, int], list[str]] = {}
    paragraph_of: dict[tuple[int, int, int], tuple[int, int]] = {}
    for i, raw in enumerate(data["text"]):
        text = raw.strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
        box = (round(x * scale, 1), round(y * scale, 1), round((x + w) * scale, 1), round((y + h) * scale, 1))
        words.append(Word(text, box, conf))
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(text)
        paragraph_of[key] = key[:2]
    out: list[str] = []
    previous = None
    for key, line_words in lines.items():
        if previous is not None and paragraph_of[key] != previous:
            out.append("")
        out.append(" ".join(line_words))
        previous = paragraph_of[key]
    confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
    return OcrResult("\n".join(out), tuple(words), round(confidence, 1), rotation)


@hookimpl(trylast=True)
def secordoc_ocr_engine(settings: Settings) -> TesseractEngine:
    return TesseractEngine(settings.language, settings.time_limit)
