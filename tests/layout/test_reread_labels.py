"""The labels beside signatures that tesseract lost, read again."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from secordoc.layout import reread
from secordoc.layout.reread_labels import ACCEPT, DETECT_SIDE, MIN_DETECT_PRINT, MIN_UNREAD, lines_to_reread, read_strip, reread_labels, small_print, unread_width
from secordoc.model import InkMark, Word

DPI = 200
SCALE = 72 / DPI


def pt(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return tuple(round(v * SCALE, 1) for v in box)  # type: ignore[return-value]


def signed_line(label: str) -> tuple[Image.Image, InkMark]:
    image = Image.new("L", (1700, 400), 255)
    draw = ImageDraw.Draw(image)
    draw.text((100, 200), label, fill=0, font=ImageFont.load_default(size=30))
    draw.line((420, 232, 900, 232), fill=0, width=2)
    points = [(460 + 18 * i, 215 + (14 if i % 2 else -10)) for i in range(20)]
    draw.line(points, fill=0, width=4)  # a pen stroke over the line
    return image, InkMark(pt((450, 195, 830, 240)), "raster", 400.0)


def test_a_signature_with_a_confident_label_beside_it_is_left_alone():
    _, mark = signed_line("Conducted by:")
    label = [Word("Conducted", pt((100, 200, 240, 232)), 95.0), Word("by:", pt((250, 200, 290, 232)), 95.0)]
    assert lines_to_reread(label, [mark]) == []


def test_ticks_and_specks_are_no_signatures():
    assert lines_to_reread([], [InkMark((100, 100, 108, 108), "raster", 20.0)]) == []


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_a_label_tesseract_lost_beside_a_signature_is_read_again():
    image, mark = signed_line("Conducted by:")
    garbage = [Word("Cndcl", pt((100, 200, 240, 232)), 21.0)]  # what tesseract made of it
    out = reread_labels(image, DPI, garbage, [mark])
    texts = [w.text for w in out]
    assert "Conducted" in texts and "Cndcl" not in texts


def test_a_line_confidently_read_word_by_word_is_all_covered_but_a_lost_word_is_not():
    sure = [Word("Site", (100, 50, 130, 62), 95.0), Word("inspection", (134, 50, 200, 62), 92.0)]
    assert unread_width((98, 48, 202, 64), sure) < MIN_UNREAD * 16  # the space between them counts as read
    assert unread_width((98, 48, 250, 64), sure) > 40  # "report", lost, after them
    assert unread_width((98, 48, 202, 64), [Word("Site", (100, 80, 130, 92), 95.0)]) == 104  # another line's word


def wide_signed_line() -> tuple[Image.Image, InkMark, list[Word]]:
    """A line many times wider than high: a heading read confidently at the left margin, far from
    the signature; its label ("Conducted by:") lost."""
    image = Image.new("L", (2200, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    draw.text((100, 200), "Inspection report", fill=0, font=font)
    draw.text((1150, 200), "Conducted by:", fill=0, font=font)
    draw.line((1400, 232, 1950, 232), fill=0, width=2)
    draw.line([(1440 + 20 * i, 215 + (14 if i % 2 else -10)) for i in range(22)], fill=0, width=4)
    words = [Word("Inspection", pt((100, 200, 250, 232)), 96.0), Word("report", pt((262, 200, 350, 232)), 95.0),
             Word("Cndcl", pt((1150, 200, 1290, 232)), 21.0)]
    return image, InkMark(pt((1430, 195, 1880, 240)), "raster", 400.0), words


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_on_a_wide_strip_only_the_lines_tesseract_did_not_read_are_recognised(monkeypatch: pytest.MonkeyPatch):
    image, mark, words = wide_signed_line()
    [region] = lines_to_reread(words, [mark])
    assert (region[2] - region[0]) / (region[3] - region[1]) > 8  # the reader would letterbox it
    second = reread.reader()
    read: list[str] = []
    real = second.text_rec

    def recording(pieces, *args, **kwargs):  # type: ignore[no-untyped-def]
        texts, elapsed = real(pieces, *args, **kwargs)
        read.extend(text for text, _ in texts)
        return texts, elapsed

    monkeypatch.setattr(second, "text_rec", recording)
    out = reread_labels(image, DPI, words, [mark])
    texts = [w.text for w in out]
    assert "Conducted" in texts and "Cndcl" not in texts
    assert texts.count("Inspection") == 1 and texts.count("report") == 1
    assert read and not any("Inspection" in text or "report" in text for text in read)  # covered: never recognised


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_the_strip_reads_the_same_lines_as_the_whole_reader_on_it():
    image, mark, words = wide_signed_line()
    [region] = lines_to_reread(words, [mark])
    cut = reread.crop(image, region, DPI / 72)
    assert cut is not None
    ours = [text for _, text, score in read_strip(reread.reader(), cut, lambda _: True) if score >= ACCEPT]
    whole = [text for _, text, score in reread.reader()(cut)[0] or [] if score >= ACCEPT]
    assert any("Conducted" in text for text in ours) and any("Conducted" in text for text in whole)
    assert any("Inspection" in text for text in ours) and any("Inspection" in text for text in whole)


def detection_sizes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """The shapes of the images the second reader's detection is given from now on."""
    second = reread.reader()
    seen: list[tuple[int, ...]] = []
    real = second.auto_text_det

    def recording(img, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(img.shape)
        return real(img, *args, **kwargs)

    monkeypatch.setattr(second, "auto_text_det", recording)
    return seen


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
def test_a_strip_longer_than_detection_sees_is_detected_shrunk_and_read_where_it_is(monkeypatch: pytest.MonkeyPatch):
    image, mark, words = wide_signed_line()
    image = image.resize((image.width * 3 // 2, image.height * 3 // 2))  # the same sheet at 300 DPI
    dpi = DPI * 3 // 2
    [region] = lines_to_reread(words, [mark])
    assert (region[2] - region[0]) * dpi / 72 > DETECT_SIDE  # the strip is longer than detection sees
    seen = detection_sizes(monkeypatch)
    out = reread_labels(image, dpi, words, [mark])
    assert seen and max(seen[0][:2]) <= DETECT_SIDE
    [conducted] = [w for w in out if w.text == "Conducted"]
    assert abs(conducted.box[0] - 1150 * SCALE) < 6 and abs(conducted.box[1] - 200 * SCALE) < 6  # in points, where it is printed


@pytest.mark.skipif(not reread.available(), reason="rapidocr-onnxruntime is not installed")
@pytest.mark.parametrize("print_px, shrunk_to_the_limit", [(60.0, True), (20.0, False)])
def test_a_long_strip_is_shrunk_for_detection_only_as_far_as_its_small_print_allows(monkeypatch: pytest.MonkeyPatch,
                                                                                    print_px: float, shrunk_to_the_limit: bool):
    image, mark, words = wide_signed_line()
    cut = image.resize((1900, 300))  # narrower than the reader's own limit (2000 px)
    seen = detection_sizes(monkeypatch)
    read_strip(reread.reader(), cut.convert("RGB"), lambda _: True, print_px)
    assert (max(seen[0][:2]) <= DETECT_SIDE) is shrunk_to_the_limit
    if not shrunk_to_the_limit:  # 20 px print: still 16 px in what detection sees
        assert max(seen[0][:2]) / 1900 * print_px >= MIN_DETECT_PRINT - 0.5


def test_the_small_print_of_a_page_is_its_smaller_confident_words():
    words = [Word("Heading", (0, 0, 80, 20), 95.0)] + [Word("body", (0, 30 + i, 40, 40 + i), 90.0) for i in range(8)] \
        + [Word(text, (0, 100, 20, 106), 92.0) for text in ("Signature", "of", "worker")] + [Word("xx", (0, 0, 9, 3), 20.0)]
    assert small_print(words) == 6  # not the doubtful speck, not the body text
    assert small_print([]) == 0.0
