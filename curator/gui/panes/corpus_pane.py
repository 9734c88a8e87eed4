"""The corpus pane: Documents with status and counts, a filter, and a progress line for long work."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from curator.core.taxonomy import default_taxonomy
from curator.gui.panes.corpus_model import COLUMN_TIPS, COLUMNS, DOC_ID_ROLE, STATUS_TEXT, CorpusFilter, CorpusModel
from curator.gui.workspace import DocSummary
from curator.gui.widgets import RowTable, SafeComboBox


class CorpusTable(RowTable):
    """The Documents table; Ctrl+Tab and Ctrl+Shift+Tab leave it like Tab does (item views keep them)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (Qt.Key.Key_Tab,
                                                                                       Qt.Key.Key_Backtab):
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab
                                    and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return
        super().keyPressEvent(event)


class CorpusPane(QWidget):
    """Documents of the corpus; activating one opens it."""

    sig_open = Signal(str)  # document id
    sig_cancel = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CorpusModel(self)
        self.proxy = CorpusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.name = QLineEdit(self, placeholderText="Filter by name…", clearButtonEnabled=True)
        self.status = SafeComboBox(self)
        self.status.addItem("any status", "")
        for key, text in STATUS_TEXT.items():
            self.status.addItem(text, key)
        self.label = SafeComboBox(self)
        self.label.addItem("any label", "")
        for name in default_taxonomy().label_names:
            self.label.addItem(name, name)
        self.confidence = SafeComboBox(self)
        self.confidence.setToolTip("The parser's confidence in the page's article (sort the Conf column to start "
                                   "with the doubtful pages)")
        for text, value in (("any confidence", ""), ("confidence ≤ 0.5", 0.5), ("confidence ≤ 0.8", 0.8),
                            ("confidence unknown", "unknown")):
            self.confidence.addItem(text, value)
        self.speaker = QLineEdit(self, placeholderText="speaker…", clearButtonEnabled=True)
        self.dups = QCheckBox("has duplicates", self)
        self.table = CorpusTable(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # Rows show the page's name first and its folder after it (shown_name): cut at the right,
        # what tells the rows apart stays readable; the whole id is in the tooltip.
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # a list to read, not a form
        # Tab leaves the table (to the next pane's widget) instead of walking its cells.
        self.table.setTabKeyNavigation(False)
        # The id column takes the room left; the others are sized once from the font (fit_columns),
        # not kept fitted: ResizeToContents measured every row on each change, 28 ms of every edit
        # with 300 Documents in the corpus (the open Document's row changes with each edit).
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.model.columnCount()):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        # Fit columns to the rows in view only (Qt's default measures up to 1000 rows).
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        # Which count columns show (the header's menu, and View ▸ Corpus columns): in the narrow
        # dock every column shown takes room from the Document names, so two start hidden.
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.column_actions: dict[str, QAction] = {}
        for col, name in enumerate(COLUMNS):
            if col == 0:
                continue
            act = QAction(f"{name}: {self.COLUMN_NAMES[name]}", self, checkable=True)
            act.setStatusTip(COLUMN_TIPS[col])
            act.setChecked(name not in self.HIDDEN_BY_DEFAULT)
            act.toggled.connect(lambda on, c=col: self.table.horizontalHeader().setSectionHidden(c, not on))
            header.addAction(act)
            self.column_actions[name] = act
            header.setSectionHidden(col, not act.isChecked())
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.cancel = QPushButton("Cancel", self)
        self.cancel.clicked.connect(self.sig_cancel)
        # The last row holds either the count of Documents shown or, while a job runs, its progress
        # and Cancel: pages of one stack, so a job starting or ending never changes the pane's size.
        # (Showing and hiding the bar resized the dock and then the centre: the 1 MB Document's text
        # was laid out again and the whole window repainted, 71 ms of the UI thread at a job's start.)
        self.count = QLabel(self)
        self.count.setIndent(4)
        self.count.setEnabled(False)  # greyed: a note, not a control
        busy = QWidget(self)
        bar = QHBoxLayout(busy)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel)
        self.status_row = QStackedWidget(self)
        self.status_row.addWidget(self.count)
        self.status_row.addWidget(busy)
        self.status_row.setFixedHeight(self.status_row.sizeHint().height())
        # Two filters a row, the text fields together: three combo boxes side by side held the pane at
        # 363 px, and at 1024x700 the inspector beside the text lost the difference (its form was cut).
        row1 = QHBoxLayout()
        row1.addWidget(self.name, 3)
        row1.addWidget(self.speaker, 2)
        row2 = QHBoxLayout()
        row2.addWidget(self.status, 1)
        row2.addWidget(self.confidence, 1)
        row3 = QHBoxLayout()
        row3.addWidget(self.label, 1)
        row3.addWidget(self.dups, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addLayout(row3)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_row)
        self.name.textChanged.connect(lambda t: self.proxy.set_filter(name=t))
        self.speaker.textChanged.connect(lambda t: self.proxy.set_filter(speaker=t))
        self.status.currentIndexChanged.connect(lambda _: self.proxy.set_filter(status=self.status.currentData()))
        self.label.currentIndexChanged.connect(lambda _: self.proxy.set_filter(label=self.label.currentData()))
        self.dups.toggled.connect(lambda on: self.proxy.set_filter(has_duplicates=on))
        self.confidence.currentIndexChanged.connect(
            lambda _: self.proxy.set_filter(confidence=self.confidence.currentData()))
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._count_later)
        self._count_due = False
        self.show_progress(None)

    # the widest value each fitted column can hold, so that a later change never needs a refit
    WIDEST = {"Status": tuple(STATUS_TEXT.values()), "Conf": ("0.00",), "Seg": ("00000",), "Todo": ("00000",),
              "Dup": ("0000",)}
    HIDDEN_BY_DEFAULT = ("Seg", "Dup")
    COLUMN_NAMES = {"Status": "curation status", "Conf": "the parser's confidence", "Seg": "segments",
                    "Todo": "segments not yet reviewed", "Dup": "duplicate groups"}

    def fit_columns(self) -> None:
        """Size the columns after the id to their header (sort arrow included) or their widest value.

        Read off the font, never the rows: no cost per Document, no refit as values change, and
        no more room than a column needs (the Document names take the rest).
        """
        # In bold: the open Document's row is (its "not parsed" read "not pars…"), and every value a column
        # can take (the widest status is "not parsed", not "in progress").
        bold = QFont(self.table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        # The item delegate's own margins (QCommonStyle: focus frame margin + 1 each side), and a pixel or two.
        margins = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1) + 2
        header = self.table.horizontalHeader()
        for col in range(1, self.model.columnCount()):
            name = str(self.model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            widest = max(map(metrics.horizontalAdvance, self.WIDEST.get(name, ("",)))) + margins
            header.resizeSection(col, max(header.sectionSizeFromContents(col).width(), widest))

    def hidden_columns(self) -> list[str]:
        return [name for name, act in self.column_actions.items() if not act.isChecked()]

    def set_hidden_columns(self, names: list[str]) -> None:
        for name, act in self.column_actions.items():
            act.setChecked(name not in names)

    def set_summaries(self, summaries: list[DocSummary]) -> None:
        self.model.set_summaries(summaries)
        self.fit_columns()

    def update_summary(self, summary: DocSummary) -> None:
        self.model.update(summary)

    def update_summaries(self, summaries: list[DocSummary]) -> None:
        self.model.update_many(summaries)

    def remove_documents(self, doc_ids: list[str]) -> None:
        self.model.remove(doc_ids)

    def _activated(self, index: QModelIndex) -> None:
        doc_id = index.siblingAtColumn(0).data(DOC_ID_ROLE)
        if doc_id:
            self.sig_open.emit(doc_id)

    def mark_current(self, doc_id: str) -> None:
        """Make the open Document the table's current and selected row (arrows then move on from it)."""
        self.model.set_open(doc_id)
        row = self.model.row_of(doc_id)
        if row >= 0:
            idx = self.proxy.mapFromSource(self.model.index(row, 0))
            if idx.isValid():
                flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.selectionModel().setCurrentIndex(idx, flags)
                self.table.scrollTo(idx)

    def visible_ids(self) -> list[str]:
        """Document ids in the order shown (filtered and sorted)."""
        return [self.proxy.index(r, 0).data(DOC_ID_ROLE) for r in range(self.proxy.rowCount())]

    def _count_later(self, *_: object) -> None:
        if not self._count_due:
            self._count_due = True
            QTimer.singleShot(0, self, self._show_count)  # dropped with the pane

    def _show_count(self) -> None:
        """'301 documents', or '12 of 301 documents' while a filter hides some."""
        self._count_due = False
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "document" if total == 1 else "documents"
        self.count.setText(f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun} shown")

    @property
    def busy(self) -> bool:
        """A job's progress is showing."""
        return self.status_row.currentIndex() == 1

    def show_progress(self, value: tuple[int, int, str] | None) -> None:
        """(done, total, what) shows the bar; None hides it."""
        visible = value is not None
        if self.busy != visible:
            self.status_row.setCurrentIndex(1 if visible else 0)
            # While a job streams rows in, rows are not re-sorted and re-filtered per change (a
            # sorting proxy moves changed rows one by one); once, when the job is over, and the
            # columns are fitted to what it brought.
            self.proxy.setDynamicSortFilter(not visible)
        if value is not None:
            done, total, what = value
            # QProgressBar.setValue repaints at once, and a repaint paints every dirty widget of the
            # window (the table a result batch just changed) inside this call; with updates off
            # it only schedules one paint, done with the rest by the event loop.
            self.progress.setUpdatesEnabled(False)
            try:
                if done <= 0:
                    # Nothing counted yet (a job starting, one long Document): a moving busy bar,
                    # not a bar frozen at "0/1" that looks hung.
                    self.progress.setRange(0, 0)
                    self.progress.setFormat(f"{what}… 0/{total}")
                else:
                    self.progress.setRange(0, max(total, 1))
                    self.progress.setValue(done)
                    self.progress.setFormat(f"{what} %v/%m")
            finally:
                self.progress.setUpdatesEnabled(True)
