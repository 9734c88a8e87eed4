"""What a new user saw in the default window (round 7): each finding held by a test that failed first.

1. the inspector's Events list was clipped at the bottom of the default window;
2. a teaser outside every Article showed the greyed Kind of the Article shown before;
3. the segments pane was narrow (the text took the width; segment text was cut);
4. the Dup column's ``orig`` / ``✗`` had no explanation anywhere;
5. duplicate passages were underlined in red, like a spelling mistake.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from curator.gui.main_window import MainWindow
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"  # teasers outside its one Article, duplicate groups confirmed and rejected


def _shown(qtbot, corpus: Path, doc: str = DOC, *, active: bool = False) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window as a first start shows it: the default size and pane sizes, laid out."""
    w = quiet_window(qtbot, corpus, doc, active=active)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not getattr(w, "_layout_pending", False))
    qtbot.wait(50)
    QApplication.processEvents()
    return w


def _in_view(w: MainWindow, widget) -> bool:  # type: ignore[no-untyped-def]
    """The widget lies wholly inside the inspector's visible area (not scrolled off, not cut)."""
    from PySide6.QtCore import QPoint, QRect

    port = w.inspector.viewport()
    return port.rect().contains(QRect(widget.mapTo(port, QPoint(0, 0)), widget.size()))


def _seg(w: MainWindow, pred):  # type: ignore[no-untyped-def]
    return next(s for s in w.ws.current.curation.segments if pred(s))


def test_the_events_list_is_whole_in_the_default_window(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: 7 of the list's 90 px showed under the Article box, at the inspector's bottom edge."""
    w = _shown(qtbot, seeds_copy)
    assert (w.width(), w.height()) == (1440, 900)
    ins = w.inspector
    w.selection.set(_seg(w, lambda s: s.article is not None).id)
    QApplication.processEvents()
    assert ins.events.count() > 0
    assert _in_view(w, ins.events)
    w.close()


def test_the_keyboard_in_the_inspector_scrolls_its_widget_into_view(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Focus visible: a widget below the fold that gets the keyboard (a verb's key, a click on its label,
    Ctrl+Alt+] for the duplicate rows) is scrolled into the inspector's view."""
    w = _shown(qtbot, seeds_copy, active=True)
    ins = w.inspector
    w.selection.set(_seg(w, lambda s: s.id == "s1").id)
    QApplication.processEvents()
    target = ins.dups
    assert not _in_view(w, target)  # below the fold at first
    w.activateWindow()
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    qtbot.waitUntil(lambda: _in_view(w, target))
    w.close()


def test_a_segment_in_no_article_shows_no_article_fields(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: choosing a teaser after a segment of the speech left Kind reading "speech" (greyed)."""
    w = _shown(qtbot, seeds_copy)
    ins = w.inspector
    inside = _seg(w, lambda s: s.article is not None)
    w.selection.set(inside.id)
    QApplication.processEvents()
    art = next(a for a in w.ws.current.curation.articles if a.id == inside.article)
    assert ins.kind.currentText() == art.kind
    assert ins.title.text() == art.title
    assert ins.article_note.isHidden()
    teaser = _seg(w, lambda s: s.article is None and s.label == "teaser")
    w.selection.set(teaser.id)
    QApplication.processEvents()
    assert ins.kind.currentText() == ""  # nothing stale
    assert ins.title.text() == "" and ins.date.text() == ""
    assert ins.article.currentText() == "(no article)"
    assert not ins.article_note.isHidden()
    assert "in no article" in ins.article_note.text()
    assert "teaser" in ins.article_note.text()  # why: teasers stay outside articles
    w.selection.set(inside.id)  # and back: the Article's fields again
    QApplication.processEvents()
    assert ins.kind.currentText() == art.kind and ins.article_note.isHidden()
    w.close()


def test_the_segments_pane_has_room_for_the_words(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: 430 px for the segments pane beside 618 for the text, the tree's Text column 132 px."""
    from curator.gui.panes.segments_model import COL_TEXT

    w = _shown(qtbot, seeds_copy)
    segments = w.docks["segments"].width()
    assert segments >= 500, segments
    assert w.modes.width() <= 620  # the text still gets a readable column
    assert w.view.viewport().width() >= 360
    assert w.segments_pane.view.header().sectionSize(COL_TEXT) >= 180
    assert w.docks["corpus"].width() >= 320  # the document names still read whole
    w.close()


@pytest.fixture
def user_settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    """QSettings of a user of their own, under tmp_path (never the real one)."""
    folder = tmp_path / "settings"
    folder.mkdir()
    fmt, scope = QSettings.Format.IniFormat, QSettings.Scope.UserScope
    QSettings.setPath(fmt, scope, str(folder))
    yield folder
    for widget in QApplication.topLevelWidgets():  # never saved into the real settings after this
        if isinstance(widget, MainWindow):
            widget.use_settings = False
            widget.close()
    QSettings.setPath(fmt, scope, str(Path.home() / ".config"))


def _settings_window(qtbot, corpus: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    from curator.gui.app import build_window

    w = build_window(corpus, document=DOC, parse_in_background=False, use_settings=True)
    w.resize(1440, 900)  # the offscreen screen (800x800) cuts a restored geometry down to itself
    w.ws.set_autosave(False)
    w.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not getattr(w, "_layout_pending", False))
    qtbot.wait(50)
    QApplication.processEvents()
    return w


def test_pane_sizes_and_tree_columns_are_kept_per_user(qtbot, seeds_copy: Path, user_settings: Path) -> None:  # type: ignore[no-untyped-def]
    from curator.gui.panes.segments_model import COL_SPEAKER

    w = _settings_window(qtbot, seeds_copy)
    assert w.docks["segments"].width() >= 500  # a first start gets the default layout
    w.resizeDocks([w.docks["segments"]], [620], Qt.Orientation.Horizontal)
    w.resizeDocks([w.docks["segments"], w.docks["inspector"]], [300, 520], Qt.Orientation.Vertical)
    w.segments_pane.view.header().resizeSection(COL_SPEAKER, 150)
    QApplication.processEvents()
    wide, tall = w.docks["segments"].width(), w.docks["segments"].height()
    w.close()
    assert list(user_settings.rglob("*.ini")), "nothing saved"
    again = _settings_window(qtbot, seeds_copy)
    assert abs(again.docks["segments"].width() - wide) <= 2
    assert abs(again.docks["segments"].height() - tall) <= 2
    assert again.segments_pane.view.header().sectionSize(COL_SPEAKER) == 150
    again.close()


def test_a_layout_saved_by_an_older_window_is_not_restored(qtbot, seeds_copy: Path, user_settings: Path) -> None:  # type: ignore[no-untyped-def]
    """A state saved before this layout (no version) gives the new defaults once, then is the user's."""
    w = _settings_window(qtbot, seeds_copy)
    w.resizeDocks([w.docks["segments"]], [420], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    state = w.saveState()  # version 0, as every window before this one saved it
    w.close()
    s = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "curator", "curator")
    s.setValue("window/state", state)
    s.sync()
    again = _settings_window(qtbot, seeds_copy)
    assert again.docks["segments"].width() >= 500
    again.close()


def test_the_dup_marks_are_explained(qtbot, seeds_copy: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    """Header tooltip, each mark's tooltip and status tip, and the legend (F9) say what orig / copy / rejected mean."""
    from curator.gui.dialogs.help import LegendDialog
    from curator.gui.panes.segments_model import COL_DUP

    w = quiet_window(qtbot, seeds_copy, DOC)
    model = w.segments_pane.model
    tip = model.headerData(COL_DUP, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip and all(word in tip for word in ("orig", "copy", "rej", "duplicate"))
    marks = {}
    for g in range(model.rowCount()):
        parent = model.index(g, 0)
        for r in range(model.rowCount(parent)):
            idx = model.index(r, COL_DUP, parent)
            if idx.data():
                marks.setdefault(idx.data(), idx)
    assert {"orig", "rej"} <= set(marks), set(marks)
    orig = marks["orig"]
    assert "original" in orig.data(Qt.ItemDataRole.ToolTipRole) and "dup-" in orig.data(Qt.ItemDataRole.ToolTipRole)
    assert "rejected" in marks["rej"].data(Qt.ItemDataRole.ToolTipRole)
    assert orig.data(Qt.ItemDataRole.StatusTipRole)  # on hover, in the status bar
    assert w.segments_pane.view.hasMouseTracking()  # hovering is what shows status tips
    w.show_legend()
    legend = next(d for d in dialogs if isinstance(d, LegendDialog))
    words = legend.marks.toPlainText() if hasattr(legend.marks, "toPlainText") else legend.marks.text()
    assert all(word in words for word in ("orig", "copy", "rej", "dotted"))


def _alarm_red(c: QColor) -> bool:
    return c.red() > 170 and c.green() < 90 and c.blue() < 90


def test_duplicates_are_marked_without_an_alarm(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Before: a 2.5 px red (#d62828) underline under every repeated passage, read as a spelling mistake.
    Now a dotted dark line: it stands out (its pixels are there), nothing under the passage is alarm red."""
    from PySide6.QtGui import QTextCursor

    from curator.gui.panes.text_view import DUPLICATE_MARK

    w = _shown(qtbot, seeds_copy)
    view = w.view
    dup = next(d for d in w.ws.current.curation.duplicates if d.decision == "confirmed" and d.segment == "s1")
    w.selection.set("s2")  # the current segment's outline would run along s1's edge
    view.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    to_qt = w.ws.current.offsets.to_qt
    cur = QTextCursor(view.document())
    cur.setPosition(to_qt(dup.start))
    top = view.cursorRect(cur).top()
    cur.setPosition(to_qt(dup.end))
    bottom = view.cursorRect(cur).bottom()
    image = view.viewport().grab().toImage()
    red = marked = 0
    for y in range(max(0, top), min(image.height(), bottom + 3)):
        for x in range(image.width()):
            c = QColor(image.pixel(x, y))
            red += _alarm_red(c)
            marked += c.rgb() == QColor(DUPLICATE_MARK).rgb()
    assert red == 0
    assert marked > 50  # the mark is drawn along the passage's lines
    assert not _alarm_red(QColor(DUPLICATE_MARK))
    w.close()


def test_the_gutter_tip_names_a_segments_duplicate_group(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor

    w = _shown(qtbot, seeds_copy)
    view = w.view
    view.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    cur = QTextCursor(view.document())
    cur.setPosition(0)
    tip = view.gutter_tip(view.cursorRect(cur).center().y())
    assert "duplicate" in tip and "original" in tip and "dup-07ec8700f107a6fe" in tip, tip
    w.close()
