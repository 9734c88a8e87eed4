"""Text from files is never markup: ids, titles, names and messages show literally; long ones are cut short."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from curator.gui.app import build_window
from curator.gui.main_window import MainWindow
from curator.gui.panes.segments_model import SEGMENT_ID_ROLE
from curator.gui.widgets import message_box, plain_tip

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"
EVIL_ID = "<img src='/tmp/x.png'><h1>s1</h1>"
EVIL_NAME = "<b>Bold</b> & <i>co</i>"
from tests.gui_window import quiet_window


def _evil_corpus(corpus: Path) -> None:
    """A curated file whose segment id, speaker name and article title look like HTML."""
    path = corpus / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    used = {d["segment"] for d in data["duplicates"]} | {d["of"]["segment"] for d in data["duplicates"] if d.get("of")}
    seg = next(s for s in data["segments"] if s["id"] not in used and s.get("article"))
    seg["id"] = EVIL_ID
    data["speakers"].append({"id": "evil", "name": EVIL_NAME, "role": None})
    seg["speaker"] = "evil"
    next(a for a in data["articles"] if a["id"] == seg["article"])["title"] = "<h1>Fake heading</h1>"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _window(qtbot, corpus: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return quiet_window(qtbot, corpus, DOC)


def test_ids_names_and_titles_in_labels_are_plain_text(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _evil_corpus(seeds_copy)
    w = _window(qtbot, seeds_copy)
    w.selection.set(EVIL_ID)
    w.ws.current.warnings.append("<h1>Fake</h1> warning from a file")
    w._show_banner(w.ws.current)
    shown = [lab for lab in w.findChildren(QLabel) if "<" in lab.text()]
    assert any(EVIL_ID in lab.text() for lab in shown)  # the id shows, literally
    assert any("<h1>Fake</h1>" in lab.text() for lab in shown)
    for label in shown:  # no label guesses (AutoText); our own markup is declared rich
        assert label.textFormat() != Qt.TextFormat.AutoText, label.text()
        if EVIL_ID in label.text() or "Fake" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    idx = w.segments_pane.model.index_of(EVIL_ID)
    assert idx.data(SEGMENT_ID_ROLE) == EVIL_ID
    tip = idx.data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip  # escaped: the tooltip shows the characters


def test_problem_dialogs_are_plain_and_long_ones_are_cut_short(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = message_box(None, QMessageBox.Icon.Warning, "Problem", "<h1>Fake heading</h1> in a file")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == "<h1>Fake heading</h1> in a file"
    long = "\n".join(f"line {i}: /some/path/file-{i}.json: a problem with it" for i in range(40))
    box = message_box(None, QMessageBox.Icon.Warning, "Problem", long)
    qtbot.addWidget(box)
    assert len(box.text()) < 320 and box.text().endswith("…")
    assert box.detailedText() == long  # the whole text one click away ("Show Details…")


def test_a_long_banner_is_cut_short_with_details_one_click_away(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    long = "\n".join(f"warning {i}: something about the source text" for i in range(30))
    w.ws.current.warnings[:] = [long]
    w._show_banner(w.ws.current)
    assert w.banner.label.text() != long and w.banner.label.text().endswith("…")
    assert not w.banner.details.isHidden()
    assert w.banner.text() == long


def test_plain_tip_leaves_ordinary_text_alone() -> None:
    assert plain_tip("s1 [0, 10) · parser") == "s1 [0, 10) · parser"
    assert "&lt;b&gt;" in plain_tip("<b>x</b>")


def test_a_copy_from_a_page_without_line_breaks_is_the_source_text(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The view shows some spaces of a very long line as breaks; Ctrl+C copies the source's text."""
    from PySide6.QtGui import QTextCursor

    from curator.gui.app import build_window

    text = "A title\n" + "One sentence of the page 🚀 goes on. " * 3000
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    w = build_window(tmp_path, document="page", parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    assert w.view.document().blockCount() > 20  # not one block of 100k characters
    cursor = w.view.textCursor()
    cursor.setPosition(w.ws.current.offsets.to_qt(10))
    cursor.setPosition(w.ws.current.offsets.to_qt(90_000), QTextCursor.MoveMode.KeepAnchor)
    w.view.setTextCursor(cursor)
    assert w.view.createMimeDataFromSelection().text() == text[10:90_000]
