"""Keyboard day on a long Document (round gui13): undo and redo show what they changed, a text selection over several
segments chooses them all, the inspector shows the rows its jumps and verbs chose."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from curator.core import edit
from tests.gui_window import press, quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"


def _on_screen(w, segment_id: str) -> bool:  # type: ignore[no-untyped-def]
    seg = w.ws.current.curation.segment(segment_id)
    cur = QTextCursor(w.view.document())
    cur.setPosition(w.ws.current.offsets.to_qt(seg.start))
    return w.view.viewport().rect().intersects(w.view.cursorRect(cur))


def test_undo_and_redo_go_to_what_they_changed_and_say_it(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    w.resize(1024, 500)
    segs = w.ws.current.curation.segments
    first, far = segs[1], segs[-1]
    w.selection.set(first.id)
    w.view.setFocus()
    press(qtbot, "B")  # boilerplate: an edit at the top
    assert w.ws.current.curation.segment(first.id).label == "boilerplate"
    w.selection.set(far.id)  # the editor went on, to the end of the page
    qtbot.waitUntil(lambda: not _on_screen(w, first.id))
    press(qtbot, "Ctrl+Z")
    assert w.ws.current.curation.segment(first.id).label == first.label
    assert w.selection.current == first.id
    assert _on_screen(w, first.id)
    assert "Undone" in w.statusBar().currentMessage() and first.id in w.statusBar().currentMessage()
    assert QApplication.focusWidget() is w.view  # the keyboard stays where it was
    w.selection.set(far.id)
    qtbot.waitUntil(lambda: not _on_screen(w, first.id))
    press(qtbot, "Ctrl+Shift+Z")
    assert w.selection.current == first.id and _on_screen(w, first.id)
    assert "Redone" in w.statusBar().currentMessage()


def test_undo_of_an_edit_of_the_selection_keeps_the_selection(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    segs = w.ws.current.curation.segments
    ids = (segs[2].id, segs[3].id, segs[4].id)
    w.selection.set(ids[0], ids)
    assert w.ws.push(edit.SetLabel(ids, "teaser"))
    w.segments_pane.view.setFocus()
    press(qtbot, "Ctrl+Z")
    assert (w.selection.current, w.selection.ids) == (ids[0], ids)
    assert QApplication.focusWidget() is w.segments_pane.view


def test_a_text_selection_over_several_segments_chooses_them_all(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Keyboard day: Shift+Down over four paragraphs in the text, then Q, labelled the first one only (the tree's
    Shift+Down labelled all four); F2 named the first one's speaker only. The text's selection now chooses every
    segment it touches, as the tree's rows do; a selection inside one segment chooses that one."""
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    segs = w.ws.current.curation.segments
    body = [s for s in segs if s.label == "paragraph"][:4]
    assert len(body) == 4
    run = segs[segs.index(body[0]):segs.index(body[3]) + 1]
    w.view.setFocus()
    w.view.select_span(body[0].start + 2, body[3].start + 3)
    assert w.selection.ids == tuple(s.id for s in run)
    press(qtbot, "Q")
    assert all(w.ws.current.curation.segment(s.id).label == "question" for s in run)
    assert w.ws.current.stack.count() == 1  # one key, one step
    w.view.select_span(body[1].start + 1, body[1].start + 5)  # inside one segment: that one
    assert w.selection.ids == (body[1].id,)
    assert QApplication.focusWidget() is w.view


def _box_shown(w, box) -> bool:  # type: ignore[no-untyped-def]
    """Is the inspector's ``box`` (its title and first list) inside the inspector's view?"""
    body = w.inspector.widget()
    top = box.mapTo(body, box.rect().topLeft()).y()
    bar = w.inspector.verticalScrollBar()
    return bar.value() <= top and top + min(box.height(), 120) <= bar.value() + w.inspector.viewport().height()


def test_jumps_and_verbs_of_the_inspector_show_their_rows(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Keyboard day at 1024x700: Ctrl+Shift+G said "its rows are in the inspector", and they were below its fold
    (so were the events after Ctrl+Alt+PgDown): the mouse, or Ctrl+4 and a run of Tabs, to see them."""
    from curator.core.edit import navigate

    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    w.resize(1024, 700)
    qtbot.waitUntil(lambda: w.inspector.verticalScrollBar().maximum() > 0)
    doc = w.ws.current
    firsts = navigate.group_starts(doc.curation)
    w.selection.set(doc.curation.segments[firsts[0][0]].id)
    w.inspector.verticalScrollBar().setValue(0)
    w.segments_pane.view.setFocus()
    assert not _box_shown(w, w.inspector.dups_box)
    press(qtbot, "Ctrl+Shift+G")
    qtbot.waitUntil(lambda: _box_shown(w, w.inspector.dups_box))
    assert QApplication.focusWidget() is w.segments_pane.view  # shown, the keyboard not taken
    w.inspector.verticalScrollBar().setValue(w.inspector.verticalScrollBar().maximum())
    assert doc.curation.events
    press(qtbot, "Ctrl+Alt+PgDown")
    qtbot.waitUntil(lambda: _box_shown(w, w.inspector.events_box))
    assert QApplication.focusWidget() is w.segments_pane.view


def _arrays(view):  # type: ignore[no-untyped-def]
    return (list(view._starts), list(view._ends), list(view._ids), list(view._labels), list(view._gaps),
            list(view._gap_starts), view.toPlainText())


def test_going_back_to_a_document_shows_it_as_a_fresh_open_would(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Going back to a long Document laid its whole text out again and converted every offset (~0.4 s of the UI
    thread on a 10 MB page, each time): the view keeps the last Documents it showed, and what it shows on coming
    back, an edit made meanwhile included, is what a fresh open shows."""
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    a = w.ws.current
    qdoc = w.view.document()
    other = next(d for d in w.ws.document_ids() if d != DOC)
    w.open_document(other)
    assert w.view.toPlainText() != a.text
    segs = a.curation.segments
    a.push(edit.SetLabel((segs[3].id,), "teaser"))  # changed while away (as a reload and merge does)
    a.push(edit.DeleteSegments((segs[5].id,)))
    laid_out: list[int] = []
    plain = w.view.setPlainText
    monkeypatch.setattr(w.view, "setPlainText", lambda text: (laid_out.append(len(text)), plain(text)))
    w.open_document(DOC)
    assert w.view.document() is qdoc and not laid_out  # kept, not laid out again
    kept = _arrays(w.view)
    w.view.rebuild()
    assert kept == _arrays(w.view)
    assert w.view.has_segment(segs[4].id) and not w.view.has_segment(segs[5].id)


@pytest.mark.parametrize("keys", ["Ctrl+Shift+J", "Ctrl+J", "Ctrl+K", "Alt+Right", "Ctrl+]", "Ctrl+Shift+A",
                                  "Ctrl+Shift+E", "Ctrl+R"])
def test_segment_verbs_typed_in_an_inspector_field_are_the_fields(qtbot, seeds_copy: Path, keys: str) -> None:  # type: ignore[no-untyped-def]
    """Red team F3: after F2 (the speaker field) or Ctrl+4 (the Label box), Ctrl+Shift+J merged the segment with the
    one before and left no widget with the keyboard; Ctrl+K, Alt+arrows, Ctrl+Shift+A… edited the Document while
    the editor typed a name. In an inspector field they are the field's own now (as in the find box), and the
    status bar says where they work."""
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    segs = w.ws.current.curation.segments
    w.selection.set(segs[4].id)
    w.segments_pane.view.setFocus()
    for go_in, field in (("F2", w.inspector.speaker), ("Ctrl+4", w.inspector.label)):
        w.segments_pane.view.setFocus()
        press(qtbot, go_in)
        assert QApplication.focusWidget() is field, go_in
        depth = w.ws.current.stack.count()
        press(qtbot, keys)
        assert w.ws.current.stack.count() == depth, (go_in, keys)
        assert QApplication.focusWidget() is field
        assert "text or the segments pane" in w.statusBar().currentMessage()
        press(qtbot, "Escape")


def test_f2_with_no_segment_chosen_says_why(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Red team F9: F2 with no segment chosen did nothing and said nothing; the refusals name the keyboard way."""
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    w.selection.set(None)
    w.segments_pane.view.setFocus()
    with qtbot.waitSignal(w.ws.sig_refused, timeout=5000) as blocker:
        press(qtbot, "F2")
    assert blocker.args[0] == "Speaker" and "Ctrl+3" in blocker.args[1]
    assert QApplication.focusWidget() is w.segments_pane.view
