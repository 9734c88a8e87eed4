"""Review mode: what the current parser would change in each curated Document, taken change by change.

The panel runs the parser over the corpus off the UI thread (``ReviewJob``),
lists the Documents whose new parse differs from their Curation with metric
deltas against the accepted baseline, shows the Curation and the new parse
side by side with the changes marked, and lets the editor take a change into
the Curation or leave it. A taken change goes through the Document's undo stack
as one step (``ReplaceCuration`` holding ``merge.take_change``'s result), so it
is undone like any edit. Accepting or rejecting the parser's output settles the
snapshot (``curator.core.review.snapshots``) and never touches ``curated/``.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenuBar,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.edit import ReplaceCuration
from curator.core.review.diff import Change
from curator.core.review.merge import take_change
from curator.core.review.runner import Parser
from curator.core.review.snapshots import SnapshotError, Snapshots
from curator.gui.review.job import ACCEPTED, REJECTED, DocReview, ReviewJob, ReviewRun
from curator.gui.review.models import ChangesModel, DocumentsModel, change_key
from curator.gui.review.view import ComparePane
from curator.gui.workspace import Workspace
from curator.gui.widgets import RowTable, plain_label


class ModeHost(Protocol):
    """What the review mode needs of the window it joins (the MainWindow, a QMainWindow)."""

    ws: Workspace
    modes: QTabWidget

    def add_mode(self, widget: QWidget, title: str) -> int: ...

    def jump_to(self, doc_id: str, segment_id: str) -> None: ...

    def open_document(self, doc_id: str) -> object: ...

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 (Qt's name)

    def installEventFilter(self, watched: QObject) -> None: ...  # noqa: N802 (Qt's name)

REVIEW_SHORTCUT = "Ctrl+Shift+R"  # Ctrl+R is "Mark reviewed and go on" in the Curate mode
REVIEW_MODE_TITLE = "Review"
ERROR_STYLE = "color:#8a1c1c;"
NOTE_STYLE = "background:#fff3cd; color:#5c4400; padding:4px; border:1px solid #e0c36c;"


class ReviewPanel(QWidget):
    """The review mode's page: run, changed Documents, one Document's changes, take / leave / settle."""

    sig_show_in_editor = Signal(str, object)  # doc id, segment id (or None)
    sig_run_finished = Signal(object)  # ReviewRun, or None when cancelled or failed

    def __init__(self, workspace: Workspace, *, parser: Parser | None = None, pool: QThreadPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-panel")
        self.ws = workspace
        self.parser = parser
        self.pool = pool or QThreadPool.globalInstance()
        self.job: ReviewJob | None = None
        self.result: ReviewRun | None = None
        self._left: dict[str, set[tuple[Any, ...]]] = {}

        # -- run controls
        self.run_button = QPushButton("Run review", self)
        self.run_button.setToolTip("Parse the corpus with the current parser and compare it with the curations")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.show_all = QCheckBox("Show unchanged documents", self)
        self.summary = plain_label("Not run yet. Run the review to compare the parser's output with the curations.", self)
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.progress)
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_all)
        self.problems = plain_label("", self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(NOTE_STYLE)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.hide()

        # -- changed Documents
        self.docs_model = DocumentsModel(self)
        self.docs_view = self._table(self.docs_model)
        # -- one Document's changes and the verbs on them
        self.changes_model = ChangesModel(self)
        self.changes_view = self._table(self.changes_model)
        # Kind, labels and offsets are short and must be read whole; the snippets take what is left.
        self.changes_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.take_button = QPushButton("Take change", self)
        self.take_button.setToolTip("Put the parser's version of this change into the curation (one undo step)")
        self.leave_button = QPushButton("Leave", self)
        self.leave_button.setToolTip("Keep the curation as it is here and go to the next change")
        self.editor_button = QPushButton("Show in editor", self)
        self.accept_button = QPushButton("Accept parser output", self)
        self.accept_button.setToolTip("Accept this document's new parser output as the baseline (the curation is not touched)")
        self.reject_button = QPushButton("Reject parser output", self)
        self.reject_button.setToolTip("Drop this document's pending parser output; the accepted baseline stays")
        self.message = plain_label("", self)
        self.message.setWordWrap(True)
        verbs = QHBoxLayout()
        for b in (self.take_button, self.leave_button, self.editor_button):
            verbs.addWidget(b)
        verbs.addStretch(1)
        snaps = QHBoxLayout()
        snaps.addWidget(self.accept_button)
        snaps.addWidget(self.reject_button)
        snaps.addStretch(1)
        left = QWidget(self)
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(QLabel("Changes (curation → new parse)", self))
        lcol.addWidget(self.changes_view, 1)
        lcol.addLayout(verbs)
        lcol.addLayout(snaps)
        lcol.addWidget(self.message)
        self.compare = ComparePane(parent=self)

        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(left)
        lower.addWidget(self.compare)
        lower.setStretchFactor(0, 2)
        lower.setStretchFactor(1, 5)
        lower.setSizes([420, 860])
        outer = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(self.docs_view)
        outer.addWidget(lower)
        outer.setStretchFactor(0, 1)
        outer.setStretchFactor(1, 4)
        outer.setSizes([110, 700])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.problems)
        lay.addWidget(outer, 1)

        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.show_all.toggled.connect(lambda _on: self._populate())
        self.docs_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_document())
        self.changes_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_change())
        self.changes_view.doubleClicked.connect(lambda _i: self.show_in_editor())
        self.take_button.clicked.connect(self.take_current_change)
        self.leave_button.clicked.connect(self.leave_current_change)
        self.editor_button.clicked.connect(self.show_in_editor)
        self.accept_button.clicked.connect(self.accept_output)
        self.reject_button.clicked.connect(self.reject_output)
        self.ws.sig_document_changed.connect(self._on_document_changed)
        self._update_buttons()

    def _table(self, model: Any) -> QTableView:
        view = RowTable(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(22)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # -- running ------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.job is not None

    def run(self) -> None:
        """Start a review run in the background (ignored while one is running)."""
        if self.job is not None:
            return
        # Open Documents are compared as they are now, unsaved edits included.
        curations = {d: doc.curation for d, doc in self.ws.docs.items() if doc.stamp is not None or doc.modified}
        job = ReviewJob(self.ws.corpus.root, curations=curations, parser=self.parser)
        self.job = job
        job.signals.sig_progress.connect(self._on_progress)
        job.signals.sig_finished.connect(self._on_finished)
        job.signals.sig_failed.connect(self._on_failed)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.setText("Parsing the corpus…")
        self.pool.start(job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.summary.setText("Cancelling…")

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{what} (%v/%m)")

    def _job_over(self) -> None:
        self.job = None
        self.run_button.setEnabled(True)
        self.run_button.setText("Run again")
        self.cancel_button.setEnabled(False)
        self.progress.hide()

    def _on_failed(self, message: str) -> None:
        self._job_over()
        self.summary.setText("The review run failed.")
        self._set_problems([message])
        self.sig_run_finished.emit(None)

    def _on_finished(self, result: object) -> None:
        self._job_over()
        if not isinstance(result, ReviewRun):
            self.summary.setText("Cancelled; the previous results (if any) are still shown.")
            self.sig_run_finished.emit(None)
            return
        self.result = result
        self._left.clear()
        problems = list(result.problems) + [str(s) for s in result.stale]
        self._set_problems(problems)
        self._populate()
        self.sig_run_finished.emit(result)

    def _set_problems(self, problems: list[str]) -> None:
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))

    def _populate(self) -> None:
        run = self.result
        if run is None:
            return
        keep = self.current_entry().doc_id if self.current_entry() else None
        rows = [d for d in run.documents if self.show_all.isChecked() or d.changed]
        self.docs_model.set_rows(rows)
        n_changed = sum(d.changed for d in run.documents)
        baseline = "against the accepted baseline" if any(d.baseline_metrics for d in run.documents) else "no accepted baseline: metrics against the curation"
        self.summary.setText(f"{run.parser_name} {run.parser_version}: {n_changed} of {len(run.documents)} "
                             f"curated document(s) differ ({baseline}).")
        row = self.docs_model.row_of(keep) if keep else -1
        if rows:
            self.docs_view.selectRow(max(row, 0))
        else:
            self._show_document()

    # -- current Document and change ------------------------------------------------------
    def current_entry(self) -> DocReview | None:
        row = self.docs_view.currentIndex().row()
        return self.docs_model.rows[row] if 0 <= row < len(self.docs_model.rows) else None

    def current_change(self) -> Change | None:
        row = self.changes_view.currentIndex().row()
        return self.changes_model.changes[row] if 0 <= row < len(self.changes_model.changes) else None

    def select_document(self, doc_id: str) -> bool:
        row = self.docs_model.row_of(doc_id)
        if row >= 0:
            self.docs_view.selectRow(row)
        return row >= 0

    def select_change(self, row: int) -> None:
        if 0 <= row < self.changes_model.rowCount():
            self.changes_view.selectionModel().setCurrentIndex(
                self.changes_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _show_document(self, *, keep_row: int = 0) -> None:
        entry = self.current_entry()
        if entry is None:
            self.changes_model.set_changes([], set())
            self.compare.clear()
            self._update_buttons()
            return
        self.changes_model.set_changes(entry.diff.changes, self._left.setdefault(entry.doc_id, set()))
        run = self.result
        parser = f"{run.parser_name} {run.parser_version}" if run else "parser"
        self.compare.show_texts(entry.text, gold_title=f"Curation — {entry.doc_id} ({entry.curation.status})",
                                new_title=f"New parse — {parser}")
        if entry.diff.changes:
            self.select_change(min(keep_row, len(entry.diff.changes) - 1))
        else:
            self._show_change()
        self._update_buttons()

    def _show_change(self) -> None:
        entry, change = self.current_entry(), self.current_change()
        if entry is not None:
            self.compare.show_segments(entry.curation.segments, entry.parse.segments, entry.diff.changes, change)
            if change is not None:
                self.compare.show_change(change)
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry, change = self.current_entry(), self.current_change()
        self.take_button.setEnabled(change is not None)
        self.leave_button.setEnabled(change is not None)
        self.editor_button.setEnabled(entry is not None)
        pending = entry is not None and Snapshots(self.ws.corpus).pending_path(entry.doc_id).is_file()
        self.accept_button.setEnabled(pending)
        self.reject_button.setEnabled(pending)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    # -- verbs -----------------------------------------------------------------------------
    def take_current_change(self) -> bool:
        """Take the chosen change into the Curation as one undo step; False (with a message) if refused."""
        entry, change = self.current_entry(), self.current_change()
        if entry is None or change is None:
            return False
        row = self.changes_view.currentIndex().row()
        doc = self.ws.docs.get(entry.doc_id) or self.ws.open(entry.doc_id)
        if doc is None:
            self._say(f"{entry.doc_id}: the document cannot be opened.", error=True)
            return False
        if doc.curation is not entry.curation:
            # Edited (or loaded afresh) since it was compared: compare again and make sure
            # the change still stands before taking it.
            entry.refresh(doc.curation)
            self.docs_model.refresh_row(entry.doc_id)
            if change_key(change) not in {change_key(c) for c in entry.diff.changes}:
                self._show_document(keep_row=row)
                self._say("The document changed since it was compared; the list of changes is updated.", error=True)
                return False
        try:
            taken = take_change(doc.curation, entry.parse, change)
        except ValueError as exc:
            self._say(f"Not taken: {exc}", error=True)
            return False
        if not self.ws.push(ReplaceCuration(taken, name=f"Take parser change ({change.kind})"), doc=doc):
            self._say("Not taken: the edit was refused (see the status bar).", error=True)
            return False
        # _on_document_changed has compared again and refreshed the lists.
        self._say(f"Taken: {change.describe()} — Edit ▸ Undo puts it back.")
        return True

    def leave_current_change(self) -> None:
        """Leave the chosen change (nothing is written) and go to the next one."""
        row = self.changes_view.currentIndex().row()
        if not (0 <= row < self.changes_model.rowCount()):
            return
        self.changes_model.mark_left(row)
        self._say("Left as curated.")
        self.select_change(row + 1)

    def show_in_editor(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        change = self.current_change()
        segment = None
        if change is not None:
            segment = next((s.id for s in entry.curation.segments if s.start <= change.start < s.end), None)
        self.sig_show_in_editor.emit(entry.doc_id, segment)

    def accept_output(self) -> bool:
        """Accept the Document's pending parser output as its baseline snapshot."""
        entry, run = self.current_entry(), self.result
        if entry is None or run is None:
            return False
        try:
            path = Snapshots(self.ws.corpus).accept(entry.doc_id, parser_version=run.parser_version)
        except SnapshotError as exc:
            self._say(str(exc), error=True)
            return False
        entry.snapshot = ACCEPTED
        entry.set_baseline(entry.parse)
        self.docs_model.refresh_row(entry.doc_id)
        self._update_buttons()
        self._say(f"Accepted as the baseline: {path}")
        return True

    def reject_output(self) -> bool:
        """Drop the Document's pending parser output; the accepted snapshot stays."""
        entry = self.current_entry()
        if entry is None:
            return False
        try:
            path = Snapshots(self.ws.corpus).reject(entry.doc_id)
        except SnapshotError as exc:
            self._say(str(exc), error=True)
            return False
        entry.snapshot = REJECTED
        self.docs_model.refresh_row(entry.doc_id)
        self._update_buttons()
        self._say(f"Rejected: removed {path}")
        return True

    # -- edits made anywhere (a take, an undo, the Curate mode) ----------------------------
    def _on_document_changed(self, doc: Any, _changes: Any) -> None:
        run = self.result
        entry = run.document(doc.doc_id) if run is not None else None
        if entry is None or entry.curation is doc.curation:
            return
        entry.refresh(doc.curation)
        self.docs_model.refresh_row(entry.doc_id)
        current = self.current_entry()
        if current is not None and current.doc_id == entry.doc_id:
            self._show_document(keep_row=max(self.changes_view.currentIndex().row(), 0))


class _CancelOnClose(QObject):
    """Cancels a running review when the window closes (the run only reads, so nothing is lost)."""

    def __init__(self, panel: ReviewPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self.panel.running:
            self.panel.cancel()
        return False


def install_review_mode(window: ModeHost) -> None:
    """Add the review mode to the main window: a "Review" tab, a Review menu and its shortcut."""
    panel = ReviewPanel(window.ws, parent=cast(QWidget, window))
    # The side-by-side panes would otherwise claim ~860 px even while the Curate tab is shown,
    # starving the corpus and segments docks; in Review mode those docks step aside anyway.
    panel.setMinimumWidth(360)
    index = window.add_mode(panel, REVIEW_MODE_TITLE)

    def open_review() -> None:
        window.modes.setCurrentIndex(index)
        if panel.result is None and not panel.running:
            panel.run()

    def show_in_editor(doc_id: str, segment_id: str | None) -> None:
        if segment_id is not None:
            window.jump_to(doc_id, segment_id)
        else:
            window.open_document(doc_id)
        window.modes.setCurrentIndex(0)

    action = QAction("Review parser changes", cast(QObject, window))
    action.setObjectName("action-review-parser-changes")
    action.setShortcut(QKeySequence(REVIEW_SHORTCUT))
    action.setStatusTip("Compare the current parser's output with the curations, change by change")
    action.triggered.connect(open_review)
    rerun = QAction("Run the review again", cast(QObject, window))
    rerun.setObjectName("action-review-run")
    rerun.triggered.connect(lambda: (window.modes.setCurrentIndex(index), panel.run()))
    menu = window.menuBar().addMenu("&Review")
    menu.addAction(action)
    menu.addAction(rerun)
    panel.sig_show_in_editor.connect(show_in_editor)
    window.installEventFilter(_CancelOnClose(panel))
