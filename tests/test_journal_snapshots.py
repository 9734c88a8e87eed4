"""Every edit whose ``submit`` has returned is on disk, whatever the journal's snapshot is doing: after a
restore (thousands of segments replaced), a long edit (a new Article moving thousands of segments), an edit
right after a save (the entry's deletion still queued), and when the log outgrows its snapshot and a new one
is taken.

Before, those went to the writer thread: the edit returned before it was written, and so did every edit
after it until the thread had written a whole snapshot (a red team lost 8 returned edits on a 10 MB page
with 40,000 segments, once in 29 kills). The kill is simulated by a writer thread that never runs (what the
disk holds when the process dies with the thread not finished), and by copies of the journal folder after
every write the thread makes while it takes a new snapshot."""

from __future__ import annotations

import hashlib
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import curator.core.journal as journal_mod
from curator.core.journal import JournalWriter, RunJournal
from curator.core.jsonio import dump_curation_bytes
from curator.core.model import Curation
from curator.core.parse import parse_text

DOC = "news/2024 long page"


def _page(n: int = 400) -> Curation:
    text = "\n\n".join(f"Paragraph {i}: 😀 words and e\u0301 more words here." for i in range(n))
    return parse_text(text, DOC)


def _relabel(cur: Curation, first: int, count: int, label: str) -> Curation:
    segs = list(cur.segments)
    for i in range(first, first + count):
        segs[i] = segs[i].model_copy(update={"label": label, "origin": "editor"})
    return cur.model_copy(update={"segments": segs, "status": "in_progress"})


def _edits(cur: Curation, count: int) -> Iterator[Curation]:
    """``count`` short edits in a row, each on the state before."""
    for i in range(count):
        cur = _relabel(cur, (7 * i) % len(cur.segments), 1, ("heading", "question", "answer")[i % 3])
        yield cur


class _Files:
    """A corpus with one curated file, a journal and a writer whose thread does nothing until ``run``."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base: Curation) -> None:
        self.base = base
        corpus = tmp_path / "corpus"
        self.curated = corpus / "curated" / "news" / "2024 long page.json"
        self.curated.parent.mkdir(parents=True)
        raw = dump_curation_bytes(base)
        self.curated.write_bytes(raw)
        self.stamp = hashlib.sha256(raw).hexdigest()
        self.folder = corpus / ".curator" / "journal"
        self.gate = threading.Event()
        real_run = JournalWriter._run

        def frozen(writer: JournalWriter) -> None:
            self.gate.wait(60)
            real_run(writer)

        monkeypatch.setattr(JournalWriter, "_run", frozen)
        self.journal = RunJournal(self.folder)
        self.journal.vouch(self.curated, self.stamp)  # the window has just loaded it
        self.writer = JournalWriter(self.journal)

    def submit(self, cur: Curation) -> None:
        self.writer.submit(cur, base_stamp=self.stamp, base=self.base, base_file=self.curated)

    def on_disk(self) -> Curation | None:
        """What a kill now offers at the next start (this run's entry, read as the next start reads it)."""
        return RunJournal(self.folder, run_id="reader").peek(self.journal.path_for(DOC))

    def run(self) -> None:
        self.gate.set()

    def close(self) -> None:
        self.gate.set()
        self.writer.close()
        self.journal.close()


def test_edits_after_a_restore_are_on_disk_when_submit_returns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = _page()
    files = _Files(tmp_path, monkeypatch, base)
    try:
        restored = _relabel(base, 10, 300, "teaser")  # a crashed run's entry: 300 segments changed
        files.submit(restored)
        assert files.on_disk() == restored
        for n, edit in enumerate(_edits(restored, 8)):
            files.submit(edit)
            assert files.on_disk() == edit, n
        undone = restored  # undo of the eight, then of the restore: as long as the restore
        files.submit(undone)
        files.submit(base)
        assert files.on_disk() == base
    finally:
        files.close()


def test_a_long_edit_and_the_edits_after_it_are_on_disk_when_submit_returns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new Article moving thousands of segments (here 330) is one long record, written before it returns."""
    base = _page()
    files = _Files(tmp_path, monkeypatch, base)
    try:
        first = next(_edits(base, 1))
        files.submit(first)
        long = first.model_copy(update={"segments": [
            s.model_copy(update={"speaker": None, "reviewed": True}) if i >= 40 else s
            for i, s in enumerate(first.segments)]})
        files.submit(long)
        assert files.on_disk() == long
        for n, edit in enumerate(_edits(long, 3)):
            files.submit(edit)
            assert files.on_disk() == edit, n
    finally:
        files.close()


def test_an_edit_right_after_a_save_is_on_disk_when_submit_returns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The save queued the deletion of the entry; the next edit replaced that in the queue and returned
    before the thread wrote it."""
    base = _page()
    files = _Files(tmp_path, monkeypatch, base)
    try:
        edits = list(_edits(base, 3))
        files.submit(edits[0])
        saved = edits[0]
        raw = dump_curation_bytes(saved)
        files.curated.write_bytes(raw)
        files.stamp, files.base = hashlib.sha256(raw).hexdigest(), saved
        files.journal.vouch(files.curated, files.stamp)
        files.writer.discard(DOC, keep_base=saved)  # Workspace._on_clean_changed after the save
        for n, edit in enumerate(edits[1:]):
            files.submit(edit)
            assert files.on_disk() == edit, n
        files.run()
        assert files.writer.flush()
    finally:
        files.close()
    (entry,) = RunJournal(files.folder, run_id="next-start").entries()
    assert entry.curation == edits[-1] and entry.base == saved and entry.base_stamp == files.stamp


class _Stages:
    """Copies of the journal folder after every whole-file write and append (what a kill then leaves)."""

    def __init__(self, folder: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder, self.out, self.stages = folder, out, []  # type: ignore[var-annotated]
        real_put, real_append = journal_mod.atomic_write_bytes, journal_mod.append_bytes

        def put(path: Path, data: bytes, **kw: object) -> str:
            out = real_put(path, data, **kw)  # type: ignore[arg-type]
            self.snap()
            return out

        def append(path: Path, data: bytes) -> None:
            real_append(path, data)
            self.snap()

        monkeypatch.setattr(journal_mod, "atomic_write_bytes", put)
        monkeypatch.setattr(journal_mod, "append_bytes", append)

    def snap(self) -> None:
        target = self.out / f"stage{len(self.stages):03d}"
        shutil.copytree(self.folder, target)
        self.stages.append(target)


def test_the_snapshot_rollover_never_leaves_a_returned_edit_off_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The log outgrows its snapshot: the edit that crosses the line, and every one after it, are on disk
    when they return; the new snapshot is taken by the writer thread, and a kill at any of its writes offers
    the last edit exactly."""
    monkeypatch.setattr(journal_mod, "COMPACT_MIN_BYTES", 3000)
    base = _page(60)
    files = _Files(tmp_path, monkeypatch, base)
    edits = list(_edits(base, 40))
    try:
        for n, edit in enumerate(edits[:30]):
            files.submit(edit)
            assert files.on_disk() == edit, n
        log = files.journal.log_path_of(files.journal.path_for(DOC))
        grown = log.stat().st_size
        assert grown > 3000 + files.journal.path_for(DOC).stat().st_size  # past the rollover, not yet rolled
        stages = _Stages(files.folder, tmp_path, monkeypatch)
        files.run()
        assert files.writer.flush()
        assert stages.stages, "the writer took no new snapshot"
        for i, stage in enumerate(stages.stages):
            (entry,) = RunJournal(stage, run_id=f"at-{i}").entries()
            assert entry.curation == edits[29] and entry.base == base, i
        assert log.stat().st_size < grown
        for n, edit in enumerate(edits[30:]):  # appended after the new snapshot, read after it
            files.submit(edit)
            assert files.on_disk() == edit, n
    finally:
        files.close()
    (entry,) = RunJournal(files.folder, run_id="next-start").entries()
    assert entry.curation == edits[-1] and entry.base == base and entry.base_stamp == files.stamp


def test_edits_made_while_a_new_snapshot_is_serialised_are_on_disk_when_they_return(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Serialising a 10 MB page's snapshot takes the writer ~100 ms (seconds on a loaded machine): the edits
    made meanwhile neither wait for it nor queue behind it, and the snapshot then put in place keeps them."""
    monkeypatch.setattr(journal_mod, "COMPACT_MIN_BYTES", 3000)
    base = _page(60)
    files = _Files(tmp_path, monkeypatch, base)
    edits = list(_edits(base, 40))
    inside, leave = threading.Event(), threading.Event()
    real_json = journal_mod._curation_json

    def slow_json(cur: Curation, cache: object = None) -> object:
        if threading.current_thread().name == "curator-journal":
            inside.set()
            leave.wait(30)
        return real_json(cur, cache)  # type: ignore[arg-type]

    try:
        for edit in edits[:30]:
            files.submit(edit)
        monkeypatch.setattr(journal_mod, "_curation_json", slow_json)
        files.run()
        assert inside.wait(30), "the writer took no new snapshot"
        for n, edit in enumerate(edits[30:]):
            files.submit(edit)
            assert files.on_disk() == edit, n
        leave.set()
        assert files.writer.flush()
        assert files.on_disk() == edits[-1]
    finally:
        leave.set()
        files.close()
    (entry,) = RunJournal(files.folder, run_id="next-start").entries()
    assert entry.curation == edits[-1] and entry.base == base


def test_a_new_article_moving_hundreds_of_segments_is_a_short_record_read_back_exactly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The copies a new Article makes differ from what they replace only in their Article: the record says so
    in a few bytes (it was every segment dumped, ~2 MB for 4,000 of a 10 MB page, on the UI thread)."""
    from curator.core.edit.session import retagged_all
    from curator.core.model import Article, Speaker

    base = _page()
    files = _Files(tmp_path, monkeypatch, base)
    try:
        first = next(_edits(base, 1))
        files.submit(first)
        log = files.journal.log_path_of(files.journal.path_for(DOC))
        size = log.stat().st_size
        segs = list(first.segments)
        segs[100:] = retagged_all(segs[100:], article="a-new")
        moved = first.model_copy(update={"segments": segs, "articles": [*first.articles, Article(id="a-new", title="")]})
        files.submit(moved)
        assert log.stat().st_size - size < 2000
        assert files.on_disk() == moved
        # Copies that changed anything else too, or took different Articles, are listed whole.
        segs = list(moved.segments)
        segs[150:] = [s.model_copy(update={"article": None if i % 2 else "a-new", "reviewed": bool(i % 3)})
                      for i, s in enumerate(segs[150:])]
        mixed = moved.model_copy(update={"segments": segs})
        files.submit(mixed)
        assert files.on_disk() == mixed
        files.submit(moved)  # its undo: the copies go back to their Article, and to no speaker
        assert files.on_disk() == moved
        files.submit(first)  # the new Article undone: a short record again
        assert files.on_disk() == first
        # A new Article over segments of several speakers, kept: one short record too, read back exact.
        segs = [s.model_copy(update={"speaker": "x" if i % 2 else None}) for i, s in enumerate(first.segments)]
        spoken = first.model_copy(update={"segments": segs, "speakers": [Speaker(id="x", name="X")]})
        files.submit(spoken)
        size = log.stat().st_size
        segs = list(spoken.segments)
        segs[100:] = retagged_all(segs[100:], article="a-new")
        moved = spoken.model_copy(update={"segments": segs, "articles": [*spoken.articles, Article(id="a-new", title="")]})
        files.submit(moved)
        assert log.stat().st_size - size < 2000
        assert files.on_disk() == moved
        files.submit(spoken)
        assert files.on_disk() == spoken
    finally:
        files.close()


def test_a_run_of_copies_is_one_record_only_when_each_field_it_sets_is_one_value() -> None:
    from curator.core.edit.session import retagged_all
    from curator.core.model import Segment

    old = [Segment(id=f"s{i}", start=10 * i, end=10 * i + 5, label="paragraph", text="abcde", article="a1",
                   speaker="x" if i % 2 else None) for i in range(100)]
    assert journal_mod._retag(old, retagged_all(old, article="a2", speaker=None)) == {"article": "a2", "speaker": None}
    # The speakers differ but are kept (a new Article in a speech of several speakers): the Article alone is set;
    # before round gui12 the run was listed whole (~2 MB for 4,000 segments, dumped on the UI thread).
    assert journal_mod._retag(old, retagged_all(old, article="a2")) == {"article": "a2"}
    # (copies the edit made are known as such: the fields it set, no comparison; else every one-valued field)
    assert journal_mod._retag(old, retagged_all(old, speaker="y")) in ({"speaker": "y"}, {"article": "a1", "speaker": "y"})
    assert journal_mod._retag(old, [s.model_copy(update={"speaker": "y"}) for s in old]) == {"article": "a1", "speaker": "y"}
    assert journal_mod._retag(old, [s.model_copy(update={"article": "a2" if i % 2 else "a3"})
                                    for i, s in enumerate(old)]) is None  # neither field one value
    assert journal_mod._retag(old, [s.model_copy(update={"article": "a2", "reviewed": True}) for s in old]) is None
    assert journal_mod._retag(old[:10], retagged_all(old[:10], article="a2", speaker=None)) is None  # short: listed


def _stream(n: int) -> list[Curation]:
    """A 2,000-segment page and ``n`` edits after it: short relabels, every 5th a new Article taking or giving
    back 600 segments (a run of copies), every 7th 500 segments marked reviewed or not (a long record)."""
    from curator.core.edit.session import retagged_all
    from curator.core.model import Article, Speaker

    text = "\n\n".join(f"Paragraph {i} of a long page 😀, with some words in it." for i in range(2000))
    base = parse_text(text, DOC)
    states = [base.model_copy(update={"articles": [*base.articles, Article(id="ax", title="")]})]
    for i in range(n):
        cur = states[-1]
        segs = list(cur.segments)
        if i % 5 == 4:
            k = 1000 + (i % 3) * 100
            target = "a1" if segs[k].article == "ax" else "ax"
            segs[k: k + 600] = retagged_all(segs[k: k + 600], article=target)
        elif i % 7 == 6:
            segs[200:700] = [s.model_copy(update={"reviewed": not s.reviewed}) for s in segs[200:700]]
        else:
            k = 1 + (i * 37) % (len(segs) - 1)
            segs[k] = segs[k].model_copy(update={"label": "heading" if segs[k].label != "heading" else "paragraph"})
        states.append(cur.model_copy(update={"segments": segs, "status": "in_progress"}))
    return states


_CHILD = """
import sys
from pathlib import Path
import curator.core.journal as journal_mod
from curator.core.journal import JournalWriter, RunJournal
from tests.test_journal_snapshots import _stream
journal_mod.COMPACT_MIN_BYTES = 20_000  # a new snapshot every few dozen edits, taken while edits go on
states = _stream(int(sys.argv[2]))
writer = JournalWriter(RunJournal(Path(sys.argv[1])))
for i, state in enumerate(states[1:], start=1):
    writer.submit(state, base_stamp="s", base=states[0])
    print(i, flush=True)
writer.close()
"""


def test_a_process_killed_while_edits_and_new_snapshots_go_on_offers_the_last_edit_returned(tmp_path: Path) -> None:
    """Real kills -9 of a process submitting a stream of short and long edits while its writer thread takes new
    snapshots: the entry is the last edit whose submit had returned, or the one after it, exactly."""
    import signal
    import subprocess
    import sys

    from tests.conftest import REPO

    count = 160
    states = _stream(count)
    for n, after in enumerate((4, 33, 71, 118)):
        folder = tmp_path / str(n)
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(folder), str(count)], cwd=REPO,
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
        (entry,) = RunJournal(folder, run_id="next-start").entries()
        assert entry.problem is None, entry.problem
        assert entry.curation in (states[last], states[min(last + 1, count)]), (after, last)
