"""The document pane: the read-only source text with segments painted under it.

Segments are painted, not formatted into the QTextDocument: each paint walks only
the visible blocks and binary-searches the segments that touch them, so a 1 MB
Document with thousands of segments opens and repaints in milliseconds, and an
edit only has to rebuild a few flat arrays.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from curator.core.edit import Changes
from curator.core.edit.checks import changed_window
from curator.core.model import Segment
from curator.core.taxonomy import Taxonomy, default_taxonomy
from curator.gui.document import OpenDocument
from curator.gui.offsets import display_text
from curator.gui.painting import line_rects, viewport_painter
from curator.gui.selection import Selection

TINT_ALPHA = 150
UNSEGMENTED = QColor(214, 40, 40, 110)


class DocumentView(QPlainTextEdit):
    """Source text, each segment tinted by its label, boundaries and the current segment drawn."""

    sig_cursor_segment = Signal(object)  # segment id under a click / caret move, or None

    def __init__(self, selection: Selection, *, taxonomy: Taxonomy | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.taxonomy = taxonomy or default_taxonomy()
        self._label_colours = {c.name: QColor(c.colour) for c in self.taxonomy.labels}
        self._event_colours = {c.name: QColor(c.colour) for c in self.taxonomy.event_types}
        self.doc: OpenDocument | None = None
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._ids: list[str] = []
        self._labels: list[str] = []
        self._gap_starts: list[int] = []
        self._gaps: list[tuple[int, int]] = []
        self._marks: list[tuple[int, int, QColor, bool]] = []
        self._index: dict[str, int] = {}
        self._segs: list[Segment] = []  # the segments the arrays describe (to find what an edit replaced)
        self._moving_cursor = False
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self.setCursorWidth(2)
        self.cursorPositionChanged.connect(self._on_cursor)
        selection.sig_changed.connect(self._on_selection)

    # -- model -> view -------------------------------------------------------------
    def set_document(self, doc: OpenDocument | None) -> None:
        if self.doc is not None:
            self.doc.sig_changed.disconnect(self.on_changes)
        self.doc = doc
        self._moving_cursor = True
        self.setPlainText(display_text(doc.text) if doc else "")
        self._moving_cursor = False
        if doc is not None:
            doc.sig_changed.connect(self.on_changes)
        self.rebuild()

    def on_changes(self, changes: Changes) -> None:
        if self.doc is None:
            return
        segs = self.doc.curation.segments
        lo, hi_old, hi_new = changed_window(self._segs, segs)
        if hi_old - lo > len(segs) // 2 + 16 or hi_new - lo > len(segs) // 2 + 16:
            self.rebuild()  # most of the document changed (a restore): start afresh
            return
        self._splice(lo, hi_old, hi_new)
        if changes.events or changes.duplicates or changes.layout:
            self._rebuild_marks()
        self.viewport().update()

    def rebuild(self) -> None:
        """Recompute the flat UTF-16 arrays the painter searches."""
        self._segs, self._index = [], {}
        self._starts, self._ends, self._ids, self._labels, self._gaps, self._gap_starts = [], [], [], [], [], []
        if self.doc is not None:
            self._splice(0, 0, len(self.doc.curation.segments))
        self._rebuild_marks()
        self.viewport().update()

    def _splice(self, lo: int, hi_old: int, hi_new: int) -> None:
        """Replace the arrays' entries for old segments [lo, hi_old) by those of new ones [lo, hi_new).

        Only the gaps between the segments before and after the window can change,
        so only they are recomputed: an edit costs its own size, not the Document's.
        """
        doc = self.doc
        assert doc is not None
        segs = doc.curation.segments
        to_qt = doc.offsets.to_qt
        window = segs[lo:hi_new]
        removed = self._segs[lo:hi_old]
        self._segs[lo:hi_old] = window
        self._starts[lo:hi_old] = [to_qt(s.start) for s in window]
        self._ends[lo:hi_old] = [to_qt(s.end) for s in window]
        self._ids[lo:hi_old] = [s.id for s in window]
        self._labels[lo:hi_old] = [s.label for s in window]
        text = doc.text
        a = segs[lo - 1].end if lo > 0 else 0
        b = segs[hi_new].start if hi_new < len(segs) else len(text)
        gaps: list[tuple[int, int]] = []
        prev = a
        for seg in window:
            self._add_gap(gaps, text, prev, seg.start, to_qt)
            prev = seg.end
        self._add_gap(gaps, text, prev, b, to_qt)
        qa, qb = to_qt(a), to_qt(b)
        g0 = bisect.bisect_left(self._gap_starts, qa)
        g1 = bisect.bisect_left(self._gap_starts, qb)
        self._gaps[g0:g1] = gaps
        self._gap_starts[g0:g1] = [g[0] for g in gaps]
        if hi_new == hi_old:  # no segment after the window moved: patch the id -> position map
            for seg in removed:
                self._index.pop(seg.id, None)
            for k, seg in enumerate(window, start=lo):
                self._index[seg.id] = k
        else:
            self._index = {sid: i for i, sid in enumerate(self._ids)}

    def _rebuild_marks(self) -> None:
        """Event evidence and duplicate spans (a few per Document) in UTF-16 positions."""
        self._marks = []
        doc = self.doc
        if doc is None:
            return
        to_qt = doc.offsets.to_qt
        for ev in doc.curation.events:
            colour = self._event_colours.get(ev.type, QColor("#555555"))
            for span in ev.evidence:
                if span.end > span.start:
                    self._marks.append((to_qt(span.start), to_qt(span.end), colour, ev.id == self.selection.event))
        for dup in doc.curation.duplicates:
            # A rejected group is not a duplicate: underlining it would hide the real ones.
            if dup.decision != "rejected" and dup.start is not None and dup.end is not None and dup.end > dup.start:
                self._marks.append((to_qt(dup.start), to_qt(dup.end), QColor("#d62828"), False))

    @staticmethod
    def _add_gap(gaps: list[tuple[int, int]], text: str, a: int, b: int, to_qt: Callable[[int], int]) -> None:
        """Unsegmented text in [a, b) (blank runs are not gaps worth showing)."""
        if b <= a:
            return
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            s = a + len(chunk) - len(chunk.lstrip())
            gaps.append((to_qt(s), to_qt(s + len(stripped))))

    # -- geometry --------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self.doc is not None and (self._starts or self._gaps):
            with viewport_painter(self) as painter:
                self._paint_segments(painter, event)
        super().paintEvent(event)

    def _paint_segments(self, painter: QPainter, event: QPaintEvent) -> None:
        offset = self.contentOffset()
        area = event.rect()
        current = self._index.get(self.selection.current or "", -1)
        chosen = {self._index[i] for i in self.selection.ids if i in self._index}
        outline: list[QRectF] = []
        block = self.firstVisibleBlock()
        hatch = QBrush(UNSEGMENTED, Qt.BrushStyle.BDiagPattern)
        while block.isValid():
            geo = self.blockBoundingGeometry(block).translated(offset)
            if geo.top() > area.bottom():
                break
            if block.isVisible() and geo.bottom() >= area.top():
                bpos = block.position()
                bend = bpos + block.length() - 1
                top, left = geo.top(), geo.left()
                i = bisect.bisect_right(self._ends, bpos)
                while i < len(self._starts) and self._starts[i] <= bend:
                    s, e = self._starts[i], self._ends[i]
                    colour = QColor(self._label_colours.get(self._labels[i], QColor("#cccccc")))
                    colour.setAlpha(255 if i in chosen else TINT_ALPHA)
                    rects = list(line_rects(block, top, left, max(s, bpos) - bpos, min(e, bend) - bpos))
                    for r in rects:
                        painter.fillRect(r, colour)
                    if rects:
                        edge = colour.darker(170)
                        if s >= bpos:
                            r = rects[0]
                            painter.fillRect(QRectF(r.left() - 1, r.top(), 2, r.height()), edge)
                        if e <= bend:
                            r = rects[-1]
                            painter.fillRect(QRectF(r.right() - 1, r.top(), 2, r.height()), edge)
                    if i == current:
                        outline.extend(rects)
                    i += 1
                g = bisect.bisect_right(self._gap_starts, bend)
                k = g - 1
                while k >= 0 and self._gaps[k][1] > bpos:
                    s, e = self._gaps[k]
                    for r in line_rects(block, top, left, max(s, bpos) - bpos, min(e, bend) - bpos):
                        painter.fillRect(r, QColor(255, 220, 220))
                        painter.fillRect(r, hatch)
                    k -= 1
                for s, e, colour, strong in self._marks:
                    if s > bend or e <= bpos:
                        continue
                    for r in line_rects(block, top, left, max(s, bpos) - bpos, min(e, bend) - bpos):
                        if strong:
                            c = QColor(colour)
                            c.setAlpha(90)
                            painter.fillRect(r, c)
                        painter.fillRect(QRectF(r.left(), r.bottom() - 2.5, r.width(), 2.5), colour)
            block = block.next()
        if outline:
            painter.setPen(QPen(QColor("#1d3557"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for r in outline:
                painter.drawRect(r.adjusted(-1, 0, 1, 0))

    # -- view -> model ---------------------------------------------------------------
    def cursor_offset(self) -> int:
        """The caret as a code-point offset."""
        return self.doc.offsets.from_qt(self.textCursor().position()) if self.doc else 0

    def selected_span(self) -> tuple[int, int] | None:
        """The text selection in code points, or None."""
        cur = self.textCursor()
        if self.doc is None or not cur.hasSelection():
            return None
        conv = self.doc.offsets.from_qt
        return conv(cur.selectionStart()), conv(cur.selectionEnd())

    def segment_at_qt(self, pos: int) -> str | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if 0 <= i < len(self._starts) and self._starts[i] <= pos < self._ends[i]:
            return self._ids[i]
        return None

    def _on_cursor(self) -> None:
        if self._moving_cursor or self.doc is None:
            return
        pos = self.textCursor().position()
        sid = self.segment_at_qt(pos)
        if sid is None and pos > 0:
            sid = self.segment_at_qt(pos - 1)  # the caret right after a segment's last character
        if sid is not None and sid != self.selection.current:
            self.selection.set(sid, source=self)
        self.sig_cursor_segment.emit(sid)

    def _on_selection(self, source: object) -> None:
        if self._marks and self.doc is not None:
            self._rebuild_marks()  # the chosen event's evidence is drawn stronger
        self.viewport().update()
        if source is self or self.doc is None or self.selection.current is None:
            return
        self.show_segment(self.selection.current)

    def show_segment(self, segment_id: str) -> None:
        """Put the caret at a segment's start and scroll it into view (without re-selecting)."""
        i = self._index.get(segment_id)
        if i is None:
            return
        cur = self.textCursor()
        if self.segment_at_qt(cur.position()) == segment_id and not cur.hasSelection():
            self.viewport().update()
            return
        cur = QTextCursor(self.document())
        cur.setPosition(self._starts[i])
        self._moving_cursor = True
        try:
            self.setTextCursor(cur)
            self.centerCursor()
        finally:
            self._moving_cursor = False

    def select_span(self, start: int, end: int) -> None:
        """Select code-point range [start, end) in the text (tests and jumps)."""
        if self.doc is None:
            return
        cur = QTextCursor(self.document())
        cur.setPosition(self.doc.offsets.to_qt(start))
        cur.setPosition(self.doc.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)

    def set_cursor_offset(self, offset: int) -> None:
        if self.doc is None:
            return
        cur = QTextCursor(self.document())
        cur.setPosition(self.doc.offsets.to_qt(offset))
        self.setTextCursor(cur)
