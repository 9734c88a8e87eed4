"""A Document whose name is long but legal (240-250 bytes: its ``<id>.json`` fits) gets the window's own files too:
its journal entry (``<quoted id>@<run>.journal.json``, ``.journal.log``, ``.base.json``), the copy Keep mine keeps
in ``.curator/overwritten/`` and the version Reload theirs keeps in ``.curator/unsaved/``. Their names were the id
and 15-60 bytes more (three times the id's bytes in a journal name, quoted), over the file system's 255: the
journal failed, and Keep mine and Reload theirs refused. Such a name is now cut, with a stable hash of the whole
name before its tail (``core.filenames.fit_name``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from curator.core.edit import SetLabel
from curator.core.filenames import NAME_MAX, fit_name
from curator.core.journal import RunJournal
from curator.core.store import Corpus
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui


def _names(folder: Path) -> list[str]:
    return [name for _, dirs, files in os.walk(folder) for name in dirs + files]


def _relabel(ws, doc) -> None:  # type: ignore[no-untyped-def]
    seg = doc.curation.segments[0]
    assert ws.push(SetLabel([seg.id], "lead" if seg.label != "lead" else "paragraph"), doc=doc)


def _written_on_disk(corpus: Path, doc_id: str) -> None:
    """Another program changes the curated file (a label of its last segment)."""
    store = Corpus(corpus)
    loaded = store.load(doc_id)
    assert loaded is not None
    cur = loaded.curation
    last = cur.segments[-1]
    changed = cur.model_copy(update={"segments": [*cur.segments[:-1], last.model_copy(
        update={"label": "heading" if last.label != "heading" else "paragraph"})]})
    store.save(changed, expected_stamp=loaded.stamp)


@pytest.mark.parametrize("doc_id", ["n" * 240, "n" * 250, "д" * 120, "dir/" + "é" * 125])
def test_the_files_the_window_makes_for_a_long_named_document_fit_the_name_limit(
        qtbot, seeds_copy: Path, tmp_path: Path, doc_id: str) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "long"
    (corpus / doc_id).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(seeds_copy / "001_a97ccaad3a27ba85.txt", corpus / f"{doc_id}.txt")
    w = quiet_window(qtbot, corpus, doc_id)
    ws, doc = w.ws, w.ws.current
    assert doc is not None and "too long" not in w.banner.text()
    _relabel(ws, doc)
    assert ws.flush_journal() and ws.journal.own_entries()  # journaled
    ws.save(doc)
    _written_on_disk(corpus, doc_id)
    _relabel(ws, doc)
    backup = ws.keep_mine(doc)  # Keep mine: the file as it was, kept
    assert backup is not None and backup.is_file() and "overwritten" in backup.parts
    _written_on_disk(corpus, doc_id)
    _relabel(ws, doc)
    kept = ws.reload_theirs(doc)  # Reload theirs: the unsaved version, kept
    assert kept is not None and kept.is_file() and "unsaved" in kept.parts
    _relabel(ws, doc)
    assert ws.flush_journal()
    assert all(len(os.fsencode(name)) <= NAME_MAX for name in _names(corpus / ".curator")), _names(corpus / ".curator")
    # A crashed run's entry is offered back under the Document's own id.
    ws.journal.close()
    entries = RunJournal(corpus / ".curator" / "journal").entries()
    assert [(e.doc_id, e.problem) for e in entries] == [(doc_id, None)]
    assert entries[0].curation == doc.curation


def test_a_name_is_cut_only_when_it_must_be_and_always_the_same_way() -> None:
    assert fit_name("short", ".json") == "short.json"
    long = "ж" * 127  # 254 bytes
    cut = fit_name(long, ".20260101-120000.json")
    assert len(cut.encode()) <= NAME_MAX and cut.endswith(".20260101-120000.json") and cut.startswith("ж" * 50)
    assert cut == fit_name(long, ".20260101-120000.json")  # stable
    assert cut != fit_name(long[:-1] + "x", ".20260101-120000.json")  # two ids cut alike stay apart
    assert len(fit_name(long, ".json", room=6).encode()) <= NAME_MAX - 6


def test_a_damaged_file_with_a_long_name_is_moved_aside(tmp_path: Path) -> None:
    from curator.core.jsonio import move_aside

    path = tmp_path / f"{'n' * 245}.json"
    path.write_text("{half", encoding="utf-8")
    aside = move_aside(path)
    assert aside is not None and aside.read_text(encoding="utf-8") == "{half" and not path.exists()
    assert len(os.fsencode(aside.name)) <= NAME_MAX and ".damaged-" in aside.name
