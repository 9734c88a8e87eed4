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


def test_the_event_form_always_shows_a_listed_event_or_nothing(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Beside a listed event the form read "meeting / no date" (page 003 lists an interview on 2024-03-12): with
    no event chosen by the editor, the form showed its own leftovers. Now the list always has an event chosen
    when there is one (the one whose evidence the segment holds, else the first) and the form shows that
    event's own type, date, place and participants; with no event at all its fields are empty and disabled
    (Type stays: it is the type "New from selection" gives)."""
    w = quiet_window(qtbot, seeds_copy, "003_fec15abcf43ad61a", active=True)
    ins = w.inspector
    (ev,) = w.ws.current.curation.events
    assert (ev.type, str(ev.date)) == ("interview", "2024-03-12")
    for seg in (w.ws.current.curation.segments[0], w.ws.current.curation.segments[-1]):
        w.selection.set(seg.id)
        w.selection.set_event(None)
        ins.refresh()
        assert ins.events.currentItem() is not None and ins.events.currentItem().isSelected()
        assert ins.ev_type.currentText() == "interview"
        assert ins.ev_date.text() == "2024-03-12" and ins.ev_date.isEnabled()
        assert ins.ev_apply.isEnabled()
    # The editor's choice drives it: the events of page 000 one after the other.
    w.open_document(DOC)
    events = w.ws.current.curation.events
    assert events
    for ev in events:
        w.selection.set_event(ev.id)
        ins.refresh()
        assert ins.events.currentItem().data(256) == ev.id  # Qt.UserRole
        assert ins.ev_type.currentText() == ev.type
        assert ins.ev_date.text() == (str(ev.date) if ev.date else "")
        assert ins.ev_place.text() == (ev.place or "")
    # A page with no event: nothing to show, nothing enabled but the type of a new one.
    doc = w.ws.current
    from curator.core.edit import DeleteEvent

    for ev in list(events):
        assert w.ws.push(DeleteEvent(ev.id), doc=doc)
    ins.refresh()
    assert ins.events.count() == 0 and ins.events.currentItem() is None
    for field in (ins.ev_date, ins.ev_place, ins.ev_people):
        assert field.text() == "" and not field.isEnabled()
    assert ins.ev_type.isEnabled()
