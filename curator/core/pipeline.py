"""Corpus-level parsing: every Document parsed with corpus evidence, then Duplicate groups proposed.

Duplicates need the whole corpus (a passage is a duplicate of another Document's
passage), so they are attached after each Document is parsed on its own. The CLI,
the window and the review all parse through here so they see the same proposals.

``parse_stream`` is the scalable form: Documents are read and parsed one at a time (in
worker processes with ``jobs > 1``); each gives its duplicate features to a
``Collector`` (shingles spilled to hash partitions) and its payload (what the caller
wants of the Curation: JSON text, a summary, the object) to a spool file on disk. After
detection, payloads come back in order with their Duplicate entries. Memory holds a few
numbers per passage, never the corpus.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import sys
import typing
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from curator.core.dups import Params, find_in_curations
from curator.core.dups.api import gc_paused
from curator.core.dups.contract import (
    GroupIndex,
    SegSpan,
    apply_decisions,
    curation_duplicates,
    merge_duplicates,
)
from curator.core.dups.engine import Collector, SourceReader, detect
from curator.core.dups.features import DocFeatures, document_features
from curator.core.dups.text import blocks
from curator.core.jsonio import dump_curation_bytes, dump_curation_data_bytes
from curator.core.model import Curation, Duplicate
from curator.core.parallel import Workers, tapered
from curator.core.scratch import scratch_dir
from curator.core.parse import CorpusContext, build_context, parse_document, parse_document_data
from curator.core.store import Corpus
from curator.core.textio import SourceError, SourceText

ParseFn = Callable[..., Curation]
Progress = Callable[[str, int, int], None]  # stage, done, total
# The output stage: a batch of (doc id, payload, Duplicate entries) -> one result per item. It runs
# where the payloads are (the worker processes with ``jobs > 1``), so it must be picklable.
Output = Callable[[list[tuple[str, Any, list[Any]]]], list[Any]]  # entries: ``Duplicate``s or their dicts
OUTPUT_BATCH = 256  # Documents per output task (and per BatchWriter flush when the output writes)


def propose_duplicates(
    curations: Mapping[str, Curation],
    texts: Mapping[str, str],
    *,
    params: Params | None = None,
    decided: Iterable[Curation] = (),
) -> dict[str, Curation]:
    """Each Curation with its ``duplicates`` replaced by fresh proposals.

    Decisions an editor already took (stored in ``decided`` or in the Curations
    themselves) are carried over by group id, as ``curator.core.dups`` defines.
    """
    items = [(curations[d], texts[d]) for d in sorted(curations)]
    if not items:
        return {}
    groups = find_in_curations(items, params)
    apply_decisions(groups, [*decided, *curations.values()])
    index = GroupIndex(groups, curations)
    out = {}
    for doc_id, cur in curations.items():
        dups = curation_duplicates(index, cur)
        out[doc_id] = Curation.model_validate({**cur.model_dump(), "duplicates": [d.model_dump() for d in dups]})
    return out


def read_sources(corpus: Corpus, doc_ids: Iterable[str] | None = None) -> tuple[dict[str, SourceText], list[str]]:
    """Source texts by id, and one message per Document that could not be read."""
    sources: dict[str, SourceText] = {}
    problems: list[str] = []
    for doc_id in corpus.document_ids() if doc_ids is None else doc_ids:
        try:
            sources[doc_id] = corpus.read_source(doc_id)
        except SourceError as exc:
            problems.append(str(exc))
    return sources, problems


def parse_corpus(
    corpus: Corpus,
    *,
    sources: Mapping[str, SourceText] | None = None,
    parse: ParseFn = parse_document,
    context: CorpusContext | None = None,
    duplicates: bool = True,
) -> dict[str, Curation]:
    """Parse every readable Document of ``corpus`` (status ``auto``) with duplicate proposals."""
    if sources is None:
        sources, _ = read_sources(corpus)
    if context is None:
        context = build_context(s.text for s in sources.values())
    parsed = {
        doc_id: parse(src.text, doc=corpus.document_ref(doc_id, src), context=context)
        for doc_id, src in sources.items()
    }
    if not duplicates:
        return parsed
    return propose_duplicates(parsed, {d: s.text for d, s in sources.items()})


# -- the streaming pipeline ------------------------------------------------------------------------


@typing.overload
def with_duplicates(body: str, duplicates: Sequence[Duplicate] | Sequence[dict]) -> str: ...
@typing.overload
def with_duplicates(body: bytes, duplicates: Sequence[Duplicate] | Sequence[dict]) -> bytes: ...
def with_duplicates(body: str | bytes, duplicates: Sequence[Duplicate] | Sequence[dict]) -> str | bytes:
    """``body`` (``dump_curation`` of a Curation without duplicates, or ``dump_curation_bytes``) with these
    entries, byte for byte what ``dump_curation`` gives for the Curation holding them (a test checks it);
    bytes in, bytes out. Entries are ``Duplicate`` models or their ``model_dump(mode="json")`` dicts
    (``GroupIndex.duplicates_json_at``).

    Top-level keys sit alone on lines indented by two spaces and string values never hold a
    raw newline, so the empty list's line is unique.
    """
    if not duplicates:
        return body
    if isinstance(body, str):
        return with_duplicates(body.encode("utf-8"), duplicates).decode("utf-8")
    from curator.core.jsonio import DUPLICATE_FLOATS, dump_json_bytes

    floats = None if DUPLICATE_FLOATS is None else [("*", *p) for p in DUPLICATE_FLOATS]
    rendered = dump_json_bytes([d if isinstance(d, dict) else d.model_dump(mode="json") for d in duplicates],
                               floats=floats).replace(b"\n", b"\n  ")
    marker = b'\n  "duplicates": [],\n'
    at = body.index(marker)
    return b"".join((body[:at], b'\n  "duplicates": ', rendered, b",\n", body[at + len(marker):]))


@dataclass
class _State:
    """What every worker needs; set once per process (inherited through fork)."""

    root: str
    context: CorpusContext | None
    parse: ParseFn
    finish: Callable[[Curation], Any]
    keep: Callable[[str], bool] | None
    k: int
    duplicates: bool
    spool: str | None = None  # folder of the per-process payload spools (with duplicates)
    # ``_parse_batch``: the workers append the routed shingles to the collector's partition files in
    # this folder (``bits``: 2**bits partitions), numbering passages by slot as ``curator dups`` does
    # (``curator.core.dups.index._State``); ``lanes`` hands each worker its lane as it starts
    folder: str | None = None
    bits: int = 0
    lanes: Any = None
    jobs: int = 1


_STATE: _State | None = None
_SLOTS = [0, 0]  # a worker's lane and how many passages it has filed (``_State.folder``)
PARSE_BATCH = 64  # Documents per task when the workers route the shingles (``_parse_batch``)


def _identity(cur: Curation) -> Curation:
    return cur


def _init(state: _State) -> None:
    global _STATE
    _STATE = state
    if state.lanes is not None:
        with state.lanes.get_lock():
            _SLOTS[:] = [state.lanes.value, 0]
            state.lanes.value += 1


@dataclass
class Parsed:
    """One Document's outcome in a worker."""

    doc_id: str
    features: DocFeatures | None = None
    segments: np.ndarray | None = None  # (n, 2) int64: the Segments' spans (with duplicates)
    segment_ids: list[str] | None = None  # when they are not s1..sn
    payload: Any = None
    spooled: tuple[str, int, int] | None = None  # the payload in a spool: (file, offset, length)
    problem: str | None = None
    unreadable: bool = False
    warnings: tuple[str, ...] = ()


def _parse_one(doc_id: str) -> Parsed:
    st = _STATE
    assert st is not None
    corpus = _corpus(st.root)
    try:
        src = _read_source(corpus, doc_id)
    except SourceError as exc:
        return Parsed(doc_id, problem=str(exc), unreadable=True)
    # The Curation's JSON data without its models, when all that is wanted of it is its bytes (``curator parse
    # --out``: ``parse_document_data``); else, or when that path declines a Document, the Curation itself.
    data: dict[str, Any] | None = None
    cur: Curation | None = None
    try:
        doc = corpus.document_ref(doc_id, src)
        if st.parse is parse_document and st.finish is dump_curation_bytes:
            data = parse_document_data(src.text, doc=doc, context=st.context)
        if data is None:
            cur = st.parse(src.text, doc=doc, context=st.context)
    except Exception as exc:  # noqa: BLE001 - one Document's parser crash never stops the corpus
        return Parsed(doc_id, problem=f"{corpus.source_path(doc_id)}: parser failed: {type(exc).__name__}: {exc}")
    out = Parsed(doc_id, warnings=src.warnings)
    if st.duplicates:
        # Passages are the blank-line blocks, as ``curator dups`` finds them, so both commands make
        # the same groups with the same ids; the groups are then mapped onto the Segments.
        out.features = document_features(doc_id, src.sha256, src.text, blocks(src.text), k=st.k).compact()
        # (numpy of one flat list of ints, and the usual ids from their table: 28 -> 14 us a site page, where
        # a list of pairs made numpy look into each one and the ids were made again per page; measured)
        if data is not None:
            plain = data["segments"]
            flat = [v for s in plain for v in (s["start"], s["end"])]
            seg_ids = [s["id"] for s in plain]
        else:
            assert cur is not None
            segs = cur.segments
            flat = [v for s in segs for v in (s.start, s.end)]
            seg_ids = [s.id for s in segs]
        out.segments = np.array(flat, dtype=np.int64).reshape(-1, 2)
        n = len(seg_ids)
        if seg_ids != _usual_ids(n)[:n]:  # the usual ids need not travel
            out.segment_ids = seg_ids
    if st.keep is None or st.keep(doc_id):
        if data is not None:
            payload = dump_curation_data_bytes(data)
        else:
            assert cur is not None
            payload = st.finish(cur)
        if st.spool is not None:
            # The payload waits for detection in this process's own spool file: it never goes
            # through the main process (which pickled, spooled and unpickled every one of them).
            out.spooled = _spool_put(st.spool, payload)
        else:
            out.payload = payload
    return out


def _parse_batch(doc_ids: list[str]) -> tuple[list[Parsed], np.ndarray, tuple[int, int, int]]:
    """In a worker: ``_parse_one`` of each Document; their shingles routed to the collector's partitions
    and appended to its files here (``append_routed``), so the Parsed carry none. Returns the Parsed,
    the records per partition, and (lane, first slot number, passages): the Documents with features
    have slots ``lane + jobs * (first + i)`` for their passages in order.

    One Document at a time, the main process routed every shingle and wrote them all when candidate
    pairs started (10k pages: ~3 of its CPU-s while parsing, 0.4 s while both workers waited).
    """
    from curator.core.dups.engine import SHINGLE, append_routed, route_records

    st = _STATE
    assert st is not None and st.folder is not None
    lane, first = _SLOTS
    outs = []
    pieces: list[np.ndarray] = []
    base = 0
    for doc_id in doc_ids:
        out = _parse_one(doc_id)
        f = out.features
        if f is not None:
            n = len(f.spans)
            if len(f.kgrams):
                rec = np.empty(len(f.kgrams), dtype=SHINGLE)
                rec["h"] = f.kgrams
                rec["node"] = np.repeat(np.arange(base, base + n, dtype=np.int64) * st.jobs + (lane + st.jobs * first),
                                        np.diff(f.offsets))
                pieces.append(rec)
            base += n
            out.features = DocFeatures(f.id, f.sha256, f.spans, f.exact, f.words, np.empty(0, dtype=np.uint64),
                                       np.zeros(n + 1, dtype=np.int64))
        outs.append(out)
    if lane + st.jobs * (first + base) >= 2**32:
        raise OverflowError("more passages than shingle records can number")
    n_parts = 1 << st.bits
    counts = np.zeros(n_parts, dtype=np.int64)
    if pieces:
        records, counts = route_records(np.concatenate(pieces), st.bits)
        append_routed(st.folder, records, counts)
    _SLOTS[1] = first + base
    return outs, counts, (lane, first, base)


_SPOOLS: dict[tuple[int, str], int] = {}  # (pid, spool folder) -> this process's spool file descriptor


# a spooled payload's first byte: its bytes as they are (``curator parse --out``'s JSON), or a pickle of it
_RAW, _PICKLED = b"B", b"P"


def _spool_put(folder: str, payload: Any) -> tuple[str, int, int]:
    """Append ``payload`` to this process's spool file in ``folder``: (file name, offset, length). Bytes go
    as they are, anything else pickled (``_SpoolReader.get`` gives back an equal object), behind one tag byte:
    pickling a page's JSON bytes, then unpickling them, was ~10 us a Document (measured: 6.6 to dump).

    Unbuffered (``os.write``): a pool worker ends with ``os._exit``, which flushes no buffer.
    """
    if type(payload) is bytes:
        tag, data = _RAW, payload
    else:
        tag, data = _PICKLED, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    key = (os.getpid(), folder)
    fd = _SPOOLS.get(key)
    name = f"{os.getpid()}.bin"
    if fd is None:
        fd = _SPOOLS[key] = os.open(os.path.join(folder, name), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    offset = os.lseek(fd, 0, os.SEEK_END)
    size = 1 + len(data)
    written = os.writev(fd, (tag, data))
    if written < size:  # (a short write: the rest, as ``os.write`` may leave it)
        view = memoryview(tag + data)[written:]
        while view:
            view = view[os.write(fd, view):]
    return name, offset, size


def _spool_close(folder: str) -> None:
    for key in [k for k in _SPOOLS if k[1] == folder]:
        os.close(_SPOOLS.pop(key))


class _SpoolReader:
    """Payloads back from the spool files (one open file per spool file, read by offset)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._fds: dict[str, int] = {}

    def get(self, where: tuple[str, int, int]) -> Any:
        name, offset, length = where
        fd = self._fds.get(name)
        if fd is None:
            fd = self._fds[name] = os.open(os.path.join(self.folder, name), os.O_RDONLY)
        data = os.pread(fd, length, offset)
        if len(data) != length:  # pragma: no cover - a spool file cut short (disk full)
            raise OSError(f"{self.folder}/{name}: payload cut short at {offset}")
        if data[:1] == _RAW:
            return data[1:]
        return pickle.loads(memoryview(data)[1:])

    def close(self) -> None:
        for fd in self._fds.values():
            os.close(fd)
        self._fds = {}


@dataclass
class _OutState:
    """What the output stage needs in each process (inherited through fork after detection)."""

    spool: str
    index: GroupIndex | None
    segs: Any  # SegmentSpans | None
    output: Output | None


_OUT: _OutState | None = None
_READER: _SpoolReader | None = None


def _init_output(state: _OutState) -> None:
    global _OUT, _READER
    _OUT = state
    _READER = None


def _entries_of(doc_id: str) -> list[Duplicate]:
    st = _OUT
    assert st is not None
    return st.index.duplicates_at(doc_id, st.segs.of(doc_id)) if st.index is not None else []


def _output_batch(batch: list[tuple[str, tuple[str, int, int]]]) -> list[tuple[str, Any, list[Duplicate]]]:
    """One output task: a batch's payloads read back, their entries made, ``output`` applied.

    With the cyclic collector paused (as detection is): a batch makes many acyclic objects (entries, JSON,
    paths) while the groups and their index stay alive, and the collector's scans of that heap were ~0.45
    of ~22 CPU-s at 10k pages (two full collections, 29 of the middle generation). Reference counting frees
    them; the collector runs again between batches."""
    with gc_paused():
        return _output_items(batch)


def _output_items(batch: list[tuple[str, tuple[str, int, int]]]) -> list[tuple[str, Any, list[Duplicate]]]:
    global _READER
    st = _OUT
    assert st is not None
    if _READER is None or _READER.folder != st.spool:
        _READER = _SpoolReader(st.spool)
    if st.output is None:
        return [(doc_id, _READER.get(where), _entries_of(doc_id)) for doc_id, where in batch]
    # Written here: the entries as the dicts the JSON is rendered from (no model per entry).
    index, segs = st.index, st.segs
    items = [(doc_id, _READER.get(where),
              index.duplicates_json_at(doc_id, segs.of(doc_id)) if index is not None else [])
             for doc_id, where in batch]
    results = st.output(items)
    return [(doc_id, result, []) for (doc_id, _, _), result in zip(items, results, strict=True)]


def batched(stream: Iterable[tuple[str, Any, list[Duplicate]]], output: Output,
            size: int = OUTPUT_BATCH) -> Iterator[tuple[str, Any, list[Duplicate]]]:
    """``output`` applied to a stream's items in batches, here: ``(doc_id, result, [])`` in order."""
    batch: list[tuple[str, Any, list[Duplicate]]] = []
    for item in stream:
        batch.append(item)
        if len(batch) >= size:
            yield from ((d, r, []) for (d, _, _), r in zip(batch, output(batch), strict=True))
            batch = []
    if batch:
        yield from ((d, r, []) for (d, _, _), r in zip(batch, output(batch), strict=True))


def _document_keys(doc_id: str) -> np.ndarray | None:
    """Distinct passage hashes of one Document (for the corpus context), None when unreadable."""
    from curator.core.parse.api import context_keys

    st = _STATE
    assert st is not None
    try:
        source = _corpus(st.root).read_source(doc_id)
    except SourceError:
        return None
    _KEPT.keep(doc_id, source)
    return np.fromiter(context_keys(source.text), dtype=np.uint64)


SOURCE_KEEP_BYTES = 128 << 20  # at most this much decoded text (``sys.getsizeof``) waits for the parse


class _KeptSources:
    """Sources the corpus context pass read and decoded here, handed to the parse that follows in the
    same process (``_read_source``) instead of being read and decoded again (10k pages, ``--jobs 1``:
    ~1 CPU-s). Only for the run that filled it (its ``_State``) and only in the process that read
    them; unreadable sources are not kept (the parse reports them as before). Bounded by
    ``SOURCE_KEEP_BYTES``: past it, the parse reads the rest again (100k pages hold 680 MB of text).
    """

    def __init__(self) -> None:
        self.owner: _State | None = None
        self.pid = 0
        self.texts: dict[str, SourceText] = {}
        self.size = 0

    def reset(self, owner: _State | None) -> None:
        """Forget what was kept; keep from now on for ``owner``'s run in this process (None: keep nothing)."""
        self.owner, self.pid, self.texts, self.size = owner, os.getpid(), {}, 0

    def _here(self) -> bool:
        return self.owner is not None and self.owner is _STATE and self.pid == os.getpid()

    def keep(self, doc_id: str, source: SourceText) -> None:
        """Keep ``source`` for the parse when this run keeps sources here and the budget allows."""
        if not self._here():
            return
        size = sys.getsizeof(source.text)
        if self.size + size <= SOURCE_KEEP_BYTES:
            self.texts[doc_id] = source
            self.size += size

    def take(self, doc_id: str) -> SourceText | None:
        """The kept source of ``doc_id`` (once), None when there is none for this run here."""
        if not self.texts or not self._here():
            return None
        source = self.texts.pop(doc_id, None)
        if source is not None:
            self.size -= sys.getsizeof(source.text)
        return source


_KEPT = _KeptSources()


def _read_source(corpus: Corpus, doc_id: str) -> SourceText:
    """``corpus.read_source(doc_id)``, or what the corpus context pass already read of it here."""
    kept = _KEPT.take(doc_id)
    return kept if kept is not None else corpus.read_source(doc_id)


def _corpus(root: str) -> Corpus:
    """The corpus at ``root``, one object per process (its source warnings go back with each result)."""
    corpus = _CORPORA.get(root)
    if corpus is None:
        corpus = _CORPORA[root] = Corpus(root)
    return corpus


_CORPORA: dict[str, Corpus] = {}


CONTEXT_BATCH = 128  # Documents per context task with workers (``_context_batch``)


def _context_batch(doc_ids: list[str]) -> tuple[np.ndarray, np.ndarray, int]:
    """In a worker: the passage hashes of a batch of Documents, counted (distinct keys, in how many of the
    batch's Documents each is), and how many of them could be read."""
    keys = [k for k in map(_document_keys, doc_ids) if k is not None]
    if not keys:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64), 0
    got, counts = _count(np.concatenate(keys))
    return got, counts.astype(np.int64, copy=False), len(keys)


def corpus_context(doc_ids: Sequence[str], workers: Workers, *, progress: Progress | None = None,
                   keep_sources: bool = False, meanwhile: Callable[[], None] | None = None) -> CorpusContext:
    """``build_context`` over a corpus, in workers: each Document's passage hashes, counted with numpy.

    ``keep_sources``: when the Documents are read in this process (one job), keep their decoded
    sources for the parse that follows (``_KeptSources``). ``meanwhile()`` runs here once the tasks
    are handed out (with workers: while they count).

    A task is a batch of ``CONTEXT_BATCH`` Documents counted where they are read (a worker): one
    Document a task, 10k pages cost ~0.6 CPU-s more in two processes than in one (10,000 results pickled
    and received one by one) and the workers waited on the main process for a third of the stage.
    """
    # in worker processes nothing is kept: ``_KeptSources`` keeps only in the process that reset it
    _KEPT.reset(_STATE if keep_sources else None)
    chunks: list[tuple[np.ndarray, np.ndarray]] = []
    pending: list[tuple[np.ndarray, np.ndarray]] = []
    pending_n = 0
    n = 0
    done = 0
    tasks = [list(doc_ids[lo : lo + CONTEXT_BATCH]) for lo in range(0, len(doc_ids), CONTEXT_BATCH)]
    counted = zip(map(len, tasks), workers.imap(_context_batch, tasks, chunksize=1), strict=True)
    if meanwhile is not None:
        meanwhile()
    for size, (keys, counts, readable) in counted:
        done += size
        n += readable
        if len(keys):
            pending.append((keys, counts))
            pending_n += len(keys)
        if pending_n > 4_000_000:
            chunks.append(_merge(pending))
            pending, pending_n = [], 0
        if progress is not None:
            progress("context", done, len(doc_ids))
    if pending:
        chunks.append(_merge(pending))
    if not chunks:
        return CorpusContext({}, n)
    keys, counts = _merge(chunks)
    many = counts > 1
    return CorpusContext(dict(zip(keys[many].tolist(), counts[many].tolist(), strict=True)), n)


def _merge(parts: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Counted keys of several parts as one: distinct keys, sorted, with their counts summed."""
    allk = np.concatenate([p[0] for p in parts])
    allc = np.concatenate([p[1] for p in parts])
    if not len(allk):
        return allk, allc
    order = np.argsort(allk, kind="stable")
    allk, allc = allk[order], allc[order]
    starts = np.flatnonzero(np.concatenate(([True], allk[1:] != allk[:-1])))
    return allk[starts], np.add.reduceat(allc, starts)


def _count(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keys, counts = np.unique(keys, return_counts=True)
    return keys, counts


@dataclass
class StreamStats:
    documents: int = 0
    parsed: int = 0
    problems: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # document id -> its problem
    context: CorpusContext | None = None  # the corpus evidence the Documents were parsed with
    unreadable: set[str] = field(default_factory=set)  # Documents whose source could not be read
    groups: int = 0
    detection: dict[str, int] = field(default_factory=dict)


def parse_stream(
    corpus: Corpus,
    *,
    doc_ids: Sequence[str] | None = None,
    jobs: int = 1,
    context: CorpusContext | None | bool = True,
    parse: ParseFn = parse_document,
    finish: Callable[[Curation], Any] | None = None,
    keep: Callable[[str], bool] | None = None,
    duplicates: bool = True,
    params: Params | None = None,
    progress: Progress | None = None,
    stats: StreamStats | None = None,
    processes: bool = False,
    should_stop: Callable[[], bool] | None = None,
    output: Output | None = None,
) -> Iterator[tuple[str, Any, list[Duplicate]]]:
    """Parse a corpus and yield ``(doc_id, finish(curation), duplicate entries)`` per kept Document, in id order.

    ``context``: True builds it over the corpus, a CorpusContext is used as given, None/False
    parses each Document alone. ``keep(doc_id)`` says which Documents' payloads are wanted (all
    by default); the others still count for duplicates. Problems (unreadable sources, parser
    crashes) are collected in ``stats.problems``; their Documents are skipped. The entries are
    fresh proposals (no stored decisions: see ``merge_duplicates`` for that). Without
    ``duplicates`` each Document is yielded as soon as it is parsed.

    ``output``: the output stage (say, writing files), applied to batches of ``(doc_id, payload,
    entries)`` in the worker processes, where the payloads wait (with ``jobs == 1``, here); the
    stream then yields ``(doc_id, its result, [])``. It must be picklable (a module-level
    function or an instance of a module-level class).

    ``processes``: parse in worker processes even with ``jobs == 1`` (the window: its UI thread
    keeps the GIL). ``should_stop()`` is polled after each Document; the stream then ends early.
    """
    params = params or Params()
    finish = finish or _identity
    stats = stats if stats is not None else StreamStats()
    ids = list(corpus.document_ids() if doc_ids is None else doc_ids)
    stats.documents = len(ids)
    jobs = min(jobs, max(1, len(ids)))  # no idle worker processes (F8: --jobs beyond the Documents)
    spool = scratch_dir("curator-parse-") if duplicates else None
    state = _State(str(corpus.root), None, parse, finish, keep, params.k, duplicates, spool)
    collector = Collector(params, tmpdir=None) if duplicates else None
    if collector is not None and jobs > 1 and not processes:  # the workers write the shingle partitions
        import multiprocessing

        state.folder, state.bits = str(collector.spill.folder()), collector.bits
        state.lanes, state.jobs = multiprocessing.Value("i", 0), jobs
    workers = Workers(jobs, _init, (state,), processes=processes)
    segments = SegmentSpans() if duplicates else None
    thaw = False  # ``gc.freeze`` of what detection left, undone when the stream ends
    try:
        if context is True:
            warm = partial(_warm, state, ids) if workers.jobs > 1 and not processes else None
            # The pass makes acyclic objects (hashes, counts, the sources kept): the collector paused, and in a batch
            # command what is alive after it frozen (``batch_pauses``: the imports' objects too), so the parse
            # stage's collections scan only what the parse makes.
            with gc_paused():
                ctx = corpus_context(ids, workers, progress=progress, keep_sources=True, meanwhile=warm)
            state.context = ctx
            if workers.jobs > 1 or processes:  # workers started before the context existed: again
                workers.close()
                if state.lanes is not None:
                    state.lanes.value = 0
                workers = Workers(jobs, _init, (state,), processes=processes)
            else:
                _init(state)
        elif isinstance(context, CorpusContext):
            state.context = context
            if workers.jobs > 1 or processes:
                workers.close()
                if state.lanes is not None:
                    state.lanes.value = 0
                workers = Workers(jobs, _init, (state,), processes=processes)
            else:
                _init(state)
        stats.context = state.context
        kept: list[tuple[str, tuple[str, int, int]]] = []  # doc id, where its payload waits
        plain: list[tuple[str, Any, list[Duplicate]]] = []  # without duplicates: items for ``output``
        for done, out in enumerate(_parsed(workers, ids, state, collector, processes), start=1):
            if should_stop is not None and should_stop():
                return
            if out.problem is not None:
                stats.problems.append(out.problem)
                stats.failed[out.doc_id] = out.problem
                if out.unreadable:
                    stats.unreadable.add(out.doc_id)
            else:
                stats.parsed += 1
                if out.warnings:
                    corpus.source_warnings[out.doc_id] = out.warnings
                if collector is not None and out.features is not None:
                    collector.add(out.features, shingles=state.folder is None)
                if segments is not None and out.segments is not None:
                    segments.add(out.doc_id, out.segments, out.segment_ids)
                if out.spooled is not None:
                    kept.append((out.doc_id, out.spooled))
                elif out.payload is not None and output is not None:
                    plain.append((out.doc_id, out.payload, []))
                    if len(plain) >= OUTPUT_BATCH:
                        yield from batched(plain, output)
                        plain = []
                elif out.payload is not None:
                    yield out.doc_id, out.payload, []
            if progress is not None:
                progress("parse", done, len(ids))
        if plain:
            yield from batched(plain, output)  # type: ignore[arg-type]
        if collector is None:
            return
        text_of = SourceReader(str(corpus.root))  # picklable: the workers read the texts they align

        def step(stage: str, done: int, total: int) -> None:
            if progress is not None:
                progress("duplicates", done, total)

        with gc_paused():  # detection allocates millions of acyclic objects (as in `curator dups`)
            result = detect(collector, text_of, params, progress=step,
                            workers=workers if workers.jobs > 1 else None, index=True)
            # Detection's groups and index, all made while the collector was paused, are still in its
            # youngest generation: its next collections would scan every one of them again, then every full
            # one (10k pages: ~0.2 of ~22 CPU-s). They live until the stream ends: out of its sight till
            # then (frozen before the collector runs again; nothing is frozen here when something else in
            # this process uses ``gc.freeze``).
            if gc.get_freeze_count() == 0:
                gc.freeze()
                thaw = True
        collector.close()
        stats.groups = len(result.groups)
        stats.detection = result.stats
        assert spool is not None
        assert segments is not None
        segments.freeze()
        # the members by Document were indexed as the groups were made (with workers: while they aligned)
        out_state = _OutState(spool, GroupIndex(result.groups, segment_spans=segments.of, by_doc=result.by_doc),
                              segments, output)
        del result
        # The output stage as a map where the payloads are: workers forked now inherit the groups.
        workers.close()
        workers = Workers(jobs, _init_output, (out_state,), processes=processes)
        # smaller towards the end with workers (``tapered``): a full last batch kept one worker writing alone
        batches = [kept[lo:hi] for lo, hi in tapered(len(kept), OUTPUT_BATCH, workers.jobs)]
        n = 0
        for items in workers.imap(_output_batch, batches, chunksize=1):
            for item in items:
                yield item
                n += 1
                if progress is not None:
                    progress("output", n, len(kept))
            if should_stop is not None and should_stop():
                return
    finally:
        if thaw:
            gc.unfreeze()
        if collector is not None:
            collector.close()
        workers.close()
        if spool is not None:
            _spool_close(spool)
            if _READER is not None and _READER.folder == spool:
                _READER.close()
            shutil.rmtree(spool, ignore_errors=True)


def _warm(state: _State, ids: Sequence[str], tries: int = 3) -> None:
    """Parse one Document here and drop it: the parser's patterns and tables are built at its first call
    (~50 ms a process, measured), so the parse pool's workers, forked after this, inherit them built
    instead of building them each. Run while the context pass's workers count; any failure is ignored
    (the workers parse every Document again and report it)."""
    for doc_id in ids[:tries]:
        try:
            corpus = Corpus(state.root)  # a fresh one: nothing read here reaches the workers' own
            src = corpus.read_source(doc_id)
        except Exception:  # noqa: BLE001, S112 - unreadable: the next one
            continue
        try:
            state.parse(src.text, doc=corpus.document_ref(doc_id, src), context=None)
        except Exception:  # noqa: BLE001, S110 - the parse reports it in its worker
            pass
        return


def _parsed(workers: Workers, ids: Sequence[str], state: _State, collector: Collector | None,
            processes: bool) -> Iterator[Parsed]:
    """Each Document's ``Parsed``, in order. With ``state.folder``, in batches (``_parse_batch``): the
    workers wrote the shingles; each batch's slots are mapped to the passage ids the collector gives
    (``Collector.add`` comes right after each yield, so ``n_passages`` is where the next starts)."""
    if state.folder is None:
        yield from workers.imap(_parse_one, ids, chunksize=8 if not processes else 1)
        return
    assert collector is not None
    tasks = [list(ids[lo : lo + PARSE_BATCH]) for lo in range(0, len(ids), PARSE_BATCH)]
    for outs, counts, (lane, first, n) in workers.imap(_parse_batch, tasks, chunksize=1):
        starts: list[int] = []
        for out in outs:
            if out.problem is None and out.features is not None:
                starts.append(collector.n_passages)
            yield out
        sizes = [len(out.features.spans) for out in outs if out.problem is None and out.features is not None]
        if n:
            ids_here = np.concatenate([np.arange(a, a + k, dtype=np.int64) for a, k in zip(starts, sizes, strict=True)])
            slots = lane + state.jobs * (first + np.arange(n, dtype=np.int64))
            collector.spill.add_written(counts, slots, ids_here)


class SegmentSpans:
    """Each Document's Segments (id, start, end), kept as numpy columns (a few numbers a Segment).

    Duplicate passages are blank-line blocks; their groups are mapped onto these Segments.
    """

    def __init__(self) -> None:
        self._parts: list[np.ndarray] = []
        self._counts: list[int] = []
        self.num: dict[str, int] = {}
        self.ids: dict[int, list[str]] = {}  # Document number -> its Segment ids, when not s1..sn
        self.spans = np.empty((0, 2), dtype=np.int64)
        self.first = np.zeros(1, dtype=np.int64)
        self._last: tuple[str, list[SegSpan]] | None = None  # ``of``'s last answer

    def add(self, doc_id: str, spans: np.ndarray, ids: Sequence[str] | None = None) -> None:
        self._last = None
        d = self.num[doc_id] = len(self._counts)
        self._parts.append(spans)
        self._counts.append(len(spans))
        if ids is not None and list(ids) != [f"s{i}" for i in range(1, len(spans) + 1)]:
            self.ids[d] = list(ids)

    def freeze(self) -> None:
        """Concatenate what was added (call once, before ``of``)."""
        if self._parts:
            self.spans = np.concatenate([self.spans, *self._parts]).astype(np.int64, copy=False)
            self.first = np.concatenate(([0], np.cumsum(self._counts))).astype(np.int64)
        self._parts = []
        self._last = None

    def of(self, doc_id: str) -> list[SegSpan]:
        """The Document's Segments as SegSpans ([] for a Document not added). The last answer is kept and
        given again, the same list (callers must not change it): the output stage asks for a Document's
        spans for its entries, then for each group whose canonical copy it holds (10k site pages: 13,299 of
        23,299 calls asked for the Document asked just before)."""
        last = self._last
        if last is not None and last[0] == doc_id:
            return last[1]
        d = self.num.get(doc_id)
        if d is None:
            return []
        lo, hi = int(self.first[d]), int(self.first[d + 1])
        ids = self.ids.get(d)
        rows = self.spans[lo:hi]
        out = list(map(SegSpan, ids if ids is not None else _usual_ids(hi - lo), rows[:, 0].tolist(),
                       rows[:, 1].tolist()))
        self._last = (doc_id, out)
        return out


_USUAL_IDS: list[str] = []  # "s1", "s2", ...: the Segment ids a Document has unless it says otherwise


def _usual_ids(n: int) -> list[str]:
    """At least the first ``n`` usual Segment ids (``map`` stops at the shortest of its columns). A longer
    table replaces the list, never changes it (a thread may be reading it)."""
    global _USUAL_IDS
    ids = _USUAL_IDS
    if len(ids) < n:
        ids = _USUAL_IDS = [f"s{i}" for i in range(1, max(n, 2 * len(ids)) + 1)]
    return ids


def merge_fresh(curation: Curation, entries: list[Duplicate]) -> Curation:
    """``curation`` with fresh duplicate entries merged over its stored decisions."""
    dups = merge_duplicates(curation, entries)
    return curation.model_copy(update={"duplicates": dups})
