"""Forms drawn in the test itself (reportlab), read by the real PDF loader: layouts the
recognisers were not written against, each as small as the behaviour it tests.

Coordinates are points from the page's top-left, as secordoc's are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas as rl_canvas

from secordoc.builtin.pdf_loader import secordoc_load_file
from secordoc.layout.build import build_layout
from secordoc.layout.model import PageLayout
from secordoc.model import Page
from secordoc.settings import Settings

WIDTH, HEIGHT = letter


class Form:
    """A reportlab canvas that takes top-left coordinates."""

    def __init__(self, canvas: rl_canvas.Canvas) -> None:
        self.c = canvas

    def text(self, x: float, y: float, text: str, size: float = 10, bold: bool = False) -> None:
        self.c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.c.drawString(x, HEIGHT - y, text)

    def line(self, x0: float, y: float, x1: float) -> None:
        self.c.line(x0, HEIGHT - y, x1, HEIGHT - y)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.c.rect(x0, HEIGHT - y1, x1 - x0, y1 - y0)

    def grid(self, x_edges: list[float], y_edges: list[float]) -> None:
        for x in x_edges:
            self.c.line(x, HEIGHT - y_edges[0], x, HEIGHT - y_edges[-1])
        for y in y_edges:
            self.line(x_edges[0], y, x_edges[-1])

    def sign(self, x: float, y: float, width: float = 90) -> None:
        """A pen signature: a few strokes of Bezier curves, baseline at ``y``."""
        path = self.c.beginPath()
        path.moveTo(x, HEIGHT - y)
        step = width / 4
        for i in range(4):
            x0 = x + i * step
            path.curveTo(x0 + step / 3, HEIGHT - y + 14, x0 + 2 * step / 3, HEIGHT - y - 6, x0 + step, HEIGHT - y + 3)
        self.c.setLineWidth(1.2)
        self.c.drawPath(path, stroke=1, fill=0)
        self.c.setLineWidth(1)


def draw(tmp_path: Path, paint: Callable[[Form], None], name: str = "form.pdf") -> Page:
    """Draw one page and read it the way secordoc reads any born-digital PDF."""
    path = tmp_path / name
    canvas = rl_canvas.Canvas(str(path), pagesize=letter)
    paint(Form(canvas))
    canvas.save()
    loaded = secordoc_load_file(path=str(path), source=name, media_type="application/pdf",
                                workdir=str(tmp_path / "work"), settings=Settings(use_cache=False))
    raw = loaded.pages[0]
    return Page(raw.number, "text-layer", raw.width, raw.height, raw.text, raw.words, rules=raw.rules, ink=raw.ink)


def layout(tmp_path: Path, paint: Callable[[Form], None]) -> PageLayout:
    return build_layout(draw(tmp_path, paint))
