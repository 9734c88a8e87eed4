"""A day of keyboard-only editing on a long Document (round gui8): what needed the mouse or left the
keyboard nowhere, each with a test that failed first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui_window import press, quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"


def test_del_in_the_segments_tree_goes_on_to_the_next_segment(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Del left nothing selected: the next Del (three boilerplate lines in a row) or label key did nothing
    until the editor picked a segment again, and Down started from the top of the tree."""
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    segs = doc.curation.segments
    w.selection.set(segs[-3].id)
    w.segments_pane.view.setFocus()
    press(qtbot, "Del")
    assert w.selection.current == segs[-2].id  # the one after it
    press(qtbot, "Del")
    assert w.selection.current == segs[-1].id
    press(qtbot, "Del")  # the last: the one before goes on
    assert w.selection.current == segs[-4].id
    assert [s.id for s in doc.curation.segments] == [s.id for s in segs[:-3]]
    assert QApplication.focusWidget() is w.segments_pane.view
    press(qtbot, "Ctrl+Z")
    assert segs[-1].id in {s.id for s in doc.curation.segments}


def test_the_same_document_duplicate_picker_filters_by_words(qtbot, seeds_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+D asked in a combo box of every segment, the first chosen: on a long page the one the
    passage repeats was reached by arrowing through hundreds, or by typing its id. The picker now
    filters by label or words, as the other-document picker does: words, Enter."""
    from PySide6.QtTest import QTest

    from curator.core.model import DuplicateRef
    from curator.gui.dialogs.duplicate_picker import DuplicatePicker

    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    segs = doc.curation.segments
    source, target = segs[-1], segs[len(segs) // 2]
    words = " ".join(target.text.split()[:4])

    def exec_(self) -> int:  # type: ignore[no-untyped-def]
        assert self.stage == "segments" and self.docs_view.isHidden()
        QTest.keyClicks(self.filter, words)
        QTest.keyClick(self.filter, Qt.Key.Key_Return)
        return self.result()

    monkeypatch.setattr(DuplicatePicker, "exec", exec_)
    w.view.select_span(source.start, source.end)
    w.view.setFocus()
    press(qtbot, "Ctrl+Shift+D")
    assert any(d.segment == source.id and d.of == DuplicateRef(document=DOC, segment=target.id)
               for d in doc.curation.duplicates)


def test_ctrl_shift_u_selects_the_next_unsegmented_text_and_ins_makes_it_a_segment(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Text in no segment (hatched red) could be reached only with the mouse, or by Shift+arrows from
    wherever the caret was: Ctrl+Shift+U selects its next line, in the text, and Ins makes it a segment."""
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    segs = doc.curation.segments
    gone = segs[len(segs) // 2]
    w.selection.set(gone.id)
    w.segments_pane.view.setFocus()
    press(qtbot, "Del")
    w.view.set_cursor_offset(0)
    w.segments_pane.view.setFocus()
    press(qtbot, "Ctrl+Shift+U")
    assert QApplication.focusWidget() is w.view
    span = w.view.selected_span()
    assert span is not None and doc.text[span[0]:span[1]] == gone.text.split("\n")[0].strip()
    press(qtbot, "Ins")
    assert any((s.start, s.end) == span for s in doc.curation.segments)
    press(qtbot, "Ctrl+Shift+U")  # nothing left: said, and nothing changes
    assert "Every word" in w.statusBar().currentMessage()


def test_home_and_end_in_the_corpus_table_go_to_the_first_and_last_document(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """A table's Home and End move along the row (to its first or last column): in the corpus table,
    End then Enter reopened the same document, and the last of 300 was 300 Downs away."""
    w = quiet_window(qtbot, seeds_copy, "002_d96c296a24306448", active=True)
    press(qtbot, "Ctrl+1")
    table = QApplication.focusWidget()
    assert table is w.corpus_pane.table
    rows = table.model().rowCount()
    press(qtbot, "End")
    assert table.currentIndex().row() == rows - 1
    press(qtbot, "Return")
    assert w.ws.current.doc_id == w.corpus_pane.visible_ids()[-1]
    press(qtbot, "Home")
    assert table.currentIndex().row() == 0


def test_a_refused_verb_names_itself_once(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """The status bar read "Accept event e1: Accept event e1: nothing would change"."""
    from curator.core.edit import SetLabel

    w = quiet_window(qtbot, seeds_copy, DOC)
    seg = w.ws.current.curation.segments[0]
    command = SetLabel([seg.id], seg.label)
    messages: list[str] = []
    w.ws.sig_message.connect(messages.append)
    assert not w.ws.push(command, doc=w.ws.current)
    assert messages[-1].count(command.name) == 1 and messages[-1].endswith("nothing would change"), messages[-1]
