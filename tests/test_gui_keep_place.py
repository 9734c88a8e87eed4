"""Switching to another Document and back keeps the editor's place: the segment they were on is chosen
again and shown (it went back to the page's first segment, scrolled to the top; usertest, keyboard only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.edit import DeleteSegments
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

FIRST, SECOND = "000_52543f1512a84840", "001_a97ccaad3a27ba85"


def test_going_back_to_a_document_chooses_the_segment_left_there(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, FIRST, active=True)
    segments = w.ws.current.curation.segments
    far = segments[len(segments) * 2 // 3]
    w.selection.set(far.id)
    w.step_document(+1)
    assert w.ws.current.doc_id == SECOND
    assert w.selection.current == w.ws.current.curation.segments[0].id  # a page opened the first time: its start
    w.step_document(-1)
    assert w.ws.current.doc_id == FIRST
    assert w.selection.current == far.id
    assert w.view.segment_at_caret() == far.id, "the text is not shown at the segment"
    assert w.segments_pane.view.currentIndex().isValid()


def test_a_segment_gone_since_falls_back_to_the_first(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, FIRST)
    doc = w.ws.current
    far = doc.curation.segments[5]
    w.selection.set(far.id)
    w.open_document(SECOND)
    assert w.ws.push(DeleteSegments([far.id]), doc=doc)
    w.open_document(FIRST)
    assert w.selection.current == doc.curation.segments[0].id


def test_marking_a_page_curated_says_how_many_segments_are_not_reviewed(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+C on a page with 28 segments never reviewed said nothing: the status moved, silently."""
    import shutil

    shutil.rmtree(seeds_copy / "curated")  # the parser's proposal: nothing reviewed
    w = quiet_window(qtbot, seeds_copy, FIRST)
    said: list[str] = []
    w.ws.sig_message.connect(said.append)
    todo = sum(not s.reviewed for s in w.ws.current.curation.segments)
    assert todo > 0
    w.edit_actions.actions["curated"].trigger()
    assert w.ws.current.curation.status == "curated"
    assert said and said[-1] == (f"{FIRST} marked curated with {todo} segment(s) not reviewed "
                                 "(Ctrl+U: the next one; Ctrl+Z takes the mark back)")
