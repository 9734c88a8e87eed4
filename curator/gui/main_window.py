"""The main window: composes the panes, menus and persistence; holds no editing logic."""

from __future__ import annotations

import bisect
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.edit import Changes, ReplaceDuplicates, lookup, segment_at
from curator.core.journal import JournalEntry
from curator.core.model import Curation
from curator.core.search.index import Hit
from curator.gui.actions import EditActions
from curator.gui.dialogs.export_dialog import ExportDialog
from curator.gui.dialogs.help import LegendDialog, ShortcutsDialog, about_text, menu_shortcuts
from curator.gui.document import OpenDocument
from curator.gui.offsets import DISPLAY_CHUNK, LONG_LINE
from curator.gui.jobs import FindDuplicatesJob, Job, ParseCorpusJob
from curator.gui.panes.corpus_pane import CorpusPane
from curator.gui.panes.find_bar import FindBar
from curator.gui.panes.inspector import Inspector
from curator.gui.panes.search_pane import SearchPane
from curator.gui.panes.segments_pane import SegmentsPane
from curator.gui.panes.text_view import DocumentView
from curator.gui.review.mode import install_review_mode
from curator.gui.selection import Selection
from curator.gui.view_apart import PREPARE_APART_CHARS, ViewsApart
from curator.gui.watcher import CorpusWatcher
from curator.gui.widgets import FittingStatusBar, KeysStayHere, MessageBanner, message_box, run_modal
from curator.gui.workspace import FILE_DELETED, READ_ONLY_ADVICE, DocSummary, FileUnusable, Workspace

SETTINGS_ORG = "curator"
SETTINGS_APP = "curator"


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, SETTINGS_ORG, SETTINGS_APP)


Picked = tuple[str | None, tuple[str, ...]]  # a selection: the current segment and the selected ones

# Bumped when the default layout changes: a window state saved under another version is not restored
# (the editor gets the new defaults once; from then on their own sizes are kept). 0: before round 7.
LAYOUT_VERSION = 1


def default_dock_sizes(width: int, height: int) -> tuple[int, int, int]:
    """Corpus pane width, segments pane width, and segments pane height for a first start.

    At 1440x900: corpus 380 (a whole document name beside its status, confidence and to-do count; at
    300 px the names were squeezed to "0…0", at 360 cut), segments 520 (the tree's Text column ~220 px:
    at 430 the segments' words were cut after a dozen letters), the text the ~530 px between (a
    ~55-character reading column beside the gutter). The segments pane is asked for 380 px of height
    (it gets ~360), so that the inspector below shows the Segment, its Article and the Events list whole.
    A wider window gives half its extra width to the text, a narrower one shrinks every pane alike."""
    if width >= 1440:
        extra = width - 1440
        corpus, segments = 380 + extra * 15 // 100, 520 + extra * 35 // 100
    else:
        # Narrower, the text gives most: at 1024 the inspector needs ~355 px for its form and the corpus
        # ~300 for a dozen letters of each name beside Status, Conf and Todo (at 270: "000_…").
        corpus = max(width * 380 // 1440, min(300, width * 30 // 100))
        segments = max(width * 520 // 1440, min(370, width * 36 // 100))
    upper = 380 if height >= 900 else height * 380 // 900
    return corpus, segments, upper


# The text keeps a reading column of at least this many average characters (the gutter beside it); the corpus
# pane beside it needs this many for a dozen letters of each name beside Status, Conf and Todo. A window too
# narrow for both (1280x800 at a 1.5x device-pixel ratio is 853 logical pixels) puts the corpus pane in the
# right column as a tab beside the segments (Ctrl+1 brings it).
TEXT_MIN_EM = 44
CORPUS_MIN_EM = 34


def fitted_dock_sizes(width: int, height: int, *, em: int, right_min: int, text_min: int = 0,
                      corpus_min: int = 0) -> tuple[int, int, int, bool]:
    """``default_dock_sizes`` held to the font and the panes' own needs: corpus width, right column width
    (segments and inspector: at least ``right_min``, the inspector's form), segments height, and whether
    the corpus pane sits beside the text (else it is a tab of the right column). ``text_min`` and
    ``corpus_min``: what the centre and the corpus pane cannot be laid out narrower than."""
    corpus, segments, upper = default_dock_sizes(width, height)
    segments = max(segments, right_min)
    text_min = max(text_min, TEXT_MIN_EM * em)
    corpus_min = max(corpus_min, CORPUS_MIN_EM * em)
    if width - corpus - segments >= text_min and corpus >= corpus_min:
        return corpus, segments, upper, True
    corpus = width - segments - text_min
    if corpus >= corpus_min:
        return corpus, segments, upper, True
    right = max(right_min, min(width - text_min, width * 45 // 100))
    return right, right, upper, False


# The steps of a big Document's arrival (``MainWindow._arrive``) follow each other on a 1 ms timer, not a 0 ms one:
# Qt runs a 0 ms single shot as a posted event, and posted events posted while posted events are handled run in the
# same turn of the loop (measured: the arrival's steps were one 101 ms block again, no input or timer between).
ARRIVAL_STEP_MS = 1

# Room left on a small screen for the frame and title bar a window manager adds (not known before the first show).
FRAME_ALLOWANCE = (16, 48)

# The panes the keyboard moves between (Ctrl+1..4, F6), in order.
PANES: tuple[tuple[str, str], ...] = (("corpus", "Corpus"), ("document", "Document"), ("segments", "Segments"),
                                      ("inspector", "Inspector"), ("search", "Search"))


def _unplaced_line(u: object) -> str:
    """One edit that did not fit a new text, as the editor knows it: its label and the start of its text."""
    item = getattr(u, "item", {})
    what = f"{item.get('label', getattr(u, 'kind', ''))} “{str(item.get('text', ''))[:60]}”" if item.get("text") else getattr(u, "kind", "")
    return f"{what}: {getattr(u, 'reason', '')}"


def journal_time(stamp: str) -> str:
    """A journal entry's ISO stamp as the editor reads it: local date and minute with the zone
    (``28 Nov 2026, 06:56 CET``); a stamp that does not parse is shown as written."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    local = when.astimezone() if when.tzinfo else when
    return f"{local.day} {local:%b %Y, %H:%M} {local.tzname() or ''}".rstrip()


class MainWindow(QMainWindow):
    """Corpus pane | document | segments + inspector; modes (e.g. review) are tabs of the centre."""

    opened: list[MainWindow] = []  # windows opened by File ▸ Open corpus folder…

    def __init__(self, workspace: Workspace, *, parse_in_background: bool = True, use_settings: bool = True) -> None:
        super().__init__()
        self.ws = workspace
        self._watched_doc: OpenDocument | None = None  # whose edits keep the selection valid
        # The selection an edit's removal moved away from, and where it moved it (see _keep_selection_valid).
        self._pruned_selection: tuple[Picked, Picked] | None = None
        self._places: dict[str, str] = {}  # document id -> the segment chosen when the editor left it
        self.setStatusBar(FittingStatusBar(self))  # messages fit: a long path cut in its middle
        self.selection = Selection(self)
        self.view = DocumentView(self.selection, parent=self)
        self.banner = MessageBanner(self)
        self.find_bar = FindBar(self.view, self)
        curate = QWidget(self)
        lay = QVBoxLayout(curate)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.banner)
        lay.addWidget(self.find_bar)
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
        # The selected text, else the current segment (EditActions.span): made before the actions.
        self.inspector = Inspector(self.ws, self.selection, text_span=lambda: self.edit_actions.span(), parent=self)
        self.search_pane = SearchPane(self.ws.corpus, self)
        self.docks: dict[str, QDockWidget] = {}
        for key, title, widget, area in (
            ("corpus", "Corpus", self.corpus_pane, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("segments", "Segments", self.segments_pane, Qt.DockWidgetArea.RightDockWidgetArea),
            ("inspector", "Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea),
            ("search", "Search the corpus", self.search_pane, Qt.DockWidgetArea.BottomDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{key}")
            dock.setProperty("title", title)
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self.docks[key] = dock
        self.splitDockWidget(self.docks["segments"], self.docks["inspector"], Qt.Orientation.Vertical)
        self.docks["search"].hide()  # until Ctrl+Alt+F (or Ctrl+5)

        self.edit_actions = EditActions(self.ws, self.selection, self.view, focus_speaker=self._focus_speaker,
                                        parent=self)
        self.edit_actions.scope_to(self.view, self.segments_pane.view)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._mark_keyboard_pane)
        self._query_keys = KeysStayHere(self._document_keys, self._show_message, self)
        for field in (self.find_bar.field, self.search_pane.field, self.search_pane.speaker, self.corpus_pane.name,
                      self.corpus_pane.speaker):
            field.installEventFilter(self._query_keys)
        # In the inspector's fields (the speaker name after F2, the Label box after Ctrl+4, the title, the event
        # form…) the verbs that change segments are the field's too: Ctrl+Shift+J typed there merged the segment
        # and left no widget with the keyboard. The inspector's own verbs (Ctrl+Alt+…) still work from them.
        self._field_keys = KeysStayHere(self._segment_keys, self._show_message, self)
        body = self.inspector.widget()
        for field in body.findChildren(QWidget) if body is not None else []:
            if isinstance(field, (QLineEdit, QComboBox, QAbstractItemView, QAbstractButton)):
                field.installEventFilter(self._field_keys)
        self._build_menus()
        self.statusBar().showMessage(f"Corpus {self.ws.corpus.root}")
        # A read-only corpus stays in sight all day, not just in the first message.
        self.read_only_label = QLabel("Read-only: edits cannot be saved here (Save a copy… works)", self)
        self.read_only_label.setStyleSheet("color:#8a1c1c; font-weight:bold; padding:0 6px;")
        self.read_only_label.setToolTip(f"{self.ws.read_only or ''}\n{READ_ONLY_ADVICE}")
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.read_only_label.setVisible(bool(self.ws.read_only))
        self.corpus_pane.set_summaries(list(self.ws.summaries.values()))

        self.ws.sig_current_changed.connect(self._on_current)
        # A big Document the loader thread reads for the editor: its text view is made there too (``_arrive``).
        self.ws.prepare_display = self.view.preparer()
        # Any other big Document whose laid-out text the view does not hold: made on a thread of its own (round
        # gui19), then shown in the same steps.
        self.views_apart = ViewsApart(self)
        self.views_apart.sig_ready.connect(self._on_view_made)
        self.ws.sig_summary_changed.connect(self.corpus_pane.update_summary)
        self.ws.sig_summaries_changed.connect(self.corpus_pane.update_summaries)
        self.ws.sig_documents_removed.connect(self.corpus_pane.remove_documents)
        # The workspace may outlive the window: bound methods, so Qt disconnects them with it.
        self.ws.sig_message.connect(self._show_message)
        self.ws.sig_problem.connect(self.show_problem)
        # What autosave, the journal or a switch found: above the text, never a dialog (red team C1).
        self.notices: dict[str, str] = {}
        self.ws.sig_notice.connect(self._on_notice)
        self.ws.sig_conflict.connect(self._on_conflict)
        self.ws.sig_document_replaced.connect(self._on_document_replaced)
        self.ws.undo_group.cleanChanged.connect(self._on_clean_changed)
        self.corpus_pane.sig_open.connect(self.open_document)
        self.corpus_pane.sig_cancel.connect(self.cancel_job)
        self.inspector.sig_jump.connect(self.jump_to)
        self.inspector.sig_speaker_left.connect(self._speaker_back)
        self.inspector.sig_field_left.connect(self._inspector_back)
        self.search_pane.sig_open.connect(self.open_hit)
        self.ws.sig_saved.connect(self._on_saved)
        self.ws.sig_save_finished.connect(self._on_save_finished)
        self.ws.sig_loading.connect(self._on_loading)
        self.ws.sig_page_parsed.connect(self._on_page_parsed)
        self.pool = QThreadPool.globalInstance()
        self.job: Job | None = None
        self._job_on_result: object = None  # what the running job's results and end are handed to
        self._job_on_done: object = None
        self.problems_shown: list[tuple[str, str]] = []
        self._speaker_from: QWidget | None = None  # where F2 was pressed (the keyboard goes back there)
        self.watcher = CorpusWatcher(self.ws.corpus.root, self)
        self.watcher.sig_changed.connect(self.refresh_documents)
        self._parse_after_job = False  # pages came while a job ran: parsed when it ends
        self.use_settings = use_settings
        if use_settings:
            self._restore_settings()
        else:
            self._default_layout()
        self._update_title()
        if parse_in_background:
            QTimer.singleShot(0, self.parse_corpus)
            QTimer.singleShot(0, self.search_pane.refresh_index)
        install_review_mode(self)
        self._tips_with_keys()

    # -- composition -------------------------------------------------------------------
    def _tips_with_keys(self) -> None:
        """Every menu action's tooltip names its keys, and so do the inspector's buttons that run a window verb
        (a menu action's tooltip was its bare name; Same as previous, New article from here and New from
        selection had none, their keys found only in the menus)."""
        def walk(menu: QMenu) -> None:
            for act in menu.actions():
                if act.menu() is not None:
                    walk(act.menu())  # type: ignore[arg-type]
                    continue
                keys = ", ".join(k.toString() for k in act.shortcuts())
                if keys and keys not in act.toolTip():
                    act.setToolTip(f"{act.statusTip() or act.text().replace('&', '')} ({keys})")

        for top in self.menuBar().actions():
            if top.menu() is not None:
                walk(top.menu())  # type: ignore[arg-type]
        acts = self.edit_actions.actions
        for button, key in ((self.inspector.same_speaker, "same_speaker"), (self.inspector.new_article, "new_article"),
                            (self.inspector.ev_new, "new_event")):
            button.setToolTip(acts[key].toolTip())
        self.inspector.reviewed.setToolTip("This segment is reviewed (Ctrl+R marks it and goes on to the next "
                                           "unreviewed)")

    def _build_menus(self) -> None:
        acts = self.edit_actions.actions
        mb = self.menuBar()
        file = mb.addMenu("&File")
        self.save_action = self._action("&Save", "Ctrl+S", self.save, "Save this document (atomically; never over a file changed on disk)")
        file.addAction(self._action("&Open corpus folder…", "Ctrl+O", self.open_corpus_dialog,
                                    "Open another corpus folder (this window closes, asking about unsaved edits)"))
        file.addSeparator()
        file.addAction(self.save_action)
        file.addAction(self._action("Save &all", "Ctrl+Alt+S", self.ws.save_all, "Save every document with unsaved edits"))
        file.addAction(self._action("Reload from disk (merge my edits)", "", self.reload_document,
                                    "Load the curated file as it is on disk, unsaved edits merged in (one undo step)"))
        file.addAction(self._action("Save a cop&y…", "", self.save_copy, "Write this document's version to another file"))
        file.addAction(self._action("&Export…", "Ctrl+Shift+X", self.open_export,
                                    "The export dialog: format, level, documents, labels, output"))
        file.addSeparator()
        file.addAction(self._action("&Parse corpus", "", self.parse_corpus, "Parse the documents not parsed yet"))
        self.dups_action = self._action("Find &duplicates", "Ctrl+Shift+F", self.find_duplicates,
                                        "Find repeated passages in the background and propose duplicate groups")
        file.addAction(self.dups_action)
        file.addSeparator()
        file.addAction(self._action("&Quit", QKeySequence(QKeySequence.StandardKey.Quit).toString(), self.close))

        editm = mb.addMenu("&Edit")
        undo = self.ws.undo_group.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ws.undo_group.createRedoAction(self, "Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        undo.setStatusTip("Undo the last step (the menu names it)")
        redo.setStatusTip("Redo the step undone last")
        self.undo_action, self.redo_action = undo, redo
        self.ws.undo_group.indexChanged.connect(self._after_step)
        editm.addAction(undo)
        editm.addAction(redo)
        editm.addAction(acts["repeat"])
        editm.addSeparator()
        find = self._action("&Find in document…", QKeySequence(QKeySequence.StandardKey.Find).toString(),
                            self.find_bar.open_bar, "Find text in this document: incremental, every match highlighted")
        find_next = self._action("Find next", "F3", lambda: self.find_bar.step(1), "Go to the next match")
        find_prev = self._action("Find previous", "Shift+F3", lambda: self.find_bar.step(-1), "Go to the previous match")
        search = self._action("Search the &corpus…", "Ctrl+Alt+F", self.open_search,
                              "Search every document: words or a regex, by label, speaker, status, confidence")
        for act in (find, find_next, find_prev, search):
            editm.addAction(act)
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
        events = seg.addMenu("E&vents")
        for key in ("event_next", "event_prev", "event_accept", "event_reject", "event_apply", "event_evidence",
                    "event_delete"):
            events.addAction(self.inspector.actions[key])
        dups = seg.addMenu("D&uplicate groups")
        for key in ("dup_next", "dup_prev", "dup_confirm", "dup_reject", "dup_canonical", "dup_remove", "dup_jump"):
            dups.addAction(self.inspector.actions[key])
        seg.addSeparator()
        seg.addAction(acts["curated"])

        go = mb.addMenu("&Go")
        go.addAction(self._action("Next document", "Ctrl+PgDown", lambda: self.step_document(+1),
                                  "The next document in the corpus pane's (filtered, sorted) order"))
        go.addAction(self._action("Previous document", "Ctrl+PgUp", lambda: self.step_document(-1),
                                  "The previous document in the corpus pane's order"))
        go.addSeparator()
        go.addAction(acts["next_segment"])
        go.addAction(acts["prev_segment"])
        go.addAction(acts["extend_next"])
        go.addAction(acts["extend_prev"])
        go.addAction(acts["next_article"])
        go.addAction(acts["prev_article"])
        go.addAction(acts["next_unreviewed"])
        go.addAction(acts["next_unsegmented"])
        go.addAction(acts["next_no_speaker"])
        go.addAction(acts["next_dup_group"])
        acts["next_dup_group"].triggered.connect(self.inspector.show_duplicates)  # "its rows are in the inspector"

        view = mb.addMenu("&View")
        panes = view.addMenu("Go to &pane")
        for n, (key, title) in enumerate(PANES, start=1):
            panes.addAction(self._action(title, f"Ctrl+{n}", lambda _=False, k=key: self.focus_pane(k),
                                         f"Put the keyboard in the {title.lower()} pane"))
        panes.addAction(self._action("Next pane", "F6", lambda: self.cycle_pane(1), "Move the keyboard to the next pane"))
        panes.addAction(self._action("Previous pane", "Shift+F6", lambda: self.cycle_pane(-1),
                                     "Move the keyboard to the previous pane"))
        view.addAction(self._action("Label &legend", "F9", self.show_legend, "The labels: colour, key letter, meaning"))
        view.addSeparator()
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        columns = view.addMenu("Corpus &columns")
        for act in self.corpus_pane.column_actions.values():
            columns.addAction(act)
        self.view_menu = view
        view.addSeparator()
        self.autosave_action = QAction("Autosave (every 30 s and on switching)", self, checkable=True)
        self.autosave_action.setChecked(True)
        self.autosave_action.toggled.connect(self.ws.set_autosave)
        view.addAction(self.autosave_action)
        self.help_menu = mb.addMenu("&Help")
        self.help_menu.addAction(self._action("&Keyboard shortcuts", "F1", self.show_shortcuts,
                                              "Every key of the window, with a filter"))
        self.help_menu.addAction(self._action("Label &legend", "", self.show_legend, "The labels: colour, key, meaning"))
        self.help_menu.addSeparator()
        self.help_menu.addAction(self._action("&About Curator", "", self.show_about, "Version, Qt, corpus"))

    def view_menu_actions(self) -> list[QAction]:
        """Every action of the View menu, its submenus' included."""
        found: list[QAction] = []

        def walk(actions: list[QAction]) -> None:
            for act in actions:
                found.append(act)
                if act.menu() is not None:
                    walk(act.menu().actions())  # type: ignore[union-attr]

        walk(self.view_menu.actions())
        return found

    def _first_size(self) -> tuple[int, int]:
        """1440x900, or as much of it as the screen holds with the window's frame (a 1280x800 screen with
        no window manager to clamp it showed the inspector past its right edge)."""
        screen = self.screen()
        # A window without settings (tests, --screenshot) keeps 1440x900 whatever the screen: the offscreen
        # platform's is 800x800, and those windows are laid out for a picture, not for a desktop.
        if screen is None or not self.use_settings:
            return 1440, 900
        avail = screen.availableGeometry()
        if avail.width() >= 1440 + FRAME_ALLOWANCE[0] and avail.height() >= 900 + FRAME_ALLOWANCE[1]:
            return 1440, 900
        self.move(avail.topLeft())
        return min(1440, avail.width() - FRAME_ALLOWANCE[0]), min(900, avail.height() - FRAME_ALLOWANCE[1])

    def _fit_to_screen(self, saved: object = None) -> None:
        """A saved window geometry from a bigger screen (or a smaller scale factor) is held to this screen.

        ``saved``: the window's size as saved (``"WxH"``). Qt's ``restoreGeometry`` of a window saved at
        1440x900 left it 640x480 on a 1024x700 screen (the docks then held it at 710x466, the inspector
        ~50 px wide): the saved size, clamped to the screen, is asked for instead."""
        screen = self.screen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        want_w, want_h = self.width(), self.height()
        if isinstance(saved, str) and "x" in saved:
            try:
                want_w, want_h = (int(v) for v in saved.split("x", 1))
            except ValueError:
                pass
        elif self.width() < 800 or self.height() < 560:  # a layout saved before the size was: a first start's
            want_w, want_h = 1440, 900
        width = max(min(want_w, avail.width() - FRAME_ALLOWANCE[0]), 200)
        height = max(min(want_h, avail.height() - FRAME_ALLOWANCE[1]), 200)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        if not avail.contains(self.frameGeometry().topLeft()) or self.x() + width > avail.right() + 1 \
                or self.y() + height > avail.bottom() + 1:
            self.move(avail.topLeft())

    def _default_layout(self) -> None:
        """Pane sizes for a first start, applied when the window is first shown (Qt ignores them before)."""
        width, height = self._first_size()
        self.resize(max(self.width(), width), max(self.height(), height))
        self._layout_pending = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if getattr(self, "_layout_pending", False):
            # After the first layout pass: sizes asked for during show are scaled down by Qt.
            # ``_layout_pending`` stays true until they are applied (tests wait for it).
            QTimer.singleShot(0, self._apply_default_dock_sizes)
        elif getattr(self, "_check_fit_pending", False):
            self._check_fit_pending = False
            QTimer.singleShot(0, self._check_restored_fit)

    def _apply_default_dock_sizes(self) -> None:
        if not getattr(self, "_layout_pending", False):
            return
        self._layout_pending = False
        corpus, segments, upper, beside = fitted_dock_sizes(
            self.width(), self.height(), em=self.fontMetrics().averageCharWidth(), right_min=self._right_min(),
            text_min=self.modes.minimumSizeHint().width(), corpus_min=self.corpus_pane.minimumSizeHint().width())
        docks = self.docks
        if beside:
            if self.tabifiedDockWidgets(docks["corpus"]):
                self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks["corpus"])
            self.resizeDocks([docks["corpus"], docks["segments"]], [corpus, segments], Qt.Orientation.Horizontal)
        else:
            if not self.tabifiedDockWidgets(docks["corpus"]):
                self.tabifyDockWidget(docks["segments"], docks["corpus"])
            docks["segments"].raise_()
            self.resizeDocks([docks["segments"]], [segments], Qt.Orientation.Horizontal)
        self.resizeDocks([docks["segments"], docks["inspector"]], [upper, max(1, self.height() - upper)],
                         Qt.Orientation.Vertical)
        # The text re-wraps to its new width once the docks are laid out: the current segment stays in view.
        QTimer.singleShot(0, self._keep_current_in_view)

    def _right_min(self) -> int:
        """The right column's least width: the inspector's form whole, with its scroll bar and frame."""
        body = self.inspector.widget()
        bar = self.inspector.verticalScrollBar().sizeHint().width()
        return body.minimumSizeHint().width() + bar + 2 * self.inspector.frameWidth() + 8

    def _check_restored_fit(self) -> None:
        """A layout saved on a bigger screen (or at a smaller scale) squeezes the text or cuts the inspector
        here: lay the panes out afresh for this window instead."""
        em = self.fontMetrics().averageCharWidth()
        if self.modes.width() < TEXT_MIN_EM * em * 3 // 4 or self.inspector.viewport().width() < \
                self.inspector.widget().minimumSizeHint().width():
            self._layout_pending = True
            self._apply_default_dock_sizes()

    def _keep_current_in_view(self) -> None:
        if self.ws.current is not None and self.selection.current:
            self.view.show_segment(self.selection.current)

    def _on_mode(self, index: int) -> None:
        """The segments and inspector panes belong to the Curate mode: other modes get their room."""
        curating = index == 0
        self._fit_modes(index)
        for key in ("segments", "inspector"):
            dock = self.docks[key]
            if curating:
                if dock.property("hidden_by_mode"):
                    dock.show()
                dock.setProperty("hidden_by_mode", False)
            elif dock.isVisible():
                dock.setProperty("hidden_by_mode", True)
                dock.hide()

    def _action(self, text: str, shortcut: str, slot: object, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        return act

    # -- keyboard: panes and help ----------------------------------------------------------
    def _pane_widget(self, key: str) -> QWidget:
        return {"corpus": self.corpus_pane.table, "document": self.view, "segments": self.segments_pane.view,
                "inspector": self.inspector.focus_target(), "search": self.search_pane.field}[key]

    def focus_pane(self, key: str) -> None:
        """Put the keyboard in a pane (showing it, and the Curate mode, if needed)."""
        if key not in ("corpus", "search"):
            self.modes.setCurrentIndex(0)
        dock = self.docks.get(key)
        if dock is not None:
            dock.show()
            dock.raise_()
        active = QApplication.activeWindow()
        if active is not None and active is not self and active not in self.docks.values():
            # a popup that closed without giving activation back (the speaker field's completion list,
            # after a name it does not hold): setFocus below would not move the keyboard, and keys went
            # on to the segments tree, where letters are label keys
            self.activateWindow()
        self._pane_widget(key).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_pane(self) -> str | None:
        focus = QApplication.focusWidget()
        for key, _title in PANES:
            root = self.view if key == "document" else self.docks[key].widget()
            if focus is not None and (focus is root or root.isAncestorOf(focus)):
                return key
        return None

    def open_search(self) -> None:
        """Ctrl+Alt+F: the search pane, its query selected (the text's selection, if short, as the query)."""
        span = self.view.selected_span()
        if span is not None and self.ws.current is not None and 0 < span[1] - span[0] <= 100:
            picked = self.ws.current.text[span[0]:span[1]]
            if "\n" not in picked:
                self.search_pane.field.setText(picked)
        self.focus_pane("search")
        self.search_pane.field.selectAll()

    def open_hit(self, hit: Hit) -> None:
        """A search result: its Document, its segment chosen, the match selected in the text."""
        if self.open_document(hit.doc_id) is None:
            return
        self.modes.setCurrentIndex(0)
        if hit.segment is not None:
            self.selection.set(hit.segment)
        self.view.select_span(hit.start, hit.end)
        self.view.centerCursor()
        self.view.setFocus()

    def _on_saved(self, doc: OpenDocument) -> None:
        # What the file holds (``disk``): edits made while a save was written are not in it.
        self.search_pane.document_saved(doc.doc_id, doc.disk, doc.text)

    def _on_loading(self, doc_id: str, waiting: bool) -> None:
        self._update_title()
        if not waiting:
            self.statusBar().clearMessage()  # "Loading …" is no longer true

    def _on_save_finished(self, doc: OpenDocument) -> None:
        if doc is self.ws.current:
            self._update_title()

    def cycle_pane(self, step: int) -> None:
        """F6 / Shift+F6: the next (previous) visible pane, round the window."""
        keys = [k for k, _t in PANES if k == "document" or self.docks[k].isVisible()]
        here = self.current_pane()
        i = keys.index(here) if here in keys else -1
        self.focus_pane(keys[(i + step) % len(keys)])

    def shortcut_rows(self) -> list[tuple[str, str, str, str]]:
        """Every key of the window: the menus' actions, then the keys without a menu entry."""
        rows = menu_shortcuts(self.menuBar())
        extra = [("Corpus table", "Open document", "Enter", "Open the document on the current row"),
                 ("Find bar", "Next / previous match", "Enter, Shift+Enter", "While typing in the find bar"),
                 ("Find bar", "Close", "Esc", "Close the find bar, back to the text"),
                 ("Search pane", "Go to the results / open a hit", "Enter",
                  "In the query: to the results; on a result: its document, segment and match")]
        seen = {(r[1], r[2]) for r in rows}
        return [*rows, *(r for r in extra if (r[1], r[2]) not in seen)]

    def show_shortcuts(self) -> None:
        run_modal(ShortcutsDialog(self.shortcut_rows(), [], self))  # the keyboard comes back (no window manager too)

    def show_legend(self) -> None:
        run_modal(LegendDialog(parent=self))

    def show_about(self) -> None:
        box = message_box(self, QMessageBox.Icon.Information, "About Curator", about_text(str(self.ws.corpus.root)))
        run_modal(box)

    # -- the corpus folder -------------------------------------------------------------------
    def refresh_documents(self) -> None:
        """The folder changed: new Documents join the list (and are parsed in the background), removed ones leave,
        and a new page written to since it was listed is read (and parsed) again."""
        added, removed = self.ws.refresh_documents()
        root = self.ws.corpus.root
        self.watcher.watch_files([self.ws.corpus.source_path(d) for d in added])
        rewritten = []
        for path in self.watcher.take_changed_files():
            try:
                rel = Path(path).relative_to(root).with_suffix("").as_posix()
            except ValueError:
                continue
            if Path(path).is_file():  # one gone has left the list above
                rewritten.append(rel)
        rewritten = self.ws.source_rewritten(sorted(set(rewritten) - set(added)))
        if added or removed or rewritten:
            self.statusBar().showMessage(
                f"Corpus folder changed: {len(added)} new document(s), {len(removed)} removed", 8000)
            self.search_pane.refresh_index()
        if any(self.ws.summaries[d].status == "new" for d in added + rewritten):
            if self.job is None:
                self.parse_corpus()
            else:
                self._parse_after_job = True  # the running job's list does not have them

    def open_corpus_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open corpus folder", str(self.ws.corpus.root.parent))
        if folder:
            self.open_corpus(Path(folder))

    def open_corpus(self, folder: Path) -> MainWindow | None:
        """Open ``folder`` in a new window and close this one (asking about unsaved edits); the new window."""
        from curator.core.store import Corpus

        try:
            corpus = Corpus(folder)
        except FileNotFoundError as exc:
            self.show_problem("Cannot open the corpus", str(exc))
            return None
        window = MainWindow(Workspace(corpus), use_settings=self.use_settings)
        ids = window.ws.document_ids()
        if ids:
            window.open_document(ids[0])
        if self.isVisible():
            window.show()  # before this one closes: the application quits when its last window does
        if not self.close():  # asks about unsaved edits here
            window.use_settings = False
            window.close()
            window.deleteLater()
            return None
        self.ws.set_autosave(False)
        type(self).opened.append(window)  # keep it alive after this window is gone
        return window

    def add_mode(self, widget: QWidget, title: str) -> int:
        """Add a mode (e.g. parser review) as a tab beside "Curate"; returns its index."""
        index = self.modes.addTab(widget, title)
        self._fit_modes(self.modes.currentIndex())
        return index

    def _fit_modes(self, current: int) -> None:
        """Only the mode shown sets the centre's minimum width: the Review panel's 360 px held the text at 364
        while curating, and the panes beside it (at 1024x700) lost what it did not need."""
        for i in range(self.modes.count()):
            page = self.modes.widget(i)
            policy = page.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred if i == current else QSizePolicy.Policy.Ignored)
            page.setSizePolicy(policy)

    # -- documents -----------------------------------------------------------------------
    def open_document(self, doc_id: str) -> OpenDocument | None:
        return self.ws.open(doc_id)

    def _on_current(self, doc: OpenDocument | None) -> None:
        if self._watched_doc is not None:
            self._watched_doc.sig_changed.disconnect(self._keep_selection_valid)
            if self.selection.current is not None:  # the place left there, to come back to
                self._places[self._watched_doc.doc_id] = self.selection.current
        self._watched_doc = doc
        self._pruned_selection = None
        self.selection.set(None, ())
        if doc is not None and not doc.arriving and self._lay_out_apart(doc):
            doc.arriving = True
        if doc is not None and doc.arriving:
            # A big Document the loader thread read and laid out (round gui18, issue 10): its text, its tree and the
            # rest are shown on the next turns of the event loop, each its own step (together they were one ~0.5 s
            # step on a 10 MB page); edits are refused until the last (``arriving``).
            self.view.set_document(None)
            self.find_bar.on_document()
            self.segments_pane.set_document(None)
            self.inspector.set_document(None)
            self.corpus_pane.mark_current(doc.doc_id)
            self._show_banner(doc)
            self._update_title()
            self._watched_doc = None  # watched once its panes are built (after theirs: see _fill_panes)
            if not self.views_apart.under_way(doc):  # else when its view is made (``_on_view_made``)
                QTimer.singleShot(ARRIVAL_STEP_MS, self, lambda: self._arrive(doc, 0))
            return
        self.view.set_document(doc)
        self.find_bar.on_document()
        self.segments_pane.set_document(doc)
        self._fill_panes(doc)

    def _lay_out_apart(self, doc: OpenDocument) -> bool:
        """Have a big Document's text laid out on a thread when nothing made it (round gui19, issue 10): a page
        without a curated file, a Document the view let go of. True: it arrives in steps once made."""
        if len(doc.text) < PREPARE_APART_CHARS or doc.prepared is not None or self.view.keeps(doc):
            return False
        make = self.view.preparer()
        text, segs, offsets = doc.text, doc.curation.segments, doc.offsets
        self.views_apart.start(doc, lambda: make(text, segs, offsets))
        return True

    def _on_view_made(self, doc: OpenDocument, prepared: object) -> None:
        """A text view made apart (``_lay_out_apart``): the Document's arrival goes on if it is still shown (else
        when it comes back; a failure: the view lays the text out itself)."""
        self.views_apart.done(doc)
        doc.prepared = None if isinstance(prepared, BaseException) else prepared
        if doc.arriving and self.ws.current is doc:
            QTimer.singleShot(ARRIVAL_STEP_MS, self, lambda: self._arrive(doc, 0))

    def _arrive(self, doc: OpenDocument, step: int) -> None:
        """Step ``step`` of a big Document's arrival (``_on_current``): 0 its text, 1 its tree, 2 the rest; nothing
        when another Document is shown meanwhile."""
        if self.ws.current is not doc or not doc.arriving or (step > 0 and self.view.doc is not doc):
            return
        if step == 0:
            self.view.set_document(doc)
            self.find_bar.on_document()
            self._show_banner(doc)  # its notes on the text shown (very long lines broken on screen)
        elif step == 1:
            self.segments_pane.set_document(doc)
        else:
            doc.arriving = False
            self._watched_doc = doc
            self._fill_panes(doc)
            return
        QTimer.singleShot(ARRIVAL_STEP_MS, self, lambda: self._arrive(doc, step + 1))

    def _fill_panes(self, doc: OpenDocument | None) -> None:
        """The rest of showing the current Document (its text and tree shown): the inspector, the segment chosen,
        the duplicates found."""
        self.inspector.set_document(doc)
        if doc is not None:
            doc.sig_changed.connect(self._keep_selection_valid)  # after the panes': the view's index is new
        if doc is not None:
            self.corpus_pane.mark_current(doc.doc_id)
            self._show_banner(doc)
            self.selection.set(self._place_in(doc))
            self._apply_known_duplicates(doc)
        self._update_title()

    def _place_in(self, doc: OpenDocument) -> str | None:
        """The segment to choose on (re)opening a Document: the one the editor left there, else its first.

        Going to the next page and back put the editor at the top of the page, their place lost."""
        left = self._places.get(doc.doc_id)
        if left is not None and any(s.id == left for s in doc.curation.segments):
            return left
        return doc.curation.segments[0].id if doc.curation.segments else None

    def _mark_keyboard_pane(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Focus visible: the pane that has the keyboard says so in its title ("▶ Segments"); the text
        shows its caret. Keys move between panes (Ctrl+1…5, F6) with nothing else to tell where they landed."""
        if new is None or (new.window() is not self and new.window() not in self.docks.values()):
            return  # a dialog or another window: the mark stays where the keyboard will come back to
        if _old is not None and self.inspector.isAncestorOf(_old) and not self.inspector.isAncestorOf(new):
            self._speaker_from = None  # the editor went elsewhere: F2's trip is over
        for dock in self.docks.values():
            has = dock.isAncestorOf(new)
            if bool(dock.property("keyboard")) != has:
                dock.setProperty("keyboard", has)
                title = str(dock.property("title"))
                dock.setWindowTitle(f"▶ {title}" if has else title)

    def _segment_keys(self) -> frozenset[str]:
        """The key sequences of the verbs of the Edit, Label and Segment menus that change the Document."""
        moving = {"next_unreviewed", "next_unsegmented", "speaker", "next_article", "prev_article", "next_dup_group",
                  "next_no_speaker"}
        portable = QKeySequence.SequenceFormat.PortableText
        return frozenset(seq.toString(portable) for k, a in self.edit_actions.actions.items() if k not in moving
                         for seq in a.shortcuts())

    def _document_keys(self) -> frozenset[str]:
        """The key sequences of every verb that changes the Document (not the ones that only move or find)."""
        moving = {"next_unreviewed", "next_unsegmented", "speaker", "next_article", "prev_article", "next_dup_group",
                  "next_no_speaker"}
        acts = [a for k, a in self.edit_actions.actions.items() if k not in moving]
        acts += [a for k, a in self.inspector.actions.items() if not k.endswith(("_next", "_prev", "_jump"))]
        portable = QKeySequence.SequenceFormat.PortableText
        return frozenset(seq.toString(portable) for a in acts for seq in a.shortcuts())

    def _keep_selection_valid(self, changes: Changes) -> None:
        """An undo (or any edit) that removes the selected segments moves the selection to the segment the
        caret is in: a selection naming a segment that no longer exists made the next verb fail."""
        if not changes.layout:
            return
        has = self.view.has_segment
        current, ids = self.selection.current, self.selection.ids
        pruned = self._pruned_selection
        if pruned is not None:
            (was, was_ids), moved_to = pruned
            if (current, ids) != moved_to:
                self._pruned_selection = None  # the editor chose something else since
            elif was is not None and has(was) and all(has(i) for i in was_ids):
                self._pruned_selection = None  # a redo brought the segments back: so does the selection
                self.selection.set(was, was_ids)
                return
        if (current is None or has(current)) and all(has(i) for i in ids):
            return
        kept = tuple(i for i in ids if has(i))
        new = current if current is not None and has(current) else self.view.segment_at_caret()
        new = new or (kept[0] if kept else None)
        self.selection.set(new, kept or ((new,) if new else ()))
        self._pruned_selection = ((current, ids), (self.selection.current, self.selection.ids))

    def _after_step(self, index: int) -> None:
        """An undo or redo goes to what it changed and says so: pressed far from the edit, Ctrl+Z changed text
        out of sight and only the Edit menu named it. A step that changed the segments chosen keeps them."""
        doc = self.ws.current
        step = doc.take_step() if doc is not None else None
        if doc is None or step is None:
            return  # a push (the verb's own feedback), or no Document
        changes, undone = step
        name = doc.stack.text(index if undone else index - 1)
        self.statusBar().showMessage(f"{'Undone' if undone else 'Redone'}: {name}", 8000)
        has = self.view.has_segment
        current = self.selection.current
        if current is not None and current in changes.segments and has(current):
            target = current  # the step was about the chosen segments: they stay chosen, shown
        else:
            segs = doc.curation.segments
            here = [i for i in changes.segments if has(i)]
            if here:
                target = min(here, key=lambda i: lookup.position(segs, i))
            elif changes.span is not None:
                seg = segment_at(doc.curation, changes.span[0]) or next(
                    (segs[k] for k in range(bisect.bisect_left(lookup.starts_of(segs), changes.span[0]), len(segs))),
                    None)
                target = seg.id if seg is not None else None
            else:
                return  # a status or a duplicate group: nothing in the text to show
        if target is None:
            return
        if target != current:
            self.selection.set(target)
        else:
            self.view.show_segment(target)
            self.segments_pane.show_current()

    def _show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_title(self) -> None:
        doc = self.ws.current
        name = doc.doc_id if doc else "no document"
        if self.ws.opening is not None:  # its curated file is read on the loader thread
            name = f"Loading {self.ws.opening}…"
        read_only = " — read-only" if self.ws.read_only else ""
        self.setWindowTitle(f"{name}[*] — Curator ({self.ws.corpus.root}){read_only}")
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
        # F2 is a trip: Enter (or Esc) in the field brings the keyboard back to where it was pressed. Left
        # in the field, the next label key typed itself into the name (a new speaker at the next Enter).
        here = QApplication.focusWidget()
        if self.ws.current is None or not self.selection.targets():
            # The field is off with no segment chosen: F2 did nothing and said nothing (red team F9).
            self.ws.refuse("Speaker", "no document is open" if self.ws.current is None else
                           "select a segment first (arrows in the segments tree, Ctrl+3, or the caret in the text, "
                           "Ctrl+2; or a click)")
            return
        self._speaker_from = here if here in (self.view, self.segments_pane.view) else None
        self.docks["inspector"].show()
        self.inspector.speaker.setFocus()
        self.inspector.speaker.selectAll()

    def _speaker_back(self) -> None:
        back, self._speaker_from = self._speaker_from, None
        if back is not None and QApplication.focusWidget() is self.inspector.speaker:
            back.setFocus()

    def _inspector_back(self) -> None:
        """Esc in the inspector: the keyboard goes back to where F2 was pressed, else the segments tree."""
        back, self._speaker_from = self._speaker_from, None
        here = QApplication.focusWidget()
        if here is not None and self.inspector.isAncestorOf(here):
            (back or self.segments_pane.view).setFocus()

    def save(self) -> bool:
        """Ctrl+S: the save goes to the saver thread (``Workspace.save_later``); the title's ``*`` goes when it
        comes back written and nothing was edited meanwhile."""
        ok = self.ws.save_later()
        self._update_title()
        return ok

    def open_export(self) -> None:
        run_modal(ExportDialog(self.ws.corpus.root, parent=self))

    # -- background work -----------------------------------------------------------------
    def _start(self, job: Job, on_result: object, on_done: object) -> None:
        if self.job is not None:
            self.statusBar().showMessage("Another job is running; wait for it or cancel it.", 5000)
            return
        self.job = job
        self._job_on_result, self._job_on_done = on_result, on_done
        # Bound methods only: Qt drops them with the window, while a job may outlive it (a lambda
        # or closure connected here ran on a deleted corpus pane when a window closed mid-job).
        job.signals.sig_progress.connect(self._job_progress)
        job.signals.sig_result.connect(self._job_result)
        job.signals.sig_finished.connect(self._job_done)
        job.signals.sig_failed.connect(self._job_failed)
        self.corpus_pane.show_progress((0, 1, "Starting"))
        self.pool.start(job)

    def _job_progress(self, done: int, total: int, what: str) -> None:
        self.corpus_pane.show_progress((done, total, what))

    def _job_result(self, item: object) -> None:
        if callable(self._job_on_result):
            self._job_on_result(item)

    def _job_done(self, output: object) -> None:
        on_done = self._job_on_done
        self._job_over()
        if callable(on_done):
            on_done(output)

    def _job_failed(self, message: str) -> None:
        self._job_over()
        self.show_problem("Background job failed", message)

    def _job_over(self, *_: object) -> None:
        self.job = None
        self._job_on_result = self._job_on_done = None
        self.corpus_pane.show_progress(None)
        if self._parse_after_job:
            QTimer.singleShot(0, self, self._parse_new_pages)  # after the ended job's own ending

    def _parse_new_pages(self) -> None:
        if self.job is None and self._parse_after_job:
            self._parse_after_job = False
            if any(s.status == "new" for s in self.ws.summaries.values()):
                self.parse_corpus()

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.statusBar().showMessage("Cancelling…", 3000)

    def parse_corpus(self) -> None:
        todo = [d for d, s in self.ws.summaries.items() if s.status == "new"]
        # Documents already open on a parse of their page alone (the first one is shown at once,
        # before the corpus is read): parsed again with the corpus context, which finds sidebars.
        todo += [d for d, doc in self.ws.docs.items() if doc.unrecorded_base is not None and d not in todo]
        todo = [d for d in todo if d not in self.ws.page_parses]  # a big page already being parsed apart
        parsed_now: set[str] = set()

        def result(items: list[tuple[str, Curation | str]]) -> None:
            summaries = []
            for doc_id, cur in items:
                if isinstance(cur, str):  # the source cannot be read: the pane shows why
                    summaries.append(DocSummary(doc_id, "error", problem=cur))
                    continue
                self.ws.parsed[doc_id] = cur
                parsed_now.add(doc_id)
                open_doc = self.ws.docs.get(doc_id)
                if open_doc is not None:
                    self.ws.propose_context_parse(open_doc, cur)
                else:
                    summaries.append(DocSummary.of(doc_id, cur))
            self.ws.set_summaries_batch(summaries)

        def done(context: object) -> None:
            if context is not None:
                self.ws.context = context
                # Only files on disk count: the document opened first was parsed in memory, not saved.
                new = sum(d not in self.ws.docs for d in parsed_now)  # open ones were parsed before
                self.statusBar().showMessage(f"Parsed {new} new document(s); {job.kept} already have curated files",
                                             8000)

        job = ParseCorpusJob(self.ws.corpus.root, todo, all_ids=list(self.ws.summaries))
        self._start(job, result, done)

    def find_duplicates(self) -> None:
        # Only the open Documents are taken here (as edited); the job loads the rest off the UI thread.
        items = [(doc.curation, doc.text) for doc in self.ws.docs.values()]

        def done(index: object) -> None:
            if index is None:
                return
            self._dup_groups = index
            for doc in self.ws.docs.values():
                self._apply_known_duplicates(doc)
            self.statusBar().showMessage(f"{len(index.groups)} duplicate group(s) found", 5000)  # type: ignore[attr-defined]

        self._start(FindDuplicatesJob(items, root=self.ws.corpus.root, doc_ids=self.ws.document_ids(),
                                      parsed=self.ws.parsed), None, done)

    def _apply_known_duplicates(self, doc: OpenDocument) -> None:
        index = getattr(self, "_dup_groups", None)
        if not index or not index.by_doc:
            return
        from curator.core.dups.contract import curation_duplicates

        try:
            fresh = curation_duplicates(index, doc.curation)
        except ValueError as exc:
            self.statusBar().showMessage(f"Duplicates of {doc.doc_id}: {exc}", 8000)
            return
        if fresh != doc.curation.duplicates:
            # Found by the machine, not an edit: opening a Document must not mark it modified.
            self.ws.propose(ReplaceDuplicates(fresh, name="Duplicate groups found"), doc=doc)

    # -- the file changed on disk ---------------------------------------------------------
    def _on_page_parsed(self, doc: OpenDocument) -> None:
        """A big page's parse came: its segments are shown, the notice goes."""
        if doc is not self.ws.current:
            return
        self._show_banner(doc)
        if self.selection.current is None and doc.curation.segments:
            self.selection.set(doc.curation.segments[0].id)
        self.statusBar().showMessage(f"{doc.doc_id}: parsed ({len(doc.curation.segments):,} segments)", 5000)

    def _show_banner(self, doc: OpenDocument | None) -> None:
        """The Document's warnings and the window's notices above the text, with the verbs of a file changed on
        disk. Called again as things change (the file rewritten once more): the one banner is updated, and its
        buttons stay the same widgets while the verbs do (the keyboard stays on the one it was on)."""
        parts = [*self.notices.values()]
        verbs: list[tuple[str, object, str]] = []
        if doc is not None:
            parts += [*doc.warnings, *([doc.conflict] if doc.conflict else []), *([doc.merge_note] if doc.merge_note else [])]
            if self.view.doc is doc and self.view.display_breaks:
                parts.append(f"Lines over {LONG_LINE:,} characters are shown broken at spaces, about every "
                             f"{DISPLAY_CHUNK:,} ({self.view.display_breaks:,} breaks), on screen only: the text, its "
                             "offsets and a copy are the source's.")
            if doc.parsing:
                parts.insert(0, f"Parsing this page ({len(doc.text):,} characters) in the background: the text is all "
                                "here, its segments come when the parser is done, and edits can start then.")
            if doc.conflict and doc.conflict_stamp == FILE_DELETED:
                verbs = [("&Recreate it with my version", self.recreate_document,
                          "Save your version as the document's curated file again (it was deleted on disk)"),
                         ("Save a &copy…", self.save_copy, "Write your version to another file")]
            elif doc.conflict:
                verbs = [("&Merge theirs into mine and save", self.merge_theirs,
                          "Take the changes made on disk into your version (three-way, with the version you loaded "
                          "or last saved), conflicts listed and your version kept there, and save: one undo step (Alt+M)"),
                         ("&Keep mine (theirs kept as a backup)", self.keep_mine,
                          "Write your version over the file; the file as it is now is kept in .curator/overwritten/ (Alt+K)"),
                         ("Reload &theirs (mine kept aside)", self.reload_theirs,
                          "Show the file as it is on disk; your unsaved version is written to .curator/unsaved/ and "
                          "Edit ▸ Undo brings it back (Alt+T)"),
                         ("Save a &copy…", self.save_copy, "Write your version to another file")]
        if [b.text() for b in self.banner.extra] != [v[0] for v in verbs]:
            self.banner.clear_buttons()
            for text, slot, tip in verbs:
                self.banner.add_button(text, slot, tip)
        self.banner.set_message("\n".join(parts))

    def _on_notice(self, title: str, text: str) -> None:
        """Something autosave, the journal's writer or a switch found (``text``; "" when it is over): told above
        the text and in the status bar, never in a dialog: a modal coming back with every autosave stopped the
        editor working."""
        if text:
            self.notices[title] = f"{title}: {text}"
            self.problems_shown.append((title, text))
            self.statusBar().showMessage(f"{title}: {text.splitlines()[0]}", 15000)
        elif self.notices.pop(title, None) is None:
            return
        self._show_banner(self.ws.current)

    def _on_conflict(self, doc: OpenDocument) -> None:
        """A save was refused because the file changed on disk (again): the banner says so and offers the verbs;
        no dialog (another program rewriting the file every 2 s raised one at every save)."""
        self.problems_shown.append(("Not saved", doc.conflict))
        if doc is self.ws.current:
            self._show_banner(doc)
        self.statusBar().showMessage(f"{doc.doc_id}: not saved, the file "
                                     f"{'was deleted' if doc.conflict_stamp == FILE_DELETED else 'changed'} on disk "
                                     "(see above the text: Alt+M merge, Alt+K keep mine, Alt+T reload theirs)", 15000)

    def merge_theirs(self, doc: OpenDocument | None = None) -> bool:
        """Merge the file's changes into the (current) Document's version and save (one undo step); conflicts are
        listed above the text. A file deleted, unreadable or re-imported goes the Reload and merge way."""
        doc = doc if isinstance(doc, OpenDocument) else self.ws.current
        if doc is None:
            return False
        try:
            result = self.ws.merge_and_save(doc)
        except ValueError as exc:
            self._tell("Not merged", str(exc))
            return False
        if result is None:
            return self.reload_document(doc) and self.ws.save(doc)
        note = f"Merged {len(result.applied)} change(s) from the file on disk into your version and saved it"
        if result.conflicts:
            doc.merge_note = (note + f"; {len(result.conflicts)} conflict(s) where you both changed something — your "
                              "version is kept there (Edit ▸ Undo returns to your version before the merge):\n"
                              + "\n".join(f"• {c}" for c in result.conflicts))
            self._tell("Merged with conflicts", doc.merge_note)
        else:
            doc.merge_note = ""
            self.statusBar().showMessage(note + " (Edit ▸ Undo returns to your version before the merge)", 15000)
        self._after_resolved(doc)
        return True

    def keep_mine(self, doc: OpenDocument | None = None) -> bool:
        """Write the (current) Document's version over the file whatever it holds; the file kept as a backup."""
        doc = doc if isinstance(doc, OpenDocument) else self.ws.current
        if doc is None:
            return False
        try:
            backup = self.ws.keep_mine(doc)
        except OSError as exc:
            self._tell("Not saved", f"{exc}\n\nYour edits are kept in the window and in the recovery journal.")
            return False
        doc.merge_note = "" if backup is None else (
            f"Saved your version over {self.ws.corpus.curated_path(doc.doc_id)}; the file as it was is kept in {backup}")
        self.statusBar().showMessage(doc.merge_note or f"Saved {doc.doc_id}", 15000)
        self._after_resolved(doc)
        return True

    def reload_theirs(self, doc: OpenDocument | None = None) -> bool:
        """Show the file as it is on disk; the (current) Document's unsaved version kept aside and one undo away."""
        doc = doc if isinstance(doc, OpenDocument) else self.ws.current
        if doc is None:
            return False
        try:
            kept = self.ws.reload_theirs(doc)
        except FileUnusable as exc:
            return self._replace_unusable(doc, exc)
        except ValueError as exc:
            self._tell("Not reloaded", str(exc))
            return False
        doc.merge_note = "" if kept is None else (
            f"Reloaded {doc.doc_id} as it is on disk; your unsaved version is kept in {kept} and Edit ▸ Undo brings it back")
        self.statusBar().showMessage(doc.merge_note or f"Reloaded {doc.doc_id} as it is on disk", 15000)
        self._after_resolved(doc)
        return True

    def _after_resolved(self, doc: OpenDocument) -> None:
        if doc is self.ws.current:
            self._show_banner(doc)
            self.view.setFocus()  # the buttons that had the keyboard are gone with the conflict
        self._update_title()

    def _tell(self, title: str, text: str) -> None:
        """A result the editor asked for but need not answer (conflicts listed, a merge that could not be
        saved): recorded, in the status bar and above the text, no dialog."""
        self.problems_shown.append((title, text))
        self.statusBar().showMessage(f"{title}: {text.splitlines()[0] if text else ''}", 15000)
        doc = self.ws.current
        if doc is not None and text not in doc.merge_note:
            doc.merge_note = f"{title}: {text}"
        self._show_banner(doc)

    def _on_document_replaced(self, old: OpenDocument, _new: OpenDocument) -> None:
        """A Document was opened again on its new text: what the text view kept of the old one goes."""
        self.view.forget(old)
        if self._watched_doc is old:
            old.sig_changed.disconnect(self._keep_selection_valid)
            self._watched_doc = None

    def recreate_document(self, doc: OpenDocument | None = None) -> bool:
        """The (current) Document's curated file was deleted on disk: save the editor's version as it again
        (refused, as any save, if another program wrote one meanwhile)."""
        doc = doc if isinstance(doc, OpenDocument) else self.ws.current
        if doc is None or not self.reload_document(doc):
            return False
        return self.ws.save(doc)

    def reload_document(self, doc: OpenDocument | None = None) -> bool:
        """Reload the (current) Document from disk with its unsaved edits merged in; conflicts are listed.

        A file deleted on disk: the edits stay and the next save recreates it. A file that cannot be used
        (not JSON, cut short, about another text): the editor is asked whether their version replaces it,
        the file kept aside. A source text re-imported meanwhile: the edits are re-anchored onto it."""
        doc = doc if isinstance(doc, OpenDocument) else self.ws.current
        if doc is None:
            return False
        try:
            reloaded = self.ws.reload_from_disk(doc)
        except FileUnusable as exc:
            return self._replace_unusable(doc, exc)
        except ValueError as exc:
            self.show_problem("Not reloaded", str(exc))
            return False
        doc, result = reloaded.doc, reloaded.result
        if reloaded.gone:
            doc.merge_note = ""
            self.statusBar().showMessage(
                f"{self.ws.corpus.curated_path(doc.doc_id)} was deleted on disk; your version is kept (unsaved): "
                "Save (Ctrl+S) recreates it", 15000)
            if doc is self.ws.current:
                self._show_banner(doc)
            self._update_title()
            return True
        taken = len(result.applied)
        note = f"Reloaded {doc.doc_id} from disk ({taken} change(s) from the file taken in"
        if reloaded.new_text:
            note = (f"Reloaded {doc.doc_id} on its new source text (re-imported): your unsaved edits were re-anchored "
                    f"onto it and merged with the file ({taken} change(s) from the file taken in")
        lost = ""
        if reloaded.unplaced:
            root = self.ws.corpus.root
            kept = [str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p in reloaded.kept]
            n = len(reloaded.unplaced)
            lost = (f"{n} of your edits could not be placed on the new text and {'is' if n == 1 else 'are'} not in the "
                    f"document; kept in {kept[-1]} (your whole version before: {kept[0]}):\n"
                    + "\n".join(f"• {_unplaced_line(u)}" for u in reloaded.unplaced[:20])
                    + (f"\n… and {n - 20} more" if n > 20 else "") + "\n\n")
        elif reloaded.kept:
            note += f"; your version before the reload is kept in {reloaded.kept[0]}"
        if result.conflicts or lost:
            if result.conflicts:
                note += (f"; {len(result.conflicts)} conflict(s) where you both changed something — your version is "
                         "kept there, Edit ▸ Undo returns to yours everywhere):\n"
                         + "\n".join(f"• {c}" for c in result.conflicts))
            else:
                note += "; Edit ▸ Undo returns to the file as it is on disk)"
            note = lost + note
            doc.merge_note = note
            self._tell("Reloaded with conflicts" if result.conflicts else "Reloaded: some edits did not fit", note)
        else:
            doc.merge_note = ""
            self.statusBar().showMessage(note + "; Edit ▸ Undo returns to your version)", 10000)
        if doc is self.ws.current:
            self._show_banner(doc)
        self._update_title()
        return True

    def _replace_unusable(self, doc: OpenDocument, unusable: FileUnusable) -> bool:
        """The curated file cannot be used: replace it with the editor's version if they say so (kept aside)."""
        if not self.ask_replace_damaged(doc, str(unusable)):
            self.statusBar().showMessage(f"{doc.doc_id}: not saved; {unusable.path} left as it is", 10000)
            return False
        try:
            aside = self.ws.replace_unusable(doc, unusable)
        except (ValueError, OSError) as exc:
            self.show_problem("Not saved", f"{exc}\n\nYour edits are kept in the window and in the recovery journal.")
            return False
        self.statusBar().showMessage(f"Saved your version of {doc.doc_id}; the unusable file is kept as {aside}", 15000)
        if doc is self.ws.current:
            self._show_banner(doc)
        self._update_title()
        return True

    def ask_replace_damaged(self, doc: OpenDocument, why: str) -> bool:
        """Replace a curated file that cannot be used by the editor's version? (Alt+R / Enter: yes; Esc: no.)"""
        box = message_box(self, QMessageBox.Icon.Warning, f"{doc.doc_id}: the curated file cannot be used", (
            f"{why}\n\nReplace it with your version? The file as it is now is kept beside it, renamed "
            f"{self.ws.corpus.curated_path(doc.doc_id).name}.damaged-<time>, its bytes unchanged."))
        box.setStandardButtons(QMessageBox.StandardButton.NoButton)
        replace = box.addButton("&Replace it with my version", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(replace)
        run_modal(box)
        return box.clickedButton() is replace

    def save_copy(self, doc: OpenDocument | None = None, path: Path | None = None) -> bool:
        """Write the (current) Document's version to another file, chosen in a dialog unless given."""
        doc = doc if isinstance(doc, OpenDocument) else self.ws.current
        if doc is None:
            return False
        if path is None:
            suggested = self.ws.corpus.root / f"{doc.doc_id.replace('/', '_')}.mine.json"
            chosen, _ = QFileDialog.getSaveFileName(self, f"Save a copy of {doc.doc_id}", str(suggested),
                                                    "Curation JSON (*.json)")
            if not chosen:
                return False
            path = Path(chosen)
        try:
            self.ws.save_copy(doc, path)
        except OSError as exc:
            self.show_problem("Copy not saved", str(exc))
            return False
        return True

    # -- problems, recovery, quitting ---------------------------------------------------
    def show_problem(self, title: str, text: str) -> None:
        """Tell the editor about a problem (a dialog; recorded for tests and headless runs).

        Plain text always (a file's text is never markup); a long message shows its start
        with the whole one click away.
        """
        self.problems_shown.append((title, text))
        self.statusBar().showMessage(f"{title}: {text.splitlines()[0] if text else ''}", 15000)
        if self.isVisible():
            run_modal(message_box(self, QMessageBox.Icon.Warning, title, text))

    def report_start(self) -> None:
        """Tell the editor what the start found: another window on this corpus, files left out of the list."""
        if self.ws.other_window:
            self.show_problem("Another window has this corpus open",
                              f"{self.ws.other_window} has {self.ws.corpus.root} open.\n\nYou can work here too: "
                              "a save never overwrites the other window's (it is refused and you are asked), "
                              "and each window's unsaved edits are journaled apart.")
        if self.ws.stale_window:
            self.statusBar().showMessage(f"{self.ws.stale_window}; its unsaved edits, if any, are offered back.", 15000)
        if self.ws.read_only:
            self.show_problem("This corpus is read-only", f"{self.ws.read_only}.\n\n{READ_ONLY_ADVICE}")
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
            # One entry per Document: restoring a second replaced the first (one Undo away, gone at the
            # close). The latest is restored; the others stay in the journal, offered again, and restored
            # over the saved file they are merged with it (the entry keeps what it began from).
            latest: dict[str, JournalEntry] = {}
            for entry in entries:
                if entry.curation is not None and (entry.doc_id not in latest
                                                   or entry.written_at > latest[entry.doc_id].written_at):
                    latest[entry.doc_id] = entry
            restored = [e.doc_id for e in entries
                        if (e.curation is None or latest[e.doc_id] is e) and self.ws.restore(e)]
            kept = [e for e in entries if e.curation is not None and latest[e.doc_id] is not e]
            if kept:
                self.show_problem("Unsaved edits of another window kept", (
                    "More than one window ended with unsaved edits to the same document; the latest are "
                    "restored, these are kept and offered again at the next start (save first: restored "
                    "then, they are merged with the saved file):\n" + "\n".join(
                        f"• {e.doc_id} (edits of {journal_time(e.written_at)}): {e.path}" for e in kept)))
            if restored:
                # Shown, not only a ● in the corpus list (the window stayed on the last document it had open).
                if self.ws.current is None or self.ws.current.doc_id not in restored:
                    self.open_document(restored[0])
                if self.ws.current is not None:
                    self._show_banner(self.ws.current)  # a restore merged with the file lists its conflicts there
                self.statusBar().showMessage(
                    f"Restored the unsaved edits of {', '.join(restored)} (still unsaved; Edit ▸ Undo takes "
                    "them back)", 15000)
        elif answer == "discard":
            for entry in entries:
                if entry.curation is not None:
                    self.ws.discard_journal(entry)

    def ask_recovery(self, entries: list[JournalEntry]) -> str:
        """restore | discard | later."""
        lines = [f"• {e.doc_id} (edits of {journal_time(e.written_at)})" + (f"\n   {e.note}" if e.note else "")
                 if not e.problem else f"• {e.problem}" for e in entries]
        box = message_box(self, QMessageBox.Icon.Question, "Recover unsaved edits?",
                          "A Curator window ended with unsaved edits (it crashed or was killed):\n"
                          + "\n".join(lines))
        box.setStandardButtons(QMessageBox.StandardButton.NoButton)
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        run_modal(box)
        clicked = box.clickedButton()
        return "restore" if clicked is restore else "discard" if clicked is discard else "later"

    def ask_unsaved(self, names: list[str]) -> str:
        """save | discard | cancel (no Save on a read-only corpus: Cancel, then Save a copy…)."""
        if self.ws.read_only:
            box = message_box(self, QMessageBox.Icon.Warning, "Unsaved edits in a read-only corpus",
                              f"Your edits to {', '.join(names)} cannot be saved here ({self.ws.read_only}) "
                              "and are not journaled. Quit without them? Cancel, then File ▸ Save a copy… "
                              "keeps them.")
            box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        else:
            box = message_box(self, QMessageBox.Icon.Question, "Unsaved edits",
                              "Save your edits to " + ", ".join(names) + " before quitting?")
            box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                                   | QMessageBox.StandardButton.Cancel)
        answer = run_modal(box)
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer), "cancel")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.ws.finish_saves()  # a save under way is written (and taken in) before anything is asked
        modified = self.ws.modified_documents()
        if modified:
            answer = self.ask_unsaved([d.doc_id for d in modified])
            if answer == "cancel" or (answer == "save" and not self.ws.save_all_and_wait()):
                event.ignore()
                return
            if answer == "discard":
                for doc in modified:
                    self.ws.discard_unsaved(doc)
        if self.job is not None:
            self.job.cancel()
        self.search_pane.shutdown()
        if self.use_settings:
            self._save_settings()
        self.ws.shutdown()
        event.accept()

    # -- persistence -----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = settings()
        # The segment the editor was on in the last Document: it opens there again (it opened at the top).
        last, segment = s.value("corpus/last_document"), s.value("corpus/last_segment")
        if s.value("corpus/last") == str(self.ws.corpus.root) and isinstance(last, str) and isinstance(segment, str) \
                and segment:
            self._places[last] = segment
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(*self._first_size())
        self._fit_to_screen(s.value("window/size"))
        state = s.value("window/state")
        if not (isinstance(state, QByteArray) and self.restoreState(state, LAYOUT_VERSION)):
            self._default_layout()
        else:
            self._check_fit_pending = True  # once shown and laid out (showEvent)
        header = s.value("segments/header")
        if isinstance(header, QByteArray):
            self.segments_pane.view.header().restoreState(header)
            # A Speaker width the editor set is theirs; one that followed the pane goes on following it.
            auto = s.value("segments/speaker_auto", True) not in (False, "false", "0")
            self.segments_pane.view.speaker_auto = auto
            self.segments_pane.view.fit_speaker_column()
        hidden = s.value("corpus/hidden_columns")
        if isinstance(hidden, str):
            self.corpus_pane.set_hidden_columns([n for n in hidden.split(",") if n])
        autosave = s.value("prefs/autosave", True)
        self.autosave_action.setChecked(autosave not in (False, "false", "0"))

    def _save_settings(self) -> None:
        self.modes.setCurrentIndex(0)  # save the Curate mode's panes, not ones another mode hid
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/size", f"{self.width()}x{self.height()}")
        s.setValue("window/state", self.saveState(LAYOUT_VERSION))
        s.setValue("segments/header", self.segments_pane.view.header().saveState())
        s.setValue("segments/speaker_auto", self.segments_pane.view.speaker_auto)
        s.setValue("prefs/autosave", self.autosave_action.isChecked())
        s.setValue("corpus/hidden_columns", ",".join(self.corpus_pane.hidden_columns()))
        s.setValue("corpus/last", str(self.ws.corpus.root))
        if self.ws.current is not None:
            s.setValue("corpus/last_document", self.ws.current.doc_id)
            s.setValue("corpus/last_segment", self.selection.current or "")  # where to come back to (``_places``)
        s.sync()
