"""Search across the corpus (Ctrl+Alt+F): text or regex, filtered by label, speaker, status and confidence.

Queries are answered by ``curator.core.search.index`` from the index in
``.curator/search.sqlite``, off the UI thread; a newer query supersedes an older
one. The index is brought up to date in the background when the window opens and
when the folder changes, and a Document's rows are replaced when it is saved —
all writes go through one writer thread, so the window never waits on the index.
Enter (or a double-click) on a result opens its Document with the match selected.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from curator.core.search.index import INDEX_FILE, Hit, SearchIndex, SearchQuery, SearchResult
from curator.core.store import Corpus
from curator.core.taxonomy import default_taxonomy
from curator.gui.widgets import SafeComboBox, plain_label, plain_tip

DEBOUNCE_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
CONFIDENCE_CHOICES = (("any confidence", None), ("confidence ≤ 0.3", 0.3), ("confidence ≤ 0.5", 0.5),
                      ("confidence ≤ 0.8", 0.8), ("confidence unknown", "unknown"))
STATUS_CHOICES = (("any status", ""), ("auto", "auto"), ("in progress", "in_progress"), ("curated", "curated"),
                  ("never curated", "new"))


class _Signals(QObject):
    sig_result = Signal(int, object)  # generation, SearchResult | str (an error)
    sig_progress = Signal(int, int)  # done, total
    sig_done = Signal(object)  # (updated, removed) or an error string


class _Query(QRunnable):
    """One query on its own connection (SQLite connections stay in their thread)."""

    def __init__(self, path: Path, query: SearchQuery, generation: int, signals: _Signals) -> None:
        super().__init__()
        self.path, self.query, self.generation, self.signals = path, query, generation, signals

    def run(self) -> None:
        try:
            index = SearchIndex(self.path)
            try:
                result: SearchResult | str = index.search(self.query)
            finally:
                index.close()
        except (ValueError, OSError) as exc:
            result = str(exc)
        except Exception as exc:  # noqa: BLE001 (a broken index must not take the window down)
            result = f"the search failed: {exc}"
        self.signals.sig_result.emit(self.generation, result)


class _Write(QRunnable):
    """Index work on the writer thread: a refresh of the whole corpus, or one Document's rows."""

    def __init__(self, corpus: Corpus, signals: _Signals, cancel: threading.Event, *,
                 put: tuple[str, object, str] | None = None) -> None:
        super().__init__()
        self.corpus, self.signals, self.cancel, self.put = corpus, signals, cancel, put

    def run(self) -> None:
        try:
            index = SearchIndex.for_corpus(self.corpus)
            try:
                if self.put is not None:
                    doc_id, curation, text = self.put
                    index.put(doc_id, curation, text, stamp=index.stamp_of(self.corpus, doc_id))  # type: ignore[arg-type]
                    return
                done = index.refresh(self.corpus, progress=self.signals.sig_progress.emit,
                                     cancelled=self.cancel.is_set)
            finally:
                index.close()
        except Exception as exc:  # noqa: BLE001 (reported in the pane; the window goes on without search)
            self.signals.sig_done.emit(f"the search index could not be updated: {exc}")
            return
        self.signals.sig_done.emit(done)


def elide_to(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text`` whole when it fits in ``width`` pixels, else elided at the right.

    Qt's elidedText elides some words at exactly their own advance ("Zhang" became "Zha…").
    """
    if metrics.horizontalAdvance(text) <= width:
        return text
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class ContextDelegate(QStyledItemDelegate):
    """Paints a result's context on one line: the words before, the match in bold on yellow, the words after."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        hit: Hit | None = index.data(HIT_ROLE)
        if hit is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        rect = option.rect.adjusted(4, 0, -4, 0)
        bold = QFont(option.font)
        bold.setBold(True)
        plain_m, bold_m = QFontMetrics(option.font), QFontMetrics(bold)
        match_w = min(bold_m.horizontalAdvance(hit.match), rect.width() // 2)
        before_w = (rect.width() - match_w) // 2
        before = plain_m.elidedText(hit.before, Qt.TextElideMode.ElideLeft, before_w)
        x = rect.left() + before_w - plain_m.horizontalAdvance(before)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pen = option.palette.highlightedText().color() if selected else option.palette.text().color()
        painter.setPen(pen)
        painter.setFont(option.font)
        painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()), int(Qt.AlignmentFlag.AlignVCenter), before)
        x = rect.left() + before_w
        match_rect = QRect(x, rect.top() + 2, match_w, rect.height() - 4)
        painter.fillRect(match_rect, QColor(255, 214, 0, 200))
        painter.setPen(QColor("#111111"))
        painter.setFont(bold)
        painter.drawText(match_rect.adjusted(0, 0, 2, 0), int(Qt.AlignmentFlag.AlignVCenter),
                         elide_to(bold_m, hit.match, match_w))
        painter.setPen(pen)
        painter.setFont(option.font)
        rest = rect.right() - match_rect.right()
        painter.drawText(QRect(match_rect.right() + 1, rect.top(), rest, rect.height()),
                         int(Qt.AlignmentFlag.AlignVCenter),
                         plain_m.elidedText(hit.after, Qt.TextElideMode.ElideRight, rest))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(400, QFontMetrics(option.font).height() + 6)


class _Results(QTreeView):
    """The hits; Enter opens the one under the cursor (as a double-click does)."""

    sig_open = Signal(object)  # Hit

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            hit = self.currentIndex().siblingAtColumn(0).data(HIT_ROLE)
            if hit is not None:
                self.sig_open.emit(hit)
                return
        super().keyPressEvent(event)


class SearchPane(QWidget):
    """Query, filters, results with context; the index kept up to date behind it."""

    sig_open = Signal(object)  # Hit: open its Document with the match selected

    def __init__(self, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.path = Path(corpus.state_dir) / INDEX_FILE
        self.field = QLineEdit(self, placeholderText="Search the corpus: words (the last one a prefix) or a regex",
                               clearButtonEnabled=True)
        # Alt+X / Alt+C: letters no menu uses (Alt+R would open the Review menu).
        self.regex = QCheckBox(".* rege&x", self)
        self.regex.setToolTip("A Python regular expression (Alt+X)")
        self.case = QCheckBox("Aa &case", self)
        self.case.setToolTip("Match case (Alt+C)")
        self.label = SafeComboBox(self)
        self.label.addItem("any label", "")
        for cat in default_taxonomy().labels:
            self.label.addItem(cat.name, cat.name)
        self.status = SafeComboBox(self)
        for text, value in STATUS_CHOICES:
            self.status.addItem(text, value)
        self.confidence = SafeComboBox(self)
        for text, value in CONFIDENCE_CHOICES:
            self.confidence.addItem(text, value)
        self.speaker = QLineEdit(self, placeholderText="speaker…", clearButtonEnabled=True)
        self.message = plain_label("", self)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(["Document", "Label", "Speaker", "Context"])
        self.results = _Results(self)
        self.results.setModel(self.model)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAllColumnsShowFocus(True)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setItemDelegateForColumn(3, ContextDelegate(self.results))
        header = self.results.header()
        header.setStretchLastSection(True)
        for col, width in ((0, 170), (1, 80), (2, 120)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.regex)
        top.addWidget(self.case)
        filters = QHBoxLayout()
        for w in (self.label, self.status, self.confidence):
            filters.addWidget(w)
        filters.addWidget(self.speaker, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addLayout(filters)
        lay.addWidget(self.results, 1)
        lay.addWidget(self.message)

        self.signals = _Signals(self)
        self.signals.sig_result.connect(self._on_result)
        self.signals.sig_progress.connect(self._on_progress)
        self.signals.sig_done.connect(self._on_indexed)
        self.readers = QThreadPool(self)
        self.readers.setMaxThreadCount(2)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)  # one writer: refreshes and saves queue up, never lock each other
        self.cancel = threading.Event()
        self.generation = 0
        self.result: SearchResult | None = None
        self.indexing = False
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.speaker.textChanged.connect(lambda _t: self._timer.start())
        for box in (self.label, self.status, self.confidence):
            box.currentIndexChanged.connect(lambda _i: self.search())
        for check in (self.regex, self.case):
            check.toggled.connect(lambda _on: self.search())
        self.field.returnPressed.connect(self._first_result)
        self.results.sig_open.connect(self.sig_open)
        self.results.doubleClicked.connect(self._double_clicked)

    # -- the index ------------------------------------------------------------------------
    def refresh_index(self) -> None:
        """Bring the index up to date with the folder, in the background (only changed files are read)."""
        self.indexing = True
        self.message.setText("Updating the search index…")
        self.writer.start(_Write(self.corpus, self.signals, self.cancel))

    def document_saved(self, doc_id: str, curation: object, text: str) -> None:
        """A Document was saved: its rows in the index are replaced (on the writer thread)."""
        self.writer.start(_Write(self.corpus, self.signals, self.cancel, put=(doc_id, curation, text)))

    def _on_progress(self, done: int, total: int) -> None:
        if self.indexing and done < total:
            self.message.setText(f"Updating the search index: {done:,} of {total:,} documents…")

    def _on_indexed(self, outcome: object) -> None:
        self.indexing = False
        if isinstance(outcome, str):
            self.message.setText(outcome)
            return
        if self.field.text().strip():
            self.search()
        elif isinstance(outcome, tuple):
            self.message.setText(f"Search index up to date ({outcome[0]:,} document(s) re-read).")

    def shutdown(self) -> None:
        """Stop a refresh in progress (what it did is kept) and wait for the index threads."""
        self.cancel.set()
        self.writer.waitForDone(5000)
        self.readers.waitForDone(5000)

    # -- querying ---------------------------------------------------------------------------
    def query(self) -> SearchQuery:
        conf = self.confidence.currentData()
        return SearchQuery(self.field.text(), regex=self.regex.isChecked(), case=self.case.isChecked(),
                           label=self.label.currentData(), speaker=self.speaker.text(),
                           status=self.status.currentData(),
                           max_confidence=conf if isinstance(conf, float) else None,
                           unknown_confidence=conf == "unknown")

    def search(self) -> None:
        """Run the query in the background; its answer replaces the results unless a newer one was asked."""
        self._timer.stop()
        self.generation += 1
        query = self.query()
        if not query.text.strip() and not query.regex:
            self.model.removeRows(0, self.model.rowCount())
            self.message.setText("")
            return
        self.readers.start(_Query(self.path, query, self.generation, self.signals))

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Tests: wait until every query asked so far has answered."""
        return self.readers.waitForDone(timeout_ms)

    def _on_result(self, generation: int, result: object) -> None:
        if generation != self.generation:
            return  # a newer query is on its way
        self.model.removeRows(0, self.model.rowCount())
        if isinstance(result, str):
            self.result = None
            self.message.setText(result)
            return
        assert isinstance(result, SearchResult)
        self.result = result
        for hit in result.hits:
            doc = QStandardItem(hit.doc_id)
            doc.setData(hit, HIT_ROLE)
            doc.setToolTip(plain_tip(hit.doc_id))
            label = QStandardItem(hit.label or "—")
            speaker = QStandardItem(hit.speaker)
            ctx = QStandardItem(f"{hit.before}{hit.match}{hit.after}")
            ctx.setData(hit, HIT_ROLE)
            ctx.setToolTip(plain_tip(f"{hit.before}[{hit.match}]{hit.after}"))
            self.model.appendRow([doc, label, speaker, ctx])
        count = f"{len(result.hits):,}{'' if result.complete else '+'} hit(s)"
        shown = " (the first ones: narrow the search)" if not result.complete and not result.note else ""
        indexing = " — the index is still being updated" if self.indexing else ""
        self.message.setText(f"{count} in {result.seconds * 1000:.0f} ms{shown}"
                             + (f"; {result.note}" if result.note else "") + indexing)
        if result.hits:
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _first_result(self) -> None:
        """Enter in the query field: go to the results (the first is current; Enter again opens it)."""
        self.search()
        self.results.setFocus()

    def _double_clicked(self, index: QModelIndex) -> None:
        hit = index.siblingAtColumn(0).data(HIT_ROLE)
        if hit is not None:
            self.sig_open.emit(hit)

    def hits(self) -> list[Hit]:
        return [self.model.item(r, 0).data(HIT_ROLE) for r in range(self.model.rowCount())]
