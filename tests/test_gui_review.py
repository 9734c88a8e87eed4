"""The review mode driven through its real widgets (offscreen): run, list, compare, take, undo, settle."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence, QTextCursor

from curator.core.jsonio import dump_curation
from curator.core.model import Curation
from curator.core.review.diff import RELABELLED
from curator.core.review.runner import Parser, current_parser, parse_all
from curator.core.review.snapshots import Snapshots
from curator.core.store import Corpus
from curator.gui.app import build_window
from curator.gui.main_window import MainWindow
from curator.gui.review.mode import REVIEW_SHORTCUT, ReviewPanel
from curator.gui.workspace import Workspace

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"
RUN_TIMEOUT_MS = 60_000


def _curated_tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "curated").rglob("*")) if p.is_file()}


def _relabel(cur: Curation, index: int, label: str) -> Curation:
    data = cur.model_dump()
    data["segments"][index]["label"] = label
    return Curation.model_validate(data)


@pytest.fixture
def corpus(seeds_copy: Path) -> tuple[Path, str, str, str]:
    """The seeds whose gold agrees with the current parser everywhere but one hand-relabelled segment.

    The gold is first set to what the current parser outputs (kept ``curated``),
    so the test does not depend on how good the parser is today; then one
    segment of DOC is relabelled by hand. Returns (root, segment id, gold label, parser label).
    """
    c = Corpus(seeds_copy)
    sources = {d: c.read_source(d) for d in c.document_ids()}
    parses, errors = parse_all(current_parser(), c, sources)
    assert not errors
    for doc_id, parse in parses.items():
        loaded = c.load(doc_id)
        gold = parse.model_copy(update={"status": "curated"})
        c.save(Curation.model_validate(gold.model_dump()), expected_stamp=loaded.stamp if loaded else None)
    gold = c.load(DOC)
    assert gold is not None
    index = next(i for i, s in enumerate(gold.curation.segments) if s.label not in ("heading", "teaser", "boilerplate"))
    seg = gold.curation.segments[index]
    c.save(_relabel(gold.curation, index, "heading"), expected_stamp=gold.stamp)
    return seeds_copy, seg.id, "heading", seg.label


def _panel(qtbot, root: Path, *, parser: Parser | None = None) -> ReviewPanel:  # type: ignore[no-untyped-def]
    ws = Workspace(Corpus(root))
    ws.set_autosave(False)
    panel = ReviewPanel(ws, parser=parser)
    ws.setParent(panel)  # torn down with the panel, while Qt is still running
    qtbot.addWidget(panel)
    panel.resize(1400, 800)
    return panel


def _run(qtbot, panel: ReviewPanel) -> object:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.sig_run_finished, timeout=RUN_TIMEOUT_MS) as blocker:
        panel.run_button.click()
    return blocker.args[0]


def test_lists_exactly_the_changed_document_and_its_change(qtbot, qtmodeltester, corpus) -> None:  # type: ignore[no-untyped-def]
    root, seg_id, gold_label, parser_label = corpus
    panel = _panel(qtbot, root)
    run = _run(qtbot, panel)
    assert run is panel.result and run is not None
    assert [r.doc_id for r in panel.docs_model.rows] == [DOC]
    qtmodeltester.check(panel.docs_model)
    qtmodeltester.check(panel.changes_model)
    assert panel.current_entry().doc_id == DOC
    [change] = panel.changes_model.changes
    assert change.kind == RELABELLED
    assert [(r.id, r.label) for r in change.old] == [(seg_id, gold_label)]
    assert [r.label for r in change.new] == [parser_label]
    assert panel.changes_model.index(0, 1).data() == f"{gold_label} → {parser_label}"
    # Metrics without a baseline are the metric itself against the curation.
    label_col = panel.docs_model.HEADERS.index("Label acc")
    assert float(panel.docs_model.index(0, label_col).data()) < 1.0
    # Both panes show the same text; the changed segment is marked on both sides.
    entry = panel.current_entry()
    assert panel.compare.gold.toPlainText() == panel.compare.new.toPlainText()
    gold_view, new_view = panel.compare.gold, panel.compare.new
    assert [s.id for s in gold_view.segments] == [s.id for s in entry.curation.segments]
    assert gold_view._kinds[[s.id for s in gold_view.segments].index(seg_id)] == RELABELLED
    assert new_view._kinds[[s.id for s in new_view.segments].index(change.new[0].id)] == RELABELLED
    # Showing all documents adds the unchanged ones and keeps DOC selected.
    panel.show_all.setChecked(True)
    assert len(panel.docs_model.rows) == 5
    assert panel.current_entry().doc_id == DOC
    qtmodeltester.check(panel.docs_model)


def test_take_change_is_one_undo_step(qtbot, corpus) -> None:  # type: ignore[no-untyped-def]
    root, seg_id, _gold_label, parser_label = corpus
    panel = _panel(qtbot, root)
    _run(qtbot, panel)
    panel.select_change(0)
    assert panel.take_button.isEnabled()
    ws = panel.ws
    before = dump_curation(Corpus(root).load(DOC).curation)
    assert panel.take_current_change()
    doc = ws.docs[DOC]
    stack = doc.stack
    assert stack.count() == 1 and stack.undoText() == "Take parser change (relabelled)"
    start = next(s.start for s in Corpus(root).load(DOC).curation.segments if s.id == seg_id)
    now = next(s for s in doc.curation.segments if s.start == start)
    assert now.label == parser_label and now.reviewed
    assert panel.changes_model.rowCount() == 0  # compared again: nothing left to take
    assert panel.docs_model.index(0, 2).data() == "0"
    assert doc.modified  # the take is an unsaved edit
    stack.undo()
    assert dump_curation(doc.curation) == before  # undo restores the previous curation exactly
    assert [c.kind for c in panel.changes_model.changes] == [RELABELLED]
    stack.redo()
    assert next(s for s in doc.curation.segments if s.start == start).label == parser_label
    assert panel.changes_model.rowCount() == 0
    stack.undo()
    assert stack.isClean() and not doc.modified  # back to the saved state


def test_leave_changes_nothing(qtbot, corpus) -> None:  # type: ignore[no-untyped-def]
    root, *_ = corpus
    panel = _panel(qtbot, root)
    _run(qtbot, panel)
    before = _curated_tree(root)
    panel.select_change(0)
    panel.leave_current_change()
    assert panel.changes_model.index(0, 0).data().endswith("(left)")
    assert all(not d.modified for d in panel.ws.docs.values())
    assert _curated_tree(root) == before


def test_accept_and_reject_snapshots_never_touch_curated(qtbot, corpus) -> None:  # type: ignore[no-untyped-def]
    root, *_ = corpus
    curated_before = _curated_tree(root)
    panel = _panel(qtbot, root)
    _run(qtbot, panel)
    snaps = Snapshots(Corpus(root))
    assert set(snaps.pending_ids()) == set(Corpus(root).document_ids())  # the run recorded every output
    assert panel.current_entry().snapshot == "new"
    assert panel.accept_button.isEnabled()
    assert panel.accept_output()
    assert snaps.accepted_path(DOC).is_file() and not snaps.pending_path(DOC).is_file()
    assert panel.current_entry().baseline_metrics is not None
    assert not panel.accept_button.isEnabled()
    snap_col = panel.docs_model.columnCount() - 1
    assert panel.docs_model.index(0, snap_col).data() == "accepted"
    # Reject another document's pending output: it is removed, nothing accepted appears.
    panel.show_all.setChecked(True)
    other = next(d for d in Corpus(root).document_ids() if d != DOC)
    assert panel.select_document(other)
    assert panel.reject_output()
    assert not snaps.pending_path(other).exists() and not snaps.accepted_path(other).exists()
    assert not panel.reject_output()  # nothing pending any more: refused with a message
    assert "no pending output" in panel.message.text()
    assert _curated_tree(root) == curated_before


def test_deltas_against_the_accepted_baseline(qtbot, corpus) -> None:  # type: ignore[no-untyped-def]
    root, _seg_id, _gold_label, _parser_label = corpus
    panel = _panel(qtbot, root)
    _run(qtbot, panel)
    snaps = Snapshots(Corpus(root))
    for doc_id in snaps.pending_ids():
        snaps.accept(doc_id, parser_version=panel.result.parser_version)
    real = current_parser()

    def worse(text, doc, ctx):  # type: ignore[no-untyped-def]
        # A "parser change" that relabels the first segment of one other document.
        cur = real.parse(text, doc, ctx)
        return _relabel(cur, 0, "boilerplate") if doc.id == "001_a97ccaad3a27ba85" else cur

    changed = Parser(real.name, real.version, worse, real.build_context, real.propose)
    panel2 = _panel(qtbot, root, parser=changed)
    _run(qtbot, panel2)
    rows = {r.doc_id: r for r in panel2.docs_model.rows}
    assert set(rows) == {DOC, "001_a97ccaad3a27ba85"}
    worse_row = panel2.docs_model.row_of("001_a97ccaad3a27ba85")
    col = panel2.docs_model.HEADERS.index("Label acc")
    cell = panel2.docs_model.index(worse_row, col)
    assert rows["001_a97ccaad3a27ba85"].deltas["label.accuracy_chars"] < 0
    assert "(\u2212" in cell.data()  # shown with its (negative) delta
    assert rows[DOC].deltas["label.accuracy_chars"] == 0  # same output as accepted: no delta


def test_cancel_stops_the_run(qtbot, corpus) -> None:  # type: ignore[no-untyped-def]
    root, *_ = corpus
    real = current_parser()
    started, release = threading.Event(), threading.Event()

    def slow(text, doc, ctx):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return real.parse(text, doc, ctx)

    panel = _panel(qtbot, root, parser=Parser(real.name, real.version, slow, real.build_context, real.propose))
    with qtbot.waitSignal(panel.sig_run_finished, timeout=RUN_TIMEOUT_MS) as blocker:
        panel.run()
        assert panel.running and panel.cancel_button.isEnabled() and not panel.run_button.isEnabled()
        assert started.wait(10)
        panel.cancel_button.click()
        release.set()
    assert blocker.args == [None]
    assert panel.result is None and not panel.running and panel.run_button.isEnabled()
    assert "Cancelled" in panel.summary.text()


def test_side_by_side_scrolls_together_and_converts_offsets(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Emoji before the change: Qt positions run ahead of code points by one per emoji.
    paras = [f"Paragraph {i} 😀👍🏽 " + "words and more words " * 12 for i in range(40)]
    text = "\n\n".join(paras) + "\n"
    root = tmp_path / "emoji"
    root.mkdir()
    (root / "e.txt").write_text(text, encoding="utf-8", newline="")
    c = Corpus(root)
    parses, errors = parse_all(current_parser(), c, {"e": c.read_source("e")})
    assert not errors
    parse = parses["e"]
    index = len(parse.segments) - 5
    gold = _relabel(parse.model_copy(update={"status": "curated"}), index, "heading")
    c.save(Curation.model_validate(gold.model_dump()), expected_stamp=None)
    panel = _panel(qtbot, root)
    panel.show()
    _run(qtbot, panel)
    [change] = panel.changes_model.changes
    seg = gold.segments[index]
    assert (change.start, change.end) == (seg.start, seg.end)
    gold_view, new_view = panel.compare.gold, panel.compare.new
    qt_start = gold_view.offsets.to_qt(seg.start)
    assert qt_start > seg.start  # there are astral characters before it
    cur = QTextCursor(gold_view.document())
    cur.setPosition(qt_start)
    cur.setPosition(gold_view.offsets.to_qt(seg.end), QTextCursor.MoveMode.KeepAnchor)
    assert cur.selectedText() == seg.text
    assert gold_view.segment_at_qt(cur.selectionStart()).id == seg.id
    assert gold_view.segment_at_qt(cur.selectionEnd() - 1).id == seg.id
    assert gold_view.textCursor().position() == qt_start  # show_change put the caret on the change
    # The change is scrolled into view on both sides, at the same block.
    assert gold_view.verticalScrollBar().value() > 0
    assert gold_view.firstVisibleBlock().blockNumber() == new_view.firstVisibleBlock().blockNumber()
    gold_view.verticalScrollBar().setValue(3)
    assert new_view.firstVisibleBlock().blockNumber() == gold_view.firstVisibleBlock().blockNumber()
    new_view.verticalScrollBar().setValue(new_view.verticalScrollBar().maximum())
    assert gold_view.firstVisibleBlock().blockNumber() == new_view.firstVisibleBlock().blockNumber()


def _window(qtbot, root: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = build_window(root, document=None, parse_in_background=False, use_settings=False)
    window.ws.set_autosave(False)
    qtbot.addWidget(window)
    return window


def test_install_review_mode_in_the_window(qtbot, corpus) -> None:  # type: ignore[no-untyped-def]
    root, seg_id, _gold_label, _parser_label = corpus
    window = _window(qtbot, root)  # the window installs the review mode itself
    [panel] = window.findChildren(ReviewPanel)
    [action] = [a for a in window.findChildren(QAction) if a.objectName() == "action-review-parser-changes"]
    assert action.shortcut() == QKeySequence(REVIEW_SHORTCUT)
    others = [a for a in window.findChildren(QAction) if a is not action and a.shortcut() == action.shortcut()]
    assert others == []  # no clash with the Curate mode's shortcuts
    menus = {m.title(): m for m in (a.menu() for a in window.menuBar().actions()) if m is not None}
    assert action in menus["&Review"].actions()
    with qtbot.waitSignal(panel.sig_run_finished, timeout=RUN_TIMEOUT_MS):
        action.trigger()
    assert window.modes.currentWidget() is panel
    assert [r.doc_id for r in panel.docs_model.rows] == [DOC]
    # Take it from the window: the window's Undo action reverts it.
    assert DOC not in window.ws.docs  # taking a change opens the Document
    before = dump_curation(Corpus(root).load(DOC).curation)
    panel.select_change(0)
    assert panel.take_current_change()
    doc = window.ws.docs[DOC]
    assert window.ws.current is doc and window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert dump_curation(doc.curation) == before
    # "Show in editor" goes back to the Curate mode on the change's segment.
    panel.select_change(0)
    panel.editor_button.click()
    assert window.modes.currentIndex() == 0
    assert window.ws.current.doc_id == DOC and window.selection.current == seg_id


def test_closing_the_window_cancels_a_running_review(qtbot, corpus) -> None:  # type: ignore[no-untyped-def]
    root, *_ = corpus
    window = _window(qtbot, root)
    panel = window.findChild(ReviewPanel)
    real = current_parser()
    started, release = threading.Event(), threading.Event()

    def slow(text, doc, ctx):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return real.parse(text, doc, ctx)

    panel.parser = Parser(real.name, real.version, slow, real.build_context, real.propose)
    with qtbot.waitSignal(panel.sig_run_finished, timeout=RUN_TIMEOUT_MS) as blocker:
        panel.run()
        assert started.wait(10)
        assert window.close()
        release.set()
    assert blocker.args == [None]
