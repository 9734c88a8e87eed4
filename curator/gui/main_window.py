"""The main window: composes the panes, menus and persistence; holds no editing logic."""

from __future__ import annotations


from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.edit import ReplaceDuplicates
from curator.core.journal import JournalEntry
from curator.core.model import Curation
from curator.gui.actions import EditActions
from curator.gui.panes.corpus_pane import CorpusPane
from curator.gui.document import OpenDocument
from curator.gui.dialogs.export_dialog import ExportDialog
from curator.gui.panes.inspector import Inspector
from curator.gui.jobs import FindDuplicatesJob, Job, ParseCorpusJob
from curator.gui.review.mode import install_review_mode
from curator.gui.panes.segments_pane import SegmentsPane
from curator.gui.selection import Selection
from curator.gui.panes.text_view import DocumentView
from curator.gui.workspace import DocSummary, Workspace

SETTINGS_ORG = "curator"
SETTINGS_APP = "curator"


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, SETTINGS_ORG, SETTINGS_APP)


class MainWindow(QMainWindow):
    """Corpus pane | document | segments + inspector; modes (e.g. review) are tabs of the centre."""

    def __init__(self, workspace: Workspace, *, parse_in_background: bool = True, use_settings: bool = True) -> None:
        super().__init__()
        self.ws = workspace
        self.selection = Selection(self)
        self.view = DocumentView(self.selection, parent=self)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fff3cd; color:#5c4400; padding:6px; border:1px solid #e0c36c;")
        self.banner.hide()
        curate = QWidget(self)
        lay = QVBoxLayout(curate)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.banner)
        lay.addWidget(self.view, 1)
        # Modes live as tabs of the centre: "Curate" now; a review mode adds itself with add_mode().
        self.modes = QTabWidget(self)
        self.modes.setTabBarAutoHide(True)
        self.modes.setDocumentMode(True)
        self.modes.addTab(curate, "Curate")
        self.setCentralWidget(self.modes)
        self.modes.currentChanged.connect(self._on_mode)

        self.corpus_pane = CorpusPane(self)
        self.segments_pane = SegmentsPane(self.selection, self)
        self.inspector = Inspector(self.ws, self.selection, text_span=self.view.selected_span, parent=self)
        self.docks: dict[str, QDockWidget] = {}
        for key, title, widget, area in (
            ("corpus", "Corpus", self.corpus_pane, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("segments", "Segments", self.segments_pane, Qt.DockWidgetArea.RightDockWidgetArea),
            ("inspector", "Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{key}")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self.docks[key] = dock
        self.splitDockWidget(self.docks["segments"], self.docks["inspector"], Qt.Orientation.Vertical)

        self.edit_actions = EditActions(self.ws, self.selection, self.view, focus_speaker=self._focus_speaker,
                                        parent=self)
        self._build_menus()
        self.statusBar().showMessage(f"Corpus {self.ws.corpus.root}")
        self.corpus_pane.set_summaries(list(self.ws.summaries.values()))

        self.ws.sig_current_changed.connect(self._on_current)
        self.ws.sig_summary_changed.connect(self.corpus_pane.update_summary)
        # The workspace may outlive the window: bound methods, so Qt disconnects them with it.
        self.ws.sig_message.connect(self._show_message)
        self.ws.sig_problem.connect(self.show_problem)
        self.ws.undo_group.cleanChanged.connect(self._on_clean_changed)
        self.corpus_pane.sig_open.connect(self.open_document)
        self.corpus_pane.sig_cancel.connect(self.cancel_job)
        self.inspector.sig_jump.connect(self.jump_to)
        self.pool = QThreadPool.globalInstance()
        self.job: Job | None = None
        self.problems_shown: list[tuple[str, str]] = []
        self.use_settings = use_settings
        if use_settings:
            self._restore_settings()
        else:
            self._default_layout()
        self._update_title()
        if parse_in_background:
            QTimer.singleShot(0, self.parse_corpus)
        install_review_mode(self)

    # -- composition -------------------------------------------------------------------
    def _build_menus(self) -> None:
        acts = self.edit_actions.actions
        mb = self.menuBar()
        file = mb.addMenu("&File")
        self.save_action = self._action("&Save", "Ctrl+S", self.save)
        file.addAction(self.save_action)
        file.addAction(self._action("Save &all", "Ctrl+Alt+S", self.ws.save_all))
        file.addAction(self._action("&Export…", "Ctrl+Shift+X", self.open_export))
        file.addSeparator()
        file.addAction(self._action("&Parse corpus", "", self.parse_corpus))
        self.dups_action = self._action("Find &duplicates", "Ctrl+Shift+F", self.find_duplicates)
        file.addAction(self.dups_action)
        file.addSeparator()
        file.addAction(self._action("&Quit", QKeySequence(QKeySequence.StandardKey.Quit).toString(), self.close))

        editm = mb.addMenu("&Edit")
        undo = self.ws.undo_group.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ws.undo_group.createRedoAction(self, "Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action, self.redo_action = undo, redo
        editm.addAction(undo)
        editm.addAction(redo)
        editm.addSeparator()
        for key in ("split", "merge_next", "merge_prev", "set_span", "new_segment", "delete"):
            editm.addAction(acts[key])
        bounds = editm.addMenu("&Boundaries")
        for key in ("start_to_cursor", "end_to_cursor", "start_word_left", "start_word_right", "end_word_left",
                    "end_word_right", "start_line_up", "start_line_down", "end_line_up", "end_line_down"):
            bounds.addAction(acts[key])

        label = mb.addMenu("&Label")
        for act in self.edit_actions.label_actions.values():
            label.addAction(act)

        seg = mb.addMenu("&Segment")
        for key in ("reviewed", "new_article", "speaker", "same_speaker", "new_event", "mark_duplicate",
                    "mark_duplicate_elsewhere"):
            seg.addAction(acts[key])
        seg.addSeparator()
        seg.addAction(acts["curated"])

        go = mb.addMenu("&Go")
        go.addAction(self._action("Next document", "Ctrl+PgDown", lambda: self.step_document(+1)))
        go.addAction(self._action("Previous document", "Ctrl+PgUp", lambda: self.step_document(-1)))
        go.addAction(acts["next_unreviewed"])

        view = mb.addMenu("&View")
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        self.autosave_action = QAction("Autosave (every 30 s and on switching)", self, checkable=True)
        self.autosave_action.setChecked(True)
        self.autosave_action.toggled.connect(self.ws.set_autosave)
        view.addAction(self.autosave_action)

    def _default_layout(self) -> None:
        """Pane sizes for a first start, applied when the window is first shown (Qt ignores them before)."""
        self.resize(max(self.width(), 1440), max(self.height(), 900))
        self._layout_pending = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if getattr(self, "_layout_pending", False):
            self._layout_pending = False
            # After the first layout pass: sizes asked for during show are scaled down by Qt.
            QTimer.singleShot(0, self._apply_default_dock_sizes)

    def _apply_default_dock_sizes(self) -> None:
        self.resizeDocks([self.docks["corpus"], self.docks["segments"]], [340, 580], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["segments"], self.docks["inspector"]], [440, 500], Qt.Orientation.Vertical)

    def _on_mode(self, index: int) -> None:
        """The segments and inspector panes belong to the Curate mode: other modes get their room."""
        curating = index == 0
        for key in ("segments", "inspector"):
            dock = self.docks[key]
            if curating:
                if dock.property("hidden_by_mode"):
                    dock.show()
                dock.setProperty("hidden_by_mode", False)
            elif dock.isVisible():
                dock.setProperty("hidden_by_mode", True)
                dock.hide()

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        return act

    def add_mode(self, widget: QWidget, title: str) -> int:
        """Add a mode (e.g. parser review) as a tab beside "Curate"; returns its index."""
        return self.modes.addTab(widget, title)

    # -- documents -----------------------------------------------------------------------
    def open_document(self, doc_id: str) -> OpenDocument | None:
        return self.ws.open(doc_id)

    def _on_current(self, doc: OpenDocument | None) -> None:
        self.selection.set(None, ())
        self.view.set_document(doc)
        self.segments_pane.set_document(doc)
        self.inspector.set_document(doc)
        if doc is not None:
            self.corpus_pane.mark_current(doc.doc_id)
            self.banner.setText("\n".join(doc.warnings))
            self.banner.setVisible(bool(doc.warnings))
            first = doc.curation.segments[0].id if doc.curation.segments else None
            self.selection.set(first)
            self._apply_known_duplicates(doc)
        self._update_title()

    def _show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_title(self) -> None:
        doc = self.ws.current
        name = doc.doc_id if doc else "no document"
        self.setWindowTitle(f"{name}[*] — Curator ({self.ws.corpus.root})")
        self.setWindowModified(bool(doc and doc.modified))

    def step_document(self, step: int) -> None:
        ids = self.corpus_pane.visible_ids() or self.ws.document_ids()
        if not ids:
            return
        here = ids.index(self.ws.current.doc_id) if self.ws.current and self.ws.current.doc_id in ids else -1
        self.open_document(ids[(here + step) % len(ids)])

    def jump_to(self, doc_id: str, segment_id: str) -> None:
        if self.open_document(doc_id) is not None:
            self.selection.set(segment_id)

    def _focus_speaker(self) -> None:
        self.docks["inspector"].show()
        self.inspector.speaker.setFocus()
        self.inspector.speaker.selectAll()

    def save(self) -> bool:
        ok = self.ws.save()
        self._update_title()
        return ok

    def open_export(self) -> None:
        ExportDialog(self.ws.corpus.root, parent=self).exec()

    # -- background work -----------------------------------------------------------------
    def _start(self, job: Job, on_result: object, on_done: object) -> None:
        if self.job is not None:
            self.statusBar().showMessage("Another job is running; wait for it or cancel it.", 5000)
            return
        self.job = job
        job.signals.sig_progress.connect(lambda d, t, w: self.corpus_pane.show_progress((d, t, w)))
        if on_result is not None:
            job.signals.sig_result.connect(on_result)
        job.signals.sig_finished.connect(on_done)
        job.signals.sig_finished.connect(self._job_over)
        job.signals.sig_failed.connect(lambda msg: self.show_problem("Background job failed", msg))
        job.signals.sig_failed.connect(self._job_over)
        self.corpus_pane.show_progress((0, 1, "Starting"))
        self.pool.start(job)

    def _job_over(self, *_: object) -> None:
        self.job = None
        self.corpus_pane.show_progress(None)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.statusBar().showMessage("Cancelling…", 3000)

    def parse_corpus(self) -> None:
        todo = [d for d, s in self.ws.summaries.items() if s.status == "new"]
        self._parsed: dict[str, Curation] = {}

        def result(item: tuple[str, Curation | str]) -> None:
            doc_id, cur = item
            if isinstance(cur, str):  # the source cannot be read: the pane shows why
                self.ws.set_summary(DocSummary(doc_id, "error", problem=cur))
                return
            self._parsed[doc_id] = cur
            self.ws.set_summary(DocSummary.of(doc_id, cur))

        def done(context: object) -> None:
            if context is not None:
                self.ws.context = context
                kept = len(self.ws.summaries) - len(self._parsed)
                self.statusBar().showMessage(
                    f"Parsed {len(self._parsed)} new document(s); {kept} already have curated files", 8000)

        self._start(ParseCorpusJob(self.ws.corpus.root, todo), result, done)

    def find_duplicates(self) -> None:
        items: list[tuple[Curation, str]] = []
        for doc_id in self.ws.document_ids():
            doc = self.ws.docs.get(doc_id)
            if doc is not None:
                items.append((doc.curation, doc.text))
                continue
            st = self.ws.corpus.state(doc_id, check_source=False)
            cur = st.curation or getattr(self, "_parsed", {}).get(doc_id)
            if cur is not None:
                try:
                    items.append((cur, self.ws.corpus.read_source(doc_id).text))
                except Exception:  # noqa: S112 (its error shows when it is opened)
                    continue
        self._dup_curations = {c.document.id: c for c, _ in items}

        def done(groups: object) -> None:
            if groups is None:
                return
            self._dup_groups = groups
            for doc in self.ws.docs.values():
                self._apply_known_duplicates(doc)
            self.statusBar().showMessage(f"{len(groups)} duplicate group(s) found", 5000)  # type: ignore[arg-type]

        self._start(FindDuplicatesJob(items), None, done)

    def _apply_known_duplicates(self, doc: OpenDocument) -> None:
        groups = getattr(self, "_dup_groups", None)
        if not groups:
            return
        from curator.core.dups.contract import curation_duplicates

        try:
            fresh = curation_duplicates(groups, doc.curation, curations=self._dup_curations)
        except ValueError as exc:
            self.statusBar().showMessage(f"Duplicates of {doc.doc_id}: {exc}", 8000)
            return
        if fresh != doc.curation.duplicates:
            self.ws.push(ReplaceDuplicates(fresh), doc=doc)

    # -- problems, recovery, quitting ---------------------------------------------------
    def show_problem(self, title: str, text: str) -> None:
        """Tell the editor about a problem (a dialog; recorded for tests and headless runs)."""
        self.problems_shown.append((title, text))
        self.statusBar().showMessage(f"{title}: {text.splitlines()[0] if text else ''}", 15000)
        if self.isVisible():
            QMessageBox.warning(self, title, text)

    def report_start(self) -> None:
        """Tell the editor what the start found: another window on this corpus, files left out of the list."""
        if self.ws.other_window:
            self.show_problem("Another window has this corpus open",
                              f"{self.ws.other_window} has {self.ws.corpus.root} open.\n\nYou can work here too: "
                              "a save never overwrites the other window's (it is refused and you are asked), "
                              "and each window's unsaved edits are journaled apart.")
        if self.ws.stale_window:
            self.statusBar().showMessage(f"{self.ws.stale_window}; its unsaved edits, if any, are offered back.", 15000)
        problems = self.ws.scan_problems
        if problems:
            shown = problems[:20] + ([f"… and {len(problems) - 20} more (curator validate lists them)"]
                                     if len(problems) > 20 else [])
            self.show_problem("Some files are not in the document list", "\n".join(shown))

    def offer_recovery(self) -> None:
        entries = self.ws.recoverable()
        if not entries:
            return
        answer = self.ask_recovery(entries)
        if answer == "restore":
            for entry in entries:
                self.ws.restore(entry)
            if self.ws.current is None and entries[0].curation is not None:
                self.open_document(entries[0].doc_id)
        elif answer == "discard":
            for entry in entries:
                if entry.curation is not None:
                    self.ws.discard_journal(entry)

    def ask_recovery(self, entries: list[JournalEntry]) -> str:
        """restore | discard | later."""
        lines = [f"• {e.doc_id} ({e.written_at})" if not e.problem else f"• {e.problem}" for e in entries]
        box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved edits?",
                          "Curator was closed with unsaved edits:\n" + "\n".join(lines), parent=self)
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "restore" if clicked is restore else "discard" if clicked is discard else "later"

    def ask_unsaved(self, names: list[str]) -> str:
        """save | discard | cancel."""
        answer = QMessageBox.question(
            self, "Unsaved edits", "Save your edits to " + ", ".join(names) + " before quitting?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        modified = self.ws.modified_documents()
        if modified:
            answer = self.ask_unsaved([d.doc_id for d in modified])
            if answer == "cancel" or (answer == "save" and not self.ws.save_all()):
                event.ignore()
                return
            if answer == "discard":
                for doc in modified:
                    self.ws.discard_unsaved(doc)
        if self.job is not None:
            self.job.cancel()
        if self.use_settings:
            self._save_settings()
        self.ws.shutdown()
        event.accept()

    # -- persistence -----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            self._default_layout()
        autosave = s.value("prefs/autosave", True)
        self.autosave_action.setChecked(autosave not in (False, "false", "0"))

    def _save_settings(self) -> None:
        self.modes.setCurrentIndex(0)  # save the Curate mode's panes, not ones another mode hid
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("prefs/autosave", self.autosave_action.isChecked())
        s.setValue("corpus/last", str(self.ws.corpus.root))
        if self.ws.current is not None:
            s.setValue("corpus/last_document", self.ws.current.doc_id)
        s.sync()
