"""After a dialog closes, the keyboard is back where the editor was (round gui12): after Ctrl+Shift+D or
Ctrl+Alt+D was cancelled, Export… or a problem's message box, no widget had the keyboard (offscreen and
without a window manager), so the next label key or Ctrl+J went nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.gui_window import press, quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"


def _close_the_dialog_soon(closed: list[str]) -> None:
    def close() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(50, close)
            return
        closed.append(type(modal).__name__)
        modal.reject() if hasattr(modal, "reject") else modal.close()
    QTimer.singleShot(50, close)


@pytest.mark.parametrize("key", ["Ctrl+Shift+D", "Ctrl+Alt+D", "Ctrl+Shift+X", "F1", "problem"])
@pytest.mark.parametrize("where", ["text", "tree"])
def test_the_keyboard_comes_back_after_a_dialog(qtbot, seeds_copy: Path, key: str, where: str) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    segs = w.ws.current.curation.segments
    widget = w.view if where == "text" else w.segments_pane.view
    w.selection.set(segs[5].id)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    closed: list[str] = []
    _close_the_dialog_soon(closed)
    if key == "problem":
        w.show_problem("Not saved", "the disk is full")
    else:
        press(qtbot, key)
    qtbot.waitUntil(lambda: bool(closed))
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.wait(20)
    assert QApplication.focusWidget() is widget, (closed, QApplication.focusWidget())
