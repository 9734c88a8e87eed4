"""Issue 11 in the window: per-run journal, a second window told, edits journaled off the UI thread, start report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curator.core.edit import SetLabel
from curator.core.journal import RunJournal
from curator.core.store import Corpus
from curator.gui.app import build_window
from curator.gui.workspace import JOURNAL_DELAY_MS, Workspace

pytestmark = [pytest.mark.gui, pytest.mark.reliability]

DOC = "003_fec15abcf43ad61a"


def _edit(ws: Workspace, index: int, label: str) -> None:
    doc = ws.open(DOC)
    seg = doc.curation.segments[index]
    assert ws.push(SetLabel([seg.id], label if seg.label != label else "lead"), doc=doc)


def _crash(ws: Workspace) -> None:
    """What a kill -9 leaves: the process's locks are gone, every file stays as it is."""
    ws.writer.flush()
    ws.journal._run_lock.release()  # type: ignore[union-attr]
    if ws.window_lock._lock is not None:
        ws.window_lock._lock.release()


def test_an_edit_reaches_the_journal_without_a_flush(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(Corpus(seeds_copy))
    assert JOURNAL_DELAY_MS <= 100
    _edit(ws, 2, "answer")
    qtbot.waitUntil(lambda: ws.journal.path_for(DOC).exists(), timeout=2000)
    assert ws.writer._thread.is_alive()  # written by the writer thread, not the UI thread


def test_two_windows_keep_their_own_entries_and_a_save_deletes_only_its_own(
        qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    one, two = Workspace(Corpus(seeds_copy)), Workspace(Corpus(seeds_copy))
    assert one.other_window is None and two.other_window and "pid" in two.other_window
    _edit(one, 2, "answer")
    _edit(two, 3, "heading")
    one.flush_journal(), two.flush_journal()
    assert one.save(one.docs[DOC])
    assert two.journal.path_for(DOC).exists()
    _crash(two)
    after = Workspace(Corpus(seeds_copy))
    (entry,) = after.recoverable()
    assert entry.run == two.journal.run_id


def test_later_then_edit_and_save_keeps_the_crashed_entry(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    first = Workspace(Corpus(seeds_copy))
    _edit(first, 2, "answer")
    first.flush_journal()
    _crash(first)
    second = Workspace(Corpus(seeds_copy))
    assert len(second.recoverable()) == 1  # "Later"
    _edit(second, 3, "heading")
    second.flush_journal()
    assert second.save(second.docs[DOC])
    second.shutdown()
    third = Workspace(Corpus(seeds_copy))
    (entry,) = third.recoverable()
    assert entry.run == first.journal.run_id


def test_a_damaged_entry_does_not_stop_the_window_and_is_kept(qtbot, seeds_copy: Path,
                                                              monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = seeds_copy / ".curator" / "journal"
    folder.mkdir(parents=True)
    damaged = b"[" * 100_000
    (folder / f"{DOC}.journal.json").write_bytes(damaged)
    w = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    monkeypatch.setattr(w, "ask_unsaved", lambda names: "discard")
    (entry,) = w.ws.recoverable()
    assert entry.problem and "nested too deeply" in entry.problem
    _edit(w.ws, 2, "answer")
    w.ws.flush_journal()
    assert (folder / "damaged" / f"{DOC}.journal.json").read_bytes() == damaged


def test_the_start_names_a_second_window_and_left_out_files(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    os.symlink("nowhere.txt", seeds_copy / "dangling.txt")
    first = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(first)
    second = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(second)
    second.report_start()
    titles = [t for t, _ in second.problems_shown]
    assert "Another window has this corpus open" in titles
    listed = dict(second.problems_shown)["Some files are not in the document list"]
    assert "dangling.txt: a dangling symlink" in listed


def test_closing_the_window_frees_the_corpus_and_ends_the_run(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    run = w.ws.journal.run_id
    assert w.close()
    again = Workspace(Corpus(seeds_copy))
    assert again.other_window is None and again.stale_window is None
    assert RunJournal(seeds_copy / ".curator" / "journal").entries() == []
    assert not (seeds_copy / ".curator" / "journal" / "runs" / f"{run}.lock").exists()


def test_a_temp_file_left_by_a_killed_save_is_cleaned_at_the_next_start(
        qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    stale = seeds_copy / "curated" / f".{DOC}.json.abcd1234.tmp"
    stale.write_text("{half a file", encoding="utf-8")
    ws = Workspace(Corpus(seeds_copy))
    assert not stale.exists()
    assert any("temp file of an interrupted save" in p for p in ws.scan_problems)


def test_the_background_parse_names_unreadable_sources(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from curator.gui.jobs import ParseCorpusJob

    (seeds_copy / "binary.txt").write_bytes(bytes(range(256)) * 64)
    job = ParseCorpusJob(seeds_copy, ["binary"])
    got: list[object] = []
    job.signals.sig_result.connect(got.append)
    job.work()
    items = [item for batch in got for item in batch]  # type: ignore[attr-defined]  # results come in batches
    assert len(items) == 1 and items[0][0] == "binary" and "binary file" in items[0][1]


def test_save_a_copy_never_lands_in_a_corpus_state(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(Corpus(seeds_copy))
    doc = ws.open(DOC)
    other = seeds_copy / "curated" / "000_52543f1512a84840.json"
    before = other.read_bytes()
    for target in (other, seeds_copy / ".curator" / "copy.json"):
        with pytest.raises(OSError, match="a corpus's own state"):
            ws.save_copy(doc, target)
    assert other.read_bytes() == before
    ws.save_copy(doc, seeds_copy.parent / "copy.json")
    assert (seeds_copy.parent / "copy.json").exists()


def test_temp_files_a_killed_save_left_beside_a_symlinked_curated_files_target_are_cleaned_at_the_next_start(
        qtbot, seeds_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A curated file kept elsewhere through a symlink is saved in its target's folder (red team F6): a save killed
    there leaves its temp file there, where the start's cleaning did not look. Only our own temp names of the linked
    file go, and only an hour old (another corpus may share the folder and be saving now); nothing else is touched."""
    shared = tmp_path / "shared"
    shared.mkdir()
    link = seeds_copy / "curated" / f"{DOC}.json"
    target = shared / f"{DOC}.json"
    target.write_bytes(link.read_bytes())
    link.unlink()
    link.symlink_to(target)
    stale = shared / f".{DOC}.json.abcd1234.tmp"
    fresh = shared / f".{DOC}.json.efgh5678.tmp"  # another window's save, under way
    others = [shared / ".someone-else.json.abcd1234.tmp", shared / f".{DOC}.json.abcd1234.tmp.keep",
              shared / "notes.txt", shared / f"{DOC}.json.abcd1234.tmp"]
    for path in [stale, fresh, *others]:
        path.write_text("{half a file", encoding="utf-8")
    for path in [stale, *others]:
        os.utime(path, (1, 1))
    ws = Workspace(Corpus(seeds_copy))
    assert not stale.exists()
    assert fresh.exists() and all(p.exists() for p in others) and target.exists() and link.is_symlink()
    assert any(str(stale) in p and "temp file of an interrupted save" in p for p in ws.scan_problems)
