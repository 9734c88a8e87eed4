"""Go ▸ Next / Previous segment (Ctrl+Down / Ctrl+Up): one segment on in the text's order, from the tree or the text
(round gui19, an editor's session on real pages). The tree groups segments by article, the page's teasers (before
the title in the text) after the article: its arrows went from the last teaser to the boilerplate, and from the first
teaser up to the article's last paragraph; in the text, the arrows move a line at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.gui_window import press, quiet_window

pytestmark = pytest.mark.gui

DOC = "001_a97ccaad3a27ba85"  # three teasers (no article) before the article's title


@pytest.mark.parametrize("pane", ["segments", "document"])
def test_ctrl_down_and_up_step_through_the_segments_in_the_texts_order(qtbot, seeds_copy: Path, pane: str) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    assert doc is not None
    segs = doc.curation.segments
    assert segs[2].article is None and segs[3].article is not None  # the last teaser, then the title
    w.selection.set(segs[0].id)
    w.focus_pane(pane)
    focused = QApplication.focusWidget()
    seen = []
    for _ in range(5):
        press(qtbot, "Ctrl+Down")
        seen.append(w.selection.current)
    assert seen == [s.id for s in segs[1:6]]
    for _ in range(5):
        press(qtbot, "Ctrl+Up")
    assert w.selection.current == segs[0].id
    press(qtbot, "Ctrl+Up")  # the first: it stays, saying so
    assert w.selection.current == segs[0].id and "first" in w.statusBar().currentMessage()
    assert QApplication.focusWidget() is focused  # the keyboard stays where it was
    assert doc.stack.count() == 0 and not doc.modified  # no edit


def test_reopening_the_window_comes_back_to_the_segment_left(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Quit and start again: the last Document opens at the segment the editor was on (it opened at the top: the
    place was kept only while the window lived). A segment gone from the file since: the first, as before."""
    from curator.gui.app import build_window

    def open_window():  # type: ignore[no-untyped-def]
        w = build_window(seeds_copy, document=None, parse_in_background=False, use_settings=True)
        w.ws.set_autosave(False)
        w.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
        qtbot.addWidget(w)
        return w

    w = open_window()
    w.open_document(DOC)
    doc = w.ws.current
    assert doc is not None
    left = doc.curation.segments[5].id
    w.selection.set(left)
    w.close()
    w = open_window()
    assert w.ws.current is not None and w.ws.current.doc_id == DOC
    assert w.selection.current == left
    w.open_document("000_52543f1512a84840")
    w.close()
    w = open_window()  # another Document last: its own place, not this one's
    assert w.ws.current is not None and w.ws.current.doc_id == "000_52543f1512a84840"
    assert w.selection.current == w.ws.current.curation.segments[0].id


def test_ctrl_shift_down_extends_the_selection_in_the_texts_order_and_one_key_labels_them_in_one_step(  # type: ignore[no-untyped-def]
        qtbot, seeds_copy: Path) -> None:
    """Shift+Down in the tree selects the next row, of the article's group: from the last teaser, the boilerplate.
    Ctrl+Shift+Down / Up take in the next / previous segment of the text; Ctrl+Shift+Up back drops it again."""
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    assert doc is not None
    segs = doc.curation.segments
    w.selection.set(segs[2].id)  # the last teaser
    w.focus_pane("segments")
    press(qtbot, "Ctrl+Shift+Down")
    press(qtbot, "Ctrl+Shift+Down")
    assert set(w.selection.ids) == {s.id for s in segs[2:5]} and w.selection.current == segs[4].id
    press(qtbot, "Ctrl+Shift+Up")  # back: the last one taken in is let go
    assert set(w.selection.ids) == {s.id for s in segs[2:4]} and w.selection.current == segs[3].id
    press(qtbot, "P")
    assert [s.label for s in doc.curation.segments[2:4]] == ["paragraph", "paragraph"]
    assert doc.stack.count() == 1  # one gesture, one undo step
    w.undo_action.trigger()
    assert [s.label for s in doc.curation.segments[2:4]] == [segs[2].label, segs[3].label]
