"""The corpus index under ``<corpus>/.curator/dups/``: features per Document (keyed by sha256) and links.

Adding Documents computes features for the new ones only and aligns only pairs
that touch them; a changed or removed Document, or changed parameters or
version, make the index stale and it is rebuilt. An unreadable index is rebuilt,
never trusted.

Files (no pickle anywhere):

* ``index.json``: format, parameters, Documents in stored order ``[id, sha256, passages]``
  and every verified near link;
* ``passages.bin``: one fixed record per passage (start, end, exact hash, words), little-endian;
* ``kgrams.bin``: the shingle hashes of every passage, concatenated (a passage of ``w`` words
  has ``max(w - k + 1, 0)``).

The binary files are read through memory maps, so a run holds a few numbers per passage,
never the corpus's shingles. A new index is written beside the old one and swapped in.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np

from curator.core.dups.api import gc_paused
from curator.core.dups.engine import SHINGLE, Collector, SourceReader, append_routed, detect, route_records
from curator.core.dups.features import DocFeatures, document_features
from curator.core.dups.groups import Group, Link
from curator.core.dups.params import Params
from curator.core.dups.text import blocks
from curator.core.jsonio import JsonFileError, atomic_write_text, bounded, load_json_file, move_aside
from curator.core.parallel import Workers
from curator.core.scratch import scratch_dir
from curator.core.store import Corpus
from curator.core.textio import SourceError, SourceText

INDEX_FORMAT = 2
INDEX_DIR = "dups"
INDEX_FILE = "index.json"
PASSAGE = np.dtype([("start", "<i8"), ("end", "<i8"), ("exact", "<u8"), ("words", "<i8")])

Progress = Callable[[str, int, int], None]


class IndexError_(Exception):
    """The stored index cannot be used (the message says why); callers rebuild it."""


class DamagedIndex(IndexError_):
    """The stored index is unreadable or malformed: it is moved aside (kept as it is), then rebuilt."""


# The index holds features of every Document: ~10 kB each, so 100k Documents stay far below this.
MAX_INDEX_BYTES = 8 << 30


@dataclass
class IndexStats:
    """What a run did with the index."""

    documents: int = 0
    reused: int = 0  # Documents whose stored features were used as they were
    computed: int = 0  # Documents whose features were computed in this run
    rebuilt: bool = False
    reason: str | None = None  # why the index was rebuilt
    links_reused: int = 0
    links_found: int = 0
    written: bool = False


class SourceTexts(Mapping[str, str]):
    """Document texts read from the corpus when asked for (a few kept), never all at once."""

    def __init__(self, corpus: Corpus, doc_ids: list[str], *, keep: int = 64) -> None:
        self.corpus, self.ids, self.keep = corpus, doc_ids, keep
        self._known = set(doc_ids)
        self._cache: OrderedDict[str, str] = OrderedDict()

    def __getitem__(self, doc_id: str) -> str:
        text = self._cache.get(doc_id)
        if text is None:
            if doc_id not in self._known:
                raise KeyError(doc_id)
            text = self.corpus.read_source(doc_id).text
            self._cache[doc_id] = text
            if len(self._cache) > self.keep:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(doc_id)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class CorpusDups:
    """Groups of a corpus, with access to the texts their offsets point into."""

    groups: list[Group]
    stats: IndexStats
    texts: Mapping[str, str]
    problems: list[str] = field(default_factory=list)  # sources that could not be read (skipped)
    listed: list[str] | None = None  # every Document id of the corpus, as listed for this run
    # with ``stored``: the duplicate entries stored in the readable Documents' curated files, in
    # corpus order, and the curated files that could not be read (``read_stored_entries``)
    stored: list | None = None
    stored_problems: list[str] = field(default_factory=list)
    # with ``keep_workers``: the detection's worker processes, still running, for the caller's own work
    # (the caller closes them)
    workers: Workers | None = None
    # with ``commit_later``: the index being written in a thread (``finish`` waits for it)
    pending: _Commit | None = None

    def finish(self, *, raise_error: bool = True) -> None:
        """Wait for the index's commit (``find_in_corpus(commit_later=True)``): ``stats.written`` is set and a
        write that failed is in ``problems`` once this returns. ``raise_error``: what the commit raised
        (not an ``OSError``: a failed write is a problem, not an exception) is raised here."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.wait(raise_error=raise_error)


class _Commit:
    """``IndexWriter.commit`` in a thread, then ``scratch`` removed (the workers' shingle files the commit
    copies from): the caller quotes the members meanwhile (``dups --jobs 2`` on 10k pages: the commit,
    ~0.1-0.2 s of fsyncs, renames and the links' JSON, ran between the alignment and the tail while both
    workers waited). Not a daemon: a command that ends (or is interrupted) still finishes the index."""

    def __init__(self, writer: IndexWriter, links: list[Link], params: Params, stats: IndexStats,
                 problems: list[str], scratch: str | None) -> None:
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(writer, links, params, stats, problems, scratch),
                                        name="curator-index-commit")
        self._thread.start()

    def _run(self, writer: IndexWriter, links: list[Link], params: Params, stats: IndexStats,
             problems: list[str], scratch: str | None) -> None:
        try:
            stats.written = writer.commit(links, params)
            if writer.error is not None:
                problems.append(writer.error)
        except BaseException as exc:  # handed to ``wait``'s caller
            self._error = exc
            writer.abort()
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)

    def wait(self, *, raise_error: bool = True) -> None:
        self._thread.join()
        if self._error is not None and raise_error:
            raise self._error


def index_path(corpus: Corpus) -> Path:
    return corpus.state_dir / INDEX_DIR / INDEX_FILE


def _link_row(lk: Link) -> list[object]:
    return [lk.doc_a, lk.i_a, lk.doc_b, lk.i_b, lk.a[0], lk.a[1], lk.b[0], lk.b[1], lk.score, lk.exact]


def _row_link(row: list) -> Link:
    da, ia, db, ib, a0, a1, b0, b1, score, exact = row
    return Link(str(da), int(ia), str(db), int(ib), (int(a0), int(a1)), (int(b0), int(b1)), float(score), bool(exact))


class StoredIndex:
    """A readable index: features of each stored Document, by id, from memory maps."""

    def __init__(self, folder: Path, params: Params) -> None:
        path = folder / INDEX_FILE
        try:
            raw = load_json_file(path, max_bytes=MAX_INDEX_BYTES)
        except FileNotFoundError:
            raise IndexError_("no index yet") from None
        except JsonFileError as exc:
            raise DamagedIndex(f"{path}: unreadable ({exc.reason})") from None
        try:
            if not isinstance(raw, dict):
                raise DamagedIndex(f"{path}: not a JSON object")
            if raw.get("format") != INDEX_FORMAT:
                raise IndexError_(f"index format {raw.get('format')!r} is not {INDEX_FORMAT}")
            if raw.get("params") != json.loads(json.dumps(params.key())):
                raise IndexError_("parameters or version changed")
            docs = [(str(d), str(sha), int(n)) for d, sha, n in raw["documents"]]
            self.links = [_row_link(r) for r in raw["links"]]
            passages = np.fromfile(folder / "passages.bin", dtype=PASSAGE)
            total = sum(n for _, _, n in docs)
            if len(passages) != total:
                raise DamagedIndex(f"{folder / 'passages.bin'}: {len(passages)} passages, the index lists {total}")
            per = np.maximum(passages["words"] - params.k + 1, 0)
            size = os.path.getsize(folder / "kgrams.bin")
            if size != 8 * int(per.sum()):
                raise DamagedIndex(f"{folder / 'kgrams.bin'}: {size} bytes, the passages need {8 * int(per.sum())}")
            self.kgrams = (np.memmap(folder / "kgrams.bin", dtype="<u8", mode="r") if size
                           else np.empty(0, dtype="<u8"))
        except IndexError_:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, OSError, RecursionError) as exc:
            raise DamagedIndex(f"{path}: malformed ({bounded(repr(exc), 200)})") from None
        self.params = params
        self.passages = passages
        self.koff = np.concatenate(([0], np.cumsum(per))).astype(np.int64)
        self.docs: dict[str, tuple[str, int, int]] = {}  # id -> sha256, first passage, passages
        first = 0
        for doc_id, sha, n in docs:
            self.docs[doc_id] = (sha, first, n)
            first += n

    def features(self, doc_id: str) -> DocFeatures:
        sha, first, n = self.docs[doc_id]
        rows = self.passages[first : first + n]
        lo, hi = int(self.koff[first]), int(self.koff[first + n])
        offsets = self.koff[first : first + n + 1] - lo
        spans = list(zip(rows["start"].tolist(), rows["end"].tolist(), strict=True))
        return DocFeatures(doc_id, sha, spans, rows["exact"].tolist(), rows["words"].tolist(),
                           np.array(self.kgrams[lo:hi], dtype=np.uint64), offsets.astype(np.int64))


class IndexWriter:
    """A new index written beside the old one, swapped in by ``commit``.

    A write that fails (a full disk, an I/O error) never stops the detection: the writer removes what
    it wrote, keeps the old index as it was, and says why in ``error``; later calls do nothing.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.error: str | None = None
        self.tmp: Path | None = None
        self.docs: list[list[object]] = []
        # shingles a worker wrote to its own file, copied in (``add(kgrams_at=...)``): [path, offset, size]
        # of the run not copied yet (consecutive Documents' runs are joined), and the files opened
        self._pending: list[Any] | None = None
        self._sources: dict[str, int] = {}
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
            self._passages = open(self.tmp / "passages.bin", "wb")  # noqa: SIM115 - closed in commit/abort
            self._kgrams = open(self.tmp / "kgrams.bin", "wb")  # noqa: SIM115
        except OSError as exc:
            self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        self.error = (f"{self.folder}: the duplicate index cannot be written ({exc.strerror or exc}); "
                      "the groups are found without it and the old index is left as it was")
        self.abort()

    def add(self, f: DocFeatures, kgrams_at: tuple[str, int, int] | None = None) -> None:
        """``kgrams_at``: ``f``'s shingles are not in ``f`` but in a file, (path, offset, bytes) (a worker
        wrote them there: the main process copies them without reading them)."""
        if self.error is not None:
            return
        try:
            self._add(f, kgrams_at)
        except OSError as exc:
            self._failed(exc)

    def _add(self, f: DocFeatures, kgrams_at: tuple[str, int, int] | None = None) -> None:
        rec = np.empty(len(f.spans), dtype=PASSAGE)
        if len(f.spans):
            spans = np.asarray(f.spans, dtype=np.int64)
            rec["start"], rec["end"] = spans[:, 0], spans[:, 1]
            rec["exact"] = np.asarray(f.exact, dtype=np.uint64)
            rec["words"] = np.asarray(f.words, dtype=np.int64)
        self._passages.write(rec.tobytes())
        if kgrams_at is None:
            self._copy_pending()
            self._kgrams.write(np.ascontiguousarray(f.kgrams, dtype="<u8").tobytes())
        else:
            self._extend_run(*kgrams_at)
        self.docs.append([f.id, f.sha256, len(f.spans)])

    def _extend_run(self, path: str, offset: int, size: int) -> None:
        """Shingles at ``offset`` of a worker's file ``path``: one copy with the run before when they follow it."""
        run = self._pending
        if run is not None and run[0] == path and run[1] + run[2] == offset:
            run[2] += size
        else:
            self._copy_pending()
            self._pending = [path, offset, size]

    def add_columns(self, ids: list[str], shas: list[str], counts: list[int], spans: np.ndarray,
                    exact: np.ndarray, words: np.ndarray, kgrams_at: tuple[str, int, int]) -> None:
        """``add`` for several Documents at once: their passages as columns one after another (``counts[i]``
        for ``ids[i]``), their shingles one run of a worker's file (the same bytes as ``add`` a Document)."""
        if self.error is not None:
            return
        try:
            rec = np.empty(len(spans), dtype=PASSAGE)
            if len(spans):
                rec["start"], rec["end"] = spans[:, 0], spans[:, 1]
                rec["exact"], rec["words"] = exact, words
            self._passages.write(rec.tobytes())
            self._extend_run(*kgrams_at)
            self.docs.extend([d, sha, n] for d, sha, n in zip(ids, shas, counts, strict=True))
        except OSError as exc:
            self._failed(exc)

    def _copy_pending(self) -> None:
        """The shingles of ``_pending`` appended to ``kgrams.bin`` (in the kernel where it can)."""
        run, self._pending = self._pending, None
        if run is None or not run[2]:
            return
        path, offset, size = run
        src = self._sources.get(path)
        if src is None:
            src = self._sources[path] = os.open(path, os.O_RDONLY)
        self._kgrams.flush()
        copy_range(src, self._kgrams.fileno(), offset, size)

    def _close_sources(self) -> None:
        for fd in self._sources.values():
            os.close(fd)
        self._sources = {}

    def commit(self, links: list[Link], params: Params) -> bool:
        """Swap the new index in; False (and ``error``) when it could not be written."""
        if self.error is not None:
            return False
        try:
            self._commit(links, params)
        except OSError as exc:
            self._failed(exc)
            return False
        return True

    def _commit(self, links: list[Link], params: Params) -> None:
        assert self.tmp is not None
        self._copy_pending()
        self._close_sources()
        for fh in (self._passages, self._kgrams):
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        data = {"format": INDEX_FORMAT, "params": params.key(), "documents": self.docs,
                "links": [_link_row(lk) for lk in sorted(links, key=_link_row)]}
        atomic_write_text(self.tmp / INDEX_FILE, json.dumps(data, separators=(",", ":"), sort_keys=True))
        old = None
        if self.folder.exists():
            old = self.folder.with_name(f".{self.folder.name}.old-{os.getpid()}")
            os.replace(self.folder, old)
        os.replace(self.tmp, self.folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        self._close_sources()
        for name in ("_passages", "_kgrams"):
            fh = getattr(self, name, None)
            if fh is not None:
                try:
                    fh.close()
                except OSError:  # a full disk fails the close's flush too
                    pass
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def copy_range(src: int, dst: int, offset: int, size: int) -> None:
    """``size`` bytes of file ``src`` from ``offset`` appended at ``dst``'s position (``copy_file_range``
    where the system has it: no copy through this process; else read and written)."""
    done = 0
    fast = hasattr(os, "copy_file_range")
    while done < size:
        if fast:
            try:
                n = os.copy_file_range(src, dst, size - done, offset + done)
            except OSError:  # another file system, an older kernel: read and write instead
                fast = False
                continue
        else:
            data = os.pread(src, min(size - done, 1 << 24), offset + done)
            n = len(data)
            if n:
                view = memoryview(data)
                while view:
                    view = view[os.write(dst, view):]
        if n == 0:
            raise OSError(f"{size - done} bytes short in a worker's shingle file")
        done += n


@dataclass
class _State:
    root: str
    known: dict[str, str]  # stored Documents' sha256: their features are read from the index
    k: int
    bits: int = 0  # the collector's shingle partitions (2**bits): workers route the shingles
    keep_kgrams: bool = True  # the main process writes the index: it needs each Document's shingles
    stored: bool = False  # read each Document's stored duplicate decisions too
    # With no index hits: the workers append the routed shingles to the partition files in this
    # folder themselves (``append_routed``), each record's ``node`` a slot: ``lane + jobs * n`` for the
    # worker's n-th passage; ``lanes`` hands each worker its lane (0..jobs-1) as it starts.
    folder: str | None = None
    lanes: Any = None
    jobs: int = 1
    # With ``keep_kgrams`` and workers: each worker appends the computed Documents' shingles to its own
    # file in this folder and the main process copies them into the index (``IndexWriter.add``): they
    # were pickled, piped and unpickled to be written (10k pages: 75 MB, ~0.3 CPU-s of the main process)
    kgrams_folder: str | None = None


_NO_KGRAMS = np.empty(0, dtype=np.uint64)
_ZEROS = np.zeros(4096, dtype=np.int64)  # offsets of features without shingles (views, never written)
_KGRAMS: dict[str, list[int]] = {}  # a worker's shingle file in ``_State.kgrams_folder``: [fd, size]


_STATE: _State | None = None
_SLOTS = [0, 0]  # a worker's lane and how many passages it has filed (``_State.folder``)


def _init(state: _State) -> None:
    global _STATE
    _STATE = state
    if state.lanes is not None:
        with state.lanes.get_lock():
            _SLOTS[:] = [state.lanes.value, 0]
            state.lanes.value += 1


def _doc_features(doc_id: str) -> tuple[str, str | None, DocFeatures | None, str | None, tuple[str, ...]]:
    """(id, sha256, features or None when the index has them, problem, source warnings) of one Document."""
    st = _STATE
    assert st is not None
    try:
        src = _read_source(st.root, doc_id)
    except SourceError as exc:
        return doc_id, None, None, str(exc), ()
    if st.known.get(doc_id) == src.sha256:
        return doc_id, src.sha256, None, None, src.warnings
    feats = document_features(doc_id, src.sha256, src.text, blocks(src.text), k=st.k).compact()
    return doc_id, src.sha256, feats, None, src.warnings


def _read_source(root: str, doc_id: str) -> SourceText:
    """``read_source(Path(root) / f"{doc_id}.txt")`` (``root`` as ``str(Path(...))`` writes it), the file named
    as it names it, without making ``Path`` objects (two a Document: ~10 % of reading one)."""
    from curator.core.textio import decode_bytes, read_source

    name = f"{doc_id}.txt"
    path = name if root == "." else os.path.join(root, name)  # = str(Path(root) / name)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:  # read_source's error, as it words it
        return read_source(Path(root) / name)
    return decode_bytes(data, path)


BATCH = 128  # Documents per task with workers
# With workers: routed shingles kept in memory before the main process appends them to the partition
# files. It writes them while the batches arrive (the workers are busy then); with the spill's usual
# budget (256 MB) it wrote all of them when candidate pairs started, while both workers waited
# (10k pages: 124 MB of records, ~0.3 CPU-s on the serial path).
EARLY_FLUSH = 32 * 2**20


@dataclass
class _Batch:
    """What a worker gives back for a batch of Documents (``_doc_features_batch``)."""

    docs: list  # per Document, ``_doc_features``'s tuple (features without shingles unless kept)
    records: np.ndarray  # SHINGLE records of the computed Documents, grouped by partition; ``node`` is
    # the passage's number among the computed Documents' passages, in order (empty with ``slots``)
    counts: np.ndarray  # records per partition
    stored: list  # (document id, stored entry) of the readable Documents, in order (with ``stored``)
    problems: list[str]  # curated files that could not be read
    # with ``_State.folder``: the records went to the partition files; the computed Documents' passages
    # carry slots ``lane + jobs * (first + i)``, i = 0..passages-1: (lane, first, passages)
    slots: tuple[int, int, int] | None = None
    # with ``_State.kgrams_folder``: the computed Documents' shingles, one after another in a file:
    # (path, offset of the first, bytes of each computed Document in order)
    kgrams: tuple[str, int, list[int]] | None = None
    # The passages of the Documents sent without shingles (their ``docs`` entry holds how many instead of
    # features), one after another: spans (n x 2), exact, words. Features a Document, a dataclass and five
    # small arrays each, were pickled here and unpickled by the main process one by one.
    columns: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None


def _doc_features_batch(doc_ids: list[str]) -> _Batch:
    """In a worker: ``_doc_features`` of each Document, their shingles routed to the collector's
    partitions here (the main process only files them), and their stored decisions when asked.

    One Document at a time, the main process unpickled and routed every shingle: 4-5 of the
    13 CPU-s it spent in ``dups --jobs 2`` on 10k pages, while the workers waited on it.
    """
    st = _STATE
    assert st is not None
    docs: list[tuple] = []  # ``_doc_features``'s tuples (a passage count for features sent as columns)
    pieces: list[np.ndarray] = []
    kept: list[np.ndarray] = []  # the computed Documents' shingles for the index (``kgrams_folder``)
    cols: tuple[list[Any], list[Any], list[Any]] = ([], [], [])  # spans, exact, words (numpy columns)
    base = 0
    readable: list[str] = []
    for doc_id in doc_ids:
        out = _doc_features(doc_id)
        f = out[2]
        if out[3] is None:
            readable.append(doc_id)
        if f is not None:
            n = len(f.spans)
            if len(f.kgrams):
                rec = np.empty(len(f.kgrams), dtype=SHINGLE)
                rec["h"] = f.kgrams
                rec["node"] = np.repeat(np.arange(base, base + n, dtype=np.uint32), np.diff(f.offsets))
                pieces.append(rec)
            base += n
            if st.kgrams_folder is not None:
                kept.append(f.kgrams)
            if not st.keep_kgrams or st.kgrams_folder is not None:
                # without its shingles: its columns go with the batch's, the Document says how many passages
                for col, values in zip(cols, (f.spans, f.exact, f.words), strict=True):
                    col.append(values)
                docs.append((out[0], out[1], n, out[3], out[4]))
                continue
        docs.append(out)
    records = np.concatenate(pieces) if pieces else np.empty(0, dtype=SHINGLE)
    n_parts = 1 << st.bits
    if n_parts > 1 and len(records):
        records, counts = route_records(records, st.bits)
    else:
        counts = np.array([len(records)] + [0] * (n_parts - 1), dtype=np.int64)
    slots = None
    if st.folder is not None:
        lane, first = _SLOTS
        if lane + st.jobs * (first + base) >= 2**32:
            raise OverflowError("more passages than shingle records can number")
        if len(records):
            records["node"] = lane + st.jobs * (first + records["node"].astype(np.int64))
            append_routed(st.folder, records, counts)
        records = np.empty(0, dtype=SHINGLE)
        slots = (lane, first, base)
        _SLOTS[1] = first + base
    kgrams = _write_kgrams(st.kgrams_folder, kept) if st.kgrams_folder is not None else None
    stored: list = []
    problems: list[str] = []
    if st.stored:
        from curator.core.dups.contract import read_stored_entries

        stored = list(read_stored_entries(Corpus(st.root), readable, problems))
    columns = None
    if cols[0]:
        columns = (np.concatenate(cols[0]).reshape(-1, 2), np.concatenate(cols[1]), np.concatenate(cols[2]))
    return _Batch(docs, records, counts, stored, problems, slots, kgrams, columns)


def _write_kgrams(folder: str, kept: list[np.ndarray]) -> tuple[str, int, list[int]]:
    """In a worker: ``kept`` appended to its shingle file in ``folder``: (path, offset, bytes of each)."""
    path = os.path.join(folder, f"{os.getpid()}.bin")
    at = _KGRAMS.get(path)
    if at is None:
        at = _KGRAMS[path] = [os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 0]
    sizes = [8 * len(k) for k in kept]
    offset = at[1]
    if sum(sizes):
        view = np.ascontiguousarray(np.concatenate(kept), dtype="<u8").data.cast("B")
        while view:
            view = view[os.write(at[0], view):]
        at[1] += sum(sizes)
    return path, offset, sizes


def _features(corpus: Corpus, doc_id: str, params: Params) -> DocFeatures:
    src = corpus.read_source(doc_id)
    return document_features(doc_id, src.sha256, src.text, blocks(src.text), k=params.k)


def find_in_corpus(
    corpus: Corpus,
    params: Params | None = None,
    *,
    use_index: bool = True,
    progress: Progress | None = None,
    jobs: int = 1,
    stored_decisions: bool = False,
    keep_workers: bool = False,
    commit_later: bool = False,
) -> CorpusDups:
    """Duplicate groups of a corpus's blank-line blocks, reusing and updating the index.

    Documents are read one at a time; only the passages in candidate pairs are read again
    to be aligned. ``progress(stage, done, total)`` reports the stages. ``stored_decisions``
    with ``jobs > 1``: the workers read each Document's stored decisions as they compute its
    features (``CorpusDups.stored``; one pass over the corpus instead of two). ``keep_workers``: the
    worker processes are not stopped but handed to the caller (``CorpusDups.workers``; a second pool
    forked for the caller's tail cost a close, a fork and the new workers' start, while nothing ran in
    parallel). ``commit_later``: the new index is written in a thread (``CorpusDups.pending``); the
    caller calls ``CorpusDups.finish`` before it reports problems.
    """
    params = params or Params()
    stats = IndexStats()
    problems: list[str] = []
    ids = corpus.document_ids()
    folder = index_path(corpus).parent

    stored: StoredIndex | None = None
    if use_index:
        try:
            stored = StoredIndex(folder, params)
        except DamagedIndex as exc:
            stats.rebuilt, stats.reason = True, str(exc)
            aside = move_aside(folder)
            problems.append(f"{exc}; moved aside to {aside.name} and rebuilt" if aside else f"{exc}; rebuilt")
        except IndexError_ as exc:
            stats.rebuilt, stats.reason = True, str(exc)
        else:
            present = set(ids)
            for doc_id in stored.docs:
                if doc_id not in present:
                    stats.rebuilt, stats.reason = True, f"document {doc_id!r} was removed"
                    stored = None
                    break
    collector = Collector(params)
    writer: IndexWriter | None = None
    fresh: list[str] = []
    readable: list[str] = []

    def start_writer() -> IndexWriter:
        # The first new Document: the index will change; copy in what was reused so far.
        w = IndexWriter(folder)
        for doc_id in readable[:-1]:
            w.add(stored.features(doc_id) if stored is not None else _features(corpus, doc_id, params))
        return w

    known = {d: v[0] for d, v in stored.docs.items()} if stored is not None else {}
    batched = jobs > 1
    state = _State(str(corpus.root), known, params.k, collector.bits, use_index, stored_decisions and batched)
    kgrams_folder: str | None = None
    if batched:
        collector.spill.budget = EARLY_FLUSH
        if use_index:
            kgrams_folder = state.kgrams_folder = scratch_dir("curator-kgrams-")
        if not known:  # every shingle is routed in a worker: they write the partition files themselves
            import multiprocessing

            state.folder, state.lanes, state.jobs = str(collector.spill.folder()), multiprocessing.Value("i", 0), jobs
    workers = Workers(jobs, _init, (state,))
    stored_entries: list | None = [] if stored_decisions and batched else None
    stored_problems: list[str] = []
    pending: _Commit | None = None
    handed = False  # the workers went to the caller

    def file_records(batch: _Batch, firsts: list[int], sizes: list[int]) -> None:
        """A batch's shingle records filed: ``firsts[i]``, ``sizes[i]``: the passage ids of its i-th computed
        Document here."""
        if batch.slots is not None:
            # the records are in the partition files already; their slots -> passage ids here
            lane, first, n = batch.slots
            if n:
                local = np.concatenate([np.arange(a, a + k, dtype=np.int64) for a, k in zip(firsts, sizes,
                                                                                              strict=True)])
                slots = lane + jobs * (first + np.arange(n, dtype=np.int64))
                collector.spill.add_written(batch.counts, slots, local)
        elif len(batch.records):
            # the batch's passage numbers -> passage ids here (index hits may sit in between)
            local = np.concatenate([np.arange(a, a + n, dtype=np.uint32) for a, n in zip(firsts, sizes,
                                                                                           strict=True)])
            batch.records["node"] = local[batch.records["node"]]
            collector.spill.add_grouped(batch.records, batch.counts)
        if stored_entries is not None:
            stored_entries.extend(batch.stored)
            stored_problems.extend(batch.problems)

    def readable_doc(doc_id: str, problem: str | None, warnings: tuple[str, ...]) -> bool:
        """Keep a worker's warnings about ``doc_id``; False (its problem noted) when it could not be read."""
        if warnings:
            corpus.source_warnings[doc_id] = warnings
        if problem is not None:
            problems.append(f"{problem} (skipped)")
            return False
        return True

    def add_batch(batch: _Batch) -> None:
        """With workers and no index to reuse (every readable Document computed, its features as the batch's
        columns): the batch added as columns (a ``DocFeatures`` a Document, then the collector's and the
        index writer's work on each, were ~0.3 CPU-s of the main process at 10k pages while the workers ran)."""
        nonlocal writer
        got: list[str] = []
        shas: list[str] = []
        counts: list[int] = []
        for doc_id, sha, n, problem, warnings in batch.docs:
            if not readable_doc(doc_id, problem, warnings):
                continue
            got.append(doc_id)
            shas.append(sha)
            counts.append(n)
        first = collector.n_passages
        if got:
            spans, exact, words = cast(Any, batch.columns)
            readable.extend(got)
            fresh.extend(got)
            if use_index and writer is None:
                writer = IndexWriter(folder)
            if writer is not None:
                kg_path, kg_at, kg_sizes = cast(Any, batch.kgrams)
                writer.add_columns(got, shas, counts, spans, exact, words, (kg_path, kg_at, sum(kg_sizes)))
            collector.add_columns(got, shas, counts, spans, exact, words)
        file_records(batch, [first], [collector.n_passages - first])

    def results() -> Iterator[tuple[tuple, bool, tuple[str, int, int] | None]]:
        """Each Document's ``_doc_features`` tuple, in corpus order, whether its shingles were
        routed by a worker (they are filed here once its batch has been added), and where the worker
        wrote its shingles for the index (``_State.kgrams_folder``)."""
        if not batched:
            for out in workers.imap(_doc_features, ids, chunksize=16):
                yield out, False, None
            return
        tasks = [ids[lo : lo + BATCH] for lo in range(0, len(ids), BATCH)]
        done = 0
        for batch in workers.imap(_doc_features_batch, tasks, chunksize=1):
            if stored is None:  # nothing reused: the batch as columns
                add_batch(batch)
                done += len(batch.docs)
                if progress is not None:
                    progress("features", done, len(ids))
                continue
            firsts: list[int] = []  # where each computed Document's passages start here
            sizes: list[int] = []
            kg_path, kg_at, kg_sizes = batch.kgrams if batch.kgrams is not None else ("", 0, [])
            at = 0  # in ``batch.columns``
            for out in batch.docs:
                f = out[2]
                if isinstance(f, int):  # its features from the batch's columns, without shingles
                    spans, exact, words = cast(Any, batch.columns)
                    f = DocFeatures(out[0], out[1], spans[at : at + f], exact[at : at + f], words[at : at + f],
                                    _NO_KGRAMS, _ZEROS[: f + 1] if f < len(_ZEROS) else np.zeros(f + 1, dtype=np.int64))
                    at += len(f.spans)
                    out = (out[0], out[1], f, out[3], out[4])
                ref = None
                if f is not None:
                    if batch.kgrams is not None:
                        ref = (kg_path, kg_at, kg_sizes[len(firsts)])
                        kg_at += ref[2]
                    firsts.append(collector.n_passages)
                    sizes.append(len(f.spans))
                yield out, f is not None, ref
            file_records(batch, firsts, sizes)

    try:
        with gc_paused():
            for done, ((doc_id, sha, f, problem, warnings), routed, kgrams_at) in enumerate(results(), start=1):
                if not readable_doc(doc_id, problem, warnings):
                    continue
                readable.append(doc_id)
                if f is None and stored is not None and stored.docs.get(doc_id, ("",))[0] == sha:
                    f = stored.features(doc_id)
                elif stored is not None and doc_id in stored.docs and not stats.rebuilt:
                    stats.rebuilt, stats.reason = True, f"document {doc_id!r} changed"
                    fresh = list(readable[:-1])  # every Document counts as new now
                if f is None:  # pragma: no cover - a worker computes what the index lacks
                    f = _features(corpus, doc_id, params)
                if doc_id not in (stored.docs if stored is not None else ()) or stats.rebuilt:
                    fresh.append(doc_id)
                    if use_index and writer is None:
                        writer = start_writer()
                if writer is not None:
                    writer.add(f, kgrams_at)
                collector.add(f, shingles=not routed)
                if progress is not None:
                    progress("features", done, len(ids))
        if use_index and writer is None and (stats.rebuilt or not (folder / INDEX_FILE).exists()):
            writer = IndexWriter(folder)  # a corpus with no readable Document: an empty index
        stats.documents = len(readable)
        stats.computed = len(fresh)
        stats.reused = stats.documents - stats.computed
        links = stored.links if stored is not None and not stats.rebuilt else []
        stats.links_reused = len(links)
        incremental = use_index and stored is not None and not stats.rebuilt
        texts = SourceTexts(corpus, readable)

        def step(stage: str, done: int, total: int) -> None:
            if progress is not None:
                progress("duplicates", done, total)

        with gc_paused():
            # With workers, they read the passages to align themselves (SourceReader pickles as a path).
            text_of = SourceReader(str(corpus.root)) if workers.jobs > 1 else texts.__getitem__
            result = detect(collector, text_of, params, links=links,
                            fresh_docs=fresh if incremental else None, progress=step,
                            workers=workers if workers.jobs > 1 else None)
            stats.links_found = len(result.links) - len([lk for lk in links if lk.doc_a in texts and lk.doc_b in texts])
            if writer is not None:  # (in the pause too: GC scans while sorting the links were ~half of it)
                stored = None  # its memory maps point into the folder about to be replaced
                if commit_later:
                    pending = _Commit(writer, result.links, params, stats, problems, kgrams_folder)
                    kgrams_folder = None  # the thread removes it once the commit has copied from it
                else:
                    stats.written = writer.commit(result.links, params)
                    if writer.error is not None:
                        problems.append(writer.error)
                writer = None
        handed = keep_workers and workers.jobs > 1
    finally:
        if not handed:
            workers.close()
        collector.close()
        if writer is not None:
            writer.abort()
        if kgrams_folder is not None:
            shutil.rmtree(kgrams_folder, ignore_errors=True)
    return CorpusDups(result.groups, stats, texts, problems, listed=ids, stored=stored_entries,
                      stored_problems=stored_problems, workers=workers if handed else None, pending=pending)
