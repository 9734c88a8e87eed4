"""The segments pane: a tree of articles and their segments, kept in sync with the selection."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from curator.core.edit import Changes
from curator.core.taxonomy import default_taxonomy
from curator.gui.document import OpenDocument
from curator.gui.panes.segments_model import (
    COL_DUP,
    COL_LABEL,
    COL_REVIEWED,
    COL_SPEAKER,
    COL_TEXT,
    SegmentsModel,
)
from curator.gui.selection import Selection


# Narrower than the words beside it in the default dock (it was 130 px, the Text column 92): the first
# words tell segments apart, and the text's gutter names each segment's speaker too. Resizable.
SPEAKER_WIDTH = 90


class SegmentsTree(QTreeView):
    """The tree, whose Up / Down / PgUp / PgDown / Home / End go from segment to segment: the group
    row between two articles is passed over (it selects nothing: Down from an article's last segment
    stopped there, and the next Down started the article again)."""

    _DOWN = (QAbstractItemView.CursorAction.MoveDown, QAbstractItemView.CursorAction.MovePageDown,
             QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveNext)
    speaker_auto = True  # the Speaker column's width follows the pane's until the editor sets it
    _fitting = False
    _UP = (QAbstractItemView.CursorAction.MoveUp, QAbstractItemView.CursorAction.MovePageUp,
           QAbstractItemView.CursorAction.MoveEnd, QAbstractItemView.CursorAction.MovePrevious)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        idx = super().moveCursor(action, modifiers)
        if action not in self._DOWN and action not in self._UP:
            return idx
        step = self.indexBelow if action in self._DOWN else self.indexAbove
        back = self.indexAbove if action in self._DOWN else self.indexBelow
        found = idx
        while found.isValid() and not found.parent().isValid():  # a group row
            found = step(found)
        if not found.isValid():  # nothing past it that way (the end, or collapsed groups): look back
            found = idx
            while found.isValid() and not found.parent().isValid():
                found = back(found)
        return found if found.isValid() else self.currentIndex()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_speaker_column()

    def fit_speaker_column(self) -> None:
        """In a narrow pane the Speaker column gives way to the Text column (at 1024 px the Text column
        was ~48 px, "— W…", beside 90 px of speaker): 2/5 of what the fixed columns leave, 48-90 px.
        Once the editor resizes it by hand, it keeps their width."""
        if not self.speaker_auto:
            return
        header = self.header()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c not in (COL_TEXT, COL_SPEAKER))
        left = self.viewport().width() - others
        width = min(SPEAKER_WIDTH, max(48, left * 2 // 5))
        if header.sectionSize(COL_SPEAKER) != width:
            self._fitting = True
            try:
                header.resizeSection(COL_SPEAKER, width)
            finally:
                self._fitting = False

    def _on_section_resized(self, index: int, _old: int, _new: int) -> None:
        if index == COL_SPEAKER and not self._fitting:
            self.speaker_auto = False


class SegmentsPane(QWidget):
    """Articles -> segments; selecting rows selects segments everywhere."""

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.model = SegmentsModel(self)
        self.view = SegmentsTree(self)
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # rows are read-only
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setMouseTracking(True)  # hovering a Dup mark says what it means in the status bar
        header = self.view.header()
        header.setStretchLastSection(False)
        # Fixed widths: ResizeToContents would ask every row for its data on each change (slow at 5,000
        # rows). The label column fits the longest label name after the branch and indentation.
        metrics = self.view.fontMetrics()
        longest = max((c.name for c in default_taxonomy().labels), key=metrics.horizontalAdvance)
        label_width = metrics.horizontalAdvance(longest) + 2 * self.view.indentation() + 20  # branch + indent
        for col, width in ((COL_LABEL, label_width), (COL_SPEAKER, SPEAKER_WIDTH), (COL_DUP, 42), (COL_REVIEWED, 26)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self.view._on_section_resized)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.doc: OpenDocument | None = None
        self._syncing = False
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)
        self.view.selectionModel().currentChanged.connect(self._on_view_selection)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(self._after_insert)
        selection.sig_changed.connect(self._on_selection)

    def set_document(self, doc: OpenDocument | None) -> None:
        if self.doc is not None:
            self.doc.sig_changed.disconnect(self.on_changes)
        self.doc = doc
        self.model.set_curation(doc.curation if doc else None)
        if doc is not None:
            doc.sig_changed.connect(self.on_changes)

    def on_changes(self, changes: Changes) -> None:
        if self.doc is None:
            return
        # Removing rows moves the view's current index to a neighbour: that is no choice of the editor's.
        self._syncing = True
        try:
            self.model.apply(self.doc.curation, changes)
        finally:
            self._syncing = False
        self._sync_view(scroll=False)

    def _after_reset(self) -> None:
        for row in range(self.model.rowCount()):
            self.view.setExpanded(self.model.index(row, 0), True)
        self._on_selection(None)

    def _after_insert(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        for row in range(first, last + 1):  # a new article or group: shown open
            self.view.setExpanded(self.model.index(row, 0), True)

    def _on_view_selection(self, *_: object) -> None:
        if self._syncing:
            return
        rows = self.view.selectionModel().selectedRows(0)
        ids = tuple(sorted((self.model.segment_at(i) for i in rows if self.model.segment_at(i)),
                           key=lambda s: s.start))  # type: ignore[union-attr]
        current = self.model.segment_at(self.view.currentIndex())
        sel_ids = tuple(s.id for s in ids)  # type: ignore[union-attr]
        cur_id = current.id if current else (sel_ids[0] if sel_ids else None)
        if cur_id is not None:
            self.selection.set(cur_id, sel_ids or (cur_id,), source=self)

    def _on_selection(self, source: object) -> None:
        if source is not self:
            self._sync_view(scroll=True)

    def show_current(self) -> None:
        """Scroll the chosen segment's row into view (the selection unchanged)."""
        self._sync_view(scroll=True)

    def _sync_view(self, *, scroll: bool) -> None:
        """Make the tree's selection and current row show the shared selection."""
        self._syncing = True
        try:
            sm = self.view.selectionModel()
            wanted = QItemSelection()
            last_col = self.model.columnCount() - 1
            for g, first, last in self.model.rows_of(self.selection.ids):  # runs of rows, not row by row
                parent = self.model.index(g, 0)
                wanted.select(self.model.index(first, 0, parent), self.model.index(last, last_col, parent))
            # Each select() of a 40,000-row tree cost ~5-10 ms of the UI thread, and an edit syncs the view
            # two or three times with the same rows: only a different selection is told to Qt.
            if sm.selection() != wanted:
                sm.select(wanted, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            current = self.model.index_of(self.selection.current or "")
            if current.isValid():
                if sm.currentIndex() != current:
                    sm.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
                if scroll:
                    self.view.scrollTo(current)
                    if current.row() == 0:  # an article's first segment: its title row in view too
                        # After the segment's row, so that the title stays in view when the tree is shorter than
                        # two rows (a window built before it is shown): it was scrolled past, and stayed so.
                        self.view.scrollTo(current.parent())
        finally:
            self._syncing = False
