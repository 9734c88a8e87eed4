"""Relabelling from the segments tree by key: the next key acts on the row the tree shows as current."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui_window import press as _press, quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"



def test_after_relabel_undo_redo_the_arrow_and_the_next_label_act_on_the_row_shown(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    tree = w.segments_pane.view
    tree.setFocus()
    for keys in ("Down", "P", "Ctrl+Z", "Ctrl+Shift+Z", "Down"):
        _press(qtbot, keys)
        shown = w.segments_pane.model.segment_at(tree.currentIndex())
        assert shown is not None and w.selection.current == shown.id, keys
    target = w.selection.current
    before = {s.id: s.label for s in w.ws.current.curation.segments}
    _press(qtbot, "B")
    after = {s.id: s.label for s in w.ws.current.curation.segments}
    changed = [sid for sid in after if after[sid] != before[sid]]
    assert changed == [target], (changed, target)


def test_the_event_form_shows_no_values_when_no_event_is_chosen(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """An empty Date beside a listed event read as the event's date: with none chosen, the fields that
    describe a chosen event are empty and disabled; Type stays (it is the type of a new event)."""
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    ins = w.inspector
    ev = w.ws.current.curation.events[0]
    assert ev.date is not None
    w.selection.set_event(ev.id)
    ins.refresh()
    assert ins.events.currentItem() is not None
    assert ins.ev_date.text() == str(ev.date) and ins.ev_date.isEnabled()
    w.selection.set_event(None)
    ins.refresh()
    assert ins.events.currentItem() is None
    for field in (ins.ev_date, ins.ev_place, ins.ev_people):
        assert field.text() == "" and not field.isEnabled()
    assert ins.ev_type.isEnabled()
