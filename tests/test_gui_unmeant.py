"""No edit the editor did not mean (issue 12): keys and the wheel outside the editing panes, opening a document."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from curator.core.jsonio import dump_curation
from curator.core.taxonomy import default_taxonomy
from curator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"
LABEL_KEYS = [getattr(Qt.Key, f"Key_{c.shortcut.upper()}") for c in default_taxonomy().labels if c.shortcut]
PLAIN_KEYS = [*LABEL_KEYS, Qt.Key.Key_Delete, Qt.Key.Key_Insert, Qt.Key.Key_Space, Qt.Key.Key_Return]
from tests.gui_window import quiet_window


def _window(qtbot, corpus: Path, doc: str = DOC) -> MainWindow:  # type: ignore[no-untyped-def]
    return quiet_window(qtbot, corpus, doc, active=True)


def _in_article(w: MainWindow) -> str:
    seg = next(s for s in w.ws.current.curation.segments if s.article is not None)
    w.selection.set(seg.id)
    return seg.id


def _state(w: MainWindow) -> tuple[int, int, str]:
    stack = w.ws.current.stack
    return stack.count(), stack.index(), dump_curation(w.ws.current.curation)


def _non_editing_widgets(w: MainWindow) -> list[QWidget]:
    """Every widget that shows or finds things but is no editing field: the corpus pane, lists, buttons, tabs."""
    editing = {w.view, w.view.viewport(), w.segments_pane.view, w.segments_pane.view.viewport()}
    insp = w.inspector
    fields = {insp.label, insp.reviewed, insp.speaker, insp.article, insp.title, insp.date, insp.kind,
              insp.ev_type, insp.ev_date, insp.ev_place, insp.ev_people}
    out = [*w.corpus_pane.findChildren(QWidget)]
    out += [x for x in w.findChildren(QAbstractItemView) if x not in editing]
    out += [x for x in w.findChildren(QAbstractButton) if x not in fields]
    out += [x for x in w.findChildren(QLineEdit) if x not in fields and x.parent() not in fields]
    seen, result = set(), []
    for x in out:
        inside = w.view.isAncestorOf(x) or w.segments_pane.view.isAncestorOf(x)  # e.g. the tree's header
        if id(x) not in seen and not inside and x not in editing and x not in fields and x.isVisible() and x.isEnabled():
            seen.add(id(x))
            result.append(x)
    return result


def test_plain_keys_on_non_editing_widgets_never_edit(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    sid = _in_article(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Q)  # the keys do work where they belong (the test can fail)
    assert w.ws.current.curation.segment(sid).label == "question"
    w.undo_action.trigger()
    w.docks["search"].show()  # its query, filters and results too
    widgets = _non_editing_widgets(w)
    assert w.corpus_pane.table in widgets and w.inspector.events in widgets and w.inspector.dups in widgets
    assert w.search_pane.results in widgets and w.search_pane.field in widgets
    for widget in widgets:
        # Space or Return on a button presses it: that is meant. Letters, Del and Ins never are.
        for key in PLAIN_KEYS[:-2] if isinstance(widget, QAbstractButton) else PLAIN_KEYS:
            _in_article(w)
            before = _state(w)
            widget.setFocus()
            qtbot.keyClick(widget, key)
            assert _state(w)[:2] == before[:2], f"{key!r} in {widget!r} edited the document"
            if w.ws.current is None or w.ws.current.doc_id != DOC:
                w.open_document(DOC)  # Return in the corpus table opens the document under the row


def test_b_typed_in_the_corpus_table_does_not_relabel(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    sid = _in_article(w)
    label = w.ws.current.curation.segment(sid).label
    w.corpus_pane.table.setFocus()
    qtbot.keyClick(w.corpus_pane.table, Qt.Key.Key_B)
    assert w.ws.current.curation.segment(sid).label == label
    assert w.ws.current.stack.count() == 0


def test_label_keys_work_in_the_text_and_the_segments_tree(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    for pane, key, label in ((w.view, Qt.Key.Key_Q, "question"), (w.segments_pane.view, Qt.Key.Key_A, "answer")):
        sid = _in_article(w)
        pane.setFocus()
        qtbot.keyClick(pane, key)
        assert w.ws.current.curation.segment(sid).label == label


def test_s_in_the_kind_box_chooses_the_kind_not_a_label(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    sid = _in_article(w)
    cur = w.ws.current.curation
    seg = cur.segment(sid)
    w.inspector.kind.setFocus()
    qtbot.keyClick(w.inspector.kind, Qt.Key.Key_S)
    cur = w.ws.current.curation
    assert cur.segment(sid).label == seg.label
    kind = next(a for a in cur.articles if a.id == seg.article).kind
    assert kind in ("speech", "statement") and w.ws.current.stack.count() == 1


def _wheel(widget: QWidget, notches: int) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_an_unfocused_combo_box_changes_nothing(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    _in_article(w)
    combos = [c for c in w.findChildren(QComboBox) if c.isVisible() and c.isEnabled()]
    assert w.inspector.label in combos and w.corpus_pane.status in combos
    for combo in combos:
        w.view.setFocus()
        before, index = _state(w), combo.currentIndex()
        _wheel(combo, 1)
        _wheel(combo, -1)
        _wheel(combo, 1)
        assert combo.currentIndex() == index, f"the wheel changed {combo!r}"
        assert _state(w)[:2] == before[:2]
    # Focused (clicked or tabbed into), the box takes the wheel as the editor means it.
    w.corpus_pane.status.setFocus()
    _wheel(w.corpus_pane.status, 1)
    assert w.corpus_pane.status.currentIndex() == 1


def test_opening_documents_after_find_duplicates_marks_none_modified(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    files = {p: p.stat().st_mtime_ns for p in (seeds_copy / "curated").glob("*.json")}
    # Proposals the finder adds: drop the stored groups so that there is something to propose.
    w.find_duplicates()
    qtbot.waitUntil(lambda: w.job is None, timeout=60_000)
    for doc_id in w.ws.document_ids():
        w.open_document(doc_id)
        assert not w.ws.current.modified, doc_id
        assert not w.isWindowModified()
    w.ws.set_autosave(True)
    w.ws.autosave()
    assert {p: p.stat().st_mtime_ns for p in files} == files  # nothing written


def test_duplicates_found_on_an_unedited_document_are_shown_unmodified(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from curator.core.edit import ReplaceDuplicates

    w = _window(qtbot, seeds_copy)
    doc = w.ws.current
    assert w.ws.propose(ReplaceDuplicates([]), doc=doc)  # a proposal that differs from the file
    assert doc.curation.duplicates == [] and not doc.modified and doc.curation.status == "curated"
    _in_article(w)
    w.edit_actions.label_actions["question"].trigger()
    before = doc.stack.count()
    stored = list(w.ws.corpus.load(DOC).curation.duplicates)
    assert w.ws.propose(ReplaceDuplicates(stored), doc=doc)  # after an edit: its own undo step
    assert doc.stack.count() == before + 1


def test_split_at_a_caret_inside_a_word_cuts_between_words(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    seg = max(w.ws.current.curation.segments, key=lambda s: len(s.text))
    words = seg.text.split()
    long_word = max(words[1:-1], key=len)
    at = seg.start + seg.text.index(long_word) + len(long_word) // 2
    w.selection.set(seg.id)
    w.view.set_cursor_offset(at)
    w.edit_actions.actions["split"].trigger()
    cur = w.ws.current.curation
    left = cur.segment(seg.id)
    right = cur.segments[cur.segments.index(left) + 1]
    assert left.text.split()[-1] + " " + right.text.split()[0] in " ".join(seg.text.split())
    assert not left.text[-1].isspace() and not right.text[0].isspace()
    assert left.origin == right.origin == "editor"


def test_line_nudge_on_a_one_line_paragraph_is_refused_with_a_reason(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    text = w.ws.current.text
    seg = next(s for s in w.ws.current.curation.segments if "\n" not in s.text and len(s.text.split()) > 3)
    w.selection.set(seg.id)
    messages: list[str] = []
    w.ws.sig_message.connect(messages.append)
    for key in ("start_line_down", "end_line_up"):
        w.edit_actions.actions[key].trigger()
        assert w.ws.current.curation.segment(seg.id).text == seg.text
    assert messages and all("cannot move one line" in m for m in messages)
    assert text == w.ws.current.text


def test_editing_keys_do_nothing_while_typing_in_a_query_field(qtbot, seeds_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+J, Alt+Down, Ctrl+R… typed into the find box, the corpus search or a filter (the editor's eyes
    on the box) merged, nudged or reviewed the segment out of sight. In those fields a key that edits the
    Document is the field's own (it ignores it); the window says where the key works."""
    from PySide6.QtGui import QKeySequence

    from curator.gui.actions import VERBS

    from PySide6.QtWidgets import QDialog

    monkeypatch.setattr(QDialog, "exec", lambda self: 0)  # a picker a key opened would block the test
    w = _window(qtbot, seeds_copy)
    _in_article(w)
    w.find_bar.open_bar()
    w.docks["search"].show()
    fields = [w.find_bar.field, w.search_pane.field, w.search_pane.speaker, w.corpus_pane.name, w.corpus_pane.speaker]
    keys = [v.shortcut for v in VERBS if "+" in v.shortcut and v.key not in ("next_unreviewed",)]
    keys += [act.shortcut().toString() for k, act in w.inspector.actions.items()
             if not k.endswith(("_next", "_prev", "_jump"))]  # those choose or go; they edit nothing
    before = _state(w)
    fired = []
    for field in fields:
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        for key in keys:
            combo = QKeySequence(key)[0]
            qtbot.keyClick(field, combo.key(), combo.keyboardModifiers())
            QApplication.processEvents()
            if _state(w) != before:
                fired.append((field.placeholderText()[:20], key))
                while w.ws.current.stack.index() > before[1]:
                    w.ws.current.stack.undo()
                before = _state(w)
            if not field.isVisible():  # a dialog or pane switch took it away
                field.window().activateWindow()
            field.setFocus()
    assert fired == []
    assert "edits the document" in w.statusBar().currentMessage()  # and the editor is told why nothing happened
    w.close()
