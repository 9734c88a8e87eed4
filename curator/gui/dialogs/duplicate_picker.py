"""Pick a segment of another Document: documents (type to filter) → that Document's segments → Enter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from curator.core.jsonio import CurationFileError
from curator.core.model import Segment
from curator.core.textio import SourceError
from curator.gui.workspace import Workspace
from curator.gui.widgets import plain_label, plain_tip

ROLE_ID = Qt.ItemDataRole.UserRole + 1
FIRST_WORDS = 80

SegmentsOf = Callable[[str], Sequence[Segment]]


def first_words(seg: Segment) -> str:
    """The start of a segment's text on one line."""
    words = " ".join(seg.text.split())
    return words if len(words) <= FIRST_WORDS else words[: FIRST_WORDS - 1] + "…"


def _filtered(model: QStandardItemModel) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)  # a segment matches by its label or its words
    return proxy


class DuplicatePicker(QDialog):
    """Choose (document id, segment id) in another Document; ``choice`` is set when accepted.

    One filter box drives whichever list is active: first the documents, then,
    after Enter on one, its segments (Backspace on an empty filter goes back).
    Up/Down/PgUp/PgDown in the filter box move in the active list.
    """

    def __init__(self, document_ids: Sequence[str], segments_of: SegmentsOf, *,
                 parent: QWidget | None = None, passage: str = "", within: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Duplicate of a passage in this document" if within
                            else "Duplicate of a passage in another document")
        self.segments_of = segments_of
        self.choice: tuple[str, str] | None = None
        self.document_id: str | None = None
        self.segment_texts: dict[str, str] = {}

        self.docs_model = QStandardItemModel(self)
        for doc_id in document_ids:
            item = QStandardItem(doc_id)
            item.setData(doc_id, ROLE_ID)
            item.setEditable(False)
            self.docs_model.appendRow(item)
        self.docs_proxy = _filtered(self.docs_model)
        self.docs_proxy.setParent(self)
        self.segs_model = QStandardItemModel(self)
        self.segs_proxy = _filtered(self.segs_model)
        self.segs_proxy.setParent(self)

        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.filter.installEventFilter(self)
        self.docs_view = QListView(self)
        self.docs_view.setModel(self.docs_proxy)
        self.segs_view = QTreeView(self)
        self.segs_view.setModel(self.segs_proxy)
        self.segs_view.setRootIsDecorated(False)
        self.segs_view.setUniformRowHeights(True)
        self.segs_view.setHeaderHidden(True)
        for view in (self.docs_view, self.segs_view):
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.activated.connect(self._on_activated)
        self.docs_view.selectionModel().currentChanged.connect(self._on_document_current)
        self.stage_label = plain_label("", self)

        lists = QHBoxLayout()
        lists.addWidget(self.docs_view, 1)
        lists.addWidget(self.segs_view, 3)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._accept_current)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if passage:
            shown = plain_label(f"The selection: “{' '.join(passage.split())[:200]}”", self)
            shown.setWordWrap(True)
            layout.addWidget(shown)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.filter)
        layout.addLayout(lists)
        layout.addWidget(self.buttons)
        self.resize(960, 560)
        self._stage = "documents"
        self._doc_filter = ""
        self._set_stage("documents")
        self._select_first(self.docs_view)
        if within:  # one Document (the open one): its segments at once, no list of documents
            self.enter_segments()
            self.docs_view.hide()
        self.filter.setFocus()

    # -- stages ----------------------------------------------------------------------
    @property
    def stage(self) -> str:
        """``documents`` while a document is being chosen, ``segments`` after."""
        return self._stage

    def _active(self) -> QAbstractItemView:
        return self.docs_view if self._stage == "documents" else self.segs_view

    def _set_stage(self, stage: str) -> None:
        self._stage = stage
        if stage == "documents":
            self.stage_label.setText("Document (type to filter, Enter to see its segments):")
            self.filter.setPlaceholderText("filter documents")
        else:
            self.stage_label.setText(f"Segment of {self.document_id} (type to filter, Enter to choose; "
                                     "Backspace on an empty filter goes back):")
            self.filter.setPlaceholderText("filter segments (label or words)")

    def show_document(self, doc_id: str) -> None:
        """List ``doc_id``'s segments in the right-hand list."""
        if doc_id == self.document_id:
            return
        self.document_id = doc_id
        self.segs_model.clear()
        self.segment_texts = {}
        for seg in self.segments_of(doc_id):
            label, words = QStandardItem(seg.label), QStandardItem(first_words(seg))
            label.setData(seg.id, ROLE_ID)
            for item in (label, words):
                item.setToolTip(plain_tip(f"{seg.id} [{seg.start}, {seg.end}): {seg.text[:500]}"))
                item.setEditable(False)
            self.segs_model.appendRow([label, words])
            self.segment_texts[seg.id] = seg.text
        self.segs_view.resizeColumnToContents(0)

    def enter_segments(self) -> bool:
        """Move from the chosen document to its segments; False when no document is current."""
        index = self.docs_view.currentIndex()
        if not index.isValid():
            return False
        self.show_document(index.data(ROLE_ID))
        self._doc_filter = self.filter.text()
        self._stage = "segments"
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.blockSignals(False)
        self.segs_proxy.setFilterFixedString("")
        self._set_stage("segments")
        self._select_first(self.segs_view)
        return True

    def back_to_documents(self) -> None:
        self._stage = "documents"
        self.filter.blockSignals(True)
        self.filter.setText(self._doc_filter)
        self.filter.blockSignals(False)
        self._set_stage("documents")

    # -- events ----------------------------------------------------------------------
    def _on_filter(self, text: str) -> None:
        proxy = self.docs_proxy if self._stage == "documents" else self.segs_proxy
        proxy.setFilterFixedString(text)
        view = self._active()
        if not view.currentIndex().isValid():
            self._select_first(view)

    def _select_first(self, view: QAbstractItemView) -> None:
        model = view.model()
        if model.rowCount() > 0:
            view.setCurrentIndex(model.index(0, 0))

    def _on_document_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_document(current.data(ROLE_ID))

    def _on_activated(self, index: QModelIndex) -> None:
        if self.sender() is self.docs_view:
            self.docs_view.setCurrentIndex(index)
            self.enter_segments()
        else:
            self.segs_view.setCurrentIndex(index)
            self._accept_current()

    def _accept_current(self) -> None:
        if self._stage == "documents":
            self.enter_segments()
            return
        index = self.segs_view.currentIndex()
        if not index.isValid() or self.document_id is None:
            return
        self.choice = (self.document_id, index.siblingAtColumn(0).data(ROLE_ID))
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                # The caret stays in the filter box; the list moves.
                QApplication.sendEvent(self._active(), QKeyEvent(event.type(), key, event.modifiers()))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._accept_current()
                return True
            if (key == Qt.Key.Key_Backspace and self._stage == "segments" and not self.filter.text()
                    and not self.docs_view.isHidden()):
                self.back_to_documents()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a list: the dialog's default button would accept without a choice.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._accept_current()
            return
        super().keyPressEvent(event)

    def chosen_text(self) -> str | None:
        """The chosen segment's text (for scoring the duplicate)."""
        return self.segment_texts.get(self.choice[1]) if self.choice else None


def workspace_segments(ws: Workspace) -> SegmentsOf:
    """Segments of a Document as the editor knows them: open (unsaved edits too), else saved, else parsed."""
    cache: dict[str, Sequence[Segment]] = {}

    def segments_of(doc_id: str) -> Sequence[Segment]:
        if doc_id in ws.docs:
            return ws.docs[doc_id].curation.segments
        if doc_id not in cache:
            cache[doc_id] = _load_segments(ws, doc_id)
        return cache[doc_id]

    return segments_of


def _load_segments(ws: Workspace, doc_id: str) -> Sequence[Segment]:
    from curator.core.parse import parse_document

    try:
        loaded = ws.corpus.load(doc_id)
    except CurationFileError as exc:
        ws.sig_message.emit(str(exc))
        loaded = None
    if loaded is not None:
        return loaded.curation.segments
    try:
        source = ws.corpus.read_source(doc_id)
    except SourceError as exc:
        ws.sig_message.emit(str(exc))
        return []
    cur = parse_document(source.text, doc=ws.corpus.document_ref(doc_id, source),
                         context=ws.context)  # type: ignore[arg-type]
    return cur.segments
