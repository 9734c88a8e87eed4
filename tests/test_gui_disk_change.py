"""The curated file changed on disk while the editor had unsaved edits: told once above the text (no dialog),
reload and merge, or save a copy (the banner's other verbs: tests/test_gui_external_rewrite.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core.jsonio import dump_curation
from curator.core.store import Corpus
from curator.gui.app import build_window
from curator.gui.main_window import MainWindow
from tests.gui_window import autosave_and_wait, save_and_wait

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"


def _window(qtbot, corpus: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = build_window(corpus, document=DOC, parse_in_background=False, use_settings=False)
    window.ws.set_autosave(False)
    window.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
    qtbot.addWidget(window)
    return window


def _told(w: MainWindow) -> int:
    """How many times the window said a save was refused (above the text, never in a dialog)."""
    return len([t for t, _ in w.problems_shown if t == "Not saved"])


VERBS = ["Merge theirs into mine and save", "Keep mine (theirs kept as a backup)", "Reload theirs (mine kept aside)",
         "Save a copy…"]


def _verbs(w: MainWindow) -> list[str]:
    return [b.text().replace("&", "") for b in w.banner.extra]


def _relabel(w: MainWindow, index: int, label: str) -> str:
    seg = w.ws.current.curation.segments[index]
    w.selection.set(seg.id)
    w.edit_actions.label_actions[label].trigger()
    return seg.id


def _change_on_disk(corpus: Path, index: int, label: str) -> None:
    """Another editor (or a git pull) relabels segment ``index`` in the curated file."""
    path = corpus / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][index]["label"] = label
    data["segments"][index]["origin"] = "editor"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def test_a_refused_save_is_told_once_per_change_with_its_verbs(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    _relabel(w, 2, "question")
    _change_on_disk(seeds_copy, 5, "answer")
    assert not save_and_wait(w)
    assert _told(w) == 1
    assert _verbs(w) == VERBS and not w.banner.isHidden()
    # Autosave every 30 s and on switching: the same change on disk is not told again.
    w.ws.set_autosave(True)
    autosave_and_wait(w)
    assert not save_and_wait(w)
    assert _told(w) == 1
    # The file changes again: that is news, told once more (the same banner, updated).
    _change_on_disk(seeds_copy, 6, "answer")
    assert not save_and_wait(w)
    assert _told(w) == 2 and "2 times" in w.banner.text()


def test_reload_merges_the_editors_unsaved_edits_into_the_file_on_disk(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    mine = _relabel(w, 2, "question")
    mine_version = dump_curation(w.ws.current.curation)
    _change_on_disk(seeds_copy, 5, "answer")
    theirs = w.ws.current.curation.segments[5].id
    assert not save_and_wait(w)  # refused, told
    assert w.reload_document()
    cur = w.ws.current.curation
    assert cur.segment(mine).label == "question"  # my unsaved edit
    assert cur.segment(theirs).label == "answer"  # the file's change
    assert w.ws.current.modified and not w.ws.current.conflict
    assert w.banner.extra == []
    # One undo step returns to my version; redo brings the merge back; then the save goes through.
    w.undo_action.trigger()
    assert dump_curation(w.ws.current.curation) == mine_version
    w.redo_action.trigger()
    assert save_and_wait(w)
    saved = Corpus(seeds_copy).load(DOC).curation
    assert saved.segment(mine).label == "question" and saved.segment(theirs).label == "answer"


def test_reload_lists_conflicts_and_keeps_the_editors_version_there(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    mine = _relabel(w, 2, "question")
    _change_on_disk(seeds_copy, 2, "answer")
    assert not save_and_wait(w)
    assert w.reload_document()
    assert w.ws.current.curation.segment(mine).label == "question"
    title, text = w.problems_shown[-1]
    assert title == "Reloaded with conflicts" and "1 conflict" in text and "question" in text and "answer" in text
    assert "conflict" in w.banner.text()


def test_reload_without_unsaved_edits_shows_the_file_and_stays_clean(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    _change_on_disk(seeds_copy, 5, "answer")
    assert w.reload_document()
    assert w.ws.current.curation.segments[5].label == "answer"
    assert not w.ws.current.modified


def test_save_a_copy_writes_the_editors_version_elsewhere(qtbot, seeds_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    _relabel(w, 2, "question")
    _change_on_disk(seeds_copy, 5, "answer")
    on_disk = (seeds_copy / "curated" / f"{DOC}.json").read_text(encoding="utf-8")
    assert not save_and_wait(w)
    copy = tmp_path / "mine.json"
    assert w.save_copy(path=copy)
    assert copy.read_text(encoding="utf-8") == dump_curation(w.ws.current.curation)
    assert (seeds_copy / "curated" / f"{DOC}.json").read_text(encoding="utf-8") == on_disk  # never overwritten
    assert not w.save_copy(path=seeds_copy / "curated" / f"{DOC}.json")  # not over the file itself


def test_a_file_changed_between_the_load_and_the_first_edit_is_neither_overwritten_nor_the_edits_base(
        qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Another program rewrites the curated file after the load, before the first edit: the save refuses and
    tells it above the text (merge / keep mine / reload theirs / save a copy), and the crash journal keeps the edit over what was loaded, not
    over the other program's file (a kill now offers the edit, and the merge sees both changes)."""
    from curator.core.journal import RunJournal

    w = _window(qtbot, seeds_copy)
    loaded = w.ws.current.curation
    _change_on_disk(seeds_copy, 5, "answer")
    theirs = (seeds_copy / "curated" / f"{DOC}.json").read_bytes()
    sid = _relabel(w, 2, "question")
    assert w.ws.writer.flush()
    live = w.ws.writer.journal
    reader = RunJournal(seeds_copy / ".curator" / "journal", run_id="after-a-kill")
    entry = reader._read(live.path_for(DOC), DOC, live.run_id, aside=False)  # as the next start reads it
    assert entry.base == loaded
    assert next(s for s in entry.curation.segments if s.id == sid).label == "question"
    assert not save_and_wait(w)
    assert _told(w) == 1
    assert (seeds_copy / "curated" / f"{DOC}.json").read_bytes() == theirs  # their change is not overwritten
    assert _verbs(w) == VERBS
