"""The in-process tesserocr engine: the same words as the pytesseract engine on the bundled
sample's scans, sideways pages turned upright, thread safety, and the automatic choice."""

from __future__ import annotations

import difflib
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from secordoc.builtin import tesserocr_engine
from secordoc.builtin.tesseract_engine import TesseractEngine, quarter_turn
from secordoc.builtin.tesserocr_engine import TesserocrEngine
from secordoc.errors import MissingDependencyError, UsageError
from secordoc.model import OcrResult, PageImage
from secordoc.ocr import OcrError
from secordoc.settings import Settings

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample-package"
SCANS = sorted(SAMPLE.glob("scan*.pdf"))


def _usable() -> str:
    """Empty when tesserocr can run here, else why not (the engine tests are skipped)."""
    return TesserocrEngine().problem


needs_tesserocr = pytest.mark.skipif(bool(_usable()), reason="tesserocr cannot run here")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[PageImage]:
    """The sample package's scanned pages, as the PDF loader hands them to OCR: the stored JPEG
    bytes with the resolution the page's size implies."""
    folder = tmp_path_factory.mktemp("scans")
    out = []
    for pdf in SCANS:
        document = pdfium.PdfDocument(str(pdf))
        try:
            page = document[0]
            (image,) = [o for o in page.get_objects() if isinstance(o, pdfium.PdfImage)]
            target = folder / f"{pdf.stem}.jpg"
            target.write_bytes(bytes(image.get_data(decode_simple=False)))
            width_px, height_px = image.get_px_size()
            dpi = round(width_px / (page.get_width() / 72.0), 1)
        finally:
            document.close()
        out.append(PageImage(str(target), dpi, width_px, height_px, str(folder)))
    return out


@pytest.fixture(scope="module")
def engine() -> TesserocrEngine:
    e = TesserocrEngine()
    e.check()
    return e


@pytest.fixture(scope="module")
def pytesseract_engine() -> TesseractEngine:
    e = TesseractEngine()
    e.check()
    return e


def _matched(a: OcrResult, b: OcrResult) -> list[tuple[int, int]]:
    """Index pairs of identical tokens, in order (the longest common word sequence)."""
    matcher = difflib.SequenceMatcher(a=[w.text for w in a.words], b=[w.text for w in b.words], autojunk=False)
    return [(block.a + k, block.b + k) for block in matcher.get_matching_blocks() for k in range(block.size)]


@needs_tesserocr
def test_same_words_and_boxes_as_the_pytesseract_engine_on_the_bundled_sample(engine, pytesseract_engine, pages):
    """Both read with tesseract's LSTM model; the pip wheel's libtesseract (5.5) may be newer than
    the tesseract program (Debian: 5.3), so a few words differ - mostly the scribbles in
    signature fields, which both read as noise."""
    assert len(pages) >= 1
    same = total = 0
    for page in pages:
        ours, theirs = engine.read(page), pytesseract_engine.read(page)
        pairs = _matched(theirs, ours)
        longest = max(len(ours.words), len(theirs.words))
        assert len(pairs) >= 0.85 * longest, page.path
        for i, j in pairs:
            assert all(abs(p - q) <= 2.0 for p, q in zip(theirs.words[i].box, ours.words[j].box)), (
                theirs.words[i], ours.words[j])
        assert ours.rotation == theirs.rotation == 0
        assert abs(ours.confidence - theirs.confidence) <= 5
        assert ours.text.split() == [w.text for w in ours.words]  # text is the words, in order
        same += len(pairs)
        total += longest
    assert same >= 0.95 * total


@needs_tesserocr
def test_text_has_the_same_shape_as_the_pytesseract_engine(engine, pages):
    """Lines joined by newlines, a blank line between paragraphs, built exactly as the pytesseract
    engine builds it from tesseract's TSV (here the same library's own TSV)."""
    from secordoc.builtin.tesseract_engine import _result_from_data

    result = engine.read(pages[0])
    api = engine._api("ocr")
    api.SetImageFile(pages[0].path)
    api.SetSourceResolution(round(pages[0].dpi))
    columns = ["level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width", "height",
               "conf", "text"]
    data: dict[str, list] = {c: [] for c in columns}
    for row in api.GetTSVText(0).strip("\n").split("\n"):
        cells = row.split("\t") + [""] * 12
        for column, value in zip(columns, cells):
            data[column].append(value if column == "text" else int(float(value)))
    api.Clear()
    assert result == _result_from_data(data, 72.0 / pages[0].dpi, 0)
    assert "\n\n" in result.text and "Northern Lights Contracting Ltd." in result.text


@needs_tesserocr
@pytest.mark.parametrize("turn, expected", [(90, 90), (-90, 270)])
def test_a_sideways_page_is_detected_and_read_upright(engine, pages, tmp_path, turn, expected):
    page = pages[0]
    upright = engine.read(page)
    with Image.open(page.path) as im:
        sideways = im.rotate(turn, expand=True)  # fed into the scanner sideways
    path = tmp_path / "sideways.png"
    sideways.save(path)
    result = engine.read(PageImage(str(path), page.dpi, sideways.width, sideways.height, str(tmp_path)))
    assert result.rotation == expected
    assert len(_matched(upright, result)) >= 0.95 * len(upright.words)
    # boxes are in the upright page's frame: across the page's width, words lying flat
    width_pt = page.width_px * 72 / page.dpi
    assert max(w.box[2] for w in result.words) <= width_pt + 1
    assert sum(1 for w in result.words if w.box[2] - w.box[0] >= w.box[3] - w.box[1]) >= 0.9 * len(result.words)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sideways.png"]  # nothing written


@needs_tesserocr
@pytest.mark.parametrize("turn, expected", [(90, 90), (-90, 270)])
def test_a_page_fed_in_sideways_is_turned_before_it_is_read_once(engine, pytesseract_engine, pages, tmp_path, monkeypatch,
                                                                 turn, expected):
    """A portrait form scanned sideways is a landscape image whose lines run up and down: it is
    turned a quarter first and read once, not read sideways, found bad, and read again."""
    with Image.open(pages[0].path) as im:
        sideways = im.rotate(turn, expand=True)
    path = tmp_path / "sideways.png"
    sideways.save(path)
    page = PageImage(str(path), pages[0].dpi, sideways.width, sideways.height, str(tmp_path))
    assert quarter_turn(sideways) == expected
    readings: list[int] = []
    recognise, ocr = engine._recognise, pytesseract_engine._ocr
    monkeypatch.setattr(engine, "_recognise", lambda im, dpi, rotation: readings.append(rotation) or recognise(im, dpi, rotation))
    monkeypatch.setattr(pytesseract_engine, "_ocr", lambda path, dpi, rotation=0: readings.append(rotation) or ocr(path, dpi, rotation))
    ours, theirs = engine.read(page), pytesseract_engine.read(page)
    assert readings == [expected, expected]
    assert ours.rotation == theirs.rotation == expected
    assert len(_matched(engine.read(pages[0]), ours)) >= 0.95 * len(ours.words)


@needs_tesserocr
def test_upright_and_portrait_pages_are_not_turned_first(pages):
    with Image.open(pages[0].path) as im:
        im.load()
        landscape = im.crop((0, 0, im.width, im.height // 2))  # upright, wider than tall
        assert quarter_turn(im) == 0 and quarter_turn(landscape) == 0
        assert quarter_turn(im.rotate(180, expand=True)) == 0  # upside down: orientation detection's
        assert quarter_turn(Image.new("L", (4000, 40), 255)) == 0  # a strip


@needs_tesserocr
def test_two_threads_read_the_same_as_one_reading_in_turn(pages, monkeypatch):
    import tesserocr

    sequential = TesserocrEngine()
    sequential.check()
    expected = [sequential.read(p) for p in pages]
    created = []
    real = tesserocr.PyTessBaseAPI

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        created.append(kwargs.get("lang"))
        return real(*args, **kwargs)

    threaded = TesserocrEngine()
    threaded.check()
    monkeypatch.setattr(tesserocr, "PyTessBaseAPI", counting)
    work = pages * 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        got = list(pool.map(threaded.read, work))
    assert got == expected * 2
    assert created.count("eng") <= 2  # one API per thread, reused for every later page


@needs_tesserocr
@pytest.mark.parametrize("mode, suffix", [("1", "png"), ("RGB", "jpg"), ("L", "png"), ("RGBA", "png"), ("CMYK", "jpg")])
def test_image_modes_and_formats(engine, pages, tmp_path, mode, suffix):
    with Image.open(pages[0].path) as im:
        top = im.crop((0, 0, im.width, im.height // 3)).convert(mode)
    path = tmp_path / f"page.{suffix}"
    top.save(path)
    result = engine.read(PageImage(str(path), pages[0].dpi, top.width, top.height, str(tmp_path)))
    assert "Northern Lights Contracting" in result.text and result.rotation == 0


@needs_tesserocr
def test_a_failing_page_is_an_ocr_error_never_a_crash(engine, tmp_path, pages):
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 20)
    Image.new("L", (2, 2), 255).save(tmp_path / "dot.png")
    Image.new("L", (40000, 20), 255).save(tmp_path / "strip.png")  # beyond tesseract's limits
    for name, size in [("missing.jpg", (10, 10)), ("broken.jpg", (10, 10)), ("dot.png", (2, 2)), ("strip.png", (40000, 20))]:
        with pytest.raises(OcrError):
            engine.read(PageImage(str(tmp_path / name), 300.0, *size, str(tmp_path)))
    slow = TesserocrEngine(timeout=0.001)
    slow.check()
    with pytest.raises(OcrError, match="longer than"):
        slow.read(pages[0])
    blank = tmp_path / "blank.png"
    Image.new("L", (2550, 3300), 255).save(blank)
    assert engine.read(PageImage(str(blank), 300.0, 2550, 3300, str(tmp_path))) == OcrResult("", (), 0.0, 0)
    assert engine.read(pages[0]).words  # the engine still reads after its failures


# -- choosing the engine -----------------------------------------------------------------------


def test_falls_back_to_pytesseract_when_tesserocr_cannot_be_imported(pm, settings, monkeypatch):
    monkeypatch.delenv(tesserocr_engine.ENV_CHOICE, raising=False)
    monkeypatch.setitem(sys.modules, "tesserocr", None)  # "import tesserocr" raises ImportError
    engine = pm.hook.secordoc_ocr_engine(settings=settings)
    assert isinstance(engine, TesseractEngine) and engine.name == "tesseract"


def test_forcing_tesserocr_when_it_cannot_run_names_the_install_step(pm, settings, monkeypatch):
    monkeypatch.setitem(sys.modules, "tesserocr", None)
    monkeypatch.setenv(tesserocr_engine.ENV_CHOICE, "tesserocr")
    engine = pm.hook.secordoc_ocr_engine(settings=settings)
    assert engine.name == "tesserocr"
    with pytest.raises(MissingDependencyError) as raised:
        engine.check()
    assert "pip install tesserocr" in str(raised.value)


def test_missing_language_data_falls_back(pm, monkeypatch):
    monkeypatch.delenv(tesserocr_engine.ENV_CHOICE, raising=False)
    engine = pm.hook.secordoc_ocr_engine(settings=Settings(language="xyz", use_cache=False))
    assert engine.name == "tesseract"


@needs_tesserocr
def test_automatic_choice_is_tesserocr_and_can_be_forced_either_way(pm, settings, monkeypatch):
    monkeypatch.delenv(tesserocr_engine.ENV_CHOICE, raising=False)
    auto = pm.hook.secordoc_ocr_engine(settings=settings)
    assert auto.name == "tesserocr" and auto.version.startswith(("4.", "5.", "6."))
    assert pm.hook.secordoc_ocr_engine(settings=Settings(ocr_engine="tesseract")).name == "tesseract"
    monkeypatch.setenv(tesserocr_engine.ENV_CHOICE, "tesseract")
    assert pm.hook.secordoc_ocr_engine(settings=settings).name == "tesseract"
    assert pm.hook.secordoc_ocr_engine(settings=Settings(ocr_engine="tesserocr")).name == "tesserocr"
    monkeypatch.setenv(tesserocr_engine.ENV_CHOICE, "fastest")
    with pytest.raises(UsageError):
        pm.hook.secordoc_ocr_engine(settings=settings)


@needs_tesserocr
def test_version_names_the_chosen_engine(monkeypatch):
    from click.testing import CliRunner

    from secordoc.cli import cli

    monkeypatch.delenv(tesserocr_engine.ENV_CHOICE, raising=False)
    assert "OCR engine tesserocr " in CliRunner().invoke(cli, ["--version"]).output
    monkeypatch.setenv(tesserocr_engine.ENV_CHOICE, "tesseract")
    assert "OCR engine tesseract " in CliRunner().invoke(cli, ["--version"]).output


@needs_tesserocr
def test_a_coarse_page_is_read_enlarged_by_both_engines_with_boxes_in_points(engine, pytesseract_engine, pages, tmp_path):
    """A phone photo's 120 DPI: both engines read an enlarged copy, and the words land where the
    full-resolution reading puts them."""
    page = pages[0]
    with Image.open(page.path) as im:
        grow = 120 / page.dpi
        coarse = im.convert("L").resize((round(im.width * grow), round(im.height * grow)), Image.Resampling.LANCZOS)
    path = tmp_path / "coarse.png"
    coarse.save(path)
    small = PageImage(str(path), 120, coarse.width, coarse.height)
    full, ours, theirs = engine.read(page), engine.read(small), pytesseract_engine.read(small)
    for result in (ours, theirs):
        pairs = _matched(full, result)
        assert len(pairs) >= 0.6 * len(full.words)
        near = sum(all(abs(p - q) <= 4.0 for p, q in zip(full.words[i].box, result.words[j].box)) for i, j in pairs)
        assert near >= 0.9 * len(pairs)


def test_only_coarse_pages_are_enlarged_for_reading():
    from secordoc.ocr import READ_DPI, enlarged_for_reading

    page = Image.new("L", (1100, 1400), 255)
    bigger, dpi = enlarged_for_reading(page, 110)
    assert dpi == READ_DPI and bigger.width == 2000
    same, dpi = enlarged_for_reading(page, 200)
    assert same is page and dpi == 200


@needs_tesserocr
def test_both_engines_read_with_the_shared_tesseract_settings(engine, pytesseract_engine, pages, monkeypatch):
    from secordoc.builtin import tesseract_engine
    from secordoc.ocr import TESSERACT_VARIABLES

    engine.read(pages[0])
    api = engine._api("ocr")
    assert TESSERACT_VARIABLES and all(api.GetVariableAsString(k) == v for k, v in TESSERACT_VARIABLES.items())
    configs: list[str] = []
    real = tesseract_engine.pytesseract.image_to_data

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        configs.append(kwargs["config"])
        return real(*args, **kwargs)

    monkeypatch.setattr(tesseract_engine.pytesseract, "image_to_data", recording)
    pytesseract_engine.read(pages[0])
    assert configs and all(f"-c {k}={v}" in configs[0] for k, v in TESSERACT_VARIABLES.items())
