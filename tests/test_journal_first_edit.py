"""The first edit after a load or a save is as durable as any other: it is on disk when ``submit``
returns, before any large write (the base), and a kill at any stage of its write offers it back exactly.

Before, the first edit wrote the base (the whole Document: 185 ms CPU on an 8.5 MB page) on the writer
thread before its own record, so a kill meanwhile lost that edit while the editor believed it safe.
Now the base is named, not written: the curated file it was loaded from (by its SHA-256), copied into
the journal after the record; or, for a parser proposal, written ahead when the Document is opened."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import curator.core.journal as journal_mod
from curator.core.journal import JournalWriter, RunJournal
from curator.core.jsonio import dump_curation_bytes
from curator.core.model import Curation
from curator.core.parse import parse_text

DOC = "news/2024 page"


def _page(n: int = 300) -> Curation:
    text = "\n\n".join(f"Paragraph {i}: 😀 words and e\u0301 more words here." for i in range(n))
    return parse_text(text, DOC)


def _edit(cur: Curation) -> Curation:
    segs = list(cur.segments)
    segs[3] = segs[3].model_copy(update={"label": "heading", "origin": "editor"})
    return cur.model_copy(update={"segments": segs, "status": "in_progress"})


class _Stages:
    """Copies of the journal folder after every write the journal makes, and inside every append at
    several cut points: what a kill at that moment leaves on disk."""

    def __init__(self, folder: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder, self.out, self.stages = folder, out, []  # type: ignore[var-annotated]
        self.sizes: list[int] = []
        real_put, real_append = journal_mod.atomic_write_bytes, journal_mod.append_bytes

        def put(path: Path, data: bytes, **kw: object) -> str:
            out = real_put(path, data, **kw)  # type: ignore[arg-type]
            self.snap(len(data))
            return out

        def append(path: Path, data: bytes) -> None:
            for cut in sorted({1, len(data) // 2, len(data) - 1}):
                real_append(path, data[:cut])
                self.snap(0)
                with open(path, "r+b") as fh:  # back to before: the next cut starts from there
                    fh.truncate(fh.seek(0, 2) - cut)
            real_append(path, data)
            self.snap(len(data))

        monkeypatch.setattr(journal_mod, "atomic_write_bytes", put)
        monkeypatch.setattr(journal_mod, "append_bytes", append)

    def snap(self, size: int) -> None:
        target = self.out / f"stage{len(self.stages):03d}"
        shutil.copytree(self.folder, target)
        self.stages.append(target)
        self.sizes.append(size)


def _offered(folder: Path) -> list[Curation | None]:
    return [e.curation for e in RunJournal(folder, run_id="the-next-start").entries()]


def _check_stages(st: _Stages, base: Curation, edit: Curation, *, limit: int) -> None:
    """Every stage offers nothing, the unedited base (the file as it is) or the edit exactly; from the first
    stage that offers the edit on, every later stage does; and no write before that one is large."""
    offered = [_offered(stage) for stage in st.stages]
    first = next(i for i, got in enumerate(offered) if got == [edit])
    assert max(st.sizes[: first + 1]) < limit, (st.sizes[: first + 1], limit)
    for i, got in enumerate(offered):
        assert got in ([], [base], [edit]), i
        if i >= first:
            assert got == [edit], i


def test_the_first_edit_of_a_saved_file_is_on_disk_when_submit_returns_before_the_base(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = _page()
    corpus = tmp_path / "corpus"
    curated = corpus / "curated" / "news" / "2024 page.json"
    curated.parent.mkdir(parents=True)
    raw = dump_curation_bytes(base)
    curated.write_bytes(raw)
    stamp = hashlib.sha256(raw).hexdigest()
    folder = corpus / ".curator" / "journal"
    journal = RunJournal(folder)
    writer = JournalWriter(journal)
    st = _Stages(folder, folder.parent, monkeypatch)  # copies beside the journal: its file names resolve
    edit = _edit(base)
    try:
        writer.submit(edit, base_stamp=stamp, base=base, base_file=curated)
        assert RunJournal(folder, run_id="reader").peek(journal.path_for(DOC)) == edit  # before the thread ran
        assert writer.flush()
    finally:
        writer.close()
        journal.close()
    _check_stages(st, base, edit, limit=len(raw) // 4)
    (entry,) = RunJournal(folder, run_id="after").entries()
    assert entry.curation == edit and entry.base == base and entry.base_stamp == stamp
    # The base was copied into the journal after the record: the file may change (curator reparse) and the
    # edit is still offered, with what it began from.
    curated.write_bytes(b"{}")
    (entry,) = RunJournal(folder, run_id="later").entries()
    assert entry.curation == edit and entry.base == base


def test_a_torn_or_missing_base_copy_never_hides_the_first_edit(tmp_path: Path) -> None:
    base = _page()
    corpus = tmp_path / "corpus"
    curated = corpus / "curated" / "x.json"
    curated.parent.mkdir(parents=True)
    raw = dump_curation_bytes(base)
    curated.write_bytes(raw)
    folder = corpus / ".curator" / "journal"
    journal = RunJournal(folder)
    edit = _edit(base)
    journal.record(edit, base_stamp=hashlib.sha256(raw).hexdigest(), base=base, base_file=curated)
    journal.settle(DOC)
    journal.close()
    base_copy = RunJournal.base_path_of(journal.path_for(DOC))
    data = base_copy.read_bytes()
    for cut in (0, 1, len(data) // 2, len(data) - 1):
        base_copy.write_bytes(data[:cut])
        (entry,) = RunJournal(folder, run_id="after").entries()
        assert entry.curation == edit, cut  # read from the curated file, which still holds the base
    base_copy.unlink()
    (entry,) = RunJournal(folder, run_id="after").entries()
    assert entry.curation == edit


def test_a_file_changed_before_the_first_edit_gets_its_base_written(tmp_path: Path) -> None:
    """The curated file was replaced after the load (another tool): the named file is not the base any
    more, so the base is written whole, and the entry then reads without the file."""
    base = _page()
    corpus = tmp_path / "corpus"
    curated = corpus / "curated" / "x.json"
    curated.parent.mkdir(parents=True)
    raw = dump_curation_bytes(base)
    stamp = hashlib.sha256(raw).hexdigest()
    curated.write_bytes(b"{}")  # changed since the load
    folder = corpus / ".curator" / "journal"
    journal = RunJournal(folder)
    edit = _edit(base)
    journal.record(edit, base_stamp=stamp, base=base, base_file=curated)
    journal.settle(DOC)
    journal.close()
    (entry,) = RunJournal(folder, run_id="after").entries()
    assert entry.curation == edit and entry.base == base and entry.base_stamp == stamp


def test_a_proposal_written_ahead_makes_the_first_edit_a_short_append(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = _page()
    folder = tmp_path / "journal"
    journal = RunJournal(folder)
    writer = JournalWriter(journal)
    try:
        writer.prepare(base)  # the Document opened on the parser's proposal: its base written while idle
        assert writer.flush()
        assert RunJournal(folder, run_id="reader").entries() == []  # a base alone is no entry
        st = _Stages(folder, folder.parent, monkeypatch)  # copies beside the journal: its file names resolve
        edit = _edit(base)
        writer.submit(edit, base_stamp=None, base=base)
        assert RunJournal(folder, run_id="reader").peek(journal.path_for(DOC)) == edit
        assert writer.flush()
    finally:
        writer.close()
        journal.close()
    _check_stages(st, base, edit, limit=len(dump_curation_bytes(base)) // 4)


def test_a_base_written_ahead_and_never_used_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    journal = RunJournal(folder)
    journal.write_base(_page(20))
    assert list(folder.glob("*.base.json"))
    journal.close()  # a clean end: no entry, so its prepared bases go
    assert not list(folder.glob("*.base.json"))
    crashed = RunJournal(folder)
    crashed.write_base(_page(20))
    crashed._run_lock.release()  # type: ignore[union-attr]  # killed: the lock is free, the file stays
    crashed._run_lock = None
    assert RunJournal(folder, run_id="next").entries() == []
    assert not list(folder.glob("*.base.json"))  # an orphan base of a dead run is removed at the next start


def test_an_undo_back_to_clean_keeps_the_base_written_ahead(tmp_path: Path) -> None:
    base = _page(40)
    folder = tmp_path / "journal"
    journal = RunJournal(folder)
    journal.write_base(base)
    journal.record(_edit(base), base_stamp=None, base=base)
    journal.discard(DOC, keep_base=base)  # undone back to what was opened: the entry goes, the base stays
    assert not journal.path_for(DOC).exists()
    assert journal.appends(_edit(base), base)  # the next first edit is a short append again
    journal.discard(DOC)
    assert not list(folder.glob("*.base.json"))


class _BusyWriter:
    """The writer thread kept busy (writing another Document's base ahead) until ``release``: the first
    moments after a Document is opened, when its own base is still queued or being written."""

    def __init__(self, writer: JournalWriter, monkeypatch: pytest.MonkeyPatch) -> None:
        import threading

        self.started, self.released = threading.Event(), threading.Event()
        real = RunJournal.write_base_held

        def write_base(journal: RunJournal, base: Curation, *args: object) -> None:
            if base.document.id == "other":
                self.started.set()
                self.released.wait(30)
            real(journal, base, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(RunJournal, "write_base_held", write_base)
        writer.prepare(parse_text("Another page.", "other"))
        assert self.started.wait(10)
        # The writer is released a moment later, from another thread: a submit that waits for it returns then.
        self._timer = threading.Timer(0.2, self.released.set)
        self._timer.start()

    def release(self) -> None:
        self.released.set()
        self._timer.cancel()


def test_the_first_edit_of_a_proposal_is_on_disk_when_submit_returns_before_its_base_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit within the first moments of opening a proposal (its base not yet written ahead: the writer
    busy, the base queued) was queued behind the base's write; a kill meanwhile lost it."""
    base = _page()
    folder = tmp_path / "journal"
    journal = RunJournal(folder)
    writer = JournalWriter(journal)
    edit = _edit(base)
    try:
        busy = _BusyWriter(writer, monkeypatch)
        writer.prepare(base)  # the Document opened on the parser's proposal: its base queued
        st = _Stages(folder, folder.parent, monkeypatch)
        try:
            writer.submit(edit, base_stamp=None, base=base)
            offered_at_return = RunJournal(folder, run_id="reader").peek(journal.path_for(DOC))
        finally:
            busy.release()
        assert offered_at_return == edit
        assert writer.flush()
    finally:
        writer.close()
        journal.close()
    _check_stages(st, base, edit, limit=1 << 40)  # the base is written first here: no limit on the writes


def test_the_first_edit_over_a_file_changed_since_the_load_is_on_disk_when_submit_returns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The curated file was rewritten by another program between the load and the first edit: the record
    must not name it as its base (a kill before the base was copied left an entry naming a file that is
    not its base any more: the edit was offered as damaged, never restored)."""
    base = _page()
    corpus = tmp_path / "corpus"
    curated = corpus / "curated" / "x.json"
    curated.parent.mkdir(parents=True)
    raw = dump_curation_bytes(base)
    stamp = hashlib.sha256(raw).hexdigest()
    curated.write_bytes(dump_curation_bytes(_page(20)))  # `curator reparse`, another window: changed since the load
    folder = corpus / ".curator" / "journal"
    journal = RunJournal(folder)
    writer = JournalWriter(journal)
    edit = _edit(base)
    try:
        busy = _BusyWriter(writer, monkeypatch)
        st = _Stages(folder, folder.parent, monkeypatch)
        try:
            writer.submit(edit, base_stamp=stamp, base=base, base_file=curated)
            offered_at_return = RunJournal(folder, run_id="reader").peek(journal.path_for(DOC))
        finally:
            busy.release()
        assert offered_at_return == edit
        assert writer.flush()
    finally:
        writer.close()
        journal.close()
    _check_stages(st, base, edit, limit=1 << 40)  # the base is written first here: no limit on the writes
    (entry,) = RunJournal(folder, run_id="after").entries()
    assert entry.curation == edit and entry.base == base and entry.base_stamp == stamp


def test_a_file_vouched_for_at_its_load_is_not_hashed_again_until_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window has just read (or written) the file: the first edit names it without hashing 10 MB again
    (~11 ms CPU); once the file changes on disk it is hashed, and found not to hold the base any more."""
    curated = tmp_path / "x.json"
    raw = dump_curation_bytes(_page(20))
    curated.write_bytes(raw)
    stamp = hashlib.sha256(raw).hexdigest()
    journal = RunJournal(tmp_path / "journal")
    journal.vouch(curated, stamp)
    hashed: list[int] = []
    real = hashlib.sha256
    monkeypatch.setattr(journal_mod.hashlib, "sha256", lambda data=b"": hashed.append(len(data)) or real(data))
    assert journal.names(curated, stamp) and hashed == []
    curated.write_bytes(raw + b"\n")  # another program rewrote it
    assert not journal.names(curated, stamp) and hashed == [len(raw) + 1]
