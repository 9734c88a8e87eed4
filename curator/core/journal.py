"""Crash-recovery journal: the unsaved state of each edited Document, per window run, kept on disk.

Layout (``<corpus>/.curator/journal/``)::

    <quoted doc id>@<run id>.journal.json   one window run's unsaved Curation of one Document: a snapshot
                                            (the Curation, or "the base file", by its CRC-32)
    <quoted doc id>@<run id>.journal.log    what each edit since the snapshot changed, appended as
                                            length- and CRC-framed records (a torn tail is ignored)
    <quoted doc id>@<run id>.base.json      what those edits began from (the file as loaded or last
                                            saved, or the parser's proposal): the base of the
                                            three-way merge when the file changed since
    runs/<run id>.lock                      held (OS lock) by that run's process while it lives
    damaged/<entry file>                    entries that could not be read, moved aside byte-identical

Every window run writes only its own entries (the run id is in the name), so two windows on one
corpus never overwrite each other's, and a save deletes only the saving run's entry. The entries
of runs whose process is gone (their lock is free) are offered back at the next start and deleted
only when the editor restores or discards them (:meth:`Journal.resolve`); "later" keeps them. An
entry that cannot be read is moved aside, never overwritten, and reported.

:class:`WindowLock` tells a second window that another one has the corpus open (owner pid, host,
start time), and recognises a lock file whose owner died as stale. :class:`JournalWriter` writes
entries on a background thread so an edit reaches the disk within a few ms without the UI thread
serialising a large Document.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import secrets
import socket
import threading
import time
import zlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any
from itertools import repeat
from operator import attrgetter, is_, or_
from pathlib import Path
from urllib.parse import quote, unquote

from pydantic import TypeAdapter

from curator.core.edit.checks import changed_window, retag_of
from curator.core.jsonio import (
    CurationFileError,
    JsonFileError,
    atomic_write_bytes,
    curation_from_data,
    load_json_file,
    loads_json,
    read_json_bytes,
)
from curator.core.filenames import fit_name
from curator.core.locks import HeldLock, try_lock
from curator.core.migrations import MigrationError, migrate
from curator.core.model import Curation, Segment

# 4: a record may set fields of a run of segments (``segments_set``) instead of listing them; a version-3
# reader would miss it, so it refuses version 4 entries (moved aside, not read wrong).
JOURNAL_VERSION = 4
_SUFFIX = ".journal.json"
_LOG_SUFFIX = ".journal.log"
# The snapshot is rewritten (and the log emptied) once the log outgrows it, and at least this much.
COMPACT_MIN_BYTES = 4 << 20
# The Curation's list fields, journaled per edit as splices; the others go whole in every record.
_LISTS = ("segments", "articles", "speakers", "events", "duplicates")
_HEAD = frozenset(Curation.model_fields) - frozenset(_LISTS)
_BASE_SUFFIX = ".base.json"
RUNS_DIR = "runs"
DAMAGED_DIR = "damaged"
LEGACY_RUN = "(earlier version)"


def new_run_id() -> str:
    """A window run's id: start time, pid and a random part (sortable, unique across hosts)."""
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"


@dataclass
class JournalEntry:
    """Unsaved edits of one Document by one window run, or the problem that stops them being read."""

    doc_id: str
    path: Path
    curation: Curation | None
    base_stamp: str | None
    written_at: str
    problem: str | None = None
    run: str = LEGACY_RUN
    # What the edits began from (None: an entry of an earlier version, or its base file unreadable).
    base: Curation | None = None
    # Records after the last readable one were cut short or damaged (a kill while one was written):
    # what was read is offered, and this says what was not.
    note: str | None = None


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")


def _copy_json(value: object) -> object:
    """A deep copy of parsed JSON (lists and dicts; the rest is immutable)."""
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value


# Bytes left in an entry's name for the counter ``_aside_target`` may add (``.1`` … ``.999``).
_ASIDE_ROOM = 4


def _quoted(doc_id: str) -> str:
    return quote(doc_id, safe="")


def _split_name(name: str) -> tuple[str, str]:
    """``(doc id, run id)`` of an entry file name (a name without a run is from the version-1 journal)."""
    stem = name[: -len(_SUFFIX)]
    quoted, at, run = stem.rpartition("@")
    if not at:
        return unquote(stem), LEGACY_RUN
    return unquote(quoted), run


_SEGMENT = TypeAdapter(Segment)
# The writer thread gives the GIL back every so many segments: one model_dump_json of 5,000
# segments holds it for ~20-40 ms, during which the window could not repaint.
_SLICE = 250

SegmentCache = tuple[list[Segment], list[bytes]]  # the last written segments and their JSON, in order


def _curation_json(cur: Curation, cache: SegmentCache | None = None) -> tuple[bytes, SegmentCache]:
    """The Curation as JSON bytes, and the JSON of each of its segments, in order.

    Curations are values sharing unchanged Segment objects between edits, so with the previous
    write's cache only the window an edit replaced is serialised: its bounds are found by identity
    with C-level passes (``map(is_, …)``), not a Python loop per segment, because this thread
    shares the GIL with the UI thread (a 1 MB page: 5,000 segments compared in ~0.1 ms).
    """
    head = cur.model_dump_json(exclude={"segments"})
    segs = list(cur.segments)
    old_segs, old_parts = cache if cache is not None else ([], [])
    common = min(len(old_segs), len(segs))
    same = list(map(is_, old_segs, segs))
    lo = same.index(False) if False in same else common
    tail = list(map(is_, reversed(old_segs), reversed(segs)))[: common - lo]
    hi = tail.index(False) if False in tail else len(tail)  # segments kept at the end
    middle = []
    for n, seg in enumerate(segs[lo: len(segs) - hi], start=1):
        middle.append(_SEGMENT.dump_json(seg))
        if n % _SLICE == 0:
            time.sleep(0)  # let the UI thread run
    parts = old_parts[:lo] + middle + old_parts[len(old_parts) - hi:]
    return head[:-1].encode() + b',"segments":[' + b",".join(parts) + b"]}", (segs, parts)


def _frame(payload: bytes) -> bytes:
    """One log record: ``<length hex> <crc32 hex>\\n`` then the payload and a newline."""
    return b"%08x %08x\n" % (len(payload), zlib.crc32(payload)) + payload + b"\n"


def _records(data: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """The complete, intact records of a log as ``(end offset, payload)``, and where reading stopped."""
    found = []
    at = 0
    while at < len(data):
        if len(data) - at < 18 or data[at + 8: at + 9] != b" " or data[at + 17: at + 18] != b"\n":
            break
        try:
            length, crc = int(data[at: at + 8], 16), int(data[at + 9: at + 17], 16)
        except ValueError:
            break
        end = at + 18 + length + 1
        payload = data[at + 18: end - 1]
        if end > len(data) or data[end - 1: end] != b"\n" or zlib.crc32(payload) != crc:
            break
        found.append((end, payload))
        at = end
    return found, at


def append_bytes(path: Path, data: bytes) -> None:
    """Append ``data`` to a file; a write the disk refuses halfway is cut off again (as far as it can be)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        size = os.fstat(fd).st_size
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except BaseException:
            try:
                os.ftruncate(fd, size)
            except OSError:
                pass
            raise
    finally:
        os.close(fd)


# One dump per list field of a record, in Rust: model_dump_json per item cost twice as much (a new article in
# a 4,000-segment Article of a 10 MB page: ~13 ms against ~6), now on the UI thread before the key returns.
def _list_adapter(name: str) -> TypeAdapter[Any]:
    annotation = Curation.model_fields[name].annotation
    if annotation is None:  # (pydantic types a field's annotation as optional; every list field has one)
        raise TypeError(f"Curation.{name} has no annotation")
    return TypeAdapter(annotation)


_LIST_JSON: dict[str, TypeAdapter[Any]] = {name: _list_adapter(name) for name in _LISTS}


_RETAG_FIELDS = ("article", "speaker")
_FIELDS = attrgetter("__dict__")  # a model's fields (pydantic keeps them in the instance dict)
_RETAG_MIN = 64


def _retag(old: list[object], new: list[object]) -> dict[str, str | None] | None:
    """The Article or speaker a run of segment copies all took, when that is all they changed (a new Article
    moving 4,000 segments: a record of ~60 bytes instead of ~2 MB dumped on the UI thread, ~5 ms); else None.
    Compared in C, field by field: the copies share every other field's object with what they replace.

    Only a field every copy has one value of is set: a new Article in a speech of several speakers sets the
    Article alone (the speakers are compared as kept); before round gui12 such a run was listed whole."""
    if len(old) != len(new) or len(new) < _RETAG_MIN:
        return None
    made = retag_of(old, new)  # copies the edit made so: nothing to compare
    if made is not None and made.keys() <= set(_RETAG_FIELDS):
        return dict(made)
    if set(map(type, new)) != {Segment}:
        return None
    fields: dict[str, str | None] = {}
    for name in _RETAG_FIELDS:
        values = set(map(attrgetter(name), new))
        if len(values) == 1:
            fields[name] = values.pop()
    if not fields:
        return None
    # Each copy's fields are what it replaced, with these: compared as dicts (C), one pass each way.
    if list(map(or_, map(_FIELDS, old), repeat(fields))) != list(map(_FIELDS, new)):
        return None
    return fields  # each the value every copy has (setting one a copy kept is harmless)


def _splice(old: list[object], new: list[object]) -> tuple[int, int, list[object]]:
    """``new == old[:lo] + items + old[lo + drop:]`` by identity: ``(lo, drop, items)``."""
    lo, hi_old, hi_new = changed_window(old, new)  # the window the edit's own checks found (remembered)
    return lo, hi_old - lo, new[lo:hi_new]


@dataclass
class _Chain:
    """What this run last wrote for one Document: the snapshot's token, the state the log has reached."""

    token: str
    state: Curation
    seq: int
    log_bytes: int
    snapshot_bytes: int
    header: dict[str, object]
    stamp: str | None = None  # the base stamp of ``state`` (the last record's)


BaseRef = dict[str, object]  # how a snapshot names its base: {"base_crc32": n} or {"base_sha256": h, "base_file": p}


class RunJournal:
    """One window run's view of the journal folder: it writes its own entries, reads the dead runs'."""

    def __init__(self, folder: Path, *, run_id: str | None = None) -> None:
        self.folder = Path(folder)
        self.run_id = run_id or new_run_id()
        self._run_lock: HeldLock | None = None
        self._segment_json: dict[str, SegmentCache] = {}  # by Document: its last written segments
        # by Document: the base last written (or named: the curated file it was loaded from), and how
        # a snapshot names it
        self._base_written: dict[str, tuple[Curation, BaseRef]] = {}
        self._chains: dict[str, _Chain] = {}  # by Document: its entry's snapshot and log as written
        # by Document: a base named by its curated file, still to be copied into the journal
        self._owed: dict[str, tuple[Path, str, Curation]] = {}
        # the last curated file checked against a stamp (names): (path, size, mtime_ns, stamp) -> it holds it
        self._named: dict[tuple[str, int, int, str], bool] = {}

    # -- this run ------------------------------------------------------------------
    def start(self) -> None:
        """Hold this run's lock, so other windows know its entries belong to a live run."""
        if self._run_lock is None:
            self._run_lock = try_lock(self._run_lock_path(self.run_id))

    def close(self) -> None:
        """Release this run's lock (entries it still has are then offered at the next start)."""
        self._remove_orphan_bases(self.run_id)
        if self._run_lock is not None:
            self._run_lock.release()
            self._run_lock = None
            if not self.own_entries():
                try:
                    self._run_lock_path(self.run_id).unlink()
                except OSError:
                    pass

    def _run_lock_path(self, run: str) -> Path:
        return self.folder / RUNS_DIR / f"{run}.lock"

    def path_for(self, doc_id: str, run: str | None = None) -> Path:
        """``<quoted id>@<run>.journal.json``; a quoted id too long for one file name (a 240-byte id, a 90-character
        Cyrillic one: quoting writes 3 bytes per byte) is cut with its hash (``filenames.fit_name``), room left for
        the ``.1`` of a copy moved to ``damaged/``. The entry's ``document`` then names the Document."""
        return self.folder / fit_name(_quoted(doc_id), f"@{run or self.run_id}{_SUFFIX}", room=_ASIDE_ROOM)

    @staticmethod
    def base_path_of(entry_path: Path) -> Path:
        """Where the base of the entry at ``entry_path`` is kept."""
        return entry_path.with_name(entry_path.name[: -len(_SUFFIX)] + _BASE_SUFFIX)

    @staticmethod
    def log_path_of(entry_path: Path) -> Path:
        """Where the records of the edits since the entry's snapshot are appended."""
        return entry_path.with_name(entry_path.name[: -len(_SUFFIX)] + _LOG_SUFFIX)

    @staticmethod
    def record_ends(data: bytes) -> list[int]:
        """The end offsets of a log's intact records."""
        return [end for end, _ in _records(data)[0]]

    @classmethod
    def last_record_offset(cls, data: bytes) -> int:
        """Where a log's last intact record begins."""
        ends = cls.record_ends(data)
        return ends[-2] if len(ends) > 1 else 0

    def record(self, curation: Curation, *, base_stamp: str | None, base: Curation | None = None,
               base_file: Path | None = None) -> Path:
        """Journal this run's unsaved Curation and the stamp of the file it started from.

        The first write after a load or save writes a small snapshot naming ``base`` (what the edits began
        from) and one framed record of the edit; each later edit appends one record of what it changed (a
        few hundred bytes, ~1 ms). A kill while a record is written tears only that record: the earlier ones
        are read back exactly. The base itself is never written before the first record: it is named by
        the curated file it was loaded from (``base_file``, whose SHA-256 is ``base_stamp``) and copied into
        the journal afterwards (:meth:`settle`), or it was written ahead when the Document was opened
        (:meth:`write_base`). Only a base neither named nor written ahead (an edit within moments of opening
        a proposal) is written first, as before (185 ms CPU on an 8.5 MB page, the edit lost by a kill
        meanwhile). The snapshot is rewritten, atomically, when the log outgrows it; a new base starts a
        new snapshot before the base is replaced.
        """
        self.start()
        doc_id = curation.document.id
        path = self.path_for(doc_id)
        chain = self._chains.get(doc_id)
        written = self._base_written.get(doc_id)
        new_base = base is not None and (written is None or written[0] is not base)
        if chain is not None and not new_base:
            # Always an append, however long the log: a new snapshot is taken off the caller's thread
            # (compact), the log still read after it. Taken here, it went to the writer thread and the edit
            # returned before it was on disk (a kill then lost it and every edit queued behind it).
            self._append(path, chain, curation, base_stamp)
            return path
        ref: BaseRef = {"base_crc32": None}
        base_body = b""
        base_size = 0
        if base is not None:
            if not new_base:
                ref = written[1]  # type: ignore[index]
                base_size = int(ref.get("base_size", 0))  # type: ignore[call-overload,arg-type]
            elif base_file is not None and base_stamp is not None and self.names(base_file, base_stamp):
                # Named, not written: the record goes first, the copy after it (settle).
                try:
                    base_size = Path(base_file).stat().st_size
                except OSError:
                    base_size = 0
                ref = {"base_sha256": base_stamp, "base_file": os.path.relpath(base_file, self.folder),
                       "base_size": base_size}
                self._owed[doc_id] = (Path(base_file), base_stamp, base)
            else:
                # Serialised like the entry, in slices, reusing the JSON of the segments it shares with
                # what was written last: one model_dump_json of a 10 MB page's base held the GIL ~100 ms.
                cache = self._segment_json.get(doc_id)
                base_body, cache = _curation_json(base, cache)
                self._segment_json[doc_id] = cache
                base_size = len(base_body)
                ref = {"base_crc32": zlib.crc32(base_body), "base_size": base_size}
        token = secrets.token_hex(6)
        header: dict[str, object] = {
            "journal_version": JOURNAL_VERSION,
            "document": doc_id,
            "run": self.run_id,
            "token": token,
            "base_stamp": base_stamp,
            "written_at": _now(),
        }
        header.update(ref)
        from_base = chain is None and base is not None
        if from_base:
            # No entry yet: the snapshot is the base (written first unless named or written ahead), the
            # edit a record after it.
            if base_body:
                atomic_write_bytes(self.base_path_of(path), base_body, durable=False, stamp=False)
            if new_base:
                self._base_written[doc_id] = (base, ref)  # type: ignore[assignment]
            header["from_base"] = True
            data = json.dumps(header, ensure_ascii=False, sort_keys=True).encode() + b"\n"
            chain = _Chain(token, base, 0, 0, base_size, header, base_stamp)  # type: ignore[arg-type]
        else:
            body, self._segment_json[doc_id] = _curation_json(curation, self._segment_json.get(doc_id))
            data = json.dumps(header, ensure_ascii=False, sort_keys=True)[:-1].encode() + b', "curation": ' + body + b"}\n"
            chain = _Chain(token, curation, 0, 0, len(data), header, base_stamp)
        # No fsync: the journal is there for a crashed or killed window, whose writes the OS keeps;
        # the fsyncs cost 20-50 ms here. Saves of curated files stay durable. Records of an older
        # snapshot left in the log carry its token and are ignored, so the log is emptied after.
        atomic_write_bytes(path, data, durable=False, stamp=False)
        self.log_path_of(path).write_bytes(b"")
        if new_base and not from_base:  # a self-contained snapshot first: a kill between keeps the edits
            if base_body:
                atomic_write_bytes(self.base_path_of(path), base_body, durable=False, stamp=False)
            self._base_written[doc_id] = (base, ref)  # type: ignore[assignment]
        self._chains[doc_id] = chain
        if chain.state is not curation:
            self._append(path, chain, curation, base_stamp)
        return path

    def wants_compaction(self, doc_id: str) -> bool:
        """Whether this run's log of a Document has outgrown its snapshot (:meth:`compact` takes a new one)."""
        chain = self._chains.get(doc_id)
        return chain is not None and chain.log_bytes > max(COMPACT_MIN_BYTES, chain.snapshot_bytes)

    def compact(self, doc_id: str, hold: Callable[[], AbstractContextManager[object]] = nullcontext) -> None:
        """Take a new snapshot of a Document whose log outgrew the old one, so that reading it stays short.

        The snapshot of the state the log had reached is serialised without ``hold`` (the lock the caller's
        edits append under: a 10 MB page is ~100 ms of it); under ``hold`` it replaces the old snapshot and the
        log keeps only the records after that state. The snapshot keeps the chain's token and says which
        record it holds (``seq``): a kill between the two writes leaves records it already holds in the log,
        skipped when read. Every stage reads back the last edit appended: an edit never waits for this."""
        with hold():
            chain = self._chains.get(doc_id)
            if chain is None or not self.wants_compaction(doc_id):
                return
            state, seq, log_at, stamp = chain.state, chain.seq, chain.log_bytes, chain.stamp
        body, self._segment_json[doc_id] = _curation_json(state, self._segment_json.get(doc_id))
        with hold():
            if self._chains.get(doc_id) is not chain:
                return  # discarded or started afresh meanwhile (a save, a new base): nothing to shorten
            path = self.path_for(doc_id)
            log = self.log_path_of(path)
            with open(log, "rb") as fh:  # the records appended since ``state`` (the log is MBs; they are few)
                fh.seek(log_at)
                tail = fh.read()
            header = {k: v for k, v in chain.header.items() if k not in ("from_base", "seq")}
            header.update(seq=seq, base_stamp=stamp, written_at=_now())
            data = json.dumps(header, ensure_ascii=False, sort_keys=True)[:-1].encode() + b', "curation": ' + body + b"}\n"
            atomic_write_bytes(path, data, durable=False, stamp=False)
            chain.header, chain.snapshot_bytes = header, len(data)
            atomic_write_bytes(log, tail, durable=False, stamp=False)
            chain.log_bytes = len(tail)

    def settle(self, doc_id: str) -> None:
        """Copy a base named by its curated file into the journal, after the record that needed it: the
        file may change later (``curator reparse``, another window) and the entry must still read. A file
        that is no longer the base (changed since the load) is not copied: the base is written whole and
        the snapshot's header says so, atomically (until then it names the file)."""
        self.settle_held(doc_id)

    def settle_held(self, doc_id: str, hold: Callable[[], AbstractContextManager[object]] = nullcontext) -> None:
        """:meth:`settle`, reading and hashing the file without ``hold`` (the lock edits append under: a
        10 MB page's file is 20 MB to read and hash), writing under it."""
        with hold():
            owed = self._owed.get(doc_id)
            chain = self._chains.get(doc_id)
            if owed is None or chain is None:
                self._owed.pop(doc_id, None)
                return
        source, sha, base = owed
        try:
            raw = source.read_bytes()
        except OSError:
            raw = b""
        same = bool(raw) and hashlib.sha256(raw).hexdigest() == sha
        body = b""
        if not same:
            body, self._segment_json[doc_id] = _curation_json(base, self._segment_json.get(doc_id))
        with hold():
            if self._owed.get(doc_id) is not owed or self._chains.get(doc_id) is not chain:
                return  # discarded, or owed another base, meanwhile
            del self._owed[doc_id]
            self._settle_write(doc_id, chain, base, raw if same else None, body)

    def _settle_write(self, doc_id: str, chain: _Chain, base: Curation, raw: bytes | None, body: bytes) -> None:
        path = self.path_for(doc_id)
        if raw is not None:
            atomic_write_bytes(self.base_path_of(path), raw, durable=False, stamp=False)
            return
        atomic_write_bytes(self.base_path_of(path), body, durable=False, stamp=False)
        ref: BaseRef = {"base_crc32": zlib.crc32(body), "base_size": len(body)}
        header = {k: v for k, v in chain.header.items() if k not in ("base_sha256", "base_file")}
        header.update(ref)
        if "curation" in header or not header.get("from_base"):
            # a whole snapshot: its header line is followed by the Curation; rewrite the head only
            old = path.read_bytes()
            first, _, rest = old.partition(b', "curation": ')
            data = json.dumps(header, ensure_ascii=False, sort_keys=True)[:-1].encode() + b', "curation": ' + rest
        else:
            data = json.dumps(header, ensure_ascii=False, sort_keys=True).encode() + b"\n"
        atomic_write_bytes(path, data, durable=False, stamp=False)
        chain.header = header
        self._base_written[doc_id] = (base, ref)

    def owes(self, doc_id: str) -> bool:
        """Whether a base named by its file is still to be copied in (:meth:`settle`)."""
        return doc_id in self._owed

    def write_base(self, base: Curation) -> None:
        """Write a Document's base ahead, while the window is idle after opening it on a proposal no file
        holds, so that its first edit is only a small snapshot and a record. No entry yet: a base alone is
        not offered, and it is removed when the run ends (or at the next start, if it was killed)."""
        self.write_base_held(base)

    def write_base_held(self, base: Curation, hold: Callable[[], AbstractContextManager[object]] = nullcontext) -> None:
        """:meth:`write_base`, serialising without ``hold`` (the lock edits are written under: an edit meanwhile
        writes the base itself, once, rather than wait ~185 ms for this), writing under it."""
        self.start()
        doc_id = base.document.id

        def done() -> bool:
            written = self._base_written.get(doc_id)
            return (written is not None and written[0] is base) or doc_id in self._chains

        with hold():
            if done():
                return
        body, self._segment_json[doc_id] = _curation_json(base, self._segment_json.get(doc_id))
        with hold():
            if done():
                return
            atomic_write_bytes(self.base_path_of(self.path_for(doc_id)), body, durable=False, stamp=False)
            self._base_written[doc_id] = (base, {"base_crc32": zlib.crc32(body), "base_size": len(body)})

    def has_base(self, base: Curation) -> bool:
        """Whether ``base`` is written (or named) as its Document's base."""
        written = self._base_written.get(base.document.id)
        return written is not None and written[0] is base

    def names(self, base_file: Path, base_stamp: str) -> bool:
        """Whether ``base_file`` still holds the bytes whose SHA-256 is ``base_stamp`` (remembered by the file's
        size and modification time: the first edit asks twice, and each first edit after an undo to clean).

        Another program (``curator reparse``, a second window, a text editor) may have rewritten it since the
        load: a record naming it then named a file that is not its base, and a kill before the base was
        copied in left an entry that could not be read."""
        try:
            st = Path(base_file).stat()
        except OSError:
            return False
        key = (str(base_file), st.st_size, st.st_mtime_ns, base_stamp)
        known = self._named.get(key)
        if known is None:
            try:
                known = hashlib.sha256(Path(base_file).read_bytes()).hexdigest() == base_stamp
            except OSError:
                return False
            self._named = {key: known}
        return known

    def vouch(self, base_file: Path, base_stamp: str) -> None:
        """Remember that ``base_file`` holds ``base_stamp`` as it is now: the caller has just read or written
        those bytes (a load, a save), so the first edit need not hash them again (~11 ms CPU per 10 MB)."""
        try:
            st = Path(base_file).stat()
        except OSError:
            return
        self._named = {(str(base_file), st.st_size, st.st_mtime_ns, base_stamp): True}

    def appends(self, curation: Curation, base: Curation | None, *, most: int = 256,
                base_file: Path | None = None, base_stamp: str | None = None) -> bool:
        """Whether :meth:`record` of this state writes only a small snapshot header and a short record: no
        base to write (it is written ahead, or named by ``base_file``), no new base, at most ``most`` items
        changed (a restore or a merge replacing thousands of segments is not short)."""
        doc_id = curation.document.id
        chain = self._chains.get(doc_id)
        written = self._base_written.get(doc_id)
        same_base = base is None or (written is not None and written[0] is base)
        if chain is None:
            if base is None or not (same_base or (base_file is not None and base_stamp is not None
                                                   and self.names(base_file, base_stamp))):
                return False
            state = base
        elif not same_base:
            return False
        else:
            state = chain.state
        changed = 0
        for name in _LISTS:
            old, new = getattr(state, name), getattr(curation, name)
            if old is not new:
                changed += len(_splice(old, new)[2])
        return changed <= most

    def _append(self, path: Path, chain: _Chain, curation: Curation, base_stamp: str | None) -> None:
        """Append one record: the head fields whole, each list field as a splice of the state before."""
        parts = [json.dumps({"token": chain.token, "seq": chain.seq + 1, "base_stamp": base_stamp,
                             "written_at": _now()}, ensure_ascii=False, sort_keys=True)[:-1].encode()]
        parts.append(b',"head":' + curation.model_dump_json(include=set(_HEAD)).encode())
        for name in _LISTS:
            old, new = getattr(chain.state, name), getattr(curation, name)
            if old is new:
                continue
            lo, drop, items = _splice(old, new)
            if drop == 0 and not items:
                continue
            fields = _retag(old[lo: lo + drop], items) if name == "segments" else None
            if fields is not None:
                parts.append(b',"segments_set":[%d,%d,' % (lo, drop) + json.dumps(fields).encode() + b"]")
                continue
            parts.append(b',"%s":[%d,%d,' % (name.encode(), lo, drop) + _LIST_JSON[name].dump_json(items) + b"]")
        record = _frame(b"".join(parts) + b"}")
        log = self.log_path_of(path)
        try:
            append_bytes(log, record)
        except BaseException:
            # The next write starts on a new snapshot: a record appended after torn bytes would not be read.
            self._chains.pop(curation.document.id, None)
            raise
        chain.state, chain.seq, chain.log_bytes = curation, chain.seq + 1, chain.log_bytes + len(record)
        chain.stamp = base_stamp

    def discard(self, doc_id: str, *, keep_base: Curation | None = None) -> None:
        """Forget this run's entry for a Document (after a save or an explicit discard); others' stay.

        ``keep_base``: an undo back to what was opened; a base of it written ahead stays for the next edit."""
        self._chains.pop(doc_id, None)
        self._owed.pop(doc_id, None)
        written = self._base_written.get(doc_id)
        keep = keep_base is not None and written is not None and written[0] is keep_base \
            and "base_crc32" in written[1]
        path = self.path_for(doc_id)
        path.unlink(missing_ok=True)
        self.log_path_of(path).unlink(missing_ok=True)
        if not keep:
            self._segment_json.pop(doc_id, None)
            self._base_written.pop(doc_id, None)
            self.base_path_of(path).unlink(missing_ok=True)

    def own_entries(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob(f"*@{self.run_id}{_SUFFIX}"))

    # -- other runs ----------------------------------------------------------------------
    def _alive(self, run: str, cache: dict[str, bool]) -> bool:
        if run == self.run_id:
            return True
        if run == LEGACY_RUN:
            return False
        if run not in cache:
            lock = try_lock(self._run_lock_path(run))
            cache[run] = lock is None
            if lock is not None:
                lock.release()
        return cache[run]

    def entries(self) -> list[JournalEntry]:
        """Entries of runs that are over (crashed or closed with unsaved edits), by document; damaged ones
        are moved aside and carry a ``problem``."""
        if not self.folder.is_dir():
            return []
        alive: dict[str, bool] = {}
        found = []
        for base in sorted(self.folder.glob("*" + _BASE_SUFFIX)):
            _, run = _split_name(base.name[: -len(_BASE_SUFFIX)] + _SUFFIX)
            if not self._alive(run, alive) and not self._entry_of_base(base).exists():
                base.unlink(missing_ok=True)  # written ahead (or before its entry) by a run that died
        for path in sorted(self.folder.glob("*" + _SUFFIX)):
            doc_id, run = _split_name(path.name)
            if self._alive(run, alive):
                continue
            found.append(self._read(path, doc_id, run))
        return found

    @staticmethod
    def _entry_of_base(base_path: Path) -> Path:
        return base_path.with_name(base_path.name[: -len(_BASE_SUFFIX)] + _SUFFIX)

    def _remove_orphan_bases(self, run: str) -> None:
        """Bases of ``run`` with no entry beside them (written ahead, never used)."""
        if not self.folder.is_dir():
            return
        for base in self.folder.glob(f"*@{run}{_BASE_SUFFIX}"):
            if not self._entry_of_base(base).exists():
                base.unlink(missing_ok=True)

    def resolve(self, entry: JournalEntry) -> None:
        """Delete an entry the editor restored (and this run has journaled) or discarded explicitly."""
        entry.path.unlink(missing_ok=True)
        self.log_path_of(entry.path).unlink(missing_ok=True)
        self.base_path_of(entry.path).unlink(missing_ok=True)

    def peek(self, path: Path) -> Curation | None:
        """The state an entry file holds now (None when it cannot be read), moving nothing aside."""
        doc_id, run = _split_name(path.name)
        return self._read(path, doc_id, run, aside=False).curation

    def _read(self, path: Path, doc_id: str, run: str, *, aside: bool = True) -> JournalEntry:
        try:
            data = load_json_file(path, error=CurationFileError)
            if not isinstance(data, dict) or data.get("journal_version") not in (1, 2, 3, JOURNAL_VERSION):
                raise CurationFileError(path, f"not a version {JOURNAL_VERSION} journal entry")
            note = None
            if data.get("journal_version") in (3, JOURNAL_VERSION):
                state, base, note = self._replay(path, data, aside=aside)
                curation = curation_from_data(state, path)
            else:
                if "curation" not in data:
                    raise CurationFileError(path, "holds no curation")
                curation = curation_from_data(data["curation"], path)
                base = self._read_base(path, curation)
            if curation.document.id != doc_id:
                # A name cut to fit (``path_for``) does not spell the id: the entry is its Document's when
                # that Document's entry of this run has this very name.
                if run == LEGACY_RUN or self.path_for(curation.document.id, run).name != path.name:
                    raise CurationFileError(path, f"holds document {curation.document.id!r}, not {doc_id!r}")
                doc_id = curation.document.id
            if base is not None and (base.document.id != doc_id or base.document.sha256 != curation.document.sha256):
                base = None
            return JournalEntry(doc_id, path, curation, data.get("base_stamp"), str(data.get("written_at", "")),
                                run=run, base=base, note=note)
        except (JsonFileError, OSError) as exc:
            if not aside:
                return JournalEntry(doc_id, path, None, None, "", problem=str(exc), run=run)
            problem = self._move_aside(path, str(exc))
            if self.log_path_of(path).is_file():
                self._move_aside(self.log_path_of(path), "")
            return JournalEntry(doc_id, path, None, None, "", problem=problem, run=run)

    def _replay(self, path: Path, data: dict[str, object], *, aside: bool = True) -> tuple[dict[str, object], Curation | None, str | None]:
        """A version-3 entry's last state (its snapshot, then every intact record of its log in order),
        its base when the base file is the one it names, and what could not be read (the log's tail).

        ``data`` is updated with the last record's stamp and time."""
        base_path = self.base_path_of(path)
        base_data = None
        if data.get("base_crc32") is not None and base_path.is_file():
            raw = read_json_bytes(base_path, error=CurationFileError)
            if zlib.crc32(raw) == data["base_crc32"]:
                base_data = loads_json(raw, base_path, error=CurationFileError)
        elif isinstance(data.get("base_sha256"), str):
            # Named by the curated file it was loaded from; its copy here first (the file may have changed
            # since; a torn copy does not match and the file is read instead).
            candidates = [base_path]
            if isinstance(data.get("base_file"), str):
                candidates.append(self.folder / str(data["base_file"]))
            for candidate in candidates:
                try:
                    raw = read_json_bytes(candidate, error=CurationFileError)
                except (OSError, JsonFileError):
                    continue
                if hashlib.sha256(raw).hexdigest() == data["base_sha256"]:
                    base_data = loads_json(raw, candidate, error=CurationFileError)
                    if isinstance(base_data, dict):
                        try:
                            base_data = migrate(base_data)  # a version-1 file: as the window loaded it
                        except MigrationError as exc:
                            raise CurationFileError(candidate, str(exc)) from None
                    break
        if data.get("from_base"):
            if base_data is None:
                raise CurationFileError(path, f"starts from {base_path.name}, which is missing or not the file it was")
            state = _copy_json(base_data)
        elif isinstance(data.get("curation"), dict):
            state = data["curation"]
        else:
            raise CurationFileError(path, "holds no curation")
        if not isinstance(state, dict):
            raise CurationFileError(path, "holds no curation")
        log = self.log_path_of(path)
        raw_log = read_json_bytes(log, error=CurationFileError) if log.is_file() else b""
        records, stop = _records(raw_log)
        seq = data.get("seq", 0)  # the record a compacted snapshot holds (its log may still begin before it)
        if not isinstance(seq, int):
            raise CurationFileError(path, "names no record it holds")
        note = None
        for end, payload in records:
            try:
                rec = loads_json(payload, log, error=CurationFileError)
            except CurationFileError:
                stop = end - len(payload) - 19
                break
            if not isinstance(rec, dict) or rec.get("token") != data.get("token"):
                continue  # of an older snapshot: already in this one
            if isinstance(rec.get("seq"), int) and rec["seq"] <= seq:
                continue  # already in this (compacted) snapshot
            if rec.get("seq") != seq + 1:
                stop = end - len(payload) - 19
                break
            try:
                state.update(rec["head"])
                for name in _LISTS:
                    if name in rec:
                        lo, drop, items = rec[name]
                        state[name][lo: lo + drop] = items  # type: ignore[index]
                if "segments_set" in rec:
                    lo, count, fields = rec["segments_set"]
                    if not (isinstance(fields, dict) and fields.keys() <= set(_RETAG_FIELDS)):
                        raise ValueError("segments_set")
                    for item in state["segments"][lo: lo + count]:  # type: ignore[index]
                        item.update(fields)
            except (KeyError, TypeError, ValueError):
                stop = end - len(payload) - 19
                break
            data["base_stamp"], data["written_at"] = rec.get("base_stamp"), rec.get("written_at")
            seq += 1
        if stop < len(raw_log):
            kept = self._copy_aside(log) if aside else ""
            note = (f"{len(raw_log) - stop:,} bytes at the end of {log.name} were cut short or damaged (the window "
                    f"was killed while writing an edit): the edits before them are offered{kept}")
        base = curation_from_data(base_data, base_path) if base_data is not None else None
        return state, base, note

    def _read_base(self, path: Path, curation: Curation) -> Curation | None:
        """A version 1-2 entry's base, if it has a readable one (else None: merged without)."""
        base_path = self.base_path_of(path)
        if not base_path.is_file():
            return None
        try:
            return curation_from_data(load_json_file(base_path, error=CurationFileError), base_path)
        except (JsonFileError, OSError):
            return None

    def _aside_target(self, path: Path) -> Path:
        """A free name in ``damaged/`` for ``path`` (``name``, else ``name.1``, ``name.2``, …)."""
        target = self.folder / DAMAGED_DIR / path.name
        n = 1
        while target.exists():
            target = self.folder / DAMAGED_DIR / f"{path.name}.{n}"
            n += 1
        return target

    def _copy_aside(self, path: Path) -> str:
        """Copy a file whose end could not be read to ``damaged/`` (bytes unchanged)."""
        target = self._aside_target(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        except OSError:
            return ""
        return f"; the file is kept in {target}"

    def _move_aside(self, path: Path, problem: str) -> str:
        """Move an unreadable entry to ``damaged/`` (bytes unchanged) so nothing overwrites it."""
        target = self._aside_target(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
        except OSError as exc:
            return f"{problem} (could not be moved aside: {exc.strerror or exc}; left in place)"
        return f"{problem}; moved aside to {target}"


# -- one window per corpus -----------------------------------------------------------------


@dataclass
class WindowLockState:
    """What :meth:`WindowLock.acquire` found."""

    held: bool  # this process now owns the corpus
    other: str | None = None  # another live window's details, when not held
    stale: str | None = None  # a previous owner that died without releasing (its file remained)


class WindowLock:
    """``<corpus>/.curator/window.lock``: held by the window that has the corpus open, with its owner's details."""

    def __init__(self, state_dir: Path) -> None:
        self.path = Path(state_dir) / "window.lock"
        self._lock: HeldLock | None = None

    def _owner(self) -> dict[str, object]:
        try:
            data = loads_json(self.path.read_bytes()[: 1 << 16] or b"{}", self.path)
        except (OSError, JsonFileError):
            return {}
        return data if isinstance(data, dict) else {}

    @staticmethod
    def describe(owner: dict[str, object]) -> str:
        if not owner:
            return "another Curator window"
        return (f"a Curator window (pid {owner.get('pid', '?')} on {owner.get('host', '?')}, "
                f"opened {owner.get('started', '?')})")

    def acquire(self) -> WindowLockState:
        try:
            lock = try_lock(self.path)
        except OSError:
            return WindowLockState(held=False)  # a read-only corpus: nothing to protect by a lock
        if lock is None:
            return WindowLockState(held=False, other=self.describe(self._owner()))
        previous = self._owner()
        self._lock = lock
        stale = None
        if previous:
            stale = f"{self.describe(previous)} ended without closing the corpus (crashed or killed)"
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": _dt.datetime.now().isoformat(timespec="seconds")}
        try:
            self.path.write_text(json.dumps(info) + "\n", encoding="utf-8")
        except OSError:
            pass
        return WindowLockState(held=True, stale=stale)

    def release(self) -> None:
        if self._lock is None:
            return
        try:
            self.path.write_text("", encoding="utf-8")  # a clean exit leaves no owner to call stale
        except OSError:
            pass
        self._lock.release()
        self._lock = None


# -- writing off the UI thread -----------------------------------------------------------------


# How long an edit waits for the writer thread to finish another write before it is queued behind it.
WAIT_FOR_WRITER_S = 2.0


class JournalWriter:
    """Writes journal entries on a background thread; the latest state of each Document wins."""

    def __init__(self, journal: RunJournal, *, on_error: Callable[[str], None] | None = None,
                 on_recovered: Callable[[], None] | None = None) -> None:
        self.journal = journal
        self.on_error = on_error  # every failed write
        self.on_recovered = on_recovered  # the first write that worked after failures
        self.failing = False
        self._cond = threading.Condition()
        # a Document's next thing to write: a state, a base to write ahead (_Prepare), or None: delete
        # this run's entry (after a save)
        self._pending: dict[str, _Item | _Prepare | _Discard | None] = {}
        self._settle: set[str] = set()  # Documents whose named base is still to be copied (RunJournal.settle)
        self._generation: dict[str, int] = {}
        self._busy = False
        self._closed = False
        self._write_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="curator-journal", daemon=True)
        self._thread.start()

    def submit(self, curation: Curation, *, base_stamp: str | None, base: Curation | None = None,
               base_file: Path | None = None) -> None:
        """Journal this state of a Document, and what it began from (Curations are values: not copied), on the
        caller's thread: it is on disk when this returns.

        ``base_file``: the curated file ``base`` was loaded from or saved to, whose SHA-256 is
        ``base_stamp``; the first edit then names it instead of writing the base before its record.
        Usually one short record is appended (~1-4 ms), after a small snapshot header for the first edit;
        only a base no file names and none written ahead is written first (once). What can wait goes to the
        writer thread: copying a named base in, and a new snapshot when the log has outgrown the old one;
        neither is needed to read this edit back, and the thread holds the lock this takes only to put
        bytes it has prepared in place. While writes fail, the writer thread tries again and reports."""
        doc_id = curation.document.id
        item = _Item(curation, base_stamp, base, base_file, self._generation.get(doc_id, 0))

        with self._cond:
            if self.failing:  # the writer thread tries again (and says when it works)
                self._pending[doc_id] = item
                self._cond.notify()
                return
        # The writer holds the lock only to put bytes it prepared in place (never while it serialises or
        # hashes), so this waits a few ms at most; the 2 s are for a disk that hangs.
        if not self._write_lock.acquire(timeout=WAIT_FOR_WRITER_S):
            with self._cond:
                self._pending[doc_id] = item
                self._cond.notify()
            return
        try:
            with self._cond:
                # Whatever is pending for this Document is older than this state: a state, a base written
                # ahead (this write writes it if it must), or the deletion of the entry after a save or an undo
                # back to it, done here first so that this state starts a new entry from the saved file.
                pending = self._pending.pop(doc_id, None)
            try:
                if isinstance(pending, _Discard):
                    self.journal.discard(doc_id, keep_base=pending.keep_base)
                # Written here, whatever it takes: an append (a few hundred bytes; a new article in a 4,000-segment
                # Article ~2 MB), a snapshot naming the base, the base itself when none is on disk (once), a new
                # base's snapshot (a reload and merge). Handed to the writer thread, a restore, a new base, a
                # long edit and every edit after them until the thread wrote them returned before they were on
                # disk, and a kill lost them.
                self.journal.record(curation, base_stamp=base_stamp, base=base, base_file=base_file)
            except Exception:  # noqa: BLE001 - the writer thread tries again and reports (never a dialog in a push)
                with self._cond:
                    self._pending.setdefault(doc_id, item)
                    self._cond.notify()
        finally:
            self._write_lock.release()
        if self.journal.owes(doc_id) or self.journal.wants_compaction(doc_id):
            with self._cond:
                self._settle.add(doc_id)
                self._cond.notify()

    def prepare(self, base: Curation) -> None:
        """Write a Document's base ahead on the writer thread (opened on a proposal no file holds), so that
        its first edit is as short to journal as any other. Replaced by any later state of it."""
        doc_id = base.document.id
        with self._cond:
            if doc_id not in self._pending and not self.journal.has_base(base):
                self._pending[doc_id] = _Prepare(base, self._generation.get(doc_id, 0))
                self._cond.notify()

    def _write(self, doc_id: str, item: _Item | _Prepare | _Discard | None) -> None:
        """Write one state (or delete this run's entry); failures are reported, not raised."""
        try:
            if item is None or isinstance(item, _Discard):
                with self._write_lock:
                    self.journal.discard(doc_id, keep_base=item.keep_base if item is not None else None)
            elif isinstance(item, _Prepare):
                if self._generation.get(doc_id, 0) == item.generation:
                    self.journal.write_base_held(item.base, self._hold)
            elif self._generation.get(doc_id, 0) == item.generation:
                with self._write_lock:
                    self.journal.record(item.curation, base_stamp=item.base_stamp, base=item.base,
                                        base_file=item.base_file)
                self.journal.settle_held(doc_id, self._hold)
                self.journal.compact(doc_id, self._hold)
                if self.failing:
                    self.failing = False
                    if self.on_recovered is not None:
                        self.on_recovered()
        except Exception as exc:  # noqa: BLE001 - reported; the editor's work is still in memory
            self.failing = True
            if self.on_error is not None:
                self.on_error(f"Could not write the recovery journal: {exc}")

    def discard(self, doc_id: str, *, keep_base: Curation | None = None) -> None:
        """Drop what is pending for a Document and delete this run's entry (after a save or an undo
        back to the saved state), on the writer's thread: after a write in progress, so its file
        goes too. The UI thread used to wait here for that write (20 ms of an undo on a 1 MB page).
        A later ``submit`` replaces the deletion: the entry then holds that newer state. ``keep_base``:
        the state the Document is back at; a base of it written ahead is kept for the next edit."""
        with self._cond:
            self._pending.pop(doc_id, None)  # re-inserted last: after any write queued before it
            self._pending[doc_id] = _Discard(keep_base)
            self._settle.discard(doc_id)
            self._generation[doc_id] = self._generation.get(doc_id, 0) + 1
            self._cond.notify()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted is on disk; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending or self._settle or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self) -> None:
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._settle and not self._closed:
                    self._cond.wait()
                if not self._pending and not self._settle and self._closed:
                    return
                settle = None
                if self._pending:
                    doc_id = next(iter(self._pending))
                    item = self._pending.pop(doc_id)
                else:
                    settle = self._settle.pop()
                self._busy = True
            try:
                if settle is not None:
                    self._settle_one(settle)
                else:
                    self._write(doc_id, item)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _hold(self) -> threading.Lock:
        """The lock edits are written under, for the writer's short writes (``with self._hold():``)."""
        return self._write_lock

    def _settle_one(self, doc_id: str) -> None:
        """Copy a named base in, and take a new snapshot of a log grown past its own, between edits."""
        try:
            self.journal.settle_held(doc_id, self._hold)
            self.journal.compact(doc_id, self._hold)
        except Exception as exc:  # noqa: BLE001 - the entry still names the file; reported
            self.failing = True
            if self.on_error is not None:
                self.on_error(f"Could not write the recovery journal: {exc}")


@dataclass
class _Item:
    curation: Curation
    base_stamp: str | None
    base: Curation | None
    base_file: Path | None
    generation: int


@dataclass
class _Prepare:
    base: Curation
    generation: int


@dataclass
class _Discard:
    keep_base: Curation | None
