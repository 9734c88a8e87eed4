"""Every verb of a working session undone and redone across a save, by keyboard: each state comes back
exactly, and the crash journal holds exactly the unsaved state after every step (none when clean)."""

from __future__ import annotations

import threading
import time
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


def _slow_writer_thread(w, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The writer thread's writes take as long as a big page's (the base of an 8.5 MB page: 185 ms CPU):
    what is on disk when a key returns is then what the UI thread wrote itself."""
    record = w.ws.journal.record

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread() is not threading.main_thread():
            time.sleep(0.5)
        return record(*args, **kwargs)

    monkeypatch.setattr(w.ws.journal, "record", slow)


def _on_disk_now(w) -> Curation | None:  # type: ignore[no-untyped-def]
    """The entry as a killed window would leave it now: no flush, the writer thread not waited for."""
    path = w.ws.journal.path_for(DOC)
    return RunJournal(w.ws.journal.folder, run_id="reader").peek(path) if path.exists() else None


def test_the_first_edit_after_a_load_and_after_a_save_is_on_disk_when_the_key_returns(qtbot, seeds_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The first edit after a load or a save wrote the whole Document (the base) on the writer thread before
    its own record: a kill meanwhile lost it. The base is now named (the curated file) or written ahead."""
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    w.ws.writer.flush()  # the window idle after opening
    _slow_writer_thread(w, monkeypatch)
    para = [s for s in doc.curation.segments if s.label == "paragraph"]
    w.selection.set(para[0].id)
    w.view.setFocus()
    press(qtbot, "H")
    assert _on_disk_now(w) == doc.curation
    assert w.ws.save(doc)
    w.ws.writer.flush()
    w.selection.set(para[1].id)
    w.view.setFocus()
    press(qtbot, "H")
    assert _on_disk_now(w) == doc.curation
    w.ws.writer.flush()
    # the base was copied in after the record: the file may change and the entry still reads
    Corpus(seeds_copy).curated_path(DOC).write_bytes(b"{}")
    assert _on_disk_now(w) == doc.curation


def test_the_first_edit_of_a_proposal_is_on_disk_when_the_key_returns(qtbot, seeds_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(seeds_copy)
    corpus.curated_path(DOC).unlink()  # opened on the parser's proposal
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    assert doc.disk_file is None
    w.ws.writer.flush()  # its base written ahead while idle
    _slow_writer_thread(w, monkeypatch)
    w.selection.set(doc.curation.segments[2].id)
    w.view.setFocus()
    press(qtbot, "H")
    assert _on_disk_now(w) == doc.curation
    press(qtbot, "Ctrl+Z")  # back to what was opened: no entry, the base kept for the next first edit
    w.ws.writer.flush()
    assert _on_disk_now(w) is None
    press(qtbot, "B")
    assert _on_disk_now(w) == doc.curation
