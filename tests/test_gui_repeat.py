"""F4 repeats the last label or speaker verb on the segments chosen now (as Prodigy and INCEpTION users ask):
one undo step, named in the Edit menu."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.gui.main_window import MainWindow
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"


def _repeat(w: MainWindow):  # type: ignore[no-untyped-def]
    return w.edit_actions.actions["repeat"]


def test_f4_repeats_the_last_label_on_the_chosen_segments_as_one_undo_step(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    segs = w.ws.current.curation.segments
    a, b, c = [s for s in segs if s.label == "answer"][:3]
    w.selection.set(a.id)
    w.edit_actions.label_actions["paragraph"].trigger()
    assert _repeat(w).shortcut().toString() == "F4"
    assert "Label paragraph" in _repeat(w).text()
    menus = [act.text() for m in w.menuBar().actions() if m.menu() for act in m.menu().actions()]
    assert _repeat(w).text() in menus  # in the Edit menu, naming what it repeats
    w.selection.set(b.id, (b.id, c.id))
    depth = w.ws.current.stack.index()
    _repeat(w).trigger()
    cur = w.ws.current.curation
    assert cur.segment(b.id).label == cur.segment(c.id).label == "paragraph"
    assert w.ws.current.stack.index() == depth + 1
    w.undo_action.trigger()
    cur = w.ws.current.curation
    assert cur.segment(b.id).label == cur.segment(c.id).label == "answer" and cur.segment(a.id).label == "paragraph"


def test_f4_repeats_the_last_speaker(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    segs = w.ws.current.curation.segments
    a, b = [s for s in segs if s.label == "question"][:2]
    w.selection.set(a.id)
    w.inspector.speaker.setText("Jane Repeated")
    w.inspector.assign_typed_speaker()
    w.selection.set(b.id)
    _repeat(w).trigger()
    cur = w.ws.current.curation
    names = {s.id: s.name for s in cur.speakers}
    assert names[cur.segment(b.id).speaker] == names[cur.segment(a.id).speaker] == "Jane Repeated"
    assert "Jane Repeated" in _repeat(w).text()


def test_f4_with_nothing_to_repeat_says_why(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    refused: list[tuple[str, str]] = []
    w.ws.sig_refused.connect(lambda verb, why: refused.append((verb, why)))
    w.selection.set(w.ws.current.curation.segments[3].id)
    _repeat(w).trigger()
    assert refused and "label key" in refused[-1][1] and not w.ws.current.modified
