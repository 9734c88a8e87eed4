"""Geometry shared by the views that paint segments over a QPlainTextEdit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QTextBlock
from PySide6.QtWidgets import QAbstractScrollArea


def line_rects(block: QTextBlock, top: float, left: float, a: int, b: int) -> Iterator[QRectF]:
    """Rectangles covering block-relative UTF-16 positions [a, b), one per laid-out line."""
    layout = block.layout()
    for n in range(layout.lineCount()):
        line = layout.lineAt(n)
        start = line.textStart()
        x, y = max(a, start), min(b, start + line.textLength())
        if x < y:
            x1, x2 = line.cursorToX(x)[0], line.cursorToX(y)[0]
            yield QRectF(left + x1, top + line.y(), max(1.0, x2 - x1), line.height())


@contextmanager
def viewport_painter(widget: QAbstractScrollArea) -> Iterator[QPainter]:
    """A QPainter on the widget's viewport, always ended (a painter left open aborts the paint)."""
    painter = QPainter(widget.viewport())
    try:
        yield painter
    finally:
        painter.end()
