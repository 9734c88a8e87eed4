"""The document pane: the read-only source text with segments painted under it.

Segments are painted, not formatted into the QTextDocument: each paint walks only
the visible blocks and binary-searches the segments that touch them, so a 1 MB
Document with thousands of segments opens and repaints in milliseconds, and an
edit only has to rebuild a few flat arrays.
"""

from __future__ import annotations

import bisect
import time
from functools import partial
from itertools import count
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QToolTip, QWidget

from curator.core.edit import Changes
from curator.core.colours import TINT_ALPHA
from curator.core.edit.checks import changed_window
from curator.core.edit import lookup
from curator.core.model import Segment
from curator.core.taxonomy import Taxonomy, default_taxonomy
from curator.gui import dup_marks
from curator.gui.document import OpenDocument
from curator.gui.offsets import OffsetMap, qt_string, shown_text
from curator.gui.painting import line_rects, viewport_painter
from curator.gui.selection import Selection
from curator.gui.widgets import plain_tip

_SPAN = attrgetter("start", "end")
_ID = attrgetter("id")
_START, _END = attrgetter("start"), attrgetter("end")
_LABEL = attrgetter("label")

UNSEGMENTED = QColor(214, 40, 40, 110)
FIND_FILL = QColor(255, 214, 0, 170)
FIND_CURRENT = QColor(255, 120, 0)
# A passage of a duplicate group: a dotted dark underline. It was a solid red one, read as a spelling
# mistake; the dots still stand out on every label's tint, and red stays for text in no segment.
DUPLICATE_MARK = QColor("#3a3a3a")
# The gutter: key chip, reviewed mark, this many average characters of the speaker's name (small font),
# then the segment's stripe; sized from the view's font (it was a fixed 118 px: at a large font or a
# high-DPI font scale the ✓ was clipped and a name cut to a letter or two).
GUTTER_NAME_CHARS = 10
# Documents whose laid-out text the view keeps for going back to them (a 10 MB one: ~100 MB of Qt's layout).
SHOWN_KEPT = 2


@dataclass
class _Shown:
    """A Document as the view showed it: its text's Qt document and the arrays the painter searches."""

    text: str
    qdoc: QTextDocument
    breaks: int
    arrays: tuple[Any, ...]


def _text_document(font: QFont, parent: QObject | None = None) -> QTextDocument:
    qdoc = QTextDocument(parent)
    qdoc.setDocumentLayout(QPlainTextDocumentLayout(qdoc))
    qdoc.setUndoRedoEnabled(False)  # read-only: no undo of Qt's own
    qdoc.setDefaultFont(font)
    qdoc.setDocumentMargin(14)
    return qdoc


_Arrays = tuple[list[Segment], dict[str, int], list[int], list[int], list[str], list[str], list[tuple[int, int]],
                list[int]]


def view_arrays(text: str, segs: list[Segment], offsets: OffsetMap) -> _Arrays:
    """The flat UTF-16 arrays the painter searches, for every segment (``DocumentView.rebuild``; any thread): the
    segments, id -> position, starts, ends, ids, labels, unsegmented gaps and their starts."""
    starts, ends = list(map(_START, segs)), list(map(_END, segs))
    ids = list(map(_ID, segs))
    gaps: list[tuple[int, int]] = []
    to_qt = offsets.to_qt
    # The text between two segments: only a run that is not blank is a gap worth showing (told apart in one
    # C-level test per run; a call per segment was ~15 ms of opening a 10 MB page). No segments: no gaps shown (a
    # page waiting for its parse).
    for x, y in zip([0, *ends], [*starts, len(text)]) if segs else ():
        if y > x and not text[x:y].isspace():
            DocumentView._add_gap(gaps, text, x, y, to_qt)
    return (segs, dict(zip(ids, count())), offsets.to_qt_many(starts), offsets.to_qt_many(ends), ids,
            list(map(_LABEL, segs)), gaps, [g[0] for g in gaps])


# Text laid into a Qt document on the loader thread a piece of about this many characters at a time, the GIL let
# go between pieces: PySide holds it through a Qt call, and one setPlainText of a 10 MB page was ~250 ms.
PREPARE_PIECE = 200_000


@dataclass
class Prepared:
    """A big Document's text view made off the UI thread (``prepare_view``): taken by ``set_document``."""

    text: str
    segs: list[Segment]
    qdoc: QTextDocument
    breaks: int
    arrays: _Arrays


def prepare_view(text: str, segs: list[Segment], offsets: OffsetMap, *, font: QFont) -> Prepared:
    """The view's Qt document of ``text`` and its arrays, made on the calling thread (the loader's) and handed to
    the UI thread's (QTextDocument and QTextCursor are reentrant: one thread at a time, then moved). The text goes
    in a piece at a time, each cut after a line break (a surrogate pair or ``\r\n`` never cut), as one
    ``setPlainText`` would put it (that is ``QTextCursor.insertText`` of it)."""
    shown, breaks = shown_text(text)
    units = qt_string(shown)
    qdoc = _text_document(font)
    cursor = QTextCursor(qdoc)
    at = 0
    while at < len(units):
        cut = units.find("\n", at + PREPARE_PIECE)
        end = len(units) if cut < 0 else cut + 1
        cursor.insertText(units[at:end])
        at = end
        time.sleep(0)  # the UI thread gets the GIL between pieces
    # Each block's QTextLayout made here: the view's relayout when it takes the document makes them otherwise (its
    # setDocument of a 10 MB page: 30 -> 16 ms of the UI thread).
    block = qdoc.firstBlock()
    while block.isValid():
        block.layout()
        block = block.next()
    arrays = view_arrays(text, segs, offsets)
    app = QCoreApplication.instance()
    if app is not None:
        qdoc.moveToThread(app.thread())
    return Prepared(text, segs, qdoc, breaks, arrays)


class Gutter(QWidget):
    """The margin left of the text: each segment's key letter, ✓ when reviewed and its speaker, at its first
    line, and a stripe in its label's colour down its lines (broken between segments), so labels, reviewed
    state and speakers read without colour and without the tree."""

    def __init__(self, view: DocumentView) -> None:
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            painter.fillRect(event.rect(), QColor("#f6f6f4"))
            self.view.paint_gutter(painter, event.rect())
        finally:
            painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.view.gutter_tip(event.pos().y())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class DocumentView(QPlainTextEdit):
    """Source text, each segment tinted by its label, boundaries and the current segment drawn."""

    sig_cursor_segment = Signal(object)  # segment id under a click / caret move, or None

    def __init__(self, selection: Selection, *, taxonomy: Taxonomy | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.taxonomy = taxonomy or default_taxonomy()
        self._label_colours = {c.name: QColor(c.colour) for c in self.taxonomy.labels}
        self._label_keys = {c.name: (c.shortcut or c.name[:1]).upper() for c in self.taxonomy.labels}
        self._event_colours = {c.name: QColor(c.colour) for c in self.taxonomy.event_types}
        self.doc: OpenDocument | None = None
        self.display_breaks = 0  # line breaks the view shows that the text does not have (very long lines)
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._ids: list[str] = []
        self._labels: list[str] = []
        self._gap_starts: list[int] = []
        self._gaps: list[tuple[int, int]] = []
        self._marks: list[tuple[int, int, QColor, bool]] = []
        self._index: dict[str, int] = {}
        self._segs: list[Segment] = []  # the segments the arrays describe (to find what an edit replaced)
        self._find: list[tuple[int, int]] = []  # matches of the find bar, UTF-16
        self._find_starts: list[int] = []
        self._find_current = -1
        self._speaker_names: dict[str, str] = {}
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
        # The texts of Documents shown before, laid out, kept for going back (not children of the view: the
        # view would delete its document's predecessor on each switch).
        self._text_documents = QObject(self)
        self._shown: dict[int, _Shown] = {}
        self.cursorPositionChanged.connect(self._on_cursor)
        self._chose: tuple[str, ...] = ()  # the segments a text selection chose last (still chosen, or not)
        selection.sig_changed.connect(self._on_selection)
        self.setTabChangesFocus(True)  # Tab leaves the text (it never types here)
        self.gutter = Gutter(self)
        self._gutter_width = 0
        self._fit_gutter()
        self.updateRequest.connect(self._update_gutter)

    def _small_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, self.font().pointSizeF() - 1.5))
        return small

    def gutter_width(self) -> int:
        """The gutter's width for the view's font: chip, ✓, room for a name, the stripe."""
        metrics = QFontMetrics(self.font())
        chip_w = metrics.horizontalAdvance("W") + 8
        check_w = metrics.horizontalAdvance("✓") + 4
        small = QFontMetrics(self._small_font())
        # Room for a name only when the Document has speakers: without, the text keeps it (at 1024x700
        # the text had ~210 px beside a gutter mostly empty); at most GUTTER_NAME_CHARS average characters.
        names = self._speaker_names.values() if getattr(self, "_speaker_names", None) else ()
        longest = max((small.horizontalAdvance(n) for n in names), default=0)
        name_w = min(longest, small.averageCharWidth() * GUTTER_NAME_CHARS) + (6 if longest else 0)
        return 4 + chip_w + 4 + check_w + 2 + name_w + 10

    def gutter_stripe_x(self) -> int:
        return self._gutter_width - 7

    def _fit_gutter(self) -> None:
        width = self.gutter_width()
        if width != self._gutter_width:
            self._gutter_width = width
            self.setViewportMargins(width, 0, 0, 0)
            cr = self.contentsRect()
            self.gutter.setGeometry(QRect(cr.left(), cr.top(), width, cr.height()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        # (also what a change of screen sends; the font is set in __init__ before the gutter exists)
        if event.type() == QEvent.Type.FontChange and getattr(self, "gutter", None) is not None:
            self._fit_gutter()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        cr = self.contentsRect()
        self.gutter.setGeometry(QRect(cr.left(), cr.top(), self._gutter_width, cr.height()))

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    # -- model -> view -------------------------------------------------------------
    def set_document(self, doc: OpenDocument | None) -> None:
        # The one to show is taken from those kept before the one left is kept: keeping it never lets go of the
        # Document coming back (with two kept, the first of three shown in turn was laid out again each time).
        kept = self._shown.pop(id(doc), None) if doc is not None else None
        if self.doc is not None:
            self.doc.sig_changed.disconnect(self.on_changes)
            self._keep_shown()
        self.doc = doc
        self._moving_cursor = True
        if kept is not None and kept.text is doc.text:  # type: ignore[union-attr]
            # Back to a Document shown before: its laid-out text and arrays as they were (a 10 MB page took
            # ~0.5 s of the UI thread each time, setPlainText and 40,000 offsets converted again).
            self._set_text_document(kept.qdoc)
            self.display_breaks = kept.breaks
            (self._segs, self._index, self._starts, self._ends, self._ids, self._labels, self._gaps,
             self._gap_starts) = kept.arrays
        else:
            if kept is not None:
                kept.qdoc.deleteLater()
            prepared = doc.prepared if doc is not None else None
            # (Its segments may have changed since it was made, by a big page's parse: its arrays follow below.)
            if isinstance(prepared, Prepared) and doc is not None and prepared.text is doc.text:
                # Made on the loader thread (round gui18): the text laid into its Qt document there, a piece at a
                # time, and the arrays converted (setPlainText of a 10 MB page was ~150-250 ms of this thread).
                doc.prepared = None
                prepared.qdoc.setParent(self._text_documents)
                self._set_text_document(prepared.qdoc)
                self.display_breaks = prepared.breaks
                (self._segs, self._index, self._starts, self._ends, self._ids, self._labels, self._gaps,
                 self._gap_starts) = prepared.arrays
                kept = _Shown(doc.text, prepared.qdoc, prepared.breaks, prepared.arrays)  # shown as kept below
            else:
                # Lines too long for Qt are shown broken at spaces (offsets.display_text): the window says so.
                shown, self.display_breaks = shown_text(doc.text) if doc else ("", 0)
                self._set_text_document(self._new_text_document())
                self.setPlainText(qt_string(shown))
        self._moving_cursor = False
        if doc is not None:
            doc.sig_changed.connect(self.on_changes)
        self._find, self._find_starts, self._find_current = [], [], -1
        if kept is not None and kept.text is doc.text and self._segs:  # type: ignore[union-attr]
            segs = doc.curation.segments  # type: ignore[union-attr]
            if self._segs is not segs:  # changed while away (a reload and merge): as an edit would
                lo, hi_old, hi_new = changed_window(self._segs, segs)
                if hi_old - lo > len(segs) // 2 + 16 or hi_new - lo > len(segs) // 2 + 16:
                    self.rebuild()
                    return
                self._splice(lo, hi_old, hi_new)
            self._speaker_names = {s.id: s.name for s in doc.curation.speakers}  # type: ignore[union-attr]
            self._fit_gutter()
            self._rebuild_marks()
            self.viewport().update()
            self.gutter.update()
            return
        self.rebuild()

    def _new_text_document(self) -> QTextDocument:
        return _text_document(self.font(), self._text_documents)

    def _set_text_document(self, qdoc: QTextDocument) -> None:
        if qdoc.defaultFont() != self.font():
            qdoc.setDefaultFont(self.font())
        self.setDocument(qdoc)

    def _keep_shown(self) -> None:
        """Keep the Document being left as shown (its laid-out text and arrays), the last SHOWN_KEPT of them."""
        assert self.doc is not None
        self._shown[id(self.doc)] = _Shown(self.doc.text, self.document(), self.display_breaks,
                                           (self._segs, self._index, self._starts, self._ends, self._ids,
                                            self._labels, self._gaps, self._gap_starts))
        while len(self._shown) > SHOWN_KEPT:
            old = self._shown.pop(next(iter(self._shown)))
            old.qdoc.deleteLater()

    def keeps(self, doc: OpenDocument) -> bool:
        """Whether ``doc``'s text is laid out here already (shown, or kept from being shown: ``set_document`` takes
        it before keeping the one it leaves)."""
        kept = self._shown.get(id(doc))
        return self.doc is doc or (kept is not None and kept.text is doc.text)

    def forget(self, doc: OpenDocument) -> None:
        """A Document closed: what was kept of it goes."""
        kept = self._shown.pop(id(doc), None)
        if kept is not None and kept.qdoc is not self.document():
            kept.qdoc.deleteLater()

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
        if changes.speakers:
            self._speaker_names = {s.id: s.name for s in self.doc.curation.speakers}
            self._fit_gutter()
        self.viewport().update()
        self.gutter.update()

    def rebuild(self) -> None:
        """Recompute the flat UTF-16 arrays the painter searches."""
        if self.doc is not None:
            (self._segs, self._index, self._starts, self._ends, self._ids, self._labels, self._gaps,
             self._gap_starts) = view_arrays(self.doc.text, self.doc.curation.segments, self.doc.offsets)
            self._speaker_names = {s.id: s.name for s in self.doc.curation.speakers}
        else:
            self._segs, self._index = [], {}
            self._starts, self._ends, self._ids, self._labels, self._gaps, self._gap_starts = [], [], [], [], [], []
            self._speaker_names = {}
        self._fit_gutter()
        self._rebuild_marks()
        self.viewport().update()
        self.gutter.update()

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
        if hi_new - lo == hi_old - lo and list(map(_SPAN, window)) == list(map(_SPAN, removed)):
            # Same spans (a relabel, a new Article taking 4,000 segments): the positions and gaps stand;
            # converting each span to UTF-16 again took ~70 ms for such an Article.
            self._segs = segs
            self._labels[lo:hi_old] = list(map(_LABEL, window))
            ids = list(map(_ID, window))
            if ids != self._ids[lo:hi_old]:  # else every id keeps its position (compared in C)
                self._ids[lo:hi_old] = ids
                for seg in removed:
                    self._index.pop(seg.id, None)
                self._index.update(zip(ids, count(lo)))
            return
        # The Curation's own list (never changed in place), so that the next edit's window is the one the
        # edit's checks already found (``changed_window`` remembers the pair).
        self._segs = segs
        starts, ends = list(map(_START, window)), list(map(_END, window))
        self._starts[lo:hi_old] = doc.offsets.to_qt_many(starts)
        self._ends[lo:hi_old] = doc.offsets.to_qt_many(ends)
        self._ids[lo:hi_old] = list(map(_ID, window))
        self._labels[lo:hi_old] = list(map(_LABEL, window))
        text = doc.text
        a = segs[lo - 1].end if lo > 0 else 0
        b = segs[hi_new].start if hi_new < len(segs) else len(text)
        gaps: list[tuple[int, int]] = []
        # The text between two segments, from ``a`` to ``b``: only a run that is not blank is a gap worth showing
        # (told apart in one C-level test per run; a call per segment was ~15 ms of opening a 10 MB page).
        ends.insert(0, a)
        starts.append(b)
        for x, y in zip(ends, starts):
            if y > x and not text[x:y].isspace():
                self._add_gap(gaps, text, x, y, to_qt)
        qa, qb = to_qt(a), to_qt(b)
        g0 = bisect.bisect_left(self._gap_starts, qa)
        g1 = bisect.bisect_left(self._gap_starts, qb)
        self._gaps[g0:g1] = gaps
        self._gap_starts[g0:g1] = [g[0] for g in gaps]
        # The id -> position map is patched for the window only; after a split, merge or delete the entries
        # past it are off by the change in count and heal when asked (``_pos``): rebuilding it took 6-15 ms
        # of the UI thread per such edit on a 40,000-segment page.
        for seg in removed:
            self._index.pop(seg.id, None)
        self._index.update(zip(self._ids[lo:hi_new], count(lo)))

    def preparer(self) -> Callable[[str, list[Segment], OffsetMap], Prepared]:
        """What the loader thread calls to make this view's text of a big Document (``prepare_view``): with a copy
        of the view's font, taken here on the UI thread."""
        return partial(prepare_view, font=QFont(self.font()))

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
                self._marks.append((to_qt(dup.start), to_qt(dup.end), DUPLICATE_MARK, False))

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
        current = self._pos(self.selection.current or "")
        current = -1 if current is None else current
        chosen = {k for k in map(self._pos, self.selection.ids) if k is not None}
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
                        if colour is DUPLICATE_MARK:
                            self._paint_dots(painter, r)
                        else:
                            painter.fillRect(QRectF(r.left(), r.bottom() - 2.5, r.width(), 2.5), colour)
                if self._find:
                    self._paint_find(painter, block, top, left, bpos, bend)
            block = block.next()
        if outline:
            painter.setPen(QPen(QColor("#1d3557"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for r in outline:
                painter.drawRect(r.adjusted(-1, 0, 1, 0))

    @staticmethod
    def _paint_dots(painter: QPainter, r: QRectF) -> None:
        """The duplicate mark under one laid-out line's piece of a passage: 2x2 dots, 2 px apart."""
        y = int(r.bottom()) - 2
        x, end = int(r.left()), int(r.right())
        while x < end:
            painter.fillRect(QRect(x, y, min(2, end - x), 2), DUPLICATE_MARK)
            x += 4

    def _paint_find(self, painter: QPainter, block: object, top: float, left: float, bpos: int, bend: int) -> None:
        """The find bar's matches in this block: yellow, the current one boxed in orange."""
        k = max(0, bisect.bisect_right(self._find_starts, bpos) - 1)
        while k < len(self._find) and self._find[k][0] <= bend:
            s, e = self._find[k]
            if e > bpos:
                for r in line_rects(block, top, left, max(s, bpos) - bpos, min(e, bend) - bpos):  # type: ignore[arg-type]
                    painter.fillRect(r, FIND_FILL)
                    if k == self._find_current:
                        painter.setPen(QPen(FIND_CURRENT, 2))
                        painter.setBrush(Qt.BrushStyle.NoBrush)
                        painter.drawRect(r.adjusted(-1, -1, 1, 1))
            k += 1

    def set_find_marks(self, matches: list[tuple[int, int]], current: int) -> None:
        """Highlight ``matches`` (code points) and mark the ``current`` one; an empty list clears them."""
        to_qt = self.doc.offsets.to_qt if self.doc is not None else (lambda x: x)
        self._find = [(to_qt(a), to_qt(b)) for a, b in matches]
        self._find_starts = [a for a, _b in self._find]
        self._find_current = current
        self.viewport().update()

    # -- the gutter ----------------------------------------------------------------------
    def paint_gutter(self, painter: QPainter, area: QRect) -> None:
        """Key chip, reviewed mark and speaker at each segment's first line; its stripe along its lines.

        Segments that start on the same laid-out line (a short heading and the sentence after it)
        get one chip each, side by side, instead of chips drawn over one another."""
        if self.doc is None or not self._starts:
            return
        metrics = QFontMetrics(self.font())
        small = self._small_font()
        small_metrics = QFontMetrics(small)
        stripe_x = self.gutter_stripe_x()
        stripes = self._gutter_stripes(area)  # one walk over the visible blocks serves both
        for i, top, bottom, starts_here, _h in stripes:
            colour = self._label_colours.get(self._labels[i], QColor("#cccccc"))
            gap = 3 if starts_here else 0
            painter.fillRect(QRectF(stripe_x, top + gap, 5, bottom - top - gap), colour.darker(115))
        for top, height, indices in self.gutter_tags(area, stripes):
            self._paint_tags(painter, indices, top, height, metrics, small)

    def _gutter_stripes(self, area: QRect) -> list[tuple[int, float, float, bool, float]]:
        """(segment index, top, bottom, starts in this block, first line's height) per visible piece of a segment."""
        out: list[tuple[int, float, float, bool, float]] = []
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        while block.isValid():
            geo = self.blockBoundingGeometry(block).translated(offset)
            if geo.top() > area.bottom():
                break
            if block.isVisible() and geo.bottom() >= area.top():
                bpos = block.position()
                bend = bpos + block.length() - 1
                i = bisect.bisect_right(self._ends, bpos)
                layout = block.layout()
                while i < len(self._starts) and self._starts[i] <= bend:
                    s, e = self._starts[i], self._ends[i]
                    a, z = max(s, bpos) - bpos, min(e, bend) - bpos
                    if z > a:
                        # Only the first and last laid-out lines matter here (no per-line x geometry).
                        first, last = layout.lineForTextPosition(a), layout.lineForTextPosition(z - 1)
                        if first.isValid() and last.isValid():
                            out.append((i, geo.top() + first.y(), geo.top() + last.y() + last.height(), s >= bpos,
                                        first.height()))
                    i += 1
            block = block.next()
        return out

    def gutter_tags(self, area: QRect, stripes: list[tuple[int, float, float, bool, float]] | None = None,
                    ) -> list[tuple[float, float, list[int]]]:
        """(top, line height, segment indices) per laid-out line where segments start, in order."""
        lines: dict[float, tuple[float, list[int]]] = {}
        for i, top, _bottom, starts_here, height in stripes if stripes is not None else self._gutter_stripes(area):
            if starts_here:  # ``top`` is then the top of the laid-out line the segment starts on
                lines.setdefault(top, (height, []))[1].append(i)
        return [(top, height, idx) for top, (height, idx) in sorted(lines.items())]

    def tag_layout(self, count: int, name: str, *, top: float, height: float,
                   ) -> tuple[list[QRectF], QRectF, QRectF | None, str]:
        """Where the gutter paints the chips of ``count`` segments starting on one line, the ✓ and the
        speaker's name (elided to its room): the chips that fit (the last says "+n" when more start
        there), the ✓'s box, the name's box (None: no name or no room) and the name as shown."""
        metrics = QFontMetrics(self.font())
        chip_w = metrics.horizontalAdvance("W") + 8
        check_w = metrics.horizontalAdvance("✓") + 4
        chip_h = min(height - 2, metrics.height() + 2)
        stripe_x = self.gutter_stripe_x()
        fit = max(1, (stripe_x - 4 - 1 - check_w - 2) // (chip_w + 3))
        chips = []
        x = 4.0
        for _ in range(min(count, fit)):
            chips.append(QRectF(x, top + 1, chip_w, chip_h))
            x += chip_w + 3
        x += 1
        check = QRectF(x, top + 1, check_w, chip_h)
        x += check_w + 2
        room = int(stripe_x - 3 - x)
        if not name or room <= 12:
            return chips, check, None, ""
        shown = QFontMetrics(self._small_font()).elidedText(name, Qt.TextElideMode.ElideRight, room)
        return chips, check, QRectF(x, top + 1, room, chip_h), shown

    def _paint_tags(self, painter: QPainter, indices: list[int], top: float, height: float,
                    metrics: QFontMetrics, small: QFont) -> None:
        """One chip per segment starting on this line; then the reviewed mark and speaker (the first
        segment's when it is alone, else ✓ only when all are reviewed and the first named speaker)."""
        segs = [self._segs[i] for i in indices]
        name = next((self._speaker_names.get(seg.speaker or "", "") for seg in segs
                     if self._speaker_names.get(seg.speaker or "", "")), "")
        chips, check, name_box, shown = self.tag_layout(len(segs), name, top=top, height=height)
        for n, (seg, chip) in enumerate(zip(segs, chips, strict=False)):
            more = len(segs) - len(chips) + 1 if n == len(chips) - 1 and len(segs) > len(chips) else 0
            colour = QColor(self._label_colours.get(seg.label, QColor("#cccccc")))
            painter.fillRect(chip, QColor("#ffffff"))
            colour.setAlpha(TINT_ALPHA)  # the same tint as behind the text, so the letter reads on it
            painter.fillRect(chip, colour if not more else QColor("#dddddd"))
            colour.setAlpha(255)
            painter.setPen(QPen(colour.darker(160) if not more else QColor("#888888"), 1))
            painter.drawRect(chip)
            painter.setPen(QColor("#111111"))
            painter.setFont(self.font() if not more else small)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, self._label_keys.get(seg.label, "?") if not more
                             else f"+{more}")
        painter.setFont(self.font())
        if all(seg.reviewed for seg in segs):
            painter.setPen(QColor("#1b7f3b"))
            painter.drawText(check, Qt.AlignmentFlag.AlignCenter, "✓")
        if name_box is not None:
            painter.setFont(small)
            painter.setPen(QColor("#333333"))
            painter.drawText(name_box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
            painter.setFont(self.font())

    def gutter_tip(self, y: int) -> str:
        """What the gutter shows at height ``y``, spelled out (label, reviewed, speaker), per segment there."""
        if self.doc is None:
            return ""
        here = next((idx for top, height, idx in self.gutter_tags(self.viewport().rect())
                     if top <= y < top + height), None)
        if here is None:
            cursor = self.cursorForPosition(QPoint(4, y))
            sid = self.segment_at_qt(cursor.position())
            if sid is None:
                return ""
            k = self._pos(sid)
            if k is None:
                return ""
            here = [k]
        return plain_tip("\n".join(self._describe(self._segs[i]) for i in here))

    def _describe(self, seg: Segment) -> str:
        speaker = self._speaker_names.get(seg.speaker or "", "")
        said = (f"{seg.label} ({self._label_keys.get(seg.label, '?')}) · "
                f"{'reviewed' if seg.reviewed else 'not reviewed'}" + (f" · {speaker}" if speaker else "")
                + f" · {seg.id}")
        if self.doc is not None:  # the dotted underline, spelled out (a few memberships per Document)
            doc = self.doc.curation.document.id
            said += "".join(f"\n  duplicate — {dup_marks.explain(d, doc)}"
                            for d in self.doc.curation.duplicates if d.segment == seg.id)
        return said

    # -- view -> model ---------------------------------------------------------------
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt's name)
        """A copy takes the source's own text (the view may show a space of a very long line as a
        break, and a ``\\r\\n`` as a space and a break)."""
        span = self.selected_span()
        if self.doc is None or span is None:
            return super().createMimeDataFromSelection()
        data = QMimeData()
        data.setText(self.doc.text[span[0]:span[1]])
        return data

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

    def has_segment(self, segment_id: str) -> bool:
        return self._pos(segment_id) is not None

    def _pos(self, segment_id: str) -> int | None:
        """Where a segment is in the arrays (None: not there); an entry an edit left off is mended here."""
        k = self._index.get(segment_id)
        if k is not None and k < len(self._ids) and self._ids[k] == segment_id:
            return k
        if self._segs:  # the list the arrays mirror: found there by id (a dict), not by a scan of the ids
            try:
                k = lookup.position(self._segs, segment_id)
            except ValueError:
                self._index.pop(segment_id, None)
                return None  # a segment an edit removed (asked after every undo and Del)
            self._index[segment_id] = k
            return k
        try:
            k = self._ids.index(segment_id)  # ~1.5 ms in the middle of 40,000 segments
        except ValueError:
            self._index.pop(segment_id, None)
            return None
        self._index[segment_id] = k
        return k

    def segment_at_caret(self) -> str | None:
        """The segment the caret is in (or right after the end of)."""
        pos = self.textCursor().position()
        return self.segment_at_qt(pos) or (self.segment_at_qt(pos - 1) if pos > 0 else None)

    def segment_at_qt(self, pos: int) -> str | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if 0 <= i < len(self._starts) and self._starts[i] <= pos < self._ends[i]:
            return self._ids[i]
        return None

    def _on_cursor(self) -> None:
        if self._moving_cursor or self.doc is None:
            return
        cursor = self.textCursor()
        pos = cursor.position()
        sid = self.segment_at_qt(pos)
        if sid is None and pos > 0:
            sid = self.segment_at_qt(pos - 1)  # the caret right after a segment's last character
        touched = self.segments_touched(cursor.selectionStart(), cursor.selectionEnd()) if cursor.hasSelection() else ()
        if len(touched) > 1:
            # A selection over several segments chooses them all, as the tree's Shift+Down does: Q after Shift+Down
            # over four paragraphs labelled the first one only.
            self.selection.set(sid if sid in touched else touched[-1], touched, source=self)
            self._chose = touched
        elif sid is not None and (sid != self.selection.current or self.selection.ids == self._chose != ()):
            self.selection.set(sid, source=self)  # (segments the tree chose stay chosen while the caret stays)
            self._chose = ()
        self.sig_cursor_segment.emit(sid)

    def segments_touched(self, start: int, end: int) -> tuple[str, ...]:
        """The ids of the segments that share a character with the Qt range [start, end), in order."""
        lo = bisect.bisect_right(self._ends, start)
        hi = bisect.bisect_left(self._starts, end)
        return tuple(self._ids[lo:hi])

    def _on_selection(self, source: object) -> None:
        if self._marks and self.doc is not None:
            self._rebuild_marks()  # the chosen event's evidence is drawn stronger
        self.viewport().update()
        if source is self or self.doc is None or self.selection.current is None:
            return
        self.show_segment(self.selection.current)

    def show_segment(self, segment_id: str) -> None:
        """Put the caret at a segment's start and scroll it into view (without re-selecting)."""
        i = self._pos(segment_id)
        if i is None:
            return
        cur = self.textCursor()
        if self.segment_at_qt(cur.position()) == segment_id and not cur.hasSelection():
            self.ensureCursorVisible()  # the caret may be in it yet scrolled away (the wheel, a re-wrap)
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
