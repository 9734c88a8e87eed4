"""The curated file deleted or damaged by another program while the window holds unsaved edits (red team F11):
the editor can always put their version back into the corpus from the window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from curator.core.store import Corpus
from curator.gui.main_window import MainWindow
from tests.gui_window import quiet_window, save_and_wait

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"


def _window(qtbot, corpus: Path, *, replace: list[bool] | None = None) -> tuple[MainWindow, list[str]]:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, corpus, DOC)
    asked: list[str] = []
    if replace is not None:
        def ask(doc, why):  # type: ignore[no-untyped-def]
            asked.append(why)
            return replace.pop(0) if replace else False

        w.ask_replace_damaged = ask  # type: ignore[method-assign]
    return w, asked


def _relabel(w: MainWindow, index: int, label: str) -> str:
    seg = w.ws.current.curation.segments[index]
    w.selection.set(seg.id)
    w.edit_actions.label_actions[label].trigger()
    return seg.id


def _path(corpus: Path) -> Path:
    return corpus / "curated" / f"{DOC}.json"


def _damage(corpus: Path, how: str) -> bytes:
    path = _path(corpus)
    if how == "not json":
        path.write_bytes(b"{not json")
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[: 200])
    elif how == "emptied":
        path.write_bytes(b"")
    elif how == "other sha256":
        data = json.loads(path.read_text(encoding="utf-8"))
        data["document"]["sha256"] = "0" * 64
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path.read_bytes()


def test_a_deleted_file_is_recreated_by_the_next_save_after_reload(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w, _ = _window(qtbot, seeds_copy)
    sid = _relabel(w, 2, "question")
    _path(seeds_copy).unlink()
    assert not save_and_wait(w)  # refused: the file went, nothing is recreated silently
    assert not _path(seeds_copy).exists()
    assert w.reload_document()  # "save your edits to recreate it": and now a save does
    assert w.ws.current.curation.segment(sid).label == "question" and w.ws.current.modified
    assert "Ctrl+S" in w.statusBar().currentMessage()
    assert save_and_wait(w)
    assert Corpus(seeds_copy).load(DOC).curation.segment(sid).label == "question"
    assert not w.ws.current.modified and not w.ws.current.conflict


def test_a_deleted_file_is_not_recreated_over_one_written_meanwhile(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w, _ = _window(qtbot, seeds_copy)
    _relabel(w, 2, "question")
    original = _path(seeds_copy).read_bytes()
    _path(seeds_copy).unlink()
    assert not save_and_wait(w)
    assert w.reload_document()
    _path(seeds_copy).write_bytes(original)  # another program put a file back meanwhile
    assert not save_and_wait(w)
    assert _path(seeds_copy).read_bytes() == original


@pytest.mark.parametrize("how", ["not json", "truncated", "emptied", "other sha256"])
def test_a_damaged_file_is_replaced_by_the_editors_version_and_kept_aside(qtbot, seeds_copy: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    w, asked = _window(qtbot, seeds_copy, replace=[True])
    sid = _relabel(w, 2, "question")
    damaged = _damage(seeds_copy, how)
    assert not save_and_wait(w)
    assert _path(seeds_copy).read_bytes() == damaged  # never overwritten without asking
    assert w.reload_document()
    assert len(asked) == 1
    saved = Corpus(seeds_copy).load(DOC).curation
    assert saved.segment(sid).label == "question"
    assert saved == w.ws.current.curation and not w.ws.current.modified
    aside = sorted(_path(seeds_copy).parent.glob(f"{DOC}.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # the loader's name for a damaged file
    assert aside[0].name in w.statusBar().currentMessage()
    # The replace is a save: the edits are still one undo away, and the journal holds nothing unsaved.
    w.undo_action.trigger()
    assert w.ws.current.curation.segment(sid).label != "question" and w.ws.current.modified
    w.redo_action.trigger()
    assert not w.ws.current.modified


def test_a_damaged_file_is_left_as_it_is_when_the_editor_says_no(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w, asked = _window(qtbot, seeds_copy, replace=[False])
    sid = _relabel(w, 2, "question")
    damaged = _damage(seeds_copy, "not json")
    assert not save_and_wait(w)
    assert not w.reload_document()
    assert asked and _path(seeds_copy).read_bytes() == damaged
    assert not list(_path(seeds_copy).parent.glob(f"{DOC}.json.damaged-*"))
    assert w.ws.current.curation.segment(sid).label == "question" and w.ws.current.modified


def test_a_damaged_file_fixed_meanwhile_is_not_replaced(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Between the question and the answer another program writes a good file: it is not replaced."""
    w = quiet_window(qtbot, seeds_copy, DOC)
    original = _path(seeds_copy).read_bytes()
    _relabel(w, 2, "question")
    _damage(seeds_copy, "not json")

    def ask(doc, why):  # type: ignore[no-untyped-def]
        _path(seeds_copy).write_bytes(original)
        return True

    w.ask_replace_damaged = ask  # type: ignore[method-assign]
    assert not w.reload_document()
    assert _path(seeds_copy).read_bytes() == original
    assert w.ws.current.modified


def test_the_replace_confirmation_is_answered_from_the_keyboard(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    sid = _relabel(w, 2, "question")
    _damage(seeds_copy, "not json")
    assert not save_and_wait(w)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        box.activateWindow()  # as a window manager does (offscreen, the main window stays active)
        qtbot.waitUntil(box.isActiveWindow)
        qtbot.keyClick(box, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Replace…

    QTimer.singleShot(0, answer)
    assert w.reload_document()
    assert seen and "not valid JSON" in seen[0]
    assert Corpus(seeds_copy).load(DOC).curation.segment(sid).label == "question"


def test_the_banner_of_a_deleted_file_offers_to_recreate_it(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w, _ = _window(qtbot, seeds_copy)
    sid = _relabel(w, 2, "question")
    _path(seeds_copy).unlink()
    assert not save_and_wait(w)
    buttons = {b.text().replace("&", ""): b for b in w.banner.extra}
    assert list(buttons) == ["Recreate it with my version", "Save a copy…"]
    buttons["Recreate it with my version"].click()
    assert Corpus(seeds_copy).load(DOC).curation.segment(sid).label == "question"
    assert w.banner.extra == []
