"""Red team F4: after Reload and merge (or a clean reload), one Ctrl+Z and a save (or the 30 s autosave) wrote
the version before the reload over the file: the other writer's change was gone, no question asked. A step that
takes the file in now also puts back, when undone, what the Document stood on before: the next save is refused
(the banner offers its verbs) and the file keeps their change; redone, the Document stands on the file again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core.store import Corpus
from curator.gui.main_window import MainWindow
from tests.gui_window import quiet_window, autosave_and_wait, save_and_wait

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"


def _path(corpus: Path) -> Path:
    return corpus / "curated" / f"{DOC}.json"


def _theirs(corpus: Path, index: int, label: str) -> str:
    data = json.loads(_path(corpus).read_text(encoding="utf-8"))
    data["segments"][index]["label"], data["segments"][index]["origin"] = label, "editor"
    _path(corpus).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return data["segments"][index]["id"]


def _window(qtbot, corpus: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, corpus, DOC)
    w.ask_conflict = lambda doc: "later"  # type: ignore[method-assign]  # main's dialog, answered at once
    return w


def _relabel(w: MainWindow, index: int, label: str) -> str:
    seg = w.ws.current.curation.segments[index]
    w.selection.set(seg.id)
    w.edit_actions.label_actions[label].trigger()
    return seg.id


def _label_on_disk(corpus: Path, sid: str) -> str:
    return Corpus(corpus).load(DOC).curation.segment(sid).label  # type: ignore[union-attr]


def test_undo_after_reload_and_merge_then_save_keeps_the_files_change(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    mine = _relabel(w, 2, "question")
    theirs = _theirs(seeds_copy, 5, "salutation")
    assert not save_and_wait(w)
    assert w.reload_document()
    w.undo_action.trigger()  # back to my version before the reload
    assert not save_and_wait(w)  # refused: the file holds their change
    autosave_and_wait(w)
    assert _label_on_disk(seeds_copy, theirs) == "salutation"
    assert w.ws.current.conflict and not w.banner.isHidden()
    w.redo_action.trigger()  # the reload again: it stands on the file, the save goes through
    assert save_and_wait(w)
    assert _label_on_disk(seeds_copy, theirs) == "salutation" and _label_on_disk(seeds_copy, mine) == "question"


def test_undo_after_a_clean_reload_then_autosave_keeps_the_files_change(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    w.ws.set_autosave(True)
    theirs = _theirs(seeds_copy, 5, "salutation")
    assert w.reload_document()  # no unsaved edit: the file shown as it is, one undo step
    assert not w.ws.current.modified
    w.undo_action.trigger()
    autosave_and_wait(w)
    assert _label_on_disk(seeds_copy, theirs) == "salutation"
    assert w.ws.current.conflict


@pytest.mark.parametrize("verb", ["merge_theirs", "reload_theirs"])
def test_undo_after_the_banner_verbs_then_save_keeps_the_files_change(qtbot, seeds_copy: Path, verb: str) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    _relabel(w, 2, "question")
    theirs = _theirs(seeds_copy, 5, "salutation")
    assert not save_and_wait(w)
    assert getattr(w, verb)()
    w.undo_action.trigger()
    assert not save_and_wait(w)
    assert _label_on_disk(seeds_copy, theirs) == "salutation"
