"""The window as the GUI tests build it: no background parse, no autosave, no saved settings, no modal
question at teardown (unsaved edits are discarded)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from curator.gui.app import build_window
from curator.gui.main_window import MainWindow


def quiet_window(qtbot, corpus: Path, doc: str | None, *, active: bool = False) -> MainWindow:  # type: ignore[no-untyped-def]
    window = build_window(corpus, document=doc, parse_in_background=False, use_settings=False)
    window.ws.set_autosave(False)
    window.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
    qtbot.addWidget(window)
    if active:  # shortcuts and focus need the active window
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        # The first start's pane sizes land just after the first show: the text re-wraps then.
        qtbot.waitUntil(lambda: not getattr(window, "_layout_pending", False))
        qtbot.wait(20)  # and the layout request they post
    return window


def press(qtbot, sequence: str) -> None:  # type: ignore[no-untyped-def]
    """Type a key sequence into whatever has the focus (as the editor would)."""
    combo = QKeySequence(sequence)[0]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def save_and_wait(window: MainWindow) -> bool:
    """Ctrl+S, then wait for the saver thread (saves are written there by default since round gui18): True when the
    current Document's state was written, False when the save was refused or failed (told as the editor sees it)."""
    doc = window.ws.current
    if not window.save():
        return False
    job = window.ws.finish_saving(doc) if doc is not None else None
    return job is None or job.error is None


def autosave_and_wait(window: MainWindow) -> None:
    """The 30 s autosave's slot, then wait for the saver thread to write (and the window to take in) each save."""
    window.ws.autosave()
    window.ws.finish_saves()
