"""The text's gutter (key chips, ✓, speaker) is sized from the font: it was a fixed 118 px, so with a large
font (or a high-DPI font scale) the ✓ was clipped and the speaker's name cut to a letter or two."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"


def _fits(view, count: int, name: str) -> str:  # type: ignore[no-untyped-def]
    """Lay out ``count`` chips, ✓ and ``name`` as the gutter paints them; check every box is inside the
    gutter, left of the stripe, and return the name as shown."""
    chips, check, name_box, shown = view.tag_layout(count, name, top=0.0, height=QFontMetrics(view.font()).height() + 4)
    stripe = view.gutter_stripe_x()
    assert view.viewportMargins().left() == view.gutter.width() == view.gutter_width()
    for box in [*chips, check] + ([name_box] if name_box is not None else []):
        assert 0 <= box.left() and box.right() <= stripe, (box, stripe)
    assert check.width() >= QFontMetrics(view.font()).horizontalAdvance("✓")
    return shown


def test_a_large_font_gets_a_gutter_as_readable_as_the_default(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    view = w.view
    name = "Ivan Petrov"
    at_default = _fits(view, 1, name)
    assert at_default.startswith("Ivan P")
    for size in (16.0, 24.0, 32.0):
        font = QFont(view.font())
        font.setPointSizeF(size)
        view.setFont(font)
        assert len(_fits(view, 1, name)) >= len(at_default) - 1, size  # as much of the name (to a letter)
        _fits(view, 4, name)  # four segments starting on one line: still inside the gutter
    assert view.gutter_width() > 118


def test_a_document_without_speakers_leaves_the_names_room_to_the_text(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """At 1024x700 the text had ~210 px beside a gutter kept wide for names no segment had."""
    from curator.core import edit

    (seeds_copy / "plain.txt").write_text("A title\n\nA first paragraph of words.\n\nA second one.\n", encoding="utf-8")
    w = quiet_window(qtbot, seeds_copy, "plain")
    view = w.view
    doc = w.ws.current
    assert doc.curation.speakers == []
    narrow = view.gutter_width()
    assert view.viewportMargins().left() == narrow
    seg = doc.curation.segments[1]
    speaker = edit.new_speaker(doc.curation, "Ivan Petrov", registry=w.ws.registry)
    assert w.ws.push(edit.AssignSpeaker([seg.id], speaker), doc=doc)
    assert view.gutter_width() > narrow and view.viewportMargins().left() == view.gutter_width()
    assert _fits(view, 1, "Ivan Petrov").startswith("Ivan P")
    doc.stack.undo()
    assert view.viewportMargins().left() == narrow
