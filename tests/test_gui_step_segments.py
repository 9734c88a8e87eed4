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
