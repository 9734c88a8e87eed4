"""A Document opens with its first segment chosen, and the segments tree shows it with its article's title row
(keyboard day, round gui16, on a real X screen: the tree opened scrolled past the title row — one row down on the
10 MB page, eight on a seed page — because it scrolled to the segment before it had its height)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect


pytestmark = pytest.mark.gui

FIRST = "000_52543f1512a84840"


@pytest.fixture
def long_corpus(tmp_path: Path) -> Path:
    from curator.bench.gui import write_long_document

    root = tmp_path / "long-corpus"
    root.mkdir()
    write_long_document(root, "long", 400, 60_000)
    return root


def _shown(view, index) -> bool:  # type: ignore[no-untyped-def]
    rect: QRect = view.visualRect(index)
    return rect.isValid() and view.viewport().rect().contains(rect.topLeft()) and rect.bottom() <= view.viewport().height()


@pytest.mark.parametrize("which", ["seed", "long"])
def test_the_tree_opens_on_the_chosen_segment_with_its_title_row(
        qtbot, seeds_copy: Path, long_corpus: Path, which: str) -> None:  # type: ignore[no-untyped-def]
    from curator.gui.app import build_window

    # As `curator gui` opens a window: built (the Document opened), then sized and shown.
    corpus, doc = (seeds_copy, FIRST) if which == "seed" else (long_corpus, "long")
    w = build_window(corpus, document=doc, parse_in_background=False, use_settings=False)
    w.ws.set_autosave(False)
    w.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.resize(1440, 900)
    w.show()
    qtbot.waitUntil(lambda: not getattr(w, "_layout_pending", False))
    qtbot.wait(100)
    pane = w.segments_pane
    current = pane.model.index_of(w.selection.current or "")
    assert current.isValid()
    assert _shown(pane.view, current), "the chosen segment's row is not in view"
    if current.row() == 0:
        assert _shown(pane.view, current.parent()), "its article's title row is scrolled out of view"
