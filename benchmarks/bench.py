#!/usr/bin/env python3
"""Speed and memory of secordoc, side by side with the baselines it names, on this machine.

Builds its inputs (a scanned package and a born-digital one), then measures in the same run:
- scanned pages: secordoc's throughput against plain `tesseract IMG out --oem 1 --psm 3 --dpi N`
  over the same page images with the same number of processes (OMP_THREAD_LIMIT=1, its fastest
  setting here), and against `ocrmypdf --output-type none --sidecar` with the same jobs when
  ocrmypdf is installed;
- the OCR accuracy of both (word recall against the generator's text), so speed is not bought
  with errors;
- text-layer pages per second;
- secordoc with its in-process engine (tesserocr) and with the pytesseract engine, the three
  scanned measurements taken in turn ``--repeat`` times, medians printed (the machine drifts);
- born-digital one-page files per second, whole process (start-up and isolation per file show);
- a warm re-check of the unchanged package as a fraction of the cold run;
- peak memory (the main process, and the largest child);
- the scanned and photographed pages of the development corpus's tier-3 packages
  (``../shared/devcorpus``: combined scans, phone photos, sideways pages): plain tesseract on
  those pages (each page's stored image at its own resolution with ``--dpi``: the JPEG a scanned
  PDF page holds, the photo file itself, or a page without one rendered at 300 DPI beforehand,
  outside the timing), against ``secordoc check`` on the same packages, cold, which also
  flattens photos, turns sideways pages, reads born-digital files and checks the package.

Not a test: it prints figures.
`python benchmarks/bench.py [--scanned 60] [--digital 500] [--one-page 200] [--repeat 3] [--jobs N]
[--corpus ../shared/devcorpus] [--tiers tier3] [--only synthetic|corpus]`.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image
from pypdf import PdfWriter

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "devcorpus"
sys.path.insert(0, str(ROOT / "tests"))

from helpers import truth_text, word_recall  # noqa: E402
from secordoc.settings import default_jobs  # noqa: E402
from secordoc.testing.forms import TEMPLATES  # noqa: E402
from secordoc.testing.generator import DocSpec, build_pdf, build_scan  # noqa: E402

KINDS = [k for k in TEMPLATES if not k.startswith("unclassified")]


def scanned_specs(n: int) -> list[DocSpec]:
    return [DocSpec(KINDS[i % len(KINDS)], f"2026-{1 + i % 12:02d}-{10 + i % 15}", "scan", dpi=300, seed=i, title=i)
            for i in range(n)]


def build_inputs(work: Path, scanned: int, digital: int) -> tuple[Path, Path, Path, list[DocSpec]]:
    scans, pages, digital_dir = work / "scanned", work / "scan-images", work / "digital"
    for d in (scans, pages, digital_dir):
        d.mkdir(parents=True)
    specs = scanned_specs(scanned)
    for i, spec in enumerate(specs):
        data = build_scan(spec)
        (scans / f"scan{i:04d}.pdf").write_bytes(data)
        doc = pdfium.PdfDocument(data)
        (image,) = list(doc[0].get_objects())
        (pages / f"scan{i:04d}.jpg").write_bytes(bytes(image.get_data(decode_simple=False)))
        doc.close()
    per_file = 10
    for f in range(digital // per_file):
        writer = PdfWriter()
        for p in range(per_file):
            spec = DocSpec(KINDS[(f + p) % len(KINDS)], f"2026-{1 + p:02d}-1{p % 10}", "digital", seed=f * per_file + p)
            writer.append(io.BytesIO(build_pdf(spec)))
        writer.write(digital_dir / f"binder{f:03d}.pdf")
    return scans, pages, digital_dir, specs



# --- the development corpus's scanned and photographed pages ---------------------------------

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif")
#: As secordoc decides (pdf_loader): a page with fewer letters and digits in its text layer than
#: this (more when an image covers it) is a scan and is OCR'd.
MIN_TEXT_CHARS, MIN_TEXT_CHARS_OVER_IMAGE = 10, 200


def corpus_packages(corpus: Path, tiers: list[str]) -> list[tuple[Path, dict]]:
    """(package folder, truth) of every package of ``tiers``, found as the scorer finds them."""
    out = []
    for truth_file in sorted(corpus.glob("*.truth.json")):
        truth = json.loads(truth_file.read_text())
        if truth.get("tier") in tiers and (corpus / truth["package"]).is_dir():
            out.append((corpus / truth["package"], truth))
    return out


def photo_dpi(im: Image.Image) -> float:
    """The resolution a careful user gives tesseract: the file's own, else that of a letter-size
    sheet filling the picture's width (a phone photo's DPI tag is meaningless)."""
    raw = im.info.get("dpi")
    try:
        dpi = float(raw[0]) if raw else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    return dpi if 100 <= dpi <= 1200 else max(100.0, min(600.0, im.width / 8.5))


def page_images(package: Path, out: Path) -> list[tuple[Path, float]]:
    """Every page of ``package`` that needs OCR, as an image file tesseract reads, with its DPI."""
    images: list[tuple[Path, float]] = []
    for n, path in enumerate(sorted(p for p in package.rglob("*") if p.is_file())):
        suffix = path.suffix.lower()
        try:
            if suffix in IMAGE_SUFFIXES:
                if suffix in (".heic", ".heif"):  # tesseract cannot read them: a PNG, made before timing
                    import pillow_heif

                    pillow_heif.register_heif_opener()
                    with Image.open(path) as im:
                        target = out / f"{n:04d}.png"
                        im.save(target)
                        images.append((target, photo_dpi(im)))
                    continue
                with Image.open(path) as im:
                    images.append((path, photo_dpi(im)))
            elif suffix == ".pdf":
                images += _pdf_page_images(path, out, n)
        except Exception:  # noqa: BLE001 - damaged or encrypted: secordoc reports it, tesseract gets nothing
            continue
    return images


def corpus_images(packages: list[tuple[Path, dict]], folder: Path) -> list[tuple[Path, float]]:
    """Every page of the corpus ``packages`` that needs OCR, as plain tesseract is given them
    (``page_images``); images made for it are written under ``folder``, which must not exist."""
    folder.mkdir()
    return [item for package, _ in packages for item in page_images(package, _fresh(folder / package.name))]


def _pdf_page_images(path: Path, out: Path, n: int) -> list[tuple[Path, float]]:
    images = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            alnum = sum(ch.isalnum() for ch in page.get_textpage().get_text_range())
            objects = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
            covering = [im for im in objects if _area(im) >= 0.5 * width * height]
            if alnum >= (MIN_TEXT_CHARS_OVER_IMAGE if covering else MIN_TEXT_CHARS):
                continue
            if not alnum and next(iter(page.get_objects(max_depth=1)), None) is None:
                continue  # blank
            stem = out / f"{n:04d}-{index + 1:03d}"
            if len(objects) == 1 and covering and objects[0].get_filters() == ["DCTDecode"]:
                image = objects[0]
                left, _, right, _ = image.get_bounds()
                stem.with_suffix(".jpg").write_bytes(bytes(image.get_data(decode_simple=False)))
                images.append((stem.with_suffix(".jpg"), image.get_px_size()[0] / ((right - left) / 72.0)))
            else:
                page.render(scale=300 / 72, grayscale=True).to_pil().save(stem.with_suffix(".png"))
                images.append((stem.with_suffix(".png"), 300.0))
    finally:
        pdf.close()
    return images


def _area(image: pdfium.PdfImage) -> float:
    left, bottom, right, top = image.get_bounds()
    return max(0.0, right - left) * max(0.0, top - bottom)


def tesseract_on(images: list[tuple[Path, float]], jobs: int, out: Path) -> float:
    """Plain tesseract on each image with its DPI, one process per core; seconds."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out.mkdir()

    def one(item: tuple[int, tuple[Path, float]]) -> None:
        n, (path, dpi) = item
        subprocess.run(["tesseract", str(path), str(out / f"{n:04d}"), "--oem", "1", "--psm", "3", "--dpi", str(round(dpi))],
                       env=env, capture_output=True)

    start = time.monotonic()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, enumerate(images)))
    return time.monotonic() - start


def check_argv(package: Path, truth: dict, jobs: int) -> list[str]:
    """``secordoc check`` of a corpus package, cold, with the facts its truth file gives (as the
    scorer passes them) and ``jobs`` OCR workers."""
    given = truth.get("args", {})
    argv = ["check", str(package), "--format", "json", "--no-cache", "-j", str(jobs)]
    for option in ("profile", "anniversary", "submitted"):
        argv += [f"--{option}", given[option]] if given.get(option) else []
    return argv


def secordoc_check(packages: list[tuple[Path, dict]], jobs: int, env: dict[str, str]) -> tuple[float, int, int]:
    """``secordoc check`` on each package in turn, cold, as the scorer runs it:
    (seconds, OCR'd pages, the largest peak memory of a process, KB)."""
    total, pages, peak = 0.0, 0, 0
    for package, truth in packages:
        seconds, main_kb, child_kb, out = peak_of_secordoc(check_argv(package, truth, jobs), env)
        total, peak = total + seconds, max(peak, main_kb, child_kb)
        try:
            pages += json.loads(out)["stats"]["ocr_pages"]
        except (ValueError, KeyError, TypeError):
            pass
    return total, pages, peak


def corpus_section(corpus: Path, tiers: list[str], jobs: int, repeat: int, work: Path) -> None:
    packages = corpus_packages(corpus, tiers)
    label = "+".join(tiers)
    if not packages:
        print(f"\n{label} of the development corpus: no packages in {corpus} (--corpus to point at it)")
        return
    images = corpus_images(packages, work / "corpus-pages")
    env = {**os.environ, "SECORDOC_CACHE_DIR": str(work / "corpus-cache")}
    t_tess, t_ours, ocr_pages, peak = [], [], 0, 0
    for run in range(repeat):  # in turn, so a drifting machine moves both alike
        t_tess.append(tesseract_on(images, jobs, work / f"corpus-tess{run}"))
        seconds, ocr_pages, peak = secordoc_check(packages, jobs, env)
        t_ours.append(seconds)
    tess, ours = median(t_tess), median(t_ours)
    print(f"\n{label} of the development corpus ({len(packages)} packages in {corpus}): medians of {repeat} runs, cold")
    print(f"{'scanned and photographed pages':<40}{'pages':>9}{'seconds':>9}{'pages/s':>9}{'vs tesseract':>14}")
    print(f"{'plain tesseract CLI, ' + str(jobs) + ' processes':<40}{len(images):>9}{tess:>9.1f}{len(images) / tess:>9.2f}{1.0:>13.2f}x")
    print(f"{'secordoc check, each package':<40}{ocr_pages:>9}{ours:>9.1f}{ocr_pages / ours:>9.2f}{tess / ours:>13.2f}x")
    print(f"  (spread, seconds: tesseract {min(t_tess):.1f}-{max(t_tess):.1f}, secordoc {min(t_ours):.1f}-{max(t_ours):.1f}; "
          f"secordoc's time includes its start-up per package, the born-digital files and the checks)")
    print(f"  peak memory of secordoc's largest process on these packages: {peak / 1024:.0f} MB")
    print(f"  secordoc timed: {secordoc_location(env)}")


def compiled_like_an_install(env: dict[str, str]) -> None:
    """Byte-compile the timed secordoc's modules, as pip does when it installs a package: an
    editable checkout run with PYTHONDONTWRITEBYTECODE (as on the development machine) compiled
    every module in every process of every timed run (0.05-0.1 s a run), which no installed copy
    does. Written to the checkout's own ``__pycache__`` folders."""
    location = secordoc_location(env)
    if Path(location, "secordoc").is_dir():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(location, "secordoc"))], capture_output=True, env=env)


def secordoc_location(env: dict[str, str]) -> str:
    """The checkout the timed runs import secordoc from: ``python -c`` puts the working directory
    first on the path, before PYTHONPATH and the venv's editable install, so a bench run from a
    worktree times that worktree whatever PYTHONPATH says."""
    done = subprocess.run([sys.executable, "-c", "import secordoc; print(secordoc.__file__)"], capture_output=True, text=True, env=env)
    return str(Path(done.stdout.strip()).parent.parent) if done.returncode == 0 else "(secordoc does not import)"


def _fresh(folder: Path) -> Path:
    folder.mkdir()
    return folder


def peak_of_secordoc(args: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Run secordoc in a child; report its own peak RSS and its children's (tesseract, workers)."""
    script = (
        "import resource, sys, runpy, io, contextlib, json;"
        "sys.argv = ['secordoc'] + sys.argv[1:];"
        "from secordoc.cli import cli\n"
        "try:\n cli(prog_name='secordoc')\n"
        "except SystemExit:\n pass\n"
        "sys.stderr.write('@@%d %d\\n' % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))"
    )
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env)
    wall = time.monotonic() - start
    line = [row for row in done.stderr.splitlines() if row.startswith("@@")]
    main_kb, child_kb = (int(x) for x in line[-1][2:].split()) if line else (0, 0)
    return wall, main_kb, child_kb, done.stdout


def tesseract_baseline(images: Path, jobs: int, out: Path) -> tuple[float, dict[str, str]]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out.mkdir()
    files = sorted(images.glob("*.jpg"))

    def one(path: Path) -> None:
        subprocess.run(["tesseract", str(path), str(out / path.stem), "--oem", "1", "--psm", "3", "--dpi", "300"],
                       env=env, capture_output=True, check=True)

    start = time.monotonic()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, files))
    wall = time.monotonic() - start
    return wall, {p.stem: (out / f"{p.stem}.txt").read_text() for p in files}


def ocrmypdf_baseline(scans: Path, jobs: int, out: Path) -> tuple[float, dict[str, str]] | None:
    if not shutil.which("ocrmypdf"):
        return None
    out.mkdir()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.monotonic()
    texts = {}
    # one document at a time, each with all jobs: ocrmypdf's own way of using the cores
    for pdf in sorted(scans.glob("*.pdf")):
        sidecar = out / f"{pdf.stem}.txt"
        subprocess.run(["ocrmypdf", "--output-type", "none", "--sidecar", str(sidecar), "-j", str(jobs), "-q",
                        str(pdf), "-"], env=env, capture_output=True)
        texts[pdf.stem] = sidecar.read_text() if sidecar.exists() else ""
    return time.monotonic() - start, texts


def recall(texts: dict[str, str], specs: list[DocSpec]) -> float:
    values = [word_recall(truth_text(spec), texts.get(f"scan{i:04d}", "")) for i, spec in enumerate(specs)]
    return sum(values) / len(values)


def one_page_files(folder: Path, count: int) -> Path:
    """``count`` born-digital one-page PDFs: the cost per file (start-up, isolation) shows here."""
    folder.mkdir()
    for i in range(count):
        spec = DocSpec(KINDS[i % len(KINDS)], f"2026-{1 + i % 12:02d}-1{i % 10}", "digital", seed=i)
        (folder / f"doc{i:04d}.pdf").write_bytes(build_pdf(spec))
    return folder


def texts_of(report_json: str) -> dict[str, str]:
    report = json.loads(report_json)
    return {Path(f["path"]).stem: "\n".join(p["text"] for p in f["pages"]) for f in report["files"]}


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scanned", type=int, default=60)
    parser.add_argument("--digital", type=int, default=500)
    parser.add_argument("--one-page", type=int, default=200, help="born-digital one-page files for the files/s figure")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each scanned measurement, in turn; medians are printed")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the development corpus (packages and their truth)")
    parser.add_argument("--tiers", default="tier3", help="the corpus's tiers whose scanned pages are timed (comma separated)")
    parser.add_argument("--only", choices=("synthetic", "corpus"), help="only the generated pages, or only the corpus's")
    args = parser.parse_args()
    compiled_like_an_install(os.environ.copy())
    with tempfile.TemporaryDirectory(prefix="secordoc-bench-") as tmp:
        work = Path(tmp)
        if args.only != "corpus":
            synthetic_section(args, work)
        if args.only != "synthetic":
            corpus_section(args.corpus, args.tiers.split(","), args.jobs, args.repeat, work)


def synthetic_section(args: argparse.Namespace, work: Path) -> None:
    print(f"building inputs: {args.scanned} scanned pages (300 DPI JPEG in PDF), {args.digital} born-digital pages, "
          f"{args.one_page} one-page born-digital files ...", flush=True)
    scans, images, digital, specs = build_inputs(work, args.scanned, args.digital)
    singles = one_page_files(work / "one-page", args.one_page)
    env = {**os.environ, "SECORDOC_CACHE_DIR": str(work / "cache")}
    jobs = str(args.jobs)
    scanned_args = ["extract", str(scans), "--format", "json", "--no-cache", "-j", jobs]

    # The three scanned measurements in turn, each repeated: a drifting machine moves all three alike.
    times: dict[str, list[float]] = {"tesseract": [], "inproc": [], "cli": []}
    for run in range(args.repeat):
        t_tess, tess_texts = tesseract_baseline(images, args.jobs, work / f"tess-out{run}")
        times["tesseract"].append(t_tess)
        cold, cold_main, cold_child, out = peak_of_secordoc(scanned_args, env)
        times["inproc"].append(cold)
        cold_cli, _, _, out_cli = peak_of_secordoc([*scanned_args, "--ocr-engine", "tesseract"], env)
        times["cli"].append(cold_cli)
    ours, ours_cli = texts_of(out), texts_of(out_cli)
    engine = json.loads(out).get("ocr_engine") or {}
    engine_name = f"{engine.get('name', 'none')} {engine.get('version', '')}".strip()
    peak_of_secordoc(scanned_args[:-3] + ["-j", jobs], env)  # fills the cache
    warm, *_ = peak_of_secordoc(scanned_args[:-3] + ["-j", jobs], env)
    ocrm = ocrmypdf_baseline(scans, args.jobs, work / "ocrmypdf-out")
    t_dig, dig_main, dig_child, _ = peak_of_secordoc(["extract", str(digital), "--format", "json", "--no-cache", "-j", jobs], env)
    singles_runs = [peak_of_secordoc(["extract", str(singles), "--format", "json", "--no-cache", "-j", jobs], env)[0]
                    for _ in range(args.repeat)]
    t_noop, *_ = peak_of_secordoc(["extract", str(work / "scan-images" / "scan0000.jpg"), "--no-ocr", "--no-cache"], env)

    n = args.scanned
    t_tess, cold, cold_cli = median(times["tesseract"]), median(times["inproc"]), median(times["cli"])
    print(f"\nmachine: {os.cpu_count()} cores; jobs {args.jobs}; tesseract {subprocess.run(['tesseract', '--version'], capture_output=True, text=True).stdout.split()[1]}"
          f"; secordoc's OCR engine: {engine_name} (--ocr-engine / SECORDOC_OCR_ENGINE to choose)")
    print(f"scanned pages: medians of {args.repeat} runs of each, taken in turn; whole processes, cold (no cache)")
    print(f"{'scanned pages (' + str(n) + ')':<40}{'seconds':>9}{'pages/s':>9}{'word recall':>13}{'vs tesseract':>14}")
    print(f"{'plain tesseract CLI, ' + jobs + ' processes':<40}{t_tess:>9.1f}{n / t_tess:>9.2f}{recall(tess_texts, specs):>13.1%}{1.0:>13.2f}x")
    print(f"{'secordoc, in-process engine (' + engine.get('name', 'no OCR') + ')':<40}{cold:>9.1f}{n / cold:>9.2f}{recall(ours, specs):>13.1%}{t_tess / cold:>13.2f}x")
    print(f"{'secordoc, pytesseract engine':<40}{cold_cli:>9.1f}{n / cold_cli:>9.2f}{recall(ours_cli, specs):>13.1%}{t_tess / cold_cli:>13.2f}x")
    spread = {k: f"{min(v):.1f}-{max(v):.1f}" for k, v in times.items()}
    print(f"  (spread, seconds: tesseract {spread['tesseract']}, in-process {spread['inproc']}, pytesseract {spread['cli']})")
    if ocrm:
        print(f"{'ocrmypdf --sidecar, -j ' + jobs:<40}{ocrm[0]:>9.1f}{n / ocrm[0]:>9.2f}{recall(ocrm[1], specs):>13.1%}{t_tess / ocrm[0]:>13.2f}x")
        print(f"secordoc vs ocrmypdf: {ocrm[0] / cold:.2f}x faster")
    else:
        print("ocrmypdf: not installed (apt-get install ocrmypdf to compare)")
    print(f"warm re-check of the unchanged package: {warm:.2f} s = {warm / cold:.1%} of the cold run"
          f" (of which {t_noop:.2f} s is starting Python and secordoc)")
    t_one = median(singles_runs)
    print(f"born-digital one-page files: {args.one_page} in {t_one:.2f} s = {args.one_page / t_one:.0f} files/s"
          f" (whole process, start-up included; median of {args.repeat})")
    print(f"text-layer pages: {args.digital} in {t_dig:.2f} s = {args.digital / t_dig:.0f} pages/s (whole process, start-up included)")
    print(f"peak memory, scanned run: main {cold_main / 1024:.0f} MB, largest child {cold_child / 1024:.0f} MB")
    print(f"peak memory, {args.digital}-page born-digital run: main {dig_main / 1024:.0f} MB, largest child {dig_child / 1024:.0f} MB")


if __name__ == "__main__":
    main()
