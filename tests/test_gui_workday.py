"""A demanding editor's day in the window (round 7): what went wrong beyond the first look, each with a
test that failed first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from curator.gui.main_window import MainWindow
from tests.gui_window import press as _press, quiet_window

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"


def _window(qtbot, corpus: Path, doc: str = DOC) -> MainWindow:  # type: ignore[no-untyped-def]
    return quiet_window(qtbot, corpus, doc, active=True)


def test_undoing_a_split_leaves_the_selection_on_a_segment_that_exists(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+K selected the new half; Ctrl+Z removed it but the selection kept its id, so the next verb
    (Ctrl+J) raised "no segment 's27'" inside the event loop and did nothing."""
    w = _window(qtbot, seeds_copy)
    doc = w.ws.current
    seg = max(doc.curation.segments, key=lambda s: s.end - s.start)
    w.view.set_cursor_offset(doc.text.index(" ", seg.start + 20))
    w.edit_actions.actions["split"].trigger()
    new = w.selection.current
    assert new != seg.id and len(doc.curation.segments) > 0
    w.undo_action.trigger()
    QApplication.processEvents()
    ids = {s.id for s in doc.curation.segments}
    assert new not in ids
    assert w.selection.current == seg.id  # the segment the caret is in again
    assert set(w.selection.ids) <= ids
    index = w.ws.current.stack.index()
    w.edit_actions.actions["merge_next"].trigger()  # acts, no exception in the event loop
    assert w.ws.current.stack.index() == index + 1
    w.close()



def test_the_pane_with_the_keyboard_shows_it_in_its_title(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Keyboard-first: after Ctrl+1…5 or F6 the editor sees which pane has the keyboard (its title is
    marked), not only a caret or a thin focus frame somewhere."""
    w = _window(qtbot, seeds_copy)

    def marked() -> list[str]:
        return [k for k, d in w.docks.items() if d.property("keyboard")]

    for key, pane in (("Ctrl+1", "corpus"), ("Ctrl+3", "segments"), ("Ctrl+4", "inspector")):
        _press(qtbot, key)
        qtbot.waitUntil(lambda pane=pane: marked() == [pane])
        title = w.docks[pane].windowTitle()
        assert title.startswith("▶ "), title
    _press(qtbot, "Ctrl+2")  # the text: no dock is marked
    qtbot.waitUntil(lambda: marked() == [])
    assert all("▶" not in d.windowTitle() for d in w.docks.values())
    w.close()


def test_redo_brings_the_selection_back_with_the_segment(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    doc = w.ws.current
    seg = max(doc.curation.segments, key=lambda s: s.end - s.start)
    w.view.set_cursor_offset(doc.text.index(" ", seg.start + 20))
    w.edit_actions.actions["split"].trigger()
    new = w.selection.current
    w.undo_action.trigger()
    assert w.selection.current == seg.id
    w.redo_action.trigger()
    assert w.selection.current == new  # as it was right after the split
    w.close()
