"""Esc in any field of the inspector does what it does in the Speaker field after F2: the field's typing
is dropped (it shows the Document's value again), the keyboard goes back to the segments tree (or to
where F2 was pressed), and no edit reaches the undo stack."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from tests.gui_window import press, quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"  # a speech with an event and articles


def test_esc_in_every_inspector_field_drops_its_edit_and_gives_the_keyboard_back(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    ins = w.inspector
    seg = next(s for s in doc.curation.segments if s.article is not None)
    w.selection.set(seg.id)
    assert ins.events.count() > 0
    fields = {"speaker": ins.speaker, "title": ins.title, "date": ins.date, "event date": ins.ev_date,
              "event place": ins.ev_place, "participants": ins.ev_people}
    combos = {"label": ins.label, "kind": ins.kind, "event type": ins.ev_type, "in article": ins.article}
    for name, widget in {**fields, **combos, "events list": ins.events, "reviewed": ins.reviewed}.items():
        depth, count = doc.stack.index(), doc.stack.count()
        before = widget.text() if isinstance(widget, QLineEdit) else None
        w.segments_pane.view.setFocus()
        widget.setFocus()
        assert QApplication.focusWidget() is widget, name
        if isinstance(widget, QLineEdit):
            widget.end(False)
            qtbot.keyClicks(widget, "2031-xx typed")
        elif isinstance(widget, QComboBox) and widget.count() > 1:
            widget.setCurrentIndex((widget.currentIndex() + 1) % widget.count())  # chosen, not yet activated
        press(qtbot, "Escape")
        assert QApplication.focusWidget() is w.segments_pane.view, name
        assert (doc.stack.index(), doc.stack.count()) == (depth, count), name
        if before is not None:
            assert widget.text() == before, name
        qtbot.wait(1)
    assert not doc.modified
    assert ins.title.text() == next(a.title for a in doc.curation.articles if a.id == seg.article)


def test_esc_after_f2_from_the_text_goes_back_to_the_text(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    seg = next(s for s in w.ws.current.curation.segments if s.article is not None)
    w.selection.set(seg.id)
    w.view.setFocus()
    press(qtbot, "F2")
    assert QApplication.focusWidget() is w.inspector.speaker
    press(qtbot, "Tab")  # on to another field of the inspector, then Esc
    press(qtbot, "Escape")
    assert QApplication.focusWidget() is w.view
