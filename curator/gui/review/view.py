"""The review mode's comparison: the Curation and the new parse side by side on the same text.

Both panes show the same read-only text with each segment tinted by its label
(the taxonomy's colours, as in the document view); segments that take part in
a change are underlined in the change kind's colour, and the chosen change is
tinted strongly with a bar in the margin. The panes have equal widths, and
scrolling one scrolls the other to the same block.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from curator.core.model import Segment
from curator.core.review import diff as kinds
from curator.core.review.diff import Change
from curator.core.taxonomy import Taxonomy, default_taxonomy
from curator.gui.offsets import OffsetMap, display_text, qt_string
from curator.gui.painting import line_rects, viewport_painter

KIND_COLOURS: dict[str, QColor] = {
    kinds.MOVED: QColor("#1f6feb"),
    kinds.RELABELLED: QColor("#e36209"),
    kinds.MOVED_RELABELLED: QColor("#d63384"),
    kinds.SPLIT: QColor("#6f42c1"),
    kinds.MERGED: QColor("#6f42c1"),
    kinds.RESEGMENTED: QColor("#6f42c1"),
    kinds.APPEARED: QColor("#2da44e"),
    kinds.VANISHED: QColor("#cf222e"),
    kinds.ATTRIBUTES: QColor("#6e7781"),
    kinds.MEMBERSHIP: QColor("#9a6700"),
}
PLAIN_ALPHA = 70
CHANGED_ALPHA = 150
CURRENT_ALPHA = 230
CURRENT_OUTLINE = QColor("#1d3557")


class ReviewTextView(QPlainTextEdit):
    """One side of the comparison: text, segments tinted by label, changed segments framed."""

    def __init__(self, *, taxonomy: Taxonomy | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        taxonomy = taxonomy or default_taxonomy()
        self._colours = {c.name: QColor(c.colour) for c in taxonomy.labels}
        self.offsets = OffsetMap("")
        self.segments: list[Segment] = []
        self._starts: list[int] = []  # UTF-16, for the painter
        self._ends: list[int] = []
        self._kinds: list[str | None] = []
        self._current: set[int] = set()
        self._text = ""
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        self.setFont(font)
        self.document().setDocumentMargin(10)

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.offsets = OffsetMap(text)
            self.setPlainText(qt_string(display_text(text)))

    def set_segments(self, segments: Sequence[Segment], *, changed: dict[str, str], current: set[str]) -> None:
        """Segments to paint; ``changed`` maps segment id -> change kind, ``current`` the chosen change's ids."""
        to_qt = self.offsets.to_qt
        self.segments = list(segments)
        self._starts = [to_qt(s.start) for s in self.segments]
        self._ends = [to_qt(s.end) for s in self.segments]
        self._kinds = [changed.get(s.id) for s in self.segments]
        self._current = {i for i, s in enumerate(self.segments) if s.id in current}
        self.viewport().update()

    def show_offset(self, offset: int) -> None:
        """Scroll code-point ``offset`` to the middle of the pane."""
        cur = QTextCursor(self.document())
        cur.setPosition(min(self.offsets.to_qt(offset), self.document().characterCount() - 1))
        self.setTextCursor(cur)
        self.centerCursor()

    def segment_at(self, offset: int) -> Segment | None:
        """The segment covering code-point ``offset``, if any."""
        i = bisect.bisect_right([s.start for s in self.segments], offset) - 1
        if 0 <= i < len(self.segments) and self.segments[i].start <= offset < self.segments[i].end:
            return self.segments[i]
        return None

    def segment_at_qt(self, pos: int) -> Segment | None:
        """The segment under Qt (UTF-16) position ``pos``, if any."""
        return self.segment_at(self.offsets.from_qt(pos))

    # -- painting ---------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self._starts:
            with viewport_painter(self) as painter:
                self._paint(painter, event)
        super().paintEvent(event)

    def _paint(self, painter: QPainter, event: QPaintEvent) -> None:
        offset = self.contentOffset()
        area = event.rect()
        bars: list[tuple[float, float]] = []
        block = self.firstVisibleBlock()
        while block.isValid():
            geo = self.blockBoundingGeometry(block).translated(offset)
            if geo.top() > area.bottom():
                break
            if block.isVisible() and geo.bottom() >= area.top():
                bpos = block.position()
                bend = bpos + block.length() - 1
                i = bisect.bisect_right(self._ends, bpos)
                while i < len(self._starts) and self._starts[i] <= bend:
                    kind = self._kinds[i]
                    tint = QColor(self._colours.get(self.segments[i].label, QColor("#cccccc")))
                    tint.setAlpha(CHANGED_ALPHA if kind else PLAIN_ALPHA)
                    a, b = max(self._starts[i], bpos) - bpos, min(self._ends[i], bend) - bpos
                    rects = list(line_rects(block, geo.top(), geo.left(), a, b))
                    current = i in self._current
                    if current:
                        tint.setAlpha(CURRENT_ALPHA)
                    for r in rects:
                        painter.fillRect(r, tint)
                    if kind:
                        colour = KIND_COLOURS.get(kind, QColor("#333333"))
                        for r in rects:  # underlined in the change kind's colour
                            painter.fillRect(QRectF(r.left(), r.bottom() - 3, r.width(), 3), colour)
                    if current and rects:
                        bars.append((rects[0].top(), rects[-1].bottom()))
                    i += 1
            block = block.next()
        for top, bottom in bars:  # the chosen change: a bar in the left margin
            painter.fillRect(QRectF(1, top, 5, bottom - top), CURRENT_OUTLINE)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            pos = self.cursorForPosition(self.viewport().mapFrom(self, e.pos())).position()
            seg = self.segment_at_qt(pos)
            if seg is None:
                QToolTip.hideText()
            else:
                kind = self._kinds[self.segments.index(seg)]
                QToolTip.showText(e.globalPos(), f"{seg.label} [{seg.start}, {seg.end})" + (f" — {kind}" if kind else ""), self)
            return True
        return super().event(e)


def legend_html() -> str:
    """The change kinds' colours, as the panes underline them."""
    seen: dict[str, list[str]] = {}
    for kind, colour in KIND_COLOURS.items():
        seen.setdefault(colour.name(), []).append(kind)
    items = [f'<span style="color:{c}; font-size:14px;">&#9644;</span>&nbsp;{"/".join(k)}' for c, k in seen.items()]
    return "Underlined: " + " &nbsp; ".join(items) + " &nbsp; <b>▌</b> the chosen change"


def _changed_ids(changes: Sequence[Change]) -> tuple[dict[str, str], dict[str, str]]:
    old: dict[str, str] = {}
    new: dict[str, str] = {}
    for c in changes:
        old.update((r.id, c.kind) for r in c.old)
        new.update((r.id, c.kind) for r in c.new)
    return old, new


class ComparePane(QWidget):
    """The Curation (left) and the new parse (right) on the same text, scrolled together."""

    def __init__(self, *, taxonomy: Taxonomy | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gold = ReviewTextView(taxonomy=taxonomy, parent=self)
        self.new = ReviewTextView(taxonomy=taxonomy, parent=self)
        self.gold_title = QLabel("Curation", self)
        self.new_title = QLabel("New parse", self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        outer.addLayout(row, 1)
        self.legend = QLabel(legend_html(), self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)  # our own markup, no text from files
        self.legend.setWordWrap(True)
        outer.addWidget(self.legend)
        row.setSpacing(6)
        for title, view in ((self.gold_title, self.gold), (self.new_title, self.new)):
            title.setStyleSheet("font-weight:600; padding:2px 4px;")
            col = QVBoxLayout()
            col.setSpacing(2)
            col.addWidget(title)
            col.addWidget(view, 1)
            row.addLayout(col, 1)  # equal widths: equal scroll positions show the same lines
        self._syncing = False
        for a, b in ((self.gold, self.new), (self.new, self.gold)):
            a.verticalScrollBar().valueChanged.connect(lambda _v, src=a, other=b: self._sync(src, other))

    def _sync(self, source: ReviewTextView, other: ReviewTextView) -> None:
        """Show in ``other`` the block (and line in it) shown at the top of ``source``.

        Equal scroll values are not enough: a plain-text view lays its blocks out
        lazily and counts an unlaid block as one line, so two views of one text
        may number their lines differently until both have laid out everything.
        """
        if self._syncing:
            return
        self._syncing = True
        try:
            top = source.firstVisibleBlock()
            line_in_block = source.verticalScrollBar().value() - top.firstLineNumber()
            mine = other.document().findBlockByNumber(top.blockNumber())
            other.verticalScrollBar().setValue(mine.firstLineNumber() + max(line_in_block, 0))
        finally:
            self._syncing = False

    def show_texts(self, text: str, *, gold_title: str, new_title: str) -> None:
        self.gold.set_text(text)
        self.new.set_text(text)
        self.gold_title.setText(gold_title)
        self.new_title.setText(new_title)

    def show_segments(self, gold: Sequence[Segment], new: Sequence[Segment], changes: Sequence[Change],
                      current: Change | None) -> None:
        old_kinds, new_kinds = _changed_ids(changes)
        self.gold.set_segments(gold, changed=old_kinds, current={r.id for r in current.old} if current else set())
        self.new.set_segments(new, changed=new_kinds, current={r.id for r in current.new} if current else set())

    def clear(self) -> None:
        self.show_texts("", gold_title="Curation", new_title="New parse")
        self.show_segments([], [], [], None)

    def show_change(self, change: Change) -> None:
        """Scroll both sides to a change (the left pane leads; the right one follows)."""
        self.gold.show_offset(change.start)
        self._sync(self.gold, self.new)
