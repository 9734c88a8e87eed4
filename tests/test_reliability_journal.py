"""Issue 11, item 2: journal entries belong to one window run; nothing deletes another run's edits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from curator.core.journal import JournalWriter, WindowLock
from curator.core.journal import RunJournal as Journal
from curator.core.parse import parse_text
from tests.conftest import REPO

pytestmark = pytest.mark.reliability


def _cur(label: str = "paragraph"):  # noqa: ANN202
    cur = parse_text("Title\n\nFirst paragraph 😀 here.\n\nSecond paragraph.", "doc")
    data = cur.model_dump()
    data["segments"][1]["label"] = label
    return type(cur).model_validate(data)


def _crashing_window(folder: Path, label: str) -> None:
    """A process that journals an edit and dies without cleaning up (os._exit, as after kill -9)."""
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from curator.core.journal import RunJournal as Journal\n"
        "from tests.test_reliability_journal import _cur\n"
        f"j = Journal(Path({str(folder)!r})); j.start(); j.record(_cur({label!r}), base_stamp='s')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=120)


def _labels(entries) -> set[str]:  # noqa: ANN001
    return {e.curation.segments[1].label for e in entries if e.curation is not None}


def test_two_crashed_windows_keep_both_edits(tmp_path: Path) -> None:
    _crashing_window(tmp_path, "heading")
    _crashing_window(tmp_path, "boilerplate")
    assert _labels(Journal(tmp_path).entries()) == {"heading", "boilerplate"}


def test_a_save_in_one_window_deletes_only_its_own_entry(tmp_path: Path) -> None:
    one, two = Journal(tmp_path), Journal(tmp_path)
    one.start(), two.start()
    one.record(_cur("heading"), base_stamp="s")
    two.record(_cur("boilerplate"), base_stamp="s")
    one.discard("doc")  # window 1 saved
    assert two.path_for("doc").exists()
    two._run_lock.release()  # window 2 crashes: its lock goes with its process  # type: ignore[union-attr]
    assert _labels(Journal(tmp_path).entries()) == {"boilerplate"}


def test_live_windows_entries_are_not_offered(tmp_path: Path) -> None:
    live = Journal(tmp_path)
    live.start()
    live.record(_cur("heading"), base_stamp="s")
    assert Journal(tmp_path).entries() == []


def test_later_then_edit_and_save_keeps_the_crashed_entry(tmp_path: Path) -> None:
    _crashing_window(tmp_path, "heading")
    restarted = Journal(tmp_path)
    restarted.start()
    assert _labels(restarted.entries()) == {"heading"}  # offered; the editor says "Later"
    restarted.record(_cur("boilerplate"), base_stamp="s")  # an edit of the same document
    restarted.discard("doc")  # ... then autosave
    restarted.close()
    assert _labels(Journal(tmp_path).entries()) == {"heading"}


def test_damaged_entry_is_moved_aside_never_overwritten(tmp_path: Path) -> None:
    damaged = b'{"journal_version": 2, "curation": {"trunc'
    legacy = tmp_path / "doc.journal.json"  # a version-1 name: no run id
    tmp_path.mkdir(exist_ok=True)
    legacy.write_bytes(damaged)
    journal = Journal(tmp_path)
    (entry,) = journal.entries()
    assert entry.problem and "moved aside" in entry.problem
    journal.record(_cur("heading"), base_stamp="s")
    kept = [p for p in tmp_path.rglob("*") if p.is_file() and p.read_bytes() == damaged]
    assert kept and kept[0].parent.name == "damaged"


@pytest.mark.parametrize("content", [b"[" * 100_000, b'{"journal_version": 2, "curation": ' + b"9" * 5000 + b"}"])
def test_hostile_entry_is_reported_not_raised(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "doc@20240101T000000-1-abcdef.journal.json").write_bytes(content)
    (entry,) = Journal(tmp_path).entries()
    assert entry.curation is None and entry.problem


def test_version_1_entries_are_still_offered(tmp_path: Path) -> None:
    cur = _cur("heading")
    (tmp_path / "doc.journal.json").write_text(json.dumps({
        "journal_version": 1, "document": "doc", "base_stamp": "s", "written_at": "x",
        "curation": cur.model_dump(mode="json")}), encoding="utf-8")
    (entry,) = Journal(tmp_path).entries()
    assert entry.curation == cur


def test_window_lock_tells_the_second_window_and_detects_stale_owners(tmp_path: Path) -> None:
    first = WindowLock(tmp_path)
    assert first.acquire().held
    second = WindowLock(tmp_path).acquire()
    assert not second.held and "pid" in (second.other or "")
    first.release()
    again = WindowLock(tmp_path)
    state = again.acquire()
    assert state.held and state.stale is None  # a clean close leaves nothing stale
    again._lock.release()  # the owner dies without releasing: its details remain  # type: ignore[union-attr]
    state = WindowLock(tmp_path).acquire()
    assert state.held and state.stale and "ended without closing" in state.stale


def test_writer_writes_in_the_background_and_discard_wins(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    writer = JournalWriter(journal)
    try:
        writer.submit(_cur("heading"), base_stamp="s")
        assert writer.flush()
        assert json.loads(journal.path_for("doc").read_text(encoding="utf-8"))["curation"]["segments"][1]["label"] \
            == "heading"
        for label in ("boilerplate", "heading", "boilerplate"):
            writer.submit(_cur(label), base_stamp="s")
        writer.discard("doc")
        assert writer.flush()
        assert not journal.path_for("doc").exists()
    finally:
        writer.close()


def test_discard_never_waits_for_a_write_in_progress(tmp_path: Path) -> None:
    """The UI thread calls discard when a save lands or an undo returns to the saved state; it
    used to wait for the writer's file write (20 ms of every such undo on a 1 MB page)."""
    import threading

    journal = Journal(tmp_path)
    writer = JournalWriter(journal)
    try:
        writer.submit(_cur("heading"), base_stamp="s")
        assert writer.flush() and journal.path_for("doc").exists()
        with writer._write_lock:  # a write in progress on the writer's thread
            caller = threading.Thread(target=writer.discard, args=("doc",))
            caller.start()
            caller.join(timeout=5)
            assert not caller.is_alive(), "discard waited for the write in progress"
        assert writer.flush()
        assert not journal.path_for("doc").exists()  # the entry still goes, after the write
        writer.submit(_cur("boilerplate"), base_stamp="s")  # a later edit: journaled again
        assert writer.flush() and journal.path_for("doc").exists()
    finally:
        writer.close()


def test_a_hostile_window_lock_file_is_taken_as_stale(tmp_path: Path) -> None:
    (tmp_path / "window.lock").write_bytes(b"[" * 100_000)
    state = WindowLock(tmp_path).acquire()
    assert state.held and state.stale is None
