"""Every verb of a working session undone and redone across a save, by keyboard: each state comes back
exactly, and the crash journal holds exactly the unsaved state after every step (none when clean)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.journal import RunJournal
from curator.core.model import Curation
from curator.core.store import Corpus
from tests.gui_window import press, quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"  # a speech with a duplicate group and an event


def _journaled(w) -> Curation | None:  # type: ignore[no-untyped-def]
    """What this window run's journal entry holds for DOC now (None: no entry)."""
    w.ws.flush_journal()
    w.ws.writer.flush()
    path = w.ws.journal.path_for(DOC)
    if not path.exists():
        return None
    return RunJournal(w.ws.journal.folder, run_id="reader")._read(path, DOC, w.ws.journal.run_id).curation


def test_undo_and_redo_across_a_save_restore_every_state_and_the_journal_follows(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    segs = doc.curation.segments
    para = [s for s in segs if s.label == "paragraph"]
    states = [doc.curation]
    steps: list[str] = []

    def did(name: str) -> None:
        assert doc.curation != states[-1], f"{name} changed nothing"
        states.append(doc.curation)
        steps.append(name)
        assert _journaled(w) == (doc.curation if doc.modified else None), name

    w.selection.set(para[0].id)
    w.view.setFocus()
    press(qtbot, "H")
    did("relabel")
    w.view.set_cursor_offset(para[1].start + len(para[1].text) // 2)
    w.selection.set(para[1].id)
    press(qtbot, "Ctrl+K")
    did("split")
    press(qtbot, "Ctrl+Shift+J")  # merge the new second part back with the first
    did("merge")
    assert w.ws.save(doc)
    states[-1] = doc.curation  # the saved state (the save itself is no step)
    assert _journaled(w) is None
    w.selection.set(para[2].id)
    w.view.setFocus()
    press(qtbot, "Alt+Shift+Left")
    did("nudge")
    press(qtbot, "F2")
    qtbot.keyClicks(w.inspector.speaker, "Sergei Lavrov")
    press(qtbot, "Return")
    did("speaker")
    press(qtbot, "Ctrl+Shift+E")
    did("event")
    assert doc.curation.duplicates
    w.selection.set(doc.curation.duplicates[0].segment)
    w.view.setFocus()
    press(qtbot, "Ctrl+Alt+N")
    did("reject duplicate group")
    w.selection.set(para[3].id)
    w.view.setFocus()
    press(qtbot, "Delete")
    did("delete segment")

    # Undo everything, past the save: every state comes back, the journal follows (none at the saved state).
    for i in range(len(steps), 0, -1):
        w.undo_action.trigger()
        assert doc.curation == states[i - 1], f"undo of {steps[i - 1]}"
        assert _journaled(w) == (doc.curation if doc.modified else None), f"journal after undo of {steps[i - 1]}"
    assert doc.modified  # the state before the first edit is not the saved one
    for i in range(1, len(steps) + 1):
        w.redo_action.trigger()
        assert doc.curation == states[i], f"redo of {steps[i - 1]}"
        assert _journaled(w) == (doc.curation if doc.modified else None), f"journal after redo of {steps[i - 1]}"
    assert w.ws.save(doc)
    assert Corpus(seeds_copy).load(DOC).curation == states[-1]  # type: ignore[union-attr]
