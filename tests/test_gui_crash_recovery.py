"""Edits a crashed window journaled, restored in the next window: nothing of the editor's nor of the file's lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core.model import Curation
from curator.core.store import Corpus
from curator.gui.app import build_window
from curator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"


def _crashed_window(qtbot, corpus: Path, index: int, label: str) -> Curation:  # type: ignore[no-untyped-def]
    """A window that relabels a segment, journals it and dies (as after kill -9: its locks go with its
    process, nothing else is cleaned up); returns what it had."""
    w = _window(qtbot, corpus)
    seg = w.ws.current.curation.segments[index]
    w.selection.set(seg.id)
    w.edit_actions.label_actions[label].trigger()
    w.ws.flush_journal()
    w.ws.journal._run_lock.release()  # type: ignore[union-attr]
    w.ws.window_lock.release()
    w.ws.docs.clear()  # nothing to ask about or discard at teardown: the process is gone
    return w.ws.current.curation


def _change_on_disk(corpus: Path, index: int, label: str) -> None:
    path = corpus / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][index]["label"] = label
    data["segments"][index]["origin"] = "editor"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _window(qtbot, corpus: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = build_window(corpus, document=DOC, parse_in_background=False, use_settings=False)
    window.ws.set_autosave(False)
    window.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
    window.ask_conflict = lambda doc: "later"  # type: ignore[method-assign]
    qtbot.addWidget(window)
    return window


def test_restored_edits_over_a_file_changed_since_keep_the_files_changes_when_merged(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    mine = _crashed_window(qtbot, seeds_copy, 2, "question")
    _change_on_disk(seeds_copy, 5, "answer")  # another tool saves after the crash

    w = _window(qtbot, seeds_copy)
    w.ask_recovery = lambda entries: "restore"  # type: ignore[method-assign]
    w.offer_recovery()
    doc = w.ws.docs[DOC]
    assert doc.curation == mine
    assert not w.ws.save(doc)  # refused: the file is not the one the edits began from
    assert w.reload_document(doc)
    merged = doc.curation
    assert merged.segments[2].label == "question"  # the editor's restored edit
    assert merged.segments[5].label == "answer"  # the file's change, not reverted
    assert w.ws.save(doc)
    saved = Corpus(seeds_copy).load(DOC).curation
    assert saved.segments[2].label == "question" and saved.segments[5].label == "answer"
