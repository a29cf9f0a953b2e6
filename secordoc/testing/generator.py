"""Deterministic generator of SECOR-style evidence: born-digital PDFs, filled forms, scans, photos.

A document is described in a few words (``DocSpec``); the same spec and seed always give the same
bytes. Scans are the born-digital page rasterised at 200-300 DPI with skew, noise and JPEG
compression, wrapped as image-only PDF pages, as a cheap office scanner makes them; photos are
tilted, unevenly lit JPEGs without a DPI tag, as a phone makes them.

Needs reportlab (``pip install secordoc[fixtures]``).
"""

from __future__ import annotations

import calendar
import io
import json
import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from .forms import DATE_FORMATS, TEMPLATES, FormTemplate

Render = Literal["digital", "form", "scan", "photo"]
COMPANY = "Northern Lights Contracting Ltd."
FORM_CODES = ("Form SF-102 Rev. 2019-04", "Form HS-7 rev 2021/02", "Doc OPS-3 Rev. 03-2018")


@dataclass
class DocSpec:
    """One generated document. ``signed`` is True, False or a per-role mapping."""

    type: str
    date: str | None  # ISO date of the activity; None prints no date
    render: Render = "digital"
    filename: str | None = None
    signed: bool | dict[str, bool] = True
    title: int = 0  # which title wording
    date_format: int | None = None  # index into DATE_FORMATS; None picks by seed
    dpi: int = 300
    rotate: int = 0  # scans only: 90, 180, 270 (fed into the scanner sideways)
    seed: int = 0
    typed_names: bool = False  # print names on the signature lines instead of signing
    course: str | None = None  # training certificates: the course named on it (default PHSM)
    lines: tuple[str, ...] | None = None  # replaces the template's body lines (partner forms, scores)

    def signed_role(self, role: str) -> bool:
        return self.signed.get(role, True) if isinstance(self.signed, dict) else bool(self.signed)


def register_template(slug: str, template: FormTemplate) -> None:
    """Let a partner's tests generate its own forms (``DocSpec(type=slug, ...)``)."""
    TEMPLATES[slug] = template


def format_date(value: date, style: int) -> str:
    return DATE_FORMATS[style % len(DATE_FORMATS)].format(
        Y=value.year, y=value.year % 100, m=value.month, d=value.day,
        B=calendar.month_name[value.month], b=calendar.month_abbr[value.month],
    )


def date_text(spec: DocSpec) -> str:
    if spec.date is None:
        return ""
    value = date.fromisoformat(spec.date)
    style = spec.date_format if spec.date_format is not None else (spec.seed * 7 + len(spec.type)) % len(DATE_FORMATS)
    if spec.date_format is None and DATE_FORMATS[style].startswith("{m:02d}/") and value.day <= 12:
        style = 0  # never generate an ambiguous day/month by accident
    return format_date(value, style)


def build_pdf(spec: DocSpec) -> bytes:
    """The born-digital (or filled-form) PDF of a spec."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    template = TEMPLATES[spec.type]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    width, height = letter
    rng = random.Random(f"{spec.type}-{spec.seed}-{spec.date}")
    y = height - 60
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, y, COMPANY)
    y -= 34
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(50, y, template.titles[spec.title % len(template.titles)])
    y -= 34
    pdf.setFont("Helvetica", 12)
    text = date_text(spec)
    if spec.render == "form":
        pdf.drawString(50, y, f"{template.date_label}:")
        pdf.acroForm.textfield(name="activity_date", value=text, x=220, y=y - 5, width=180, height=18,
                               borderWidth=0.5, fontName="Helvetica", fontSize=11)
    elif text:
        pdf.drawString(50, y, f"{template.date_label}: {text}")
    y -= 24
    activity = date.fromisoformat(spec.date) if spec.date else date(2026, 1, 15)
    for label, offset in template.distractors:
        pdf.drawString(50, y, f"{label}: {format_date(activity + timedelta(days=offset), spec.seed + 1)}")
        y -= 20
    for line in spec.lines if spec.lines is not None else template.body:
        if spec.course and line.startswith("Principles of Health"):
            line = spec.course
        pdf.drawString(50, y, line)
        y -= 20
    y -= 10
    y = _table(pdf, template, y, spec, rng)
    y -= 20
    for role, label in template.signatures:
        y = _signature_line(pdf, label, role, y, spec, rng)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(50, 30, FORM_CODES[spec.seed % len(FORM_CODES)])
    pdf.drawString(width - 150, 30, "Page 1 of 1")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _table(pdf: Any, template: FormTemplate, y: float, spec: DocSpec, rng: random.Random) -> float:
    if not template.table:
        return y
    columns = len(template.table[0])
    col_width = 500 / columns
    row_height = 24
    for r, row in enumerate(template.table):
        pdf.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 11)
        for c, cell in enumerate(row):
            x = 50 + c * col_width
            pdf.rect(x, y - row_height + 6, col_width, row_height, stroke=1, fill=0)
            pdf.drawString(x + 5, y - 10, cell)
            if r and not cell and "signature" in template.table[0][c].lower() and spec.signed_role("attendee"):
                _squiggle(pdf, x + 10, y - 12, col_width - 40, rng)
        y -= row_height
    return y


def _signature_line(pdf: Any, label: str, role: str, y: float, spec: DocSpec, rng: random.Random) -> float:
    pdf.setFont("Helvetica", 12)
    pdf.drawString(50, y, f"{label}:")
    pdf.line(250, y - 3, 480, y - 3)
    if spec.typed_names and not spec.signed_role(role):
        pdf.drawString(265, y + 1, "Dana Kowalski")  # typed on the line: a name, not a signature
    elif spec.signed_role(role):
        _squiggle(pdf, 262, y, 170, rng)
    return y - 40


def _squiggle(pdf: Any, x: float, y: float, width: float, rng: random.Random) -> None:
    """A handwriting-like stroke: a few joined Bezier loops in pen blue or black."""
    pdf.saveState()
    pdf.setStrokeColorRGB(*rng.choice([(0.05, 0.1, 0.55), (0.1, 0.1, 0.1), (0.2, 0.3, 0.75)]))
    pdf.setLineWidth(rng.uniform(0.7, 2.4))
    y += rng.choice([0, 0, -5])  # some signatures cross the line
    path = pdf.beginPath()
    path.moveTo(x, y)
    step = width / 5
    for i in range(5):
        x0 = x + i * step
        path.curveTo(x0 + step * 0.3, y + rng.uniform(6, 14), x0 + step * 0.7, y - rng.uniform(2, 8), x0 + step, y + rng.uniform(-2, 5))
    pdf.drawPath(path, stroke=1, fill=0)
    pdf.restoreState()


def rasterise(pdf_bytes: bytes, dpi: int, seed: int, colour: bool = False):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes)
    try:
        page = document[0]
        image = page.render(scale=dpi / 72, grayscale=not colour, may_draw_forms=True).to_pil()
        page.close()
    finally:
        document.close()
    return image


def _degrade(image, rng: random.Random, skew: float, noise: int):  # type: ignore[no-untyped-def]
    from PIL import Image, ImageFilter

    image = image.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor="white" if image.mode == "RGB" else 255)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    if noise:
        grain = Image.effect_noise(image.size, noise).convert("L")
        if image.mode == "RGB":
            grain = grain.convert("RGB")
        image = Image.blend(image, grain, 0.08)
    return image


def build_scan(spec: DocSpec) -> bytes:
    """An image-only PDF page holding one JPEG, as a scanner makes it."""
    rng = random.Random(f"scan-{spec.type}-{spec.seed}-{spec.date}")
    image = rasterise(build_pdf(spec), spec.dpi, spec.seed)
    image = _degrade(image, rng, rng.uniform(-1.2, 1.2), 40)
    if spec.rotate:
        image = image.rotate(spec.rotate, expand=True)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=spec.dpi, quality=rng.randint(70, 88))
    return out.getvalue()


def build_photo(spec: DocSpec) -> bytes:
    """A phone photo of the printed page: colour, tilted, unevenly lit, no DPI tag."""
    from PIL import Image

    rng = random.Random(f"photo-{spec.type}-{spec.seed}-{spec.date}")
    image = rasterise(build_pdf(spec), 220, spec.seed, colour=True)
    image = _degrade(image, rng, rng.uniform(-2.5, 2.5), 30)
    shade = Image.linear_gradient("L").resize(image.size).point(lambda v: 200 + v // 5)
    image = Image.composite(image, Image.new("RGB", image.size, (150, 140, 120)), shade)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def build(spec: DocSpec) -> tuple[str, bytes]:
    """File name and bytes for one spec."""
    name = spec.filename or f"{spec.type}-{spec.date or 'undated'}-{spec.render}-{spec.seed}"
    if spec.render == "photo":
        return _named(name, ".jpg"), build_photo(spec)
    if spec.render == "scan":
        return _named(name, ".pdf"), build_scan(spec)
    return _named(name, ".pdf"), build_pdf(spec)


def _named(name: str, suffix: str) -> str:
    return name if "." in Path(name).name else name + suffix


@dataclass
class PackageSpec:
    """A package: its documents plus the facts a check needs (anniversary, submission date)."""

    documents: list[DocSpec]
    anniversary: str = "2026-12-31"
    submitted: str | None = None
    manifest: dict[str, Any] | None = None
    extra_files: dict[str, str] = field(default_factory=dict)


def quarter_dates(anniversary: str) -> list[date]:
    """A date in the middle of each quarter of the review period ending on ``anniversary``."""
    end = date.fromisoformat(anniversary)
    start = _add_months(end, -12) + timedelta(days=1)
    return [_add_months(start, 3 * k) + timedelta(days=40) for k in range(4)]


def _add_months(value: date, months: int) -> date:
    month0 = value.month - 1 + months
    year, month = value.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


QUARTERLY = ("hazard-assessment", "site-inspection", "toolbox-meeting", "maintenance-record")
ANNUAL = ("incident-investigation", "audit-action-plan", "emergency-response-plan", "orientation", "year-end-summary")


def compliant_documents(anniversary: str, render: Render = "digital", seed: int = 0) -> list[DocSpec]:
    """Every category, every quarter, all signed, dated inside the period: a package that passes."""
    quarters = quarter_dates(anniversary)
    docs: list[DocSpec] = []
    for i, kind in enumerate(QUARTERLY):
        for q, day in enumerate(quarters):
            docs.append(DocSpec(kind, (day + timedelta(days=i)).isoformat(), render, title=q + i, seed=seed + q * 10 + i))
    for i, kind in enumerate(ANNUAL):
        docs.append(DocSpec(kind, (quarters[2] + timedelta(days=i * 3)).isoformat(), render, title=i, seed=seed + 50 + i))
    docs.append(DocSpec("training-certificate", (quarters[0] - timedelta(days=200)).isoformat(), render, seed=seed + 60))
    return docs


def write_package(spec: PackageSpec, folder: Path) -> dict[str, Any]:
    """Write the package's files into ``folder`` and return the truth about each file."""
    folder.mkdir(parents=True, exist_ok=True)
    truth: dict[str, Any] = {"anniversary": spec.anniversary, "files": {}}
    for doc in spec.documents:
        name, data = build(doc)
        (folder / name).write_bytes(data)
        category = None if doc.type.startswith("unclassified") else doc.type
        truth["files"][name] = {"category": category, "date": doc.date, "render": doc.render, "spec": asdict(doc)}
    for name, text in spec.extra_files.items():
        (folder / name).write_text(text)
    if spec.manifest is not None:
        (folder / "secordoc.json").write_text(json.dumps(spec.manifest, indent=2))
    return truth


def spec_from_dict(data: dict[str, Any]) -> PackageSpec:
    """A package from its short description (the case folders' ``package.json``)."""
    anniversary = data.get("anniversary", "2026-12-31")
    documents: list[DocSpec] = []
    if data.get("base") == "compliant":
        documents = compliant_documents(anniversary, data.get("render", "digital"), data.get("seed", 0))
    for drop in data.get("drop", []):
        documents = [d for d in documents if not _matches(d, drop, anniversary)]
    for change in data.get("change", []):
        for d in documents:
            if _matches(d, change["match"], anniversary):
                for key, value in change["set"].items():
                    setattr(d, key, value)
    documents += [DocSpec(**d) for d in data.get("documents", [])]
    return PackageSpec(documents, anniversary, data.get("submitted"), data.get("manifest"), data.get("extra_files", {}))


def _matches(doc: DocSpec, rule: dict[str, Any], anniversary: str) -> bool:
    if doc.type != rule.get("type", doc.type):
        return False
    if "quarter" in rule and doc.date:
        starts = [_add_months(date.fromisoformat(anniversary), -12 + 3 * k) + timedelta(days=1) for k in range(4)]
        quarter = sum(1 for s in starts if date.fromisoformat(doc.date) >= s)
        return quarter == rule["quarter"]
    return True
