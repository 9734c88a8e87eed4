"""A kill at any byte of a journal write loses at most the edit being written: the entry is a snapshot
plus length- and checksum-framed records appended per edit; a torn tail is ignored and reported, and
every earlier edit is offered back exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

from curator.core.journal import RunJournal
from curator.core.model import Curation, Speaker
from curator.core.parse import parse_text


def _edits(cur: Curation) -> list[Curation]:
    """A few edits of different kinds, each sharing the unchanged parts as the window's commands do."""
    segs = list(cur.segments)
    states = []
    segs = segs[:3] + [segs[3].model_copy(update={"label": "heading", "origin": "editor"})] + segs[4:]
    states.append(cur.model_copy(update={"segments": segs, "status": "in_progress"}))
    segs = segs[:5] + segs[6:]  # a segment deleted
    states.append(states[-1].model_copy(update={"segments": segs}))
    segs = [*segs[:-1], segs[-1].model_copy(update={"speaker": "sergei-lavrov", "reviewed": True})]
    speakers = [*states[-1].speakers, Speaker(id="sergei-lavrov", name="Сергей Лавров")]
    states.append(states[-1].model_copy(update={"segments": segs, "speakers": speakers}))
    states.append(states[-1].model_copy(update={"articles": [
        a.model_copy(update={"title": "Заголовок 😀 e\u0301"}) for a in states[-1].articles]}))
    return states


def _page() -> Curation:
    text = "\n\n".join(f"Paragraph {i}: 😀 words and e\u0301 more words here." for i in range(40))
    return parse_text(text, "news/2024 page")


def _run(folder: Path, *, with_base: bool) -> tuple[RunJournal, Curation, list[Curation]]:
    base = _page()
    journal = RunJournal(folder)
    journal.start()
    states = _edits(base)
    for state in states:
        journal.record(state, base_stamp="stamp", base=base if with_base else None)
    journal.close()  # the run ends: its entries are offered
    return journal, base, states


def test_a_kill_at_any_byte_of_the_last_append_keeps_every_earlier_edit(tmp_path: Path) -> None:
    for with_base in (False, True):
        folder = tmp_path / f"run-{with_base}"
        journal, _, states = _run(folder, with_base=with_base)
        entry_path = journal.path_for("news/2024 page")
        log = journal.log_path_of(entry_path)
        data = log.read_bytes()
        (entry,) = RunJournal(folder).entries()
        assert entry.curation == states[-1] and entry.note is None
        last = journal.last_record_offset(data)
        assert 0 < last < len(data)
        for cut in range(last, len(data)):
            copy = tmp_path / "cut"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(folder, copy)
            journal.log_path_of(copy / entry_path.name).write_bytes(data[:cut])
            (entry,) = RunJournal(copy).entries()
            assert entry.problem is None, cut
            assert entry.curation == states[-2], cut  # the edit before: exactly
            if cut > last:
                assert entry.note and "cut short" in entry.note, cut
                damaged = copy / "damaged" / log.name
                assert damaged.read_bytes() == data[:cut]  # the unread bytes kept as they were


def test_every_earlier_edit_is_offered_back_exactly_at_every_record_boundary(tmp_path: Path) -> None:
    journal, base, states = _run(tmp_path / "j", with_base=True)
    entry_path = journal.path_for("news/2024 page")
    log = journal.log_path_of(entry_path)
    data = log.read_bytes()
    ends = journal.record_ends(data)
    assert len(ends) == len(states)
    for n, end in enumerate(ends):
        log.write_bytes(data[:end])
        (entry,) = RunJournal(tmp_path / "j").entries()
        assert entry.curation == states[n] and entry.base == base


def test_a_second_edit_of_a_large_page_appends_and_does_not_rewrite_the_snapshot(tmp_path: Path) -> None:
    """The whole Curation was serialised and written for each edit (0.1-0.6 s on a 10 MB page): a kill
    meanwhile lost the edit. Now an edit appends what changed; the snapshot is rewritten only now and then."""
    text = "\n\n".join(f"Paragraph {i} of a long page, with some words in it." for i in range(3000))
    cur = parse_text(text, "big")
    journal = RunJournal(tmp_path)
    journal.start()
    entry = journal.record(cur.model_copy(update={"status": "in_progress"}), base_stamp=None, base=cur)
    snapshot = entry.stat()
    log = journal.log_path_of(entry)
    size = log.stat().st_size
    segs = list(cur.segments)
    segs[100] = segs[100].model_copy(update={"label": "heading"})
    state = cur.model_copy(update={"segments": segs, "status": "in_progress"})
    journal.record(state, base_stamp=None, base=cur)
    assert entry.stat().st_mtime_ns == snapshot.st_mtime_ns and entry.stat().st_ino == snapshot.st_ino
    assert log.stat().st_size - size < 2_000
    journal.close()
    (found,) = RunJournal(tmp_path).entries()
    assert found.curation == state


def test_an_append_the_disk_refuses_halfway_leaves_no_torn_bytes_before_the_next_edits(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A full disk writes part of a record: the next edits, once the disk has room, must still be read."""
    import errno
    import os

    from curator.core import journal as jmod

    base = _page()
    states = _edits(base)
    journal = RunJournal(tmp_path)
    journal.start()
    journal.record(states[0], base_stamp="s", base=base)
    real = os.write

    def half(fd: int, data) -> int:  # type: ignore[no-untyped-def]
        real(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jmod.os, "write", half)
    try:
        journal.record(states[1], base_stamp="s", base=base)
        raise AssertionError("the write should have failed")
    except OSError:
        pass
    monkeypatch.setattr(jmod.os, "write", real)
    journal.record(states[2], base_stamp="s", base=base)
    journal.record(states[3], base_stamp="s", base=base)
    journal.close()
    (entry,) = RunJournal(tmp_path).entries()
    assert entry.curation == states[3] and entry.note is None


def _long_states(n: int) -> list[Curation]:
    text = "\n\n".join(f"Paragraph {i} of a long page 😀, with some words in it." for i in range(2000))
    cur = parse_text(text, "big")
    states = [cur]
    for i in range(n):
        segs = list(states[-1].segments)
        k = (i * 37) % len(segs)
        segs[k] = segs[k].model_copy(update={"label": "heading" if segs[k].label != "heading" else "paragraph"})
        states.append(states[-1].model_copy(update={"segments": segs, "status": "in_progress"}))
    return states


_CHILD = """
import sys
from pathlib import Path
from curator.core.journal import RunJournal
from tests.test_journal_torn import _long_states
states = _long_states(400)
j = RunJournal(Path(sys.argv[1])); j.start()
for i, state in enumerate(states[1:], start=1):
    j.record(state, base_stamp="s", base=states[0])
    print(i, flush=True)
"""


def test_a_process_killed_while_journaling_offers_every_edit_it_had_written(tmp_path: Path) -> None:
    """A real kill -9 in the middle of a stream of edits: what is offered is the last edit the journal had
    written, or the one being written, exactly (never an older state, never a damaged entry)."""
    import signal
    import subprocess
    import sys

    from tests.conftest import REPO

    states = _long_states(400)
    for n, after in enumerate((3, 40, 150)):
        folder = tmp_path / str(n)
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(folder)], cwd=REPO,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        for line in child.stdout:
            if int(line) >= after:
                child.send_signal(signal.SIGKILL)
                break
        last = int(line)
        rest = child.stdout.read().split()
        child.wait(timeout=60)
        last = int(rest[-1]) if rest else last
        (entry,) = RunJournal(folder).entries()
        assert entry.problem is None
        assert entry.curation in (states[last], states[min(last + 1, 400)]), (after, last)


def test_an_edit_after_the_first_is_on_disk_when_submit_returns(tmp_path: Path) -> None:
    """A kill right after an edit, before the writer thread ran, lost it (an 8 MB page: 2 of 4 kills at
    1-2 ms). An edit that is only a record to append is appended by submit itself while the writer is idle."""
    from curator.core.journal import JournalWriter

    base = _page()
    states = _edits(base)
    journal = RunJournal(tmp_path)
    writer = JournalWriter(journal)
    try:
        writer.submit(states[0], base_stamp="s", base=base)  # the first: base and snapshot, on the thread
        assert writer.flush()
        for state in states[1:]:
            writer.submit(state, base_stamp="s", base=base)
            assert not writer._pending
            assert RunJournal(tmp_path, run_id="reader").peek(journal.path_for(state.document.id)) == state
    finally:
        writer.close()


def test_a_large_change_is_on_disk_when_submit_returns(tmp_path: Path) -> None:
    """A change of thousands of segments (a restore, an undo of one, a merge) was left to the writer thread so
    as not to hold the window; an edit returned before it was on disk, and a kill lost it and the edits queued
    behind it. It is now written by submit too (``test_journal_snapshots``): once, for a restore or a merge."""
    from curator.core.journal import JournalWriter

    text = "\n\n".join(f"Paragraph {i} of a long page." for i in range(600))
    base = parse_text(text, "big")
    journal = RunJournal(tmp_path)
    writer = JournalWriter(journal)
    try:
        first = base.model_copy(update={"status": "in_progress"})
        writer.submit(first, base_stamp="s", base=base)
        small = first.model_copy(update={"segments": [first.segments[0].model_copy(update={"label": "title"}),
                                                      *first.segments[1:]]})
        assert journal.appends(small, base)
        every = first.model_copy(update={"segments": [s.model_copy(update={"reviewed": True}) for s in first.segments]})
        assert not journal.appends(every, base)
        writer.submit(every, base_stamp="s", base=base)
        assert RunJournal(tmp_path, run_id="reader").peek(journal.path_for("big")) == every
        assert writer.flush()
    finally:
        writer.close()
