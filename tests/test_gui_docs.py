"""The documented keys are the window's keys: docs/gui.md's table is the one Help ▸ Keyboard shortcuts shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.gui.app import build_window
from curator.gui.dialogs.help import markdown_table

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[1]


def test_docs_shortcut_table_is_the_windows(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = build_window(seeds_copy, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    w.ws.set_autosave(False)
    table = markdown_table(w.shortcut_rows())
    assert table in (REPO / "docs" / "gui.md").read_text(encoding="utf-8"), (
        "docs/gui.md's shortcut table is out of date; regenerate it from markdown_table(window.shortcut_rows())")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for keys in ("Ctrl+F", "Ctrl+Alt+F", "F6", "Ctrl+1", "F1", "F9", "Ctrl+O", "Ctrl+Alt+A", "Ctrl+Alt+C"):
        assert keys in readme, f"the README's shortcut table lacks {keys}"
