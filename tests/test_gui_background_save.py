"""Saving off the UI thread (round gui17, issue 10: the window never blocks its UI thread > 100 ms on long work).

Ctrl+S and autosave hand the Document's state (Curations are values: the reference is the snapshot) to one
saver thread, which renders and writes it atomically; the result comes back to the UI thread. Each test holds
the saver thread at a gate (the store's save waits on it) to make edits, saves, failures and a quit happen while
a save is under way; nothing here is timed: the tests wait on the workspace's signals."""

from __future__ import annotations

import errno
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from curator.core.journal import RunJournal
from curator.core.jsonio import dump_curation_bytes
from curator.core.model import Curation
from curator.core.store import file_stamp
from curator.gui.app import build_window
from curator.gui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.reliability]

DOC = "003_fec15abcf43ad61a"


def _window(qtbot, corpus: Path, doc: str = DOC) -> MainWindow:  # type: ignore[no-untyped-def]
    window = build_window(corpus, document=doc, parse_in_background=False, use_settings=False)
    window.ws.set_autosave(False)
    window.ws.saves_off_ui_thread = True  # as `curator gui` runs (app.run)
    # What the quit question was asked about; recorded in a list the window holds (a closure over the window
    # made a reference cycle, collected later, in another test, with its Qt objects long gone).
    asked: list[list[str]] = []
    window.asked = asked  # type: ignore[attr-defined]
    window.ask_unsaved = lambda names: asked.append(names) or "discard"  # type: ignore[method-assign]
    qtbot.addWidget(window)
    return window


class Gate:
    """Holds the store's save (on the saver thread) until opened; records the thread each save ran on."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                 fail: Callable[[], BaseException | None] = lambda: None) -> None:
        self.open = threading.Event()
        self.entered = threading.Event()
        self.threads: list[threading.Thread] = []
        real = window.ws.corpus.save

        def save(curation: Curation, *, expected_stamp: str | None, **kw: Any) -> str:
            self.threads.append(threading.current_thread())
            self.entered.set()
            assert self.open.wait(30)
            exc = fail()
            if exc is not None:
                raise exc
            return real(curation, expected_stamp=expected_stamp, **kw)

        monkeypatch.setattr(window.ws.corpus, "save", save)


def _relabel(window: MainWindow, index: int) -> str:
    seg = window.ws.current.curation.segments[index]  # type: ignore[union-attr]
    label = "question" if seg.label != "question" else "answer"
    window.selection.set(seg.id)
    window.edit_actions.label_actions[label].trigger()
    assert window.ws.current.curation.segments[index].label == label  # type: ignore[union-attr]
    return label


def _on_disk(corpus: Path, doc: str = DOC) -> dict[str, Any]:
    return json.loads((corpus / "curated" / f"{doc}.json").read_bytes())


def test_ctrl_s_writes_on_the_saver_thread_and_the_window_is_clean_after(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, seeds_copy)
    gate = Gate(w, monkeypatch)
    label = _relabel(w, 2)
    doc = w.ws.current
    assert doc is not None and doc.modified
    gate.open.set()
    with qtbot.waitSignal(w.ws.sig_saved, timeout=30000):
        w.save_action.trigger()
        assert w.ws.saving(doc)  # handed over: the key returned before the file was written
    assert gate.threads and gate.threads[0] is not threading.main_thread()
    assert not doc.modified and not w.isWindowModified() and not w.ws.saving(doc)
    assert _on_disk(seeds_copy)["segments"][2]["label"] == label
    path = seeds_copy / "curated" / f"{DOC}.json"
    assert path.read_bytes() == dump_curation_bytes(doc.curation) and doc.stamp == file_stamp(path)


def test_edits_made_during_a_save_stay_unsaved_and_journaled(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, seeds_copy)
    gate = Gate(w, monkeypatch)
    first = _relabel(w, 2)
    doc = w.ws.current
    assert doc is not None
    w.save_action.trigger()
    assert gate.entered.wait(30)
    second = _relabel(w, 5)  # while the saver writes the state before it
    mine = doc.curation
    with qtbot.waitSignal(w.ws.sig_save_finished, timeout=30000):
        gate.open.set()
    disk = _on_disk(seeds_copy)
    assert disk["segments"][2]["label"] == first and disk["segments"][5]["label"] != second
    assert doc.curation is mine and doc.modified and w.isWindowModified()  # the second edit: unsaved, shown so
    path = seeds_copy / "curated" / f"{DOC}.json"
    assert doc.stamp == file_stamp(path)  # the next save is not refused as a change on disk
    # The crash journal holds the second edit, on the file the first save wrote.
    assert w.ws.flush_journal()
    w.ws.journal._run_lock.release()  # type: ignore[union-attr]  # as after kill -9
    entries = RunJournal(seeds_copy / ".curator" / "journal").entries()
    assert [e.doc_id for e in entries] == [DOC]
    assert entries[0].curation == mine and entries[0].base_stamp == file_stamp(path)
    w.ws.journal._run_lock = None
    w.ws.docs.clear()


def test_a_later_save_is_never_overwritten_by_an_earlier_one(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, seeds_copy)
    gate = Gate(w, monkeypatch)
    _relabel(w, 2)
    doc = w.ws.current
    assert doc is not None
    w.save_action.trigger()
    assert gate.entered.wait(30)
    _relabel(w, 5)
    w.save_action.trigger()  # asked for while the first is written: it follows it, on the stamp it made
    _relabel(w, 7)
    w.save_action.trigger()
    latest = doc.curation
    gate.open.set()
    qtbot.waitUntil(lambda: not w.ws.saving(doc), timeout=30000)
    path = seeds_copy / "curated" / f"{DOC}.json"
    assert path.read_bytes() == dump_curation_bytes(latest)
    assert not doc.modified and not doc.conflict and not w.problems_shown
    assert len(gate.threads) == 2  # the two saves asked for during the first made one more, of the latest state


def test_quitting_during_a_save_waits_for_it(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, seeds_copy)
    gate = Gate(w, monkeypatch)
    label = _relabel(w, 2)
    w.save_action.trigger()
    assert gate.entered.wait(30)
    opener = threading.Timer(0.2, gate.open.set)  # the saver goes on while the window waits to close
    opener.start()
    assert w.close()
    opener.join()
    assert _on_disk(seeds_copy)["segments"][2]["label"] == label
    assert w.asked == []  # the save under way was not reported as unsaved edits
    assert not RunJournal(seeds_copy / ".curator" / "journal").entries()  # saved: nothing left to recover


def _edited_with_a_failing_disk(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                monkeypatch: pytest.MonkeyPatch):
    """A window with one relabel unsaved whose saves fail with ENOSPC: (window, curated path, its bytes, gate, doc)."""
    w = _window(qtbot, seeds_copy)
    path = seeds_copy / "curated" / f"{DOC}.json"
    before = path.read_bytes()
    gate = Gate(w, monkeypatch, fail=lambda: OSError(errno.ENOSPC, "No space left on device", str(path)))
    _relabel(w, 2)
    doc = w.ws.current
    assert doc is not None
    return w, path, before, gate, doc


def test_a_failed_save_keeps_the_document_dirty_and_names_the_file(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    w, path, before, gate, doc = _edited_with_a_failing_disk(qtbot, seeds_copy, monkeypatch)
    gate.open.set()
    with qtbot.waitSignal(w.ws.sig_save_finished, timeout=30000):
        w.save_action.trigger()
    assert doc.modified and w.isWindowModified() and path.read_bytes() == before
    told = "\n".join(text for _title, text in w.problems_shown)
    assert str(path) in told and "No space left on device" in told
    assert w.ws.flush_journal() and w.ws.journal.own_entries()  # the edits are still journaled


def test_a_save_refused_by_a_change_on_disk_raises_the_conflict_banner(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, seeds_copy)
    path = seeds_copy / "curated" / f"{DOC}.json"
    gate = Gate(w, monkeypatch)
    _relabel(w, 2)
    doc = w.ws.current
    assert doc is not None
    w.save_action.trigger()
    assert gate.entered.wait(30)
    theirs = path.read_bytes() + b"\n"  # another program writes it meanwhile
    path.write_bytes(theirs)
    with qtbot.waitSignal(w.ws.sig_save_finished, timeout=30000):
        gate.open.set()
    assert path.read_bytes() == theirs and doc.modified and str(path) in doc.conflict


def test_offsets_stay_code_points_in_a_background_save(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "emoji"
    corpus.mkdir()
    text = ("Hello 👋🏽 everyone, this is the first paragraph of the page.\n\n"
            "Second 👨‍👩‍👧 paragraph with a flag 🇫🇷 and more words after it.\n\n"
            "Third paragraph 🎉 ends here.\n")
    (corpus / "emoji.txt").write_text(text, encoding="utf-8")
    w = _window(qtbot, corpus, "emoji")
    gate = Gate(w, monkeypatch)
    _relabel(w, 1)
    gate.open.set()
    with qtbot.waitSignal(w.ws.sig_saved, timeout=30000):
        w.save_action.trigger()
    disk = _on_disk(corpus, "emoji")
    assert disk["segments"] and disk["document"]["length"] == len(text)
    for seg in disk["segments"]:
        assert text[seg["start"]:seg["end"]] == seg["text"]
    assert any(ord(c) > 0xFFFF for seg in disk["segments"] for c in seg["text"])


def test_autosave_and_a_switch_save_on_the_saver_thread(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, seeds_copy)
    gate = Gate(w, monkeypatch)
    w.ws.set_autosave(True)
    label = _relabel(w, 2)
    doc = w.ws.current
    assert doc is not None
    w.open_document("001_a97ccaad3a27ba85")  # leaving it autosaves it: handed over, the switch does not wait
    assert w.ws.current is not doc and w.ws.saving(doc)
    with qtbot.waitSignal(w.ws.sig_save_finished, timeout=30000):
        gate.open.set()
    assert not doc.modified and _on_disk(seeds_copy)["segments"][2]["label"] == label
    assert gate.threads[0] is not threading.main_thread()
    other = w.ws.current
    assert other is not None
    label = _relabel(w, 1)
    with qtbot.waitSignal(w.ws.sig_save_finished, timeout=30000):
        w.ws.autosave()  # the 30 s timer's slot
    assert not other.modified and _on_disk(seeds_copy, "001_a97ccaad3a27ba85")["segments"][1]["label"] == label
    assert w.statusBar().currentMessage() == "Autosaved 001_a97ccaad3a27ba85"


OTHER = "001_a97ccaad3a27ba85"


def _save_all(window: MainWindow) -> None:
    act = next(a for a in window.findChildren(type(window.save_action)) if a.text() == "Save &all")
    act.trigger()


def test_save_all_writes_on_the_saver_thread_in_order(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Save all (round gui18): every Document with edits handed to the saver thread; the key returns at once."""
    w = _window(qtbot, seeds_copy)
    gate = Gate(w, monkeypatch)
    first = _relabel(w, 2)
    doc = w.ws.current
    w.ws.set_autosave(False)
    w.open_document(OTHER)
    other = w.ws.current
    second = _relabel(w, 1)
    assert doc is not None and other is not None and doc.modified and other.modified
    _save_all(w)
    assert w.ws.saving(doc) and w.ws.saving(other)  # handed over: nothing written yet
    assert gate.entered.wait(30) and doc.modified and other.modified
    gate.open.set()
    qtbot.waitUntil(lambda: not w.ws.saving(doc) and not w.ws.saving(other), timeout=30000)
    assert all(t is not threading.main_thread() for t in gate.threads) and len(gate.threads) == 2
    assert not doc.modified and not other.modified
    assert _on_disk(seeds_copy)["segments"][2]["label"] == first
    assert _on_disk(seeds_copy, OTHER)["segments"][1]["label"] == second


def test_the_quit_dialogs_save_writes_on_the_saver_thread_and_quitting_waits(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, seeds_copy)
    gate = Gate(w, monkeypatch)
    label = _relabel(w, 2)
    w.ask_unsaved = lambda names: "save"  # type: ignore[method-assign]
    opener = threading.Timer(0.2, gate.open.set)  # the saver goes on while the window waits to close
    opener.start()
    assert w.close()
    opener.join()
    assert gate.threads and gate.threads[0] is not threading.main_thread()
    assert _on_disk(seeds_copy)["segments"][2]["label"] == label
    assert not RunJournal(seeds_copy / ".curator" / "journal").entries()  # saved: nothing left to recover


def test_a_failed_save_at_quit_names_the_file_and_the_window_stays(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    w, path, before, gate, doc = _edited_with_a_failing_disk(qtbot, seeds_copy, monkeypatch)
    w.ask_unsaved = lambda names: "save"  # type: ignore[method-assign]
    gate.open.set()
    assert not w.close()  # not closed: the edits could not be saved
    assert gate.threads and gate.threads[0] is not threading.main_thread()
    assert doc.modified and w.isWindowModified() and path.read_bytes() == before
    told = "\n".join(text for _title, text in w.problems_shown)
    assert str(path) in told and "No space left on device" in told
    assert w.ws.flush_journal() and w.ws.journal.own_entries()  # the edits are still journaled
    w.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
