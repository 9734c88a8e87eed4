"""The panes are sized from the font and the window, not in fixed pixels: on a screen as small as 1280x800 at a
1.5x device-pixel ratio (853x533 logical pixels, what QT_SCALE_FACTOR=1.5 gives) the text keeps a reading
column and the inspector its form; a layout saved on a big screen and restored on a small one is fitted again.

Before: at 853x533 the corpus pane kept 255 px, the segments and inspector 307 px (their form needs ~360: cut
at the right), the text ~290 px; a layout saved at 1440x900 restored the docks at their saved widths."""

from __future__ import annotations

from pathlib import Path

import pytest
from curator.gui.main_window import TEXT_MIN_EM, MainWindow
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"
SMALL = (853, 533)  # 1280x800 at QT_SCALE_FACTOR=1.5, in logical pixels


def _shown(qtbot, corpus: Path, size: tuple[int, int]) -> MainWindow:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, corpus, DOC)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not getattr(w, "_layout_pending", False))
    qtbot.wait(50)
    return w


def _fits(w: MainWindow) -> None:
    em = w.fontMetrics().averageCharWidth()
    assert w.modes.width() >= TEXT_MIN_EM * em - 2, f"the text keeps {w.modes.width()} px"
    body = w.inspector.widget()
    assert body.minimumSizeHint().width() <= w.inspector.viewport().width(), "the inspector's form is cut"
    for key in ("corpus", "segments", "inspector"):
        dock = w.docks[key]
        assert dock.isVisible() or w.tabifiedDockWidgets(dock), key
        right = dock.mapTo(w, dock.rect().topRight()).x()
        assert right <= w.width(), f"{key} runs off the window"


def test_a_small_logical_screen_keeps_the_text_and_the_inspector_whole(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _shown(qtbot, seeds_copy, SMALL)
    w.selection.set(w.ws.current.curation.segments[3].id)
    qtbot.wait(20)
    _fits(w)
    w.focus_pane("corpus")  # the corpus pane shares the right column as a tab: Ctrl+1 still brings it
    qtbot.wait(20)
    assert w.corpus_pane.table.isVisible()


def test_a_layout_saved_on_a_big_screen_is_fitted_on_a_small_one(qtbot, seeds_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = _shown(qtbot, seeds_copy, (1440, 900))
    big.use_settings = True
    big._save_settings()
    big.ws.shutdown()
    big.use_settings = False
    big.close()
    w = quiet_window(qtbot, seeds_copy, DOC)
    w.use_settings = True
    w._layout_pending = False  # no first start: the saved layout is what is restored
    w._restore_settings()
    w.resize(*SMALL)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not getattr(w, "_layout_pending", False))
    qtbot.wait(80)
    _fits(w)


def test_a_saved_window_size_is_asked_for_again_held_to_the_screen(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """On X, restoreGeometry of a window saved at 1440x900 left it 640x480 on a 1024x700 screen, and the docks
    then held it at 710x466 with a 50 px inspector. The saved size is asked for, clamped to the screen."""
    from curator.gui.main_window import FRAME_ALLOWANCE

    w = quiet_window(qtbot, seeds_copy, DOC)
    avail = w.screen().availableGeometry()
    w.resize(640, 480)  # what restoreGeometry left
    w._fit_to_screen("1440x900")
    assert (w.width(), w.height()) == (min(1440, avail.width() - FRAME_ALLOWANCE[0]),
                                       min(900, avail.height() - FRAME_ALLOWANCE[1]))
    assert avail.contains(w.frameGeometry().topLeft())
