"""Opening a big curated file off the UI thread (round gui17, issue 10): the start-up scan leaves curated files of
``LOAD_APART_BYTES`` and more to the loader thread, the corpus row says "loading…", and opening one before it
is read says so (title, status bar) and returns; the window works meanwhile (keys, another Document), and the
Document opens when it is read. The seeds' files stand in for big ones (the size is lowered); the loader thread
is held at a gate to make things happen while it reads. Nothing is timed: the tests wait on the window."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from curator.core.store import Corpus, DocumentState
from curator.gui import workspace as workspace_module
from curator.gui.app import build_window
from curator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

BIG = "003_fec15abcf43ad61a"  # 18.3 kB of curated JSON (and 004: 30 kB)
SMALL = "001_a97ccaad3a27ba85"  # 10 kB


class Gate:
    """Holds ``Corpus.state`` off the UI thread until opened; counts the reads of each Document and their threads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.reads: list[tuple[str, bool]] = []
        real = Corpus.state

        def state(corpus: Corpus, doc_id: str, **kw: object) -> DocumentState:
            on_ui = threading.current_thread() is threading.main_thread()
            self.reads.append((doc_id, on_ui))
            if not on_ui:
                assert self.open.wait(30)
            return real(corpus, doc_id, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(Corpus, "state", state)
        monkeypatch.setattr(workspace_module, "LOAD_APART_BYTES", 18_000)


def _window(qtbot, corpus: Path, doc: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window = build_window(corpus, document=doc, parse_in_background=False, use_settings=False, load_apart=True)
    window.ws.set_autosave(False)
    window.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
    qtbot.addWidget(window)
    return window


def test_a_big_curated_file_is_read_apart_and_opens_when_read(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch)
    w = _window(qtbot, seeds_copy, BIG)
    assert w.ws.current is None and w.ws.opening == BIG
    assert w.ws.summaries[BIG].status == "loading" and w.ws.summaries[SMALL].status == "curated"
    assert "Loading" in w.windowTitle() and "Loading" in w.statusBar().currentMessage()
    w.show()
    qtbot.keyClicks(w.corpus_pane.name, "003")  # the window takes keys while the file is read
    assert w.corpus_pane.name.text() == "003"
    gate.open.set()
    qtbot.waitUntil(lambda: w.ws.current is not None, timeout=30000)
    doc = w.ws.current
    assert doc is not None and doc.doc_id == BIG and w.ws.opening is None
    assert doc.curation == Corpus(seeds_copy).load(BIG).curation  # type: ignore[union-attr]
    assert w.ws.summaries[BIG].status == "curated" and "Loading" not in w.windowTitle()
    assert (BIG, False) in gate.reads and (BIG, True) not in gate.reads  # read once, on the loader thread
    qtbot.waitUntil(lambda: not doc.arriving, timeout=30000)  # the panes are built a step at a time
    assert w.segments_pane.model.rowCount() > 0


def test_opening_another_document_while_one_is_read_stops_waiting(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch)
    w = _window(qtbot, seeds_copy, BIG)
    assert w.ws.opening == BIG
    other = w.open_document(SMALL)
    assert other is not None and w.ws.current is other and w.ws.opening is None
    assert "Loading" not in w.windowTitle()
    gate.open.set()
    qtbot.waitUntil(lambda: w.ws.summaries[BIG].status != "loading", timeout=30000)
    qtbot.wait(50)
    assert w.ws.current is other  # the read that came did not take the window back
    # From what was read: its text view made on the loader thread (round gui18), then shown; the file not read again.
    assert w.open_document(BIG) is None and w.ws.opening == BIG
    qtbot.waitUntil(lambda: w.ws.current is not None and w.ws.current.doc_id == BIG, timeout=30000)
    assert [r for r in gate.reads if r[0] == BIG] == [(BIG, False)]


def test_a_damaged_big_file_read_apart_opens_as_a_damaged_file_does(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch)
    path = seeds_copy / "curated" / f"{BIG}.json"
    path.write_bytes(path.read_bytes()[:18_100])  # cut short (still over the size)
    gate.open.set()
    w = _window(qtbot, seeds_copy, BIG)
    qtbot.waitUntil(lambda: w.ws.current is not None, timeout=30000)
    doc = w.ws.current
    assert doc is not None and str(path) in doc.file_problem
    assert any(title == "Curated file cannot be read" for title, _text in w.problems_shown)
    assert path.stat().st_size == 18_100  # never overwritten


def test_ctrl_pgdown_while_a_document_is_read_goes_on(qtbot, seeds_copy: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+PgDown goes to the next Document while one is read (the wait is given up)."""
    gate = Gate(monkeypatch)
    w = _window(qtbot, seeds_copy, BIG)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w.corpus_pane.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.ws.current is not None, timeout=30000)
    assert w.ws.current.doc_id != BIG and w.ws.opening is None  # type: ignore[union-attr]
    gate.open.set()
