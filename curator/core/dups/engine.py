"""Duplicate detection in bounded memory: passages in columns, shingles in hash partitions, pairs counted per partition.

The stages, each a function of arrays so the local engine and the Dask engine run the same code:

1. ``Collector.add`` takes one Document's features at a time. Passages go to a column table
   (a few numbers per passage); shingles are routed at once to hash partitions (``Spill``),
   on disk past a memory budget. Nothing per shingle stays in memory.
2. ``exact_nodes``: passages whose normalised text is equal become one node (``np.unique``).
3. ``partition_pairs`` (per shingle partition): postings of 2..``max_df`` nodes give node pairs,
   routed again by pair hash; ``count_pairs`` (per pair partition) keeps pairs sharing enough
   shingles. All shingles of one hash live in one partition and all copies of one pair in one
   pair partition, so the counts are exactly those of one global sort.
4. ``align_candidates``: each candidate pair is aligned on the two passages' texts (read once
   per Document, only for passages in a candidate pair).
5. ``build_groups``: union-find over linked nodes; groups with members, canonical copy and id.

Passage keys ``(document rank, passage index)`` order everything (canonical copy, members),
so the output does not depend on partitioning, worker count or arrival order.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
from contextlib import nullcontext
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np

from curator.core.compiled import KERNEL
from curator.core.dups.align import align, align_extent, batched, chain_cover_batch
from curator.core.dups.features import DocFeatures
from curator.core.dups.groups import Group, Link, Member, group_id
from curator.core.dups.params import Params
from curator.core.dups.text import Tokens, tokens
from curator.core.scratch import scratch_dir
from curator.core.unionfind import UnionFind

SHINGLE = np.dtype([("h", "<u8"), ("node", "<u4")])
PAIR = np.dtype("<i8")  # a * n_nodes + b, a < b
_PAIR_MIX = np.uint64(0x9E3779B97F4A7C15)
_CHUNK_PAIRS = 4_000_000  # pairs built at once from postings of one size
SHINGLES_PER_PARTITION = 4_000_000  # target partition size (about 48 MB of records)
MEMORY_BUDGET = 256 * 2**20  # bytes of partition records kept in memory before spilling to disk
MIN_PARTITION_BITS = 8  # at least 256 shingle partitions: the corpus size is not known while adding
_KERNEL = KERNEL.module()  # the C kernel's radix sorts (None: numpy's sorts, the reference)


def sorted_codes(codes: np.ndarray) -> np.ndarray:
    """``np.sort(codes)`` for non-negative int64 (or uint64) codes, a new array: the kernel's radix sort
    (numpy's comparison sort was ~45-55 ns a code here: 0.5-0.7 CPU-s of `dups` on 10k pages)."""
    out = np.array(codes, copy=True, order="C")
    if _KERNEL is None or out.dtype.itemsize != 8 or out.dtype.kind not in "iu":
        out.sort()
    else:
        _KERNEL.radix_sort(out)
    return out


def sorted_by_hash(h: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``h`` (uint64) sorted, and ``values`` (8-byte ints) in the same order, equal hashes keeping their
    order: ``order = np.argsort(h, kind="stable"); h[order], values[order]`` in one radix sort."""
    if _KERNEL is None or values.dtype.itemsize != 8 or values.dtype.kind not in "iu":
        order = np.argsort(h, kind="stable")
        return h[order], values[order]
    hs = np.array(h, dtype=np.uint64, copy=True, order="C")
    vs = np.array(values, copy=True, order="C")
    _KERNEL.radix_sort_pairs(hs, vs)
    return hs, vs


def route_records(records: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """SHINGLE ``records`` grouped by partition (``route``: their hash's top ``bits`` bits), each partition's
    in their order, and the records per partition (int64, ``2**bits``): the kernel's counting sort."""
    n_parts = 1 << bits
    if _KERNEL is None or bits > 16 or records.dtype != SHINGLE:
        part = route(records["h"], bits)
        order = np.argsort(part.astype(np.uint16) if bits <= 16 else part, kind="stable")
        return np.take(records, order), np.bincount(part, minlength=n_parts).astype(np.int64)
    src = np.ascontiguousarray(records)
    out = np.empty(len(src), dtype=SHINGLE)
    counts = np.zeros(n_parts, dtype=np.int64)
    _KERNEL.route_records(src, out, counts, bits)
    return out, counts


class Spill:
    """Records routed to ``n`` partitions: kept in memory up to a budget, then appended to files.

    Records arrive in small pieces (one Document's shingles); they are routed in bulk once
    ``ROUTE_BATCH`` have gathered, so the cost per piece stays a list append.
    """

    ROUTE_BATCH = 2_000_000

    def __init__(self, dtype: np.dtype, n: int, *, budget: int | None = None, tmpdir: Path | None = None,
                 key: Callable[[np.ndarray], np.ndarray] | None = None, route_bits: int | None = None) -> None:
        """``route_bits``: SHINGLE records whose partition is ``route(h, route_bits)`` (``key`` then unused):
        grouped by ``route_records`` in one pass."""
        self.dtype, self.n = dtype, n
        self.route_bits = route_bits
        self.budget = MEMORY_BUDGET if budget is None else budget
        self.key = key  # records -> partition of each (when pieces are added without one)
        self._tmp_parent = tmpdir
        self._dir: Path | None = None
        self._buffers: list[list[np.ndarray]] = [[] for _ in range(n)]
        self._buffered = 0
        self._pending: list[np.ndarray] = []
        self._pending_n = 0
        self.counts = np.zeros(n, dtype=np.int64)
        # Records appended to the files by worker processes carry slots, not passage ids: slot -> id
        # pieces (``add_written``), made into one array (``remap``) when the partitions are read.
        self._slots: list[tuple[np.ndarray, np.ndarray]] = []
        self._remap: np.ndarray | None = None
        self._by_id = False  # records with passage ids were added here

    def append(self, records: np.ndarray) -> None:
        """Add records whose partitions ``key`` tells (routed later, in bulk)."""
        if len(records):
            self._pending.append(records)
            self._pending_n += len(records)
            if self._pending_n >= self.ROUTE_BATCH:
                self._route_pending()

    def _route_pending(self) -> None:
        if not self._pending:
            return
        records = self._pending[0] if len(self._pending) == 1 else np.concatenate(self._pending)
        self._pending, self._pending_n = [], 0
        if self.route_bits is not None and records.dtype == SHINGLE:
            self.add_grouped(*route_records(records, self.route_bits))
            return
        assert self.key is not None
        self.add(self.key(records), records)

    def add(self, part: np.ndarray, records: np.ndarray) -> None:
        """Route ``records[i]`` to partition ``part[i]``."""
        if len(records) == 0:
            return
        if self.n == 1:
            self.add_grouped(records, np.array([len(records)]))
            return
        # Partitions fit 16 bits: numpy's stable sort of uint16 is a radix sort (9x faster than
        # of int64), and take() moves structured records 4x faster than fancy indexing (measured).
        order = np.argsort(part.astype(np.uint16) if self.n <= 1 << 16 else part, kind="stable")
        self.add_grouped(np.take(records, order), np.bincount(part, minlength=self.n))

    def add_grouped(self, records: np.ndarray, counts: np.ndarray) -> None:
        """Add records already grouped by partition, ``counts[i]`` of them for partition ``i``."""
        if len(records) == 0:
            return
        if self._slots:
            raise ValueError("records with passage ids would join the workers' slots")
        self._by_id = True
        bounds = np.concatenate(([0], np.cumsum(counts)))
        for i in np.flatnonzero(counts).tolist():
            self._buffers[i].append(records[bounds[i] : bounds[i + 1]])
        self.counts += counts
        self._buffered += records.nbytes
        if self._buffered > self.budget:
            self.flush()

    def folder(self) -> Path:
        """The partitions' files' folder (made when first asked for); ``{i:05d}.bin`` is partition ``i``."""
        if self._dir is None:
            self._dir = Path(scratch_dir("curator-dups-", self._tmp_parent))
        return self._dir

    def add_written(self, counts: np.ndarray, slots: np.ndarray, ids: np.ndarray) -> None:
        """Records another process appended to the partitions' files (``append_routed``): ``counts[i]`` in
        partition ``i``, their ``node`` being slot ``slots[j]`` for passage id ``ids[j]``. Every
        record filed here must then come that way (passage ids and slots would mix)."""
        if self._by_id:
            raise ValueError("records with passage ids were filed already")
        self.counts += counts
        self._slots.append((slots, ids))
        self._remap = None

    @property
    def remap(self) -> np.ndarray | None:
        """Passage id of each slot the workers' records carry (None when no record came that way)."""
        if self._remap is None and self._slots:
            top = max((int(s.max()) for s, _ in self._slots if len(s)), default=-1)
            remap = np.zeros(top + 1, dtype=np.int64)  # slots no record carries: any valid index
            for slots, ids in self._slots:
                remap[slots] = ids
            self._remap = remap
        return self._remap

    def flush(self) -> None:
        """Everything added so far to the partitions' files (kept in memory no more)."""
        self._route_pending()
        self.folder()
        assert self._dir is not None
        for i, chunks in enumerate(self._buffers):
            if chunks:
                with open(self._dir / f"{i:05d}.bin", "ab") as fh:
                    for c in chunks:
                        fh.write(np.ascontiguousarray(c).tobytes())
                self._buffers[i] = []
        self._buffered = 0

    @property
    def on_disk(self) -> bool:
        return self._dir is not None

    def total(self) -> int:
        self._route_pending()
        return int(self.counts.sum())

    def partition(self, i: int) -> np.ndarray:
        self._route_pending()
        parts = []
        if self._dir is not None:
            path = self._dir / f"{i:05d}.bin"
            if path.exists():
                parts.append(np.fromfile(path, dtype=self.dtype))
        parts.extend(self._buffers[i])
        if not parts:
            return np.empty(0, dtype=self.dtype)
        out = parts[0] if len(parts) == 1 else np.concatenate(parts)
        remap = self.remap
        if remap is not None and len(out):  # (records from the file: an array of their own)
            out["node"] = remap[out["node"]]
        return out

    def drop(self, i: int) -> None:
        """Free partition ``i`` (after it was read)."""
        self._buffers[i] = []
        if self._dir is not None:
            try:
                os.unlink(self._dir / f"{i:05d}.bin")
            except FileNotFoundError:
                pass

    def close(self) -> None:
        self._buffers = [[] for _ in range(self.n)]
        self._pending = []
        self._slots, self._remap, self._by_id = [], None, False
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


_PART_FDS: dict[tuple[str, int], int] = {}  # a worker's open partition files (``append_routed``)


def append_routed(folder: str, records: np.ndarray, counts: np.ndarray) -> None:
    """In a worker: ``records`` grouped by partition (``counts[i]`` for partition ``i``) appended to the
    partitions' files in ``folder``, one write each (``O_APPEND``: writes from several processes never
    interleave within one, and the order of records in a partition does not matter). The files stay
    open for the next batch (``close_routed``)."""
    bounds = np.concatenate(([0], np.cumsum(counts)))
    data = np.ascontiguousarray(records).view(np.uint8).reshape(-1).data  # a memoryview of the bytes
    size = records.dtype.itemsize
    for i in np.flatnonzero(counts).tolist():
        fd = _PART_FDS.get((folder, i))
        if fd is None:
            fd = _PART_FDS[(folder, i)] = os.open(os.path.join(folder, f"{i:05d}.bin"),
                                                  os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        view = data[size * int(bounds[i]) : size * int(bounds[i + 1])]
        while view:  # os.write may write less than asked
            view = view[os.write(fd, view):]


def close_routed() -> None:
    """In a worker: close the partition files ``append_routed`` left open (they are read and unlinked
    next; an open descriptor would keep an unlinked file's blocks on disk)."""
    for fd in _PART_FDS.values():
        os.close(fd)
    _PART_FDS.clear()


def partition_bits(expected: int, per_partition: int | None = None) -> int:
    """log2 of the partition count for about ``expected`` records."""
    per_partition = per_partition or SHINGLES_PER_PARTITION
    bits = 0
    while (expected >> bits) > per_partition and bits < 12:
        bits += 1
    return bits


def route(h: np.ndarray, bits: int) -> np.ndarray:
    """Partition of each 64-bit hash: its top ``bits`` bits."""
    if bits == 0:
        return np.zeros(len(h), dtype=np.int64)
    return (h >> np.uint64(64 - bits)).astype(np.int64)


def route_pairs(codes: np.ndarray, bits: int) -> np.ndarray:
    if bits == 0:
        return np.zeros(len(codes), dtype=np.int64)
    mixed = codes.astype(np.uint64) * _PAIR_MIX
    return (mixed >> np.uint64(64 - bits)).astype(np.int64)


@dataclass
class PassageTable:
    """Every passage of every Document, one row each (``gid`` = row)."""

    doc: np.ndarray  # int32: Document number in arrival order
    idx: np.ndarray  # int32: passage index inside its Document
    start: np.ndarray  # int64
    end: np.ndarray  # int64
    exact: np.ndarray  # uint64 (0: no words)
    words: np.ndarray  # int64
    doc_ids: list[str]
    doc_rank: np.ndarray  # int64: rank of each Document's id in sorted order
    doc_first: np.ndarray  # int64: gid of each Document's first passage (len = docs + 1)
    segment_ids: dict[int, list[str]]  # Document number -> its Segment ids, when not s1..sn

    @property
    def key(self) -> np.ndarray:
        """Sort key of each passage: (document rank, passage index)."""
        return (self.doc_rank[self.doc].astype(np.int64) << 32) | self.idx.astype(np.int64)

    def segment_id(self, gid: int) -> str | None:
        d = int(self.doc[gid])
        i = int(self.idx[gid])
        ids = self.segment_ids.get(d)
        if ids is not None:
            return ids[i]
        return f"s{i + 1}" if self.with_segments else None

    with_segments: bool = False


def _flat_spans(spans: Any) -> np.ndarray:
    """A Document's spans as one flat int64 array (start, end, start, end, ...): from a numpy column of
    pairs (``DocFeatures.compact``) or a list of pairs."""
    if isinstance(spans, np.ndarray):
        return spans.astype(np.int64, copy=False).reshape(-1)
    return np.fromiter((v for pair in spans for v in pair), dtype=np.int64, count=2 * len(spans))


@functools.lru_cache(maxsize=64)
def _usual_ids_upto(n: int) -> list[str]:
    return [f"s{i}" for i in range(1, n + 1)]


def _usual_ids(n: int) -> list[str]:
    """``s1 .. sn``, the Segment ids a Document's passages get when none are given (from a table that grows)."""
    size = 64
    while size < n:
        size *= 2
    return _usual_ids_upto(size)[:n]


class Collector:
    """Documents' features added one at a time; shingles go straight to hash partitions.

    A Document's columns and shingle records are made in bulk, ``BATCH`` Documents at a time (``_columns``):
    one at a time, numpy's dozen calls a Document were ~20 us of its ~25 (10k site pages: ~0.4 CPU-s)."""

    BATCH = 256

    def __init__(self, params: Params, *, expected_shingles: int = 0, tmpdir: Path | None = None,
                 with_segments: bool = False) -> None:
        self.params = params
        self.bits = max(MIN_PARTITION_BITS, partition_bits(expected_shingles))
        bits = self.bits
        self._spill = Spill(SHINGLE, 1 << bits, tmpdir=tmpdir, key=lambda rec: route(rec["h"], bits), route_bits=bits)
        self.tmpdir = tmpdir
        self.with_segments = with_segments
        self.doc_ids: list[str] = []
        self.shas: list[str] = []
        self._cols: dict[str, list[np.ndarray]] = {k: [] for k in ("start", "end", "exact", "words")}
        self._counts: list[int] = []
        self.segment_ids: dict[int, list[str]] = {}
        self.n_passages = 0
        self.features: list[DocFeatures] | None = None  # kept only when asked (``keep_features``)
        # Added and not in the columns yet: the features, and (first passage id, features) of those
        # whose shingles are filed here.
        self._waiting: list[DocFeatures] = []
        self._shingled: list[tuple[int, DocFeatures]] = []

    @property
    def spill(self) -> Spill:
        """The shingles' partitions, holding every Document added so far."""
        self._columns()
        return self._spill

    def keep_features(self) -> None:
        self.features = []

    def add(self, f: DocFeatures, segment_ids: Sequence[str] | None = None, *, shingles: bool = True) -> int:
        """Add one Document; returns its number. ``shingles=False``: its shingles are filed by the
        caller (routed in a worker, ``spill.add_grouped``) with passage ids from ``n_passages`` on.
        ``f``'s spans, hashes and word counts may be lists or numpy columns (``DocFeatures.compact``)."""
        d = len(self.doc_ids)
        self.doc_ids.append(f.id)
        self.shas.append(f.sha256)
        n = len(f.spans)
        self._counts.append(n)
        if segment_ids is not None and (len(segment_ids) != n or list(segment_ids) != _usual_ids(n)):
            self.segment_ids[d] = list(segment_ids)
        self._waiting.append(f)
        if shingles and len(f.kgrams):
            self._shingled.append((self.n_passages, f))
        self.n_passages += n
        if self.features is not None:
            self.features.append(f)
        if len(self._waiting) >= self.BATCH:
            self._columns()
        return d

    def _columns(self) -> None:
        """The waiting Documents' columns, and their shingles' records to the spill (one array each)."""
        waiting, self._waiting = self._waiting, []
        shingled, self._shingled = self._shingled, []
        if waiting:
            cols = self._cols
            spans = np.concatenate([_flat_spans(f.spans) for f in waiting])
            cols["start"].append(spans[0::2])
            cols["end"].append(spans[1::2])
            cols["exact"].append(np.concatenate([np.asarray(f.exact, dtype=np.uint64) for f in waiting]))
            cols["words"].append(np.concatenate([np.asarray(f.words, dtype=np.int64) for f in waiting]))
        if shingled:
            # each passage's shingle count (its offsets' differences, without those across Documents) and id
            offsets = np.concatenate([f.offsets for _, f in shingled]).astype(np.int64, copy=False)
            ns = np.fromiter((len(f.offsets) - 1 for _, f in shingled), dtype=np.int64, count=len(shingled))
            diffs = np.diff(offsets)
            across = np.cumsum(ns + 1)[:-1] - 1  # each Document's last offset to the next one's first
            per_passage = np.delete(diffs, across)
            firsts = np.fromiter((g for g, _ in shingled), dtype=np.int64, count=len(shingled))
            starts = np.cumsum(ns) - ns
            gid = (np.repeat(firsts - starts, ns) + np.arange(int(ns.sum()), dtype=np.int64)).astype(np.uint32)
            kgrams = np.concatenate([f.kgrams for _, f in shingled])
            rec = np.empty(len(kgrams), dtype=SHINGLE)
            rec["h"] = kgrams
            rec["node"] = np.repeat(gid, per_passage)  # a passage id for now; mapped to its node when read
            self._spill.append(rec)

    def add_columns(self, ids: list[str], shas: list[str], counts: list[int], spans: np.ndarray,
                    exact: np.ndarray, words: np.ndarray) -> None:
        """``add(f, shingles=False)`` for several Documents at once, their passages as columns one after
        another (``counts[i]`` passages for ``ids[i]``): no ``DocFeatures`` a Document."""
        if self.features is not None:
            raise ValueError("features are kept one Document at a time (add)")
        self._columns()  # the Documents added one at a time before these go first (corpus order)
        self.doc_ids.extend(ids)
        self.shas.extend(shas)
        spans = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
        self._cols["start"].append(spans[:, 0])
        self._cols["end"].append(spans[:, 1])
        self._cols["exact"].append(np.asarray(exact, dtype=np.uint64))
        self._cols["words"].append(np.asarray(words, dtype=np.int64))
        self._counts.extend(counts)
        self.n_passages += len(spans)

    def table(self) -> PassageTable:
        self._columns()
        def cat(name: str, dtype: type) -> np.ndarray:
            parts = self._cols[name]
            return np.concatenate(parts).astype(dtype, copy=False) if parts else np.empty(0, dtype=dtype)

        counts = np.asarray(self._counts, dtype=np.int64)
        n_docs = len(self.doc_ids)
        order = sorted(range(n_docs), key=self.doc_ids.__getitem__)
        rank = np.empty(n_docs, dtype=np.int64)
        rank[order] = np.arange(n_docs)
        doc = np.repeat(np.arange(n_docs, dtype=np.int32), counts)
        first = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        idx = (np.arange(self.n_passages, dtype=np.int64) - np.repeat(first[:-1], counts)).astype(np.int32)
        return PassageTable(doc, idx, cat("start", np.int64), cat("end", np.int64), cat("exact", np.uint64),
                            cat("words", np.int64), self.doc_ids, rank, first, self.segment_ids,
                            with_segments=self.with_segments)

    def close(self) -> None:
        self._waiting, self._shingled = [], []
        self._spill.close()


@dataclass
class Nodes:
    """Exact classes: passages with equal normalised text share a node."""

    of: np.ndarray  # int64 per passage: its node, -1 when it has no words
    rep: np.ndarray  # int64 per node: its representative passage (smallest key)
    hash: np.ndarray  # uint64 per node
    size: np.ndarray  # int64 per node: members
    member_order: np.ndarray  # passages sorted by (node, key); node n's are member_order[bounds[n]:bounds[n+1]]
    bounds: np.ndarray

    @property
    def n(self) -> int:
        return len(self.rep)

    def members(self, node: int) -> np.ndarray:
        return self.member_order[self.bounds[node] : self.bounds[node + 1]]


def exact_nodes(table: PassageTable) -> Nodes:
    """Exact classes of the passages with words: equal hashes, one node each, numbered by their
    representative's key (``_exact_nodes_lexsort`` with the kernel's radix sorts: the same arrays)."""
    valid = np.flatnonzero(table.exact != 0)
    key = table.key
    kv = key[valid]
    if len(kv) > 1 and not bool(np.all(kv[1:] > kv[:-1])):  # Documents not in id order: by key first
        by_key = np.argsort(kv, kind="stable")
        valid, kv = valid[by_key], kv[by_key]
    # Sort by (hash, key): the passages are in key order, so a stable sort by hash. The first passage of
    # each hash run is the representative.
    h, order = sorted_by_hash(table.exact[valid], valid.astype(np.int64))
    new = np.concatenate(([True], h[1:] != h[:-1])) if len(h) else np.empty(0, dtype=bool)
    node_sorted = np.cumsum(new) - 1
    of = np.full(len(table.exact), -1, dtype=np.int64)
    starts = np.flatnonzero(new)
    rep = order[starts]
    # Number nodes by their representative's key (first occurrence in sorted Documents), so pairs
    # are oriented the same way whatever the hashes are, and alignments are too.
    perm = np.argsort(key[rep], kind="stable")
    relabel = np.empty(len(perm), dtype=np.int64)
    relabel[perm] = np.arange(len(perm))
    labels = relabel[node_sorted]
    of[order] = labels
    sizes = np.diff(np.concatenate((starts, [len(order)])))[perm]
    # Members by (node, key): each hash run is in key order already, so a stable sort by node.
    _, member_order = sorted_by_hash(labels.astype(np.uint64), order)
    bounds = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    return Nodes(of, rep[perm].astype(np.int64), h[starts][perm], sizes.astype(np.int64),
                 member_order.astype(np.int64), bounds)


def _exact_nodes_lexsort(table: PassageTable) -> Nodes:
    """``exact_nodes`` with numpy's lexsorts (the reference)."""
    valid = np.flatnonzero(table.exact != 0)
    key = table.key
    # Sort by (hash, key): the first passage of each hash run is the representative.
    order = valid[np.lexsort((key[valid], table.exact[valid]))]
    h = table.exact[order]
    new = np.concatenate(([True], h[1:] != h[:-1])) if len(h) else np.empty(0, dtype=bool)
    node_sorted = np.cumsum(new) - 1
    of = np.full(len(table.exact), -1, dtype=np.int64)
    of[order] = node_sorted
    starts = np.flatnonzero(new)
    rep = order[starts]
    # Number nodes by their representative's key (first occurrence in sorted Documents), so pairs
    # are oriented the same way whatever the hashes are, and alignments are too.
    perm = np.argsort(key[rep], kind="stable")
    relabel = np.empty(len(perm), dtype=np.int64)
    relabel[perm] = np.arange(len(perm))
    of[order] = relabel[node_sorted]
    sizes = np.diff(np.concatenate((starts, [len(order)])))[perm]
    member_order = order[np.lexsort((key[order], relabel[node_sorted]))]
    bounds = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    return Nodes(of, rep[perm].astype(np.int64), h[starts][perm], sizes.astype(np.int64),
                 member_order.astype(np.int64), bounds)


def _sorted_unique(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of ``codes`` (non-negative) and how often each occurs."""
    codes = sorted_codes(codes)
    if len(codes) == 0:
        return codes, codes.astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    return codes[starts], np.diff(np.concatenate((starts, [len(codes)])))


def partition_pairs(
    records: np.ndarray, node_of: np.ndarray, is_rep: np.ndarray, n_nodes: int, params: Params,
    *, fresh: np.ndarray | None = None,
) -> Iterator[np.ndarray]:
    """Pair codes (``a * n_nodes + b``, a < b, one per shared shingle) from one shingle partition.

    ``records`` hold (shingle hash, passage id); only representative passages count. Yields
    chunks of codes (a posting of ``g`` nodes gives ``g * (g - 1) / 2`` of them).
    """
    h, nodes = rep_shingles(records, node_of, is_rep)
    yield from posting_pairs(h, nodes, n_nodes, params, fresh=fresh)


def rep_shingles(records: np.ndarray, node_of: np.ndarray, is_rep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shingles of representative passages among ``records``: hashes and their nodes."""
    if len(records) == 0:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    pid = records["node"].astype(np.int64)
    keep = is_rep[pid]
    return records["h"][keep], node_of[pid[keep]]


def posting_pairs(h: np.ndarray, nodes: np.ndarray, n_nodes: int, params: Params,
                  *, fresh: np.ndarray | None = None) -> Iterator[np.ndarray]:
    """Pair codes from shingle hashes ``h`` of ``nodes`` (all copies of each hash are here)."""
    if len(h) < 2:
        return
    h, nodes = sorted_by_hash(h, nodes)
    first = np.concatenate(([True], h[1:] != h[:-1]))
    run_id = np.cumsum(first) - 1
    raw_sizes = np.bincount(run_id)
    # Most shingles occur once: keep only postings that can yield a pair before the finer sort.
    keep = (raw_sizes[run_id] >= 2) & (raw_sizes[run_id] <= 4 * params.max_df)
    key = (run_id[keep].astype(np.int64) << 32) | nodes[keep].astype(np.int64)
    if len(key) == 0:
        return
    key = sorted_codes(key)
    key = key[np.concatenate(([True], key[1:] != key[:-1]))]  # one entry per (shingle, node)
    runs, p = key >> 32, key & 0xFFFFFFFF
    run_start = np.flatnonzero(np.concatenate(([True], runs[1:] != runs[:-1])))
    sizes = np.diff(np.concatenate((run_start, [len(p)])))
    wanted = (sizes >= 2) & (sizes <= params.max_df)
    run_start, sizes = run_start[wanted], sizes[wanted]
    for g in np.unique(sizes):
        starts = run_start[sizes == g]
        iu, ju = _triu(int(g))
        step = max(1, _CHUNK_PAIRS // max(1, len(iu)))
        for lo in range(0, len(starts), step):
            members = p[starts[lo : lo + step, None] + np.arange(int(g))]  # sorted within each row
            a, b = members[:, iu].ravel(), members[:, ju].ravel()
            if fresh is not None:
                touch = fresh[a] | fresh[b]
                a, b = a[touch], b[touch]
            yield a * n_nodes + b


@functools.lru_cache(maxsize=512)
def _triu(g: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of a posting of ``g`` nodes; cached: a partition has postings of a few
    dozen sizes, and ``np.triu_indices`` per size and partition was half of making pairs (1k pages)."""
    iu, ju = np.triu_indices(g, 1)
    iu.flags.writeable = False
    ju.flags.writeable = False
    return iu, ju


def count_pairs(codes: np.ndarray, shingle_counts: np.ndarray, n_nodes: int,
                params: Params) -> tuple[np.ndarray, np.ndarray]:
    """Node pairs (a < b) among ``codes`` (all copies of each pair) that share enough shingles.

    No stricter count-only rule keeps ``align``'s output, so nothing more is dropped here before
    alignment (issue 10, round 11: 90 % of the candidate pairs fail there). ``align`` accepts a chain of
    runs with a gap of up to ``_SMALL_GAP`` words on both sides between runs, and a word one letter off
    keeps the characters' ratio high: a changed word every third word shares no 3-word shingle yet
    aligns. So at every shape (two passages alike, a short one inside a long one) a pair sharing exactly
    the least this rule lets through still aligns (``test_a_pair_sharing_the_fewest_shingles_count_pairs_
    allows_can_still_align``). What the lengths alone do bound: a chain covers at most
    ``41 * n_short - 40`` words of the longer side (each of its ``runs - 1 <= n_short - 1`` gaps is at
    most ``_LARGE_GAP`` = 40 words), so a passage under ``min_span_words`` words against one more than
    twice that long cannot pass. That is 27 of the 269,039 candidate pairs of 10k site pages (measured),
    and the table's ``words`` are counted as ``features`` counts them, not always as ``align`` does (NFKC
    can split a word), so it is not applied.
    """
    codes, shared = _sorted_unique(codes)
    a, b = codes // n_nodes, codes % n_nodes
    smaller = np.minimum(shingle_counts[a], shingle_counts[b])
    need = np.maximum(np.minimum(params.min_shared, smaller), np.ceil(params.min_shared_share * smaller))
    ok = shared >= need
    return a[ok], b[ok]


def shingle_counts(table: PassageTable, nodes: Nodes, k: int) -> np.ndarray:
    """Shingles of each node's representative passage."""
    return np.maximum(table.words[nodes.rep] - k + 1, 0)


def _routed_pairs(args: tuple[np.ndarray, np.ndarray, int, Params, int]) -> tuple[np.ndarray, np.ndarray]:
    """One shingle partition's pair codes, grouped by pair partition, and how many in each."""
    h, nodes, n_nodes, params, pair_bits = args
    chunks = list(posting_pairs(h, nodes, n_nodes, params))
    codes = np.concatenate(chunks) if chunks else np.empty(0, dtype=PAIR)
    part = route_pairs(codes, pair_bits)
    order = np.argsort(part.astype(np.uint16), kind="stable")
    return np.take(codes, order), np.bincount(part, minlength=1 << pair_bits)


_SHARED: dict[str, dict[str, np.ndarray]] = {}  # a worker's memory maps of one run's shared arrays
_PAIR_FILES: dict[str, int] = {}  # a worker's pair file in a run's folder (appended to)


def _shared(folder: str) -> dict[str, np.ndarray]:
    got = _SHARED.get(folder)
    if got is None:
        _SHARED.clear()
        got = _SHARED[folder] = {name: np.load(os.path.join(folder, f"{name}.npy"), mmap_mode="r")
                                 for name in ("node_of", "is_rep", "counts")}
    return got


def _pairs_of_partition(args: tuple[str, str, int, Params, int]) -> tuple[str, int, np.ndarray]:
    """In a worker: read one shingle partition's file, make its pair codes, append them (grouped by
    pair partition) to this worker's pair file; returns (file, offset, codes per pair partition)."""
    path, folder, n_nodes, params, pair_bits = args
    shared = _shared(folder)
    records = np.fromfile(path, dtype=SHINGLE) if os.path.exists(path) else np.empty(0, dtype=SHINGLE)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)  # read once: disk use stays that of the partitions not yet read
    h, nodes = rep_shingles(records, shared["node_of"], shared["is_rep"])
    del records
    codes, per_part = _routed_pairs((h, nodes, n_nodes, params, pair_bits))
    name = os.path.join(folder, f"pairs-{os.getpid()}.bin")
    fd = _PAIR_FILES.get(name)
    if fd is None:
        for old in _PAIR_FILES.values():
            os.close(old)
        _PAIR_FILES.clear()
        fd = _PAIR_FILES[name] = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    offset = os.lseek(fd, 0, os.SEEK_END)
    data = np.ascontiguousarray(codes, dtype=PAIR).tobytes()
    view = memoryview(data)
    while view:  # os.write may write less than asked
        view = view[os.write(fd, view):]
    return name, offset, per_part


def _count_partition(args: tuple[list[tuple[str, int, int]], str, int, Params]) -> tuple[np.ndarray, np.ndarray]:
    """In a worker: one pair partition, gathered from the blocks every shingle partition left in the
    pair files, counted (``count_pairs``)."""
    blocks, folder, n_nodes, params = args
    parts = []
    fds: dict[str, int] = {}
    try:
        for name, offset, count in blocks:
            fd = fds.get(name)
            if fd is None:
                fd = fds[name] = os.open(name, os.O_RDONLY)
            parts.append(np.frombuffer(_pread_all(fd, 8 * count, offset), dtype=PAIR))
    finally:
        for fd in fds.values():
            os.close(fd)
    codes = np.concatenate(parts) if parts else np.empty(0, dtype=PAIR)
    return count_pairs(codes, _shared(folder)["counts"], n_nodes, params)


def _pread_all(fd: int, size: int, offset: int) -> bytes:
    data = os.pread(fd, size, offset)
    while len(data) < size:  # a short read (large blocks): read the rest
        more = os.pread(fd, size - len(data), offset + len(data))
        if not more:
            raise OSError(f"pair file ended early ({len(data)} of {size} bytes)")
        data += more
    return data


def _pairs_task(args: tuple[str, str, int, Params, int]) -> tuple[str, int, np.ndarray]:
    """``_pairs_of_partition`` after closing the partition files this worker appended to."""
    if _PART_FDS:
        close_routed()
    return _pairs_of_partition(args)


def _candidate_pairs_in_workers(spill: Spill, nodes: Nodes, is_rep: np.ndarray, counts: np.ndarray,
                                params: Params, pair_bits: int, workers: Any,
                                progress: Callable[[int, int], None] | None) -> tuple[list, list]:
    """``candidate_pairs`` with the work in the workers and only file names and counts through the
    pipes: the shingle partitions go to disk, the workers read them (and the node map, memory-mapped),
    append their pair codes to a file each, then count each pair partition from those files.

    Before, this process read every partition and pickled its postings to a worker, and received
    and regrouped every pair code: at 10k pages the stage took as long with two workers as with one.
    """
    spill.flush()
    folder = scratch_dir("curator-pairs-", spill._tmp_parent)
    n_nodes = nodes.n
    n_pairs = 1 << pair_bits
    node_of = nodes.of
    remap = spill.remap
    if remap is not None:  # the workers' records carry slots: the node map goes by slot
        node_of, is_rep = node_of[remap], is_rep[remap]
    try:
        np.save(os.path.join(folder, "node_of.npy"), node_of)
        np.save(os.path.join(folder, "is_rep.npy"), is_rep)
        np.save(os.path.join(folder, "counts.npy"), counts)
        assert spill._dir is not None
        tasks = [(str(spill._dir / f"{i:05d}.bin"), folder, n_nodes, params, pair_bits) for i in range(spill.n)]
        blocks: list[list[tuple[str, int, int]]] = [[] for _ in range(n_pairs)]
        for i, (name, offset, per_part) in enumerate(workers.imap_window(_pairs_task, tasks,
                                                                         window=4 * workers.jobs)):
            starts = offset + 8 * np.concatenate(([0], np.cumsum(per_part)[:-1]))
            for j in np.flatnonzero(per_part).tolist():
                blocks[j].append((name, int(starts[j]), int(per_part[j])))
            if progress is not None:
                progress(i + 1, spill.n + n_pairs)
        out_a, out_b = [], []
        count_tasks = [(blocks[j], folder, n_nodes, params) for j in range(n_pairs)]
        for j, (a, b) in enumerate(workers.imap_window(_count_partition, count_tasks, window=4 * workers.jobs)):
            out_a.append(a)
            out_b.append(b)
            if progress is not None:
                progress(spill.n + j + 1, spill.n + n_pairs)
        return out_a, out_b
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def candidate_pairs(collector: Collector, table: PassageTable, nodes: Nodes, params: Params,
                    *, fresh: np.ndarray | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    workers: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate node pairs over every shingle partition (pairs routed to pair partitions in between).

    ``workers`` (a ``curator.core.parallel.Workers``): pairs are made and counted there.
    """
    n_nodes = nodes.n
    empty = np.empty(0, dtype=np.int64)
    if n_nodes < 2:
        return empty, empty
    is_rep = np.zeros(len(table.exact), dtype=bool)
    is_rep[nodes.rep] = True
    counts = shingle_counts(table, nodes, params.k)
    spill = collector.spill
    pair_bits = max(4, partition_bits(spill.total()))
    if workers is not None and workers.jobs > 1 and fresh is None:
        out_a, out_b = _candidate_pairs_in_workers(spill, nodes, is_rep, counts, params, pair_bits, workers,
                                                   progress)
    else:
        pairs = Spill(PAIR, 1 << pair_bits, tmpdir=collector.tmpdir)
        try:
            for i in range(spill.n):
                # A partition's codes routed at once (per posting size, routing was a third of the stage).
                chunks = list(partition_pairs(spill.partition(i), nodes.of, is_rep, n_nodes, params, fresh=fresh))
                spill.drop(i)
                if chunks:
                    codes = chunks[0] if len(chunks) == 1 else np.concatenate(chunks)
                    del chunks
                    pairs.add(route_pairs(codes, pair_bits), codes)
                if progress is not None:
                    progress(i + 1, spill.n + pairs.n)
            out_a, out_b = [], []
            for j in range(pairs.n):
                a, b = count_pairs(pairs.partition(j), counts, n_nodes, params)
                pairs.drop(j)
                out_a.append(a)
                out_b.append(b)
                if progress is not None:
                    progress(spill.n + j + 1, spill.n + pairs.n)
        finally:
            pairs.close()
    # In (a, b) order: the pairs are distinct and a < b < n_nodes, so that is their codes' order.
    codes = sorted_codes(np.concatenate(out_a) * n_nodes + np.concatenate(out_b))
    return codes // n_nodes, codes % n_nodes


# (document offset of the passage, its text) or with its word ids (``Tokens.ids``) as a third item
PassageText = tuple  # tuple[int, str] | tuple[int, str, list[int]]


class SpanTexts:
    """The texts of many ``(document, start, end)`` spans, each Document read once.

    Spans are read in Document order and their text is kept in spool files (UTF-8, by offset),
    so asking for them later in any order never reads a Document again and memory holds a few
    numbers per span. ``store[i]`` is the text of ``spans[i]``.

    With ``workers`` (and a picklable ``text_of``, such as ``SourceReader``), the Documents are
    read and the spool files written in the worker processes, a share of the Documents each;
    ``passages`` then hands out texts that the workers read back themselves (``StoredTexts``).
    """

    def __init__(self, spans: Sequence[tuple[str, int, int]], text_of: Callable[[str], str],
                 *, workers: Any = None, ids: bool = False) -> None:
        """``ids``: spool each span's word ids too (``Tokens.ids``, made once by the process that reads
        the Document), so whichever process aligns a passage reads them instead of tokenising it."""
        n = len(spans)
        # Columns (the Documents numbered in id order): the order and the tasks are made with numpy.
        names, doc = np.unique(np.asarray([sp[0] for sp in spans], dtype=str), return_inverse=True) if n else \
            (np.empty(0, dtype=str), np.empty(0, dtype=np.int64))
        start = np.fromiter((sp[1] for sp in spans), dtype=np.int64, count=n)
        end = np.fromiter((sp[2] for sp in spans), dtype=np.int64, count=n)
        self._fill(names.tolist(), doc.reshape(-1), start, end, None, text_of, workers, ids)

    @classmethod
    def of_columns(cls, names: Sequence[str], doc: np.ndarray, start: np.ndarray, end: np.ndarray,
                   text_of: Callable[[str], str], *, rank: np.ndarray | None = None, workers: Any = None,
                   ids: bool = False) -> SpanTexts:
        """``SpanTexts([(names[doc[i]], start[i], end[i]) ...])`` without a tuple per span: ``rank[d]`` is
        Document ``d``'s place in id order (``names`` are in id order when it is None)."""
        self = cls.__new__(cls)
        self._fill(names, np.asarray(doc, dtype=np.int64), np.asarray(start, dtype=np.int64),
                   np.asarray(end, dtype=np.int64), rank, text_of, workers, ids)
        return self

    def _fill(self, names: Sequence[str], doc: np.ndarray, start: np.ndarray, end: np.ndarray,
              rank: np.ndarray | None, text_of: Callable[[str], str], workers: Any, ids: bool) -> None:
        n = len(doc)
        self.folder = scratch_dir("curator-spans-")
        # Spans by Document (in id order), each Document's in the order given (a stable sort).
        order = np.argsort(doc if rank is None else np.asarray(rank, dtype=np.int64)[doc], kind="stable")
        sdoc, sstart, send = doc[order], start[order], end[order]
        if workers is not None and workers.jobs > 1 and n > 1:
            from curator.core.parallel import tapered

            # Whole Documents per task, so each is read by one worker only; a quarter of a worker's share
            # each, fewer towards the end (``tapered``: the workers finish together).
            firsts = np.flatnonzero(np.concatenate(([True], sdoc[1:] != sdoc[:-1])))
            edges = np.concatenate((firsts, [n])).tolist()
            most = -(-len(firsts) // (workers.jobs * 4))
            bounds = [(edges[lo], edges[hi]) for lo, hi in tapered(len(firsts), most, workers.jobs)]
        else:
            bounds = [(0, n)]
        tasks = [(text_of, SpanColumns.of(names, sdoc[lo:hi], sstart[lo:hi], send[lo:hi]), self.folder,
                  f"{t:05d}.bin", ids) for t, (lo, hi) in enumerate(bounds)]
        outcomes = workers.map(write_spans, tasks) if len(tasks) > 1 else [write_spans(tasks[0])]
        self.ids = ids
        self.files: list[str] = []
        self._file = np.zeros(n, dtype=np.int32)
        self._starts = np.zeros(n, dtype=np.int64)
        self._sizes = np.zeros(n, dtype=np.int64)
        self._id_starts = np.zeros(n if ids else 0, dtype=np.int64)
        self._id_counts = np.zeros(n if ids else 0, dtype=np.int64)
        for f, ((lo, hi), (name, sizes, *counts)) in enumerate(zip(bounds, outcomes, strict=True)):
            idx = order[lo:hi]
            sizes = np.asarray(sizes, dtype=np.int64)
            self.files.append(os.path.join(self.folder, name))
            self._file[idx] = f
            self._sizes[idx] = sizes
            self._starts[idx] = np.concatenate(([0], np.cumsum(sizes)[:-1])) if len(sizes) else sizes
            if ids:
                c = np.asarray(counts[0], dtype=np.int64)
                self._id_counts[idx] = c
                self._id_starts[idx] = np.concatenate(([0], np.cumsum(c)[:-1])) if len(c) else c
        self._reader = _SpanReader(self.files)

    def location(self, i: int) -> tuple[int, ...]:
        """Where ``store[i]`` is: (file number, offset, size), then (first id, ids) when ids are spooled."""
        if self.ids:
            return (int(self._file[i]), int(self._starts[i]), int(self._sizes[i]),
                    int(self._id_starts[i]), int(self._id_counts[i]))
        return int(self._file[i]), int(self._starts[i]), int(self._sizes[i])

    def locations(self) -> np.ndarray:
        """``location(i)`` of every span, one row each (int64 columns)."""
        cols = [self._file.astype(np.int64), self._starts, self._sizes]
        if self.ids:
            cols += [self._id_starts, self._id_counts]
        return np.column_stack(cols) if len(self._file) else np.empty((0, len(cols)), dtype=np.int64)

    def __getitem__(self, i: int) -> str:
        return self._reader.read(*self.location(i)[:3])

    def word_ids(self, i: int) -> list[int]:
        """The word ids of ``store[i]`` (with ``ids``)."""
        f, _o, _s, first, count = self.location(i)
        return self._reader.read_ids(f, first, count)

    def passages(self, slots: Mapping[int, tuple[int, int]]) -> StoredTexts:
        """Passage texts by gid for ``align_pairs``: ``slots[gid] = (slot in this store, passage start)``."""
        return StoredTexts(self.files, {g: (start, *self.location(i)) for g, (i, start) in slots.items()})

    def close(self) -> None:
        self._reader.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class SpanColumns:
    """A task's spans ``(document, start, end)`` as columns: the names of its Documents once, then a few
    numbers a span (a tuple a span pickled ~3x larger and was made one at a time here). Iterates as tuples."""

    __slots__ = ("names", "doc", "start", "end")

    def __init__(self, names: list[str], doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> None:
        self.names, self.doc, self.start, self.end = names, doc, start, end

    @classmethod
    def of(cls, names: Sequence[str], doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> SpanColumns:
        """The spans ``(names[doc[i]], start[i], end[i])``, with only their own Documents' names."""
        used, local = np.unique(doc, return_inverse=True)
        return cls([names[d] for d in used.tolist()], local.reshape(-1).astype(np.int32), start, end)

    def __len__(self) -> int:
        return len(self.doc)

    def __iter__(self) -> Iterator[tuple[str, int, int]]:
        names = self.names
        for d, s, e in zip(self.doc.tolist(), self.start.tolist(), self.end.tolist(), strict=True):
            yield names[d], s, e


def write_spans(task: tuple) -> tuple:
    """Spans' texts (sorted by Document) appended to one spool file: its name and each span's size.

    ``task``: (text_of, spans, folder, name[, ids]); with ``ids`` the spans' word ids (``Tokens.ids``,
    uint64) go to ``name + ".ids"`` and each span's count of ids is returned third.
    """
    text_of, spans, folder, name = task[:4]
    with_ids = len(task) > 4 and task[4]
    sizes: list[int] = []
    counts: list[int] = []
    current, text = None, ""
    with open(os.path.join(folder, name), "wb") as fh, \
            open(os.path.join(folder, name + ".ids"), "wb") if with_ids else nullcontext() as fi:
        for doc, s, e in spans:
            if doc != current:
                current, text = doc, text_of(doc)
            chunk = text[s:e]
            data = chunk.encode("utf-8", "surrogatepass")
            fh.write(data)
            sizes.append(len(data))
            if fi is not None:
                ids = tokens(chunk, 0, len(chunk)).ids
                fi.write(np.asarray(ids, dtype=np.uint64).tobytes())
                counts.append(len(ids))
    return (name, sizes, counts) if with_ids else (name, sizes)


class _SpanReader:
    """Reads span texts from spool files by (file, offset, size); files opened when first asked for."""

    def __init__(self, files: Sequence[str]) -> None:
        self.files = list(files)
        self._fds: dict[int, int] = {}

    def read(self, f: int, offset: int, size: int) -> str:
        if size == 0:
            return ""
        fd = self._fds.get(f)
        if fd is None:
            fd = self._fds[f] = os.open(self.files[f], os.O_RDONLY)
        return os.pread(fd, size, offset).decode("utf-8", "surrogatepass")

    def read_ids(self, f: int, first: int, count: int) -> list[int]:
        if count == 0:
            return []
        fd = self._fds.get(-1 - f)
        if fd is None:
            fd = self._fds[-1 - f] = os.open(self.files[f] + ".ids", os.O_RDONLY)
        return np.frombuffer(os.pread(fd, 8 * count, 8 * first), dtype=np.uint64).tolist()

    def id_map(self, f: int) -> np.ndarray:
        """Spool file ``f``'s word ids (uint64), memory-mapped: a batch of pairs gathers its passages' ids
        from it at once (``StoredTexts.id_columns``) instead of a read a passage. Mapped anew for each batch
        and let go after it: a map kept for the run would count every page it touched in the process's
        resident memory (~0.2 GB of ids at 100k pages)."""
        path = self.files[f] + ".ids"
        return np.memmap(path, dtype=np.uint64, mode="r") if os.path.getsize(path) else np.empty(0, np.uint64)

    def close(self) -> None:
        for fd in self._fds.values():
            os.close(fd)
        self._fds = {}


class StoredTexts(Mapping[int, "PassageText"]):
    """Passage texts by gid, read from a ``SpanTexts``'s spool files when asked for.

    Sent to worker processes instead of the texts themselves: it pickles as a few numbers per
    passage, and each worker reads the texts it aligns (the main process read and pickled every
    text of every chunk before).
    """

    def __init__(self, files: Sequence[str], where: dict[int, tuple[int, ...]]) -> None:
        self.files = list(files)
        self.where = where  # gid -> (passage start, file, offset, size[, first id, ids])
        self._reader: _SpanReader | None = None

    def _open(self) -> _SpanReader:
        if self._reader is None:
            self._reader = _READERS.get(tuple(self.files)) or _SpanReader(self.files)
            _READERS.clear()
            _READERS[tuple(self.files)] = self._reader
        return self._reader

    def __getitem__(self, g: int) -> PassageText:
        start, f, offset, size, *ids = self.where[g]
        reader = self._open()
        if ids:
            return start, reader.read(f, offset, size), reader.read_ids(f, ids[0], ids[1])
        return start, reader.read(f, offset, size)

    def tokens(self, g: int, ids: list[int] | None = None) -> tuple[int, _SpooledTokens] | None:
        """(passage start, its tokens with the text read when first needed), or None without spooled ids;
        ``ids``: its word ids as read already (``id_columns``)."""
        start, f, offset, size, *at = self.where[g]
        if not at:
            return None
        reader = self._open()
        return start, _SpooledTokens(functools.partial(reader.read, f, offset, size),
                                     reader.read_ids(f, at[0], at[1]) if ids is None else ids)

    def id_columns(self, gids: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The word ids of passages ``gids`` in one array (uint64) with each one's first index and count, read
        from the spool's memory-mapped ids files; None when the ids were not spooled."""
        rows = [self.where[g] for g in gids]
        if any(len(r) < 6 for r in rows):
            return None
        cols = np.array(rows, dtype=np.int64).reshape(-1, 6)
        f, first, count = cols[:, 1], cols[:, 4], np.ascontiguousarray(cols[:, 5])
        starts = np.concatenate(([0], np.cumsum(count)[:-1])).astype(np.int64)
        out = np.empty(int(count.sum()), dtype=np.uint64)
        reader = self._open()
        for fi in np.unique(f).tolist():
            sel = np.flatnonzero(f == fi)
            c = count[sel]
            within = np.arange(int(c.sum()), dtype=np.int64) - np.repeat(np.cumsum(c) - c, c)
            ids = reader.id_map(fi)
            out[np.repeat(starts[sel], c) + within] = ids[np.repeat(first[sel], c) + within]
            del ids  # unmapped (see ``id_map``)
        return out, starts, count

    def __iter__(self) -> Iterator[int]:
        return iter(self.where)

    def __len__(self) -> int:
        return len(self.where)

    def subset(self, gids: Iterable[int]) -> StoredTexts:
        return StoredTexts(self.files, {g: self.where[g] for g in gids})

    def __getstate__(self) -> dict[str, Any]:
        return {"files": self.files, "where": self.where}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.files, self.where, self._reader = state["files"], state["where"], None


_READERS: dict[tuple[str, ...], _SpanReader] = {}  # a worker's open spool files (one detection run's)


class _SpooledTokens(Tokens):
    """A spooled passage's tokens whose text is read from the spool only when first needed.

    Alignment needs a passage's word ids for every candidate pair but its text (word offsets, sentence
    bounds, the ends' characters) only past the coverage check: about one passage in three on a news
    site was read and decoded for nothing (10k pages: 54k passages read in the workers, 36k needed).
    """

    __slots__ = ("_read",)

    def __init__(self, read: Callable[[], str], ids: list[int]) -> None:
        super().__init__("", 0, 0, ids)
        self._read: Callable[[], str] | None = read

    def loaded(self) -> str:
        """The passage's text (read once)."""
        if self._read is not None:
            self.text = self._read()
            self.end = len(self.text)
            self._read = None
        return self.text

    def _all(self) -> tuple[tuple[int, ...], ...]:
        if self._bounds is None:
            self.loaded()
        return super()._all()


class _LazyText:
    """A spooled passage's text for ``align``, which only slices it (past the coverage check)."""

    __slots__ = ("_tokens",)

    def __init__(self, tokens: _SpooledTokens) -> None:
        self._tokens = tokens

    def __getitem__(self, key: slice) -> str:
        return self._tokens.loaded()[key]


@dataclass(frozen=True)
class SourceReader:
    """The source text of a Document by id, for work sent to worker processes (it pickles as a path)."""

    root: str

    def __call__(self, doc_id: str) -> str:
        """``read_source``'s text, the file named with ``os.path`` (two ``Path`` objects a read were ~30 % of
        it: the workers read each Document again to spool its passages, and again to quote the members)."""
        from curator.core.textio import SourceError, decode_bytes, read_source

        try:
            with open(os.path.join(self.root, f"{doc_id}.txt"), "rb") as fh:
                return decode_bytes(fh.read()).text
        except (OSError, SourceError):  # read_source's error, naming the file as it does
            return read_source(Path(self.root) / f"{doc_id}.txt").text


def passage_texts(table: PassageTable, gids: Iterable[int], text_of: Callable[[str], str]) -> dict[int, PassageText]:
    """The text of each passage ``gid``, reading each Document once, in Document order."""
    by_doc: dict[int, list[int]] = defaultdict(list)
    for g in gids:
        by_doc[int(table.doc[g])].append(int(g))
    out: dict[int, PassageText] = {}
    for d in sorted(by_doc):
        text = text_of(table.doc_ids[d])
        for g in by_doc[d]:
            s, e = int(table.start[g]), int(table.end[g])
            out[g] = (s, text[s:e])
    return out


# A worker's passage tokens across the chunks it aligns in one detection run (``align_candidates``):
# chunks of one batch share passages (a teaser pairs with hundreds of pages), and tokenising them
# again per chunk made 1.85x the tokenisations of one process (1k site pages, 8 chunks a batch).
_RUN_TOKENS: dict[int, tuple[int, str, Tokens]] = {}  # this run's passages by gid
_TOKENS_KEPT = 50_000
_RUN: list[str | None] = [None]  # the detection run whose tokens are kept


def align_pairs(pairs: Sequence[tuple[int, int]], texts: Mapping[int, PassageText], params: Params,
                run: str | None = None) -> list[tuple[int, int, tuple[int, int], tuple[int, int], float, bool]]:
    """Align passage pairs given their texts: (gid a, gid b, span a, span b, score, exact) per repeat found.

    ``run``: names one detection run (its passage ids); tokens are then kept across calls.
    """
    if run is not None and run != _RUN[0]:  # a new detection run: its own tokens
        _RUN[0] = run
        _RUN_TOKENS.clear()
    # Keyed by gid: the run's cache holds that run's passages only (cleared when another run starts).
    cache: dict[int, tuple[int, str, Tokens]] = _RUN_TOKENS if run is not None else {}

    def tok(g: int, ids: list[int] | None = None) -> tuple[int, str, Tokens]:
        """A passage's (start, text, tokens) not in the cache yet: made and kept (``ids``: its word ids, when
        known already)."""
        t: tuple[int, str, Tokens]
        if len(cache) > _TOKENS_KEPT:
            cache.clear()
        spooled = texts.tokens(g, ids) if isinstance(texts, StoredTexts) else None
        if spooled is not None:  # the text read only if an alignment gets past the coverage check
            off, tk = spooled
            t = cache[g] = (off, cast(str, _LazyText(tk)), tk)
            return t
        off, text, *given = texts[g]
        # word ids spooled with the text (made once, by the process that read the Document)
        t = cache[g] = (off, text, Tokens(text, 0, len(text), given[0]) if given else tokens(text, 0, len(text)))
        return t

    found = []
    get = cache.get
    if batched():
        # The chains and the coverage check of every pair in one kernel call (``chain_cover_batch``), then
        # only the pairs that pass (one in five or six of a site's candidates) made into spans.
        ext, local, ids, starts, ends = _chain_extents(pairs, texts, params, get, tok)
        passing = np.flatnonzero(ext[:, 0] >= 0)
        for k, (la, lb), (a0, a1, b0, b1) in zip(passing.tolist(), local[passing].tolist(), ext[passing].tolist(),
                                                  strict=True):
            ga, gb = pairs[k]
            # a passage's tokens from the ids gathered for the batch (not read again from the spool)
            off_a, _, ta = get(ga) or tok(ga, ids[starts[la] : ends[la]].tolist())
            off_b, _, tb = get(gb) or tok(gb, ids[starts[lb] : ends[lb]].tolist())
            al = align_extent(ta, tb, a0, a1, b0, b1, params)
            if al is not None:
                found.append((ga, gb, (al.a[0] + off_a, al.a[1] + off_a), (al.b[0] + off_b, al.b[1] + off_b),
                              al.score, al.exact))
        return found
    # (the cache's hits looked up here, not in a call a passage: 538k calls for 269k pairs at 10k pages)
    for ga, gb in pairs:
        off_a, text_a, ta = get(ga) or tok(ga)
        off_b, text_b, tb = get(gb) or tok(gb)
        al = align(text_a, ta, text_b, tb, params)
        if al is not None:
            found.append((ga, gb, (al.a[0] + off_a, al.a[1] + off_a), (al.b[0] + off_b, al.b[1] + off_b),
                          al.score, al.exact))
    return found


def _chain_extents(pairs: Sequence[tuple[int, int]], texts: Mapping[int, PassageText], params: Params,
                   get: Callable[[int], tuple[int, str, Tokens] | None],
                   tok: Callable[..., tuple[int, str, Tokens]]) -> tuple[np.ndarray, ...]:
    """Per pair (``align``'s ``chain_cover``): the best chain's extent (a0, a1, b0, b1) in word indexes when it
    passes the coverage check, else -1s; one ``chain_cover_batch`` call on the passages' ids.

    It is ``chain_cover`` exactly, so it drops no pair ``align`` keeps (tests/test_dups_chain_batch.py): the
    kernel compares the word ids themselves where ``align`` compares ``pair_chars``' characters, one per
    distinct id. Spooled ids are gathered from the memory-mapped spool at once; a passage's tokens (and its
    text) are made only for the pairs that pass (a site's candidate pairs mostly fail: 220k of 269k at 10k
    pages, each costing ~4 µs of Python around the kernel's ~1.5 before).

    Returns the extents (-1s: rejected), each pair's two passages' numbers ``p`` here, and the passages' ids
    (``ids[starts[p]:ends[p]]``)."""
    out = np.full((len(pairs), 4), -1, dtype=np.int64)
    if not pairs:
        empty = np.empty(0, dtype=np.int64)
        return out, np.empty((0, 2), dtype=np.int64), empty.astype(np.uint64), empty, empty
    gids, local = np.unique(np.asarray(pairs, dtype=np.int64).reshape(-1, 2), return_inverse=True)
    local = local.reshape(-1, 2)
    got = texts.id_columns(gids.tolist()) if isinstance(texts, StoredTexts) else None
    if got is None:
        lists = [(get(g) or tok(g))[2].ids for g in gids.tolist()]
        count = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        ids = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.uint64, count=int(count.sum()))
        starts = np.concatenate(([0], np.cumsum(count)[:-1])).astype(np.int64)
    else:
        ids, starts, count = got
    pa, pb = np.ascontiguousarray(local[:, 0]), np.ascontiguousarray(local[:, 1])
    if not chain_cover_batch(ids, starts, count, pa, pb, params, out.reshape(-1)):
        raise RuntimeError("chain_cover_batch: the duplicate finder kernel is not running")
    return out, local, ids, starts, starts + count


def to_links(table: PassageTable, found: Iterable[tuple]) -> list[Link]:
    links = []
    for ga, gb, sa, sb, score, exact in found:
        links.append(Link(table.doc_ids[int(table.doc[ga])], int(table.idx[ga]),
                          table.doc_ids[int(table.doc[gb])], int(table.idx[gb]), sa, sb, score, exact))
    return links


AlignFn = Callable[[list[tuple[int, int]], Mapping[int, PassageText], Params], list[tuple]]


def _align_chunk(args: tuple[list[tuple[int, int]], Mapping[int, PassageText], Params, str]) -> list[tuple]:
    return align_pairs(*args)


def _align_task(args: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str], Params, str]) -> list[tuple]:
    """In a worker: ``align_pairs`` over pairs ``(a[i], b[i])`` of gids; ``where[j]`` is where ``gids[j]``'s
    text is (passage start, spool file, offset, size, first word id, word ids). Columns, not a dict of
    tuples per passage: the main process made and pickled those at ~15 ms a task (2 of its CPU-s
    in ``dups --jobs 2`` on 10k pages)."""
    a, b, gids, where, files, params, run = args
    texts = StoredTexts(files, dict(zip(gids.tolist(), map(tuple, where.tolist()), strict=True)))
    return align_pairs(list(zip(a.tolist(), b.tolist(), strict=True)), texts, params, run)


ALIGN_CHUNK = 10_000  # candidate pairs per task with workers


def candidate_components(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Per node (of ``n``): the smallest node it is joined to through the pairs ``(a[i], b[i])``
    (min-label hooking with pointer jumping: a few vectorised passes)."""
    label = np.arange(n, dtype=np.int64)
    if not len(a):
        return label
    while True:
        la, lb = label[a], label[b]
        low = np.minimum(la, lb)
        hooked = label.copy()
        np.minimum.at(hooked, la, low)  # la, lb are roots: each root hooked under the smallest it meets
        np.minimum.at(hooked, lb, low)
        while True:  # every node straight to its root
            up = hooked[hooked]
            if np.array_equal(up, hooked):
                break
            hooked = up
        if np.array_equal(hooked, label):
            return label
        label = hooked


def align_candidates(table: PassageTable, nodes: Nodes, a: np.ndarray, b: np.ndarray,
                     text_of: Callable[[str], str], params: Params, *,
                     align_fn: AlignFn | None = None, batch: int = 20_000, workers: Any = None,
                     builder: GroupBuilder | None = None) -> list[Link]:
    """Verified near links among candidate node pairs (aligned on their representative passages).

    Every passage of a candidate pair is read once (Document by Document) into a spool first.
    One process: pairs are taken in batches handed to ``align_fn`` (``align_pairs`` by default).
    With ``workers`` (a ``curator.core.parallel.Workers`` of more than one process): tasks of
    ``ALIGN_CHUNK`` pairs stream to them, a few at a time, each carrying where its passages'
    texts are (``StoredTexts``); a worker done early takes the next task (a ``map`` per batch of
    20,000 pairs left a worker idle at every batch's end: ~25 % of the alignment's wall time on
    10k pages), and keeps the run's passage tokens across its tasks. ``builder`` (with workers): each
    task's links are added to it as they come, and it prepares the groups no link touches while the
    workers align (``GroupBuilder``).
    """
    parallel = workers is not None and workers.jobs > 1
    run_id = os.urandom(8).hex()
    if align_fn is None:
        # One process: the run's tokens are kept across batches too (a teaser pairs with hundreds
        # of pages; per batch, 10k site pages tokenised 123k passages for 37k distinct ones).
        def align_fn(pairs: list[tuple[int, int]], texts: Mapping[int, PassageText], params: Params) -> list[tuple]:
            return align_pairs(pairs, texts, params, run_id)
    ra, rb = nodes.rep[a], nodes.rep[b]
    links: list[Link] = []
    if len(ra) == 0:
        return links
    needed = np.unique(np.concatenate((ra, rb)))
    store = SpanTexts.of_columns(table.doc_ids, table.doc[needed], table.start[needed], table.end[needed], text_of,
                                 rank=table.doc_rank, workers=workers, ids=True)
    try:
        if parallel:
            where_all = store.locations()  # per slot: file, offset, size, first id, ids
            # A candidate component at a time (its pairs in their order): in pair order, the pairs of a
            # teaser or a sidebar were spread over every task, so both workers read and prepared most of
            # the same passages (10k pages: 54k passages in two workers for 39k). The links are put back
            # in pair order at the end, as one process finds them.
            comp = candidate_components(a, b, nodes.n)
            by_comp = np.argsort(comp[a], kind="stable")
            ca, cb, labels = ra[by_comp], rb[by_comp], comp[a][by_comp]
            # Tasks of ALIGN_CHUNK pairs, smaller towards the end (``tapered``): a full last task kept one
            # worker aligning while the other waited.
            from curator.core.parallel import tapered

            bounds = tapered(len(ca), ALIGN_CHUNK, workers.jobs)
            # Links reused from an index may join nodes of different candidate components: then no
            # component is known to be complete before the end.
            finishing = builder is not None and not builder.linked

            def tasks() -> Iterator[tuple]:
                for lo, hi in bounds:
                    pa, pb = ca[lo:hi], cb[lo:hi]
                    gids = np.unique(np.concatenate((pa, pb)))
                    slots = np.searchsorted(needed, gids)
                    where = np.column_stack((table.start[gids], where_all[slots]))
                    yield pa, pb, gids, where, store.files, params, run_id

            keyed: list[tuple[int, Link]] = []
            of, n_nodes = nodes.of, nodes.n
            for n, found in enumerate(workers.imap_window(_align_task, tasks())):
                got = to_links(table, found)
                keyed.extend(zip((int(of[f[0]]) * n_nodes + int(of[f[1]]) for f in found), got, strict=True))
                if builder is not None:
                    builder.add(got)
                    if n == 0:  # the workers have a window of tasks ahead: made here meanwhile
                        builder.prepare()
                    # components aligned to their last pair: their linked groups made now, not at the end
                    hi = bounds[n][1]
                    if finishing:
                        builder.finish(comp, int(labels[hi]) if hi < len(labels) else None)
            keyed.sort(key=lambda kl: kl[0])  # pair order: (node a, node b), each pair once
            links.extend(lk for _, lk in keyed)
        else:
            # Passages where they are in the spool, read when asked for (``StoredTexts``): the run's
            # tokens are kept across batches, so a passage's word ids are read once in the run and its
            # text only past the coverage check, as in the workers (building every batch's texts and
            # ids up front read 124k of them for 39k passages at 10k pages: ~1.3 CPU-s).
            slot = {g: i for i, g in enumerate(needed.tolist())}
            for lo in range(0, len(ra), batch):
                pairs = list(zip(ra[lo : lo + batch].tolist(), rb[lo : lo + batch].tolist(), strict=True))
                gids = {g for pair in pairs for g in pair}
                texts = store.passages({g: (slot[g], int(table.start[g])) for g in gids})
                links.extend(to_links(table, align_fn(pairs, texts, params)))
    finally:
        store.close()
        _RUN_TOKENS.clear()
        _close_readers(store.files)
    return links


def release_run() -> None:
    """In a worker kept after a detection (``find_in_corpus(keep_workers=True)``): what the run left in it
    (the passage tokens it kept, its open spool files, memory maps of the candidate stage) let go."""
    _RUN_TOKENS.clear()
    _RUN[0] = None
    for reader in _READERS.values():
        reader.close()
    _READERS.clear()
    _SHARED.clear()


def _close_readers(files: Sequence[str]) -> None:
    """Close this process's ``StoredTexts`` reader of these spool files (the spool is gone)."""
    reader = _READERS.pop(tuple(files), None)
    if reader is not None:
        reader.close()


def build_groups(table: PassageTable, nodes: Nodes, links: Sequence[Link]) -> list[Group]:
    """Groups from exact nodes and near links (transitive), sorted by canonical copy."""
    builder = GroupBuilder(table, nodes)
    builder.add(links)
    return builder.groups()


class GroupBuilder:
    """``build_groups`` in steps: links added as they come (``add``), the groups of nodes no link touches
    made ahead (``prepare``), then the groups (``groups``). ``detect`` with workers adds each alignment
    task's links and prepares while the workers align the rest: the whole of it ran after the
    alignment, alone on the serial path (~0.35 CPU-s at 10k pages); ``finish`` makes the groups of linked
    nodes whose candidate pairs are all aligned. The result does not depend on when the steps ran: a
    group's members, score and canonical copy do not depend on the order of its links, and every group
    made ahead for a node a later link touches is dropped.
    """

    def __init__(self, table: PassageTable, nodes: Nodes, *, index: bool = False) -> None:
        """``index``: keep ``by_doc`` too, each group's members indexed by Document as the group is made
        (``GroupIndex``'s index, which ``curator parse`` built after the groups, alone on the serial path)."""
        self.table, self.nodes = table, nodes
        self.by_doc: dict[str, list[tuple[Group, Member]]] | None = defaultdict(list) if index else None
        self._doc_num = {d: n for n, d in enumerate(table.doc_ids)}
        self._first = table.doc_first.tolist()
        self._of = nodes.of
        self._local: dict[int, int] = {}  # linked node -> its number here (in order of first link)
        self._sets = UnionFind()  # over those numbers
        self._node_links: dict[int, list[tuple[Link, int]]] = defaultdict(list)
        self._key = table.key
        self._ahead: dict[int, Group] = {}  # node -> its group made ahead, were no link to touch it
        self._pending: list[int] = []  # linked nodes whose group is not made yet (``finish``)
        self._made: dict[int, Group | None] = {}  # set root -> its group, made by ``finish`` (None: too small)

    def _gid(self, doc_id: str, i: int) -> int | None:
        d = self._doc_num.get(doc_id)
        if d is None:
            return None
        g = self._first[d] + i
        return g if g < self._first[d + 1] else None

    def add(self, links: Iterable[Link]) -> None:
        """Links (in the order they were found): their nodes joined."""
        local, sets, node_links, of = self._local, self._sets, self._node_links, self._of
        for lk in links:
            ga, gb = self._gid(lk.doc_a, lk.i_a), self._gid(lk.doc_b, lk.i_b)
            if ga is None or gb is None:
                continue
            na, nb = int(of[ga]), int(of[gb])
            if na < 0 or nb < 0:
                continue
            for node in (na, nb):
                if node not in local:
                    local[node] = sets.add()
                    self._pending.append(node)
            sets.union(local[na], local[nb])
            node_links[na].append((lk, 0))
            node_links[nb].append((lk, 1))

    def prepare(self) -> None:
        """The group of every node of two copies or more that no link touches so far (``_exact_groups``:
        made in bulk, in node order)."""
        local, ahead = self._local, self._ahead
        todo = [n for n in np.flatnonzero(self.nodes.size >= 2).tolist() if n not in local and n not in ahead]
        for node, group in _exact_groups(todo, self.table, self.nodes):
            ahead[node] = self._indexed(group)

    def _indexed(self, group: Group) -> Group:
        """``group``, its members added to ``by_doc`` (when kept)."""
        by_doc = self.by_doc
        if by_doc is not None:
            for member in group.members:
                by_doc[member.document].append((group, member))
        return group

    def _unindex(self, dropped: list[Group]) -> None:
        """Groups made ahead and dropped: their members out of ``by_doc``."""
        by_doc = self.by_doc
        if by_doc is None or not dropped:
            return
        gone = {id(g) for g in dropped}
        for doc in {m.document for g in dropped for m in g.members}:
            by_doc[doc] = [pair for pair in by_doc[doc] if id(pair[0]) not in gone]

    @property
    def linked(self) -> bool:
        """Some link was added."""
        return bool(self._local)

    def finish(self, comp: np.ndarray, below: int | None) -> None:
        """The groups of the linked nodes whose candidate component (``comp[node]``, ``candidate_components``)
        is below ``below`` (every linked node when None): all their pairs are aligned, so no later link can
        touch them."""
        keep: list[int] = []
        ready: dict[int, list[int]] = defaultdict(list)
        find, local = self._sets.find, self._local
        for node in self._pending:
            if below is None or comp[node] < below:
                ready[find(local[node])].append(node)
            else:
                keep.append(node)
        self._pending = keep
        for root, members in ready.items():
            got = self._linked_group(members)
            self._made[root] = None if got is None else self._indexed(got)

    def _linked_group(self, comp: list[int]) -> Group | None:
        if sum(int(self.nodes.size[n]) for n in comp) < 2:
            return None
        return _group(comp, self.table, self.nodes, self._key, self._node_links)

    def groups(self) -> list[Group]:
        """The groups, sorted by canonical copy."""
        nodes, local = self.nodes, self._local
        comps: dict[int, list[int]] = defaultdict(list)
        made = self._made
        for node, n in local.items():
            root = self._sets.find(n)
            if root not in made:
                comps[root].append(node)
        groups = [g for g in made.values() if g is not None]
        for comp in comps.values():
            got = self._linked_group(comp)
            if got is not None:
                groups.append(self._indexed(got))
        self.prepare()  # the unlinked nodes' groups not made ahead (every one with one process)
        ahead = self._ahead
        groups.extend(ahead[node] for node in np.flatnonzero(nodes.size >= 2).tolist() if node not in local)
        self._unindex([g for node, g in self._ahead.items() if node in local])
        self._ahead, self._made, self._pending = {}, {}, []
        groups.sort(key=lambda g: (g.members[g.canonical].document, g.members[g.canonical].start, g.id))
        return groups


_EXACT_CHUNK = 4096  # nodes a bulk step of ``_exact_groups`` (its columns as lists: transient memory)


def _group(comp: list[int], table: PassageTable, nodes: Nodes, key: np.ndarray,
           node_links: Mapping[int, list[tuple[Link, int]]]) -> Group:
    members: list[Member] = []
    scores: list[float] = []
    exact = True
    seen: set[int] = set()
    doc_ids, doc, start, end = table.doc_ids, table.doc, table.start, table.end
    seg_ids, with_segments = table.segment_ids, table.with_segments
    for node in comp:
        lks = node_links.get(node, ())
        for lk, _side in lks:
            if id(lk) not in seen:
                seen.add(id(lk))
                scores.append(lk.score)
                exact = exact and lk.exact
        gids = nodes.members(node)
        if len(gids) >= 2:
            span = None  # repeated whole: every copy's span is its passage
            best = 1.0
        else:
            sides = [lk.a if side == 0 else lk.b for lk, side in lks]
            span = (min(s for s, _ in sides), max(e for _, e in sides)) if sides else None
            best = max((lk.score for lk, _ in lks), default=1.0)
        # Columns as lists once per node (indexing numpy arrays one scalar at a time cost 3x).
        for d, s0, e0, i in zip(doc[gids].tolist(), start[gids].tolist(), end[gids].tolist(),
                                table.idx[gids].tolist(), strict=True):
            passage = (s0, e0)
            s, e = span if span is not None else passage
            ids = seg_ids.get(d)
            segment = ids[i] if ids is not None else (f"s{i + 1}" if with_segments else None)
            members.append(Member(doc_ids[d], s, e, passage, best, segment))
    members.sort(key=lambda m: (m.document, m.start, m.end))
    canonical_node = min(comp, key=lambda n: int(key[nodes.rep[n]]))
    gid_ = group_id(int(nodes.hash[canonical_node]))
    return Group(id=gid_, kind="exact" if exact else "near", score=round(min(scores), 4) if scores else 1.0,
                 members=members, canonical=0, content_key=gid_)


def _exact_groups(todo: list[int], table: PassageTable, nodes: Nodes) -> Iterator[tuple[int, Group]]:
    """``(node, _group([node]))`` for each node of ``todo`` (nodes of two copies or more, no link), in bulk:
    the members' columns a chunk of nodes at a time, ordered by one ``lexsort`` (node, Document rank, start,
    end: the order ``_group``'s stable sort by Document id, start and end gives, as ranks follow ids)."""
    doc_ids, seg_ids, with_segments = table.doc_ids, table.segment_ids, table.with_segments
    for c0 in range(0, len(todo), _EXACT_CHUNK):
        chunk = np.asarray(todo[c0 : c0 + _EXACT_CHUNK], dtype=np.int64)
        sizes = nodes.size[chunk]
        ends = np.cumsum(sizes)
        # positions of the chunk's nodes' members in ``member_order`` (each node's in key order)
        pos = np.repeat(nodes.bounds[chunk] - (ends - sizes), sizes) + np.arange(int(ends[-1]), dtype=np.int64)
        gids = nodes.member_order[pos]
        doc = table.doc[gids]
        order = np.lexsort((table.end[gids], table.start[gids], table.doc_rank[doc], np.repeat(chunk, sizes)))
        gids = gids[order]
        doc_l, start_l, end_l, idx_l = (doc[order].tolist(), table.start[gids].tolist(), table.end[gids].tolist(),
                                        table.idx[gids].tolist())
        lo = 0
        for node, hi, h in zip(chunk.tolist(), ends.tolist(), nodes.hash[chunk].tolist(), strict=True):
            members = []
            for d, s, e, i in zip(doc_l[lo:hi], start_l[lo:hi], end_l[lo:hi], idx_l[lo:hi], strict=True):
                ids = seg_ids.get(d)
                segment = ids[i] if ids is not None else (f"s{i + 1}" if with_segments else None)
                members.append(Member(doc_ids[d], s, e, (s, e), 1.0, segment))
            lo = hi
            gid_ = group_id(h)
            yield node, Group(id=gid_, kind="exact", score=1.0, members=members, canonical=0, content_key=gid_)


def fresh_nodes(table: PassageTable, nodes: Nodes, fresh_docs: Iterable[str]) -> np.ndarray:
    """Per node: are all its members in fresh Documents (the incremental case)."""
    wanted = set(fresh_docs)
    fresh_doc = np.fromiter((d in wanted for d in table.doc_ids), dtype=bool, count=len(table.doc_ids))
    pf = fresh_doc[table.doc]
    valid = nodes.of >= 0
    stale = np.zeros(nodes.n, dtype=bool)
    np.logical_or.at(stale, nodes.of[valid], ~pf[valid])
    return ~stale


@dataclass
class Detection:
    groups: list[Group]
    links: list[Link]
    table: PassageTable
    stats: dict[str, int] = field(default_factory=dict)
    # with ``detect(index=True)``: the groups' members by Document (``GroupIndex(groups, by_doc=...)``)
    by_doc: dict[str, list[tuple[Group, Member]]] | None = None


def detect(collector: Collector, text_of: Callable[[str], str], params: Params, *,
           links: Iterable[Link] = (), fresh_docs: Iterable[str] | None = None,
           align_fn: AlignFn | None = None, progress: Callable[[str, int, int], None] | None = None,
           workers: Any = None, index: bool = False) -> Detection:
    """Groups over everything ``collector`` holds; ``links`` are reused (only pairs touching
    ``fresh_docs`` are aligned when it is given). ``workers``: candidate pairs are made and
    aligned there. ``index``: the groups' members indexed by Document too (``Detection.by_doc``), as the
    groups are made (with workers: most of them while the workers align)."""
    table = collector.table()
    nodes = exact_nodes(table)
    fresh = fresh_nodes(table, nodes, fresh_docs) if fresh_docs is not None else None
    step = (lambda d, t: progress("candidates", d, t)) if progress is not None else None
    a, b = candidate_pairs(collector, table, nodes, params, fresh=fresh, progress=step, workers=workers)
    if progress is not None:
        progress("align", 0, len(a))
    known = set(table.doc_ids)
    all_links = [lk for lk in links if lk.doc_a in known and lk.doc_b in known]
    builder = GroupBuilder(table, nodes, index=index)
    builder.add(all_links)
    parallel = workers is not None and workers.jobs > 1 and len(a) > 0
    found = align_candidates(table, nodes, a, b, text_of, params, align_fn=align_fn, workers=workers,
                             builder=builder if parallel else None)
    all_links.extend(found)
    if not parallel:
        builder.add(found)
    groups = builder.groups()
    stats = {"documents": len(table.doc_ids), "passages": len(table.exact), "nodes": nodes.n,
             "candidates": len(a), "links_found": len(found)}
    return Detection(groups, all_links, table, stats, builder.by_doc)
