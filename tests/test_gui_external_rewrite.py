"""Red team C1: another program rewrites the curated file every few seconds while the editor works.

A modal "Not saved" came with every save (15 in 30 s): nothing was lost, but nobody could work. Now no
autosave, journal or refused save opens a dialog: one banner above the text (updated, never stacked)
offers Merge theirs into mine and save / Keep mine / Reload theirs, each reachable from the keyboard,
and every edit (theirs and mine) survives each path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from curator.core.jsonio import dump_curation
from curator.core.store import Corpus
from curator.gui.main_window import MainWindow
from tests.gui_window import press, quiet_window, autosave_and_wait, save_and_wait

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"
MERGE, KEEP, THEIRS = "Merge theirs into mine and save", "Keep mine (theirs kept as a backup)", "Reload theirs (mine kept aside)"


def _path(corpus: Path) -> Path:
    return corpus / "curated" / f"{DOC}.json"


def _rewrite(corpus: Path, index: int, label: str) -> bytes:
    """The other program relabels segment ``index`` and writes the file whole; returns its bytes."""
    data = json.loads(_path(corpus).read_text(encoding="utf-8"))
    data["segments"][index]["label"] = label
    data["segments"][index]["origin"] = "editor"
    raw = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    _path(corpus).write_bytes(raw)
    return raw


def _relabel(w: MainWindow, index: int, label: str) -> str:
    seg = w.ws.current.curation.segments[index]
    w.selection.set(seg.id)
    w.edit_actions.label_actions[label].trigger()
    return seg.id


@pytest.fixture
def modal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every modal dialog the window opens (closed at once, as if Esc were pressed)."""
    opened: list[str] = []

    def record(dialog: QDialog) -> int:
        opened.append(dialog.windowTitle())
        return 0

    import curator.gui.main_window as main_window
    import curator.gui.widgets as widgets

    monkeypatch.setattr(main_window, "run_modal", record)
    monkeypatch.setattr(widgets, "run_modal", record)
    return opened


def _shown(qtbot, corpus: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, corpus, DOC, active=True)
    w.ws.set_autosave(True)
    return w


def _buttons(w: MainWindow) -> list[str]:
    return [b.text().replace("&", "") for b in w.banner.extra]


def test_a_file_rewritten_under_every_autosave_opens_no_dialog_and_one_banner(qtbot, seeds_copy: Path, modal: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = _shown(qtbot, seeds_copy)
    mine = _relabel(w, 2, "question")
    first = None
    for n in range(6):
        theirs = _rewrite(seeds_copy, 5 + n % 3, "answer" if n % 2 else "heading")
        autosave_and_wait(w)
        assert not save_and_wait(w)  # Ctrl+S too: refused, said in the banner
        qtbot.wait(5)
        assert modal == []
        assert _path(seeds_copy).read_bytes() == theirs  # never overwritten
        assert not w.banner.isHidden()
        assert _buttons(w) == [MERGE, KEEP, THEIRS, "Save a copy…"]
        if first is None:
            first = list(w.banner.extra)
        assert w.banner.extra == first  # the same buttons, updated: the keyboard stays where it was
        assert w.banner.text().count("changed on disk") == 1
    assert "6 times" in w.banner.text()
    assert w.ws.current.curation.segment(mine).label == "question"
    assert w.ws.current.modified


def test_merge_theirs_into_mine_and_save_keeps_both_in_one_undo_step(qtbot, seeds_copy: Path, modal: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = _shown(qtbot, seeds_copy)
    mine = _relabel(w, 2, "question")
    mine_version = dump_curation(w.ws.current.curation)
    theirs_id = w.ws.current.curation.segments[5].id
    _rewrite(seeds_copy, 5, "answer")
    autosave_and_wait(w)
    w.banner.extra[_buttons(w).index(MERGE)].click()
    saved = Corpus(seeds_copy).load(DOC).curation  # type: ignore[union-attr]
    assert saved.segment(mine).label == "question" and saved.segment(theirs_id).label == "answer"
    assert not w.ws.current.modified and not w.ws.current.conflict
    assert modal == [] and w.banner.extra == []
    w.undo_action.trigger()  # one step back: my version before the merge, unsaved
    assert dump_curation(w.ws.current.curation) == mine_version and w.ws.current.modified


def test_merge_lists_the_conflicts_and_keeps_mine_there(qtbot, seeds_copy: Path, modal: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = _shown(qtbot, seeds_copy)
    mine = _relabel(w, 2, "question")
    _rewrite(seeds_copy, 2, "answer")
    _rewrite(seeds_copy, 6, "heading")
    autosave_and_wait(w)
    w.banner.extra[_buttons(w).index(MERGE)].click()
    saved = Corpus(seeds_copy).load(DOC).curation  # type: ignore[union-attr]
    assert saved.segment(mine).label == "question" and saved.segments[6].label == "heading"
    assert "1 conflict" in w.banner.text() and "answer" in w.banner.text()
    assert modal == []


def test_merge_and_save_goes_through_when_the_file_is_rewritten_again_meanwhile(qtbot, seeds_copy: Path, monkeypatch: pytest.MonkeyPatch, modal: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = _shown(qtbot, seeds_copy)
    mine = _relabel(w, 2, "question")
    _rewrite(seeds_copy, 5, "answer")
    autosave_and_wait(w)
    real = w.ws.corpus.save
    raced = []

    def save(curation, **kw):  # type: ignore[no-untyped-def]
        if not raced:  # the other program writes again between the merge and its save
            raced.append(_rewrite(seeds_copy, 7, "heading"))
        return real(curation, **kw)

    monkeypatch.setattr(w.ws.corpus, "save", save)
    w.banner.extra[_buttons(w).index(MERGE)].click()
    saved = Corpus(seeds_copy).load(DOC).curation  # type: ignore[union-attr]
    assert raced and saved.segment(mine).label == "question"
    assert saved.segments[5].label == "answer" and saved.segments[7].label == "heading"
    assert not w.ws.current.modified
    assert w.ws.current.stack.count() == 2 and modal == []  # my edit, one merge step


def test_keep_mine_overwrites_and_keeps_their_file_as_a_backup(qtbot, seeds_copy: Path, modal: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = _shown(qtbot, seeds_copy)
    _relabel(w, 2, "question")
    mine_version = dump_curation(w.ws.current.curation)
    theirs = _rewrite(seeds_copy, 5, "answer")
    autosave_and_wait(w)
    w.banner.extra[_buttons(w).index(KEEP)].click()
    assert _path(seeds_copy).read_text(encoding="utf-8") == mine_version
    backups = list((seeds_copy / ".curator" / "overwritten").rglob("*.json"))
    assert [b.read_bytes() for b in backups] == [theirs]
    assert str(backups[0].name) in w.statusBar().currentMessage() or backups[0].name in w.banner.text()
    assert not w.ws.current.modified and modal == []


def test_reload_theirs_keeps_my_unsaved_version_aside_and_one_undo_away(qtbot, seeds_copy: Path, modal: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = _shown(qtbot, seeds_copy)
    mine = _relabel(w, 2, "question")
    mine_version = dump_curation(w.ws.current.curation)
    theirs = _rewrite(seeds_copy, 5, "answer")
    autosave_and_wait(w)
    w.banner.extra[_buttons(w).index(THEIRS)].click()
    assert _path(seeds_copy).read_bytes() == theirs  # theirs untouched
    assert w.ws.current.curation.segments[5].label == "answer"
    assert w.ws.current.curation.segment(mine).label != "question" and not w.ws.current.modified
    kept = list((seeds_copy / ".curator" / "unsaved").rglob("*.json"))
    assert [k.read_text(encoding="utf-8") for k in kept] == [mine_version]
    assert kept[0].name in w.banner.text()
    w.undo_action.trigger()
    assert dump_curation(w.ws.current.curation) == mine_version and w.ws.current.modified
    assert modal == []


def test_the_banner_verbs_are_reached_from_the_keyboard(qtbot, seeds_copy: Path, modal: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = _shown(qtbot, seeds_copy)
    mine = _relabel(w, 2, "question")
    theirs_id = w.ws.current.curation.segments[5].id
    _rewrite(seeds_copy, 5, "answer")
    autosave_and_wait(w)
    qtbot.wait(5)
    press(qtbot, "Alt+M")  # Merge theirs into mine and save
    qtbot.waitUntil(lambda: not w.ws.current.modified)
    saved = Corpus(seeds_copy).load(DOC).curation  # type: ignore[union-attr]
    assert saved.segment(mine).label == "question" and saved.segment(theirs_id).label == "answer"
    assert QApplication.activeModalWidget() is None and modal == []


def test_a_disk_full_or_a_journal_failure_under_autosave_opens_no_dialog(qtbot, seeds_copy: Path, modal: list[str], monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    from curator.core import journal as journal_module
    from curator.core import store as store_module

    def full(path: Path, data: bytes, **kw: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    w = _shown(qtbot, seeds_copy)
    monkeypatch.setattr(store_module, "atomic_write_bytes", full)
    monkeypatch.setattr(journal_module, "atomic_write_bytes", full)
    monkeypatch.setattr(journal_module, "append_bytes", full)
    _relabel(w, 2, "question")
    w.ws.flush_journal()
    autosave_and_wait(w)
    qtbot.wait(20)
    assert modal == []
    assert "No space left on device" in w.banner.text()
    assert w.ws.current.modified
