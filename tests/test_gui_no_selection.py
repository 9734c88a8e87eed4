"""With no segment selected the inspector names no label: it read "title (T)" as if a title were chosen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "001_a97ccaad3a27ba85"


def test_the_label_box_is_empty_and_disabled_with_no_segment_and_shows_the_chosen_ones_label(
        qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.rmtree(seeds_copy / "curated")  # a page not yet curated: the parser's proposal
    w = quiet_window(qtbot, seeds_copy, DOC)
    box = w.inspector.label
    w.selection.set(None, ())
    assert box.currentIndex() == -1 and box.currentText() == ""
    assert not box.isEnabled()
    assert box.placeholderText() == "no segment selected"
    assert not w.inspector.reviewed.isChecked()

    segments = w.ws.current.curation.segments
    chosen = next(s for s in segments if s.label != segments[0].label)
    w.selection.set(chosen.id)
    assert box.isEnabled() and box.currentData() == chosen.label
    assert box.currentText().startswith(chosen.label)

    # And back to nothing: the last segment's label does not stay behind.
    w.selection.set(None, ())
    assert box.currentIndex() == -1 and not box.isEnabled()
