"""The Dask engine (``--engine dask``): the local engine's stages as tasks on a Dask cluster.

Imported only when asked for (Dask is the ``dask`` extra). Workers must see the corpus at
the same path (a shared file system) and have Curator installed.

* Parse and export are maps over partitions of Document ids (``client.submit`` per partition).
  A parse task reads and parses its Documents, spools their payloads to a shared folder and
  returns their passage table and their shingles as a pyarrow-typed pandas frame.
* Duplicate detection runs on Dask dataframes: the shingles ``(hash, passage)`` become
  ``(hash, node)``, are shuffled on the hash so each posting list lives in one partition,
  give pair codes there (``engine.partition_pairs``), which are shuffled on the code so each
  pair's copies meet, and are counted (``engine.count_pairs``). No worker holds the whole
  index; the client gets only the candidate pairs.
* Candidate pairs are aligned in tasks that read their passages' texts; the few links go to
  the client, which ends in connected components (``engine.build_groups``). Exact classes are
  found on the client from the passage table (a few numbers per passage).

Every stage is the same function the local engine runs, so the output is identical.
"""

from __future__ import annotations

import atexit
import pickle
import shutil
import tempfile
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from curator.core.dups.engine import (
    ALIGN_CHUNK,
    PassageTable,
    SourceReader,
    StoredTexts,
    write_spans,
    align_pairs,
    build_groups,
    count_pairs,
    exact_nodes,
    partition_pairs,
    shingle_counts,
    to_links,
)
from curator.core.dups.features import DocFeatures, document_features
from curator.core.dups.params import Params
from curator.core.dups.text import blocks
from curator.core.engines import EngineError
from curator.core.parallel import default_jobs, split
from curator.core.store import Corpus
from curator.core.textio import SourceError

Progress = Callable[[str, int, int], None]
U64 = pd.ArrowDtype(pa.uint64())
I64 = pd.ArrowDtype(pa.int64())
_DOCS_PER_TASK = 500


def _corpus(root: str) -> Corpus:
    return Corpus(root)


# -- tasks (run on workers; module-level so they pickle by reference) -----------------------------


def _context_keys(root: str, ids: Sequence[str]) -> tuple[np.ndarray, int]:
    """Each readable Document's context keys (passages and neighbouring pairs, as ``build_context``)
    counted over ``ids`` (keys, counts stacked), and how many Documents were read."""
    from curator.core.parse.api import context_keys

    corpus = _corpus(root)
    out = []
    for doc_id in ids:
        try:
            text = corpus.read_source(doc_id).text
        except SourceError:
            continue
        out.append(np.fromiter(context_keys(text), dtype=np.uint64))
    keys = np.concatenate(out) if out else np.empty(0, dtype=np.uint64)
    keys, counts = np.unique(keys, return_counts=True)
    stacked = np.stack([keys, counts.astype(np.uint64)]) if len(keys) else np.empty((2, 0), dtype=np.uint64)
    return stacked, len(out)


def _first(pair: tuple) -> Any:
    return pair[0]


def _second(pair: tuple) -> Any:
    return pair[1]


def _features_table(feats: list[DocFeatures], seg_ids: list[list[str] | None]) -> dict[str, Any]:
    """A partition's passages and shingles; passage ids are local to the partition."""
    counts = [len(f.spans) for f in feats]
    n = sum(counts)
    start = np.empty(n, dtype=np.int64)
    end = np.empty(n, dtype=np.int64)
    exact = np.empty(n, dtype=np.uint64)
    words = np.empty(n, dtype=np.int64)
    hs, pids = [], []
    pos = 0
    for f in feats:
        m = len(f.spans)
        if m:
            spans = np.asarray(f.spans, dtype=np.int64)
            start[pos : pos + m], end[pos : pos + m] = spans[:, 0], spans[:, 1]
            exact[pos : pos + m] = np.asarray(f.exact, dtype=np.uint64)
            words[pos : pos + m] = np.asarray(f.words, dtype=np.int64)
        if len(f.kgrams):
            hs.append(f.kgrams)
            pids.append(np.repeat(np.arange(pos, pos + m, dtype=np.int64), np.diff(f.offsets)))
        pos += m
    h = np.concatenate(hs) if hs else np.empty(0, dtype=np.uint64)
    pid = np.concatenate(pids) if pids else np.empty(0, dtype=np.int64)
    return {
        "docs": [(f.id, f.sha256, len(f.spans)) for f in feats],
        "segment_ids": seg_ids,
        "start": start, "end": end, "exact": exact, "words": words,
        "shingles": pd.DataFrame({"h": pd.array(h, dtype=U64), "pid": pd.array(pid, dtype=I64)}),
    }


def _parse_task(root: str, ids: Sequence[str], context: Any, k: int, finish: Any, keep: Any, spool: str,
                part: int, duplicates: bool) -> dict[str, Any]:
    from curator.core import pipeline

    pipeline._init(pipeline._State(root, context, pipeline.parse_document, finish, keep, k, duplicates))
    feats, kept, problems, warnings, segments = [], [], [], [], []  # type: ignore[var-annotated]
    seg_ids: list[list[str] | None] = []
    for doc_id in ids:
        out = pipeline._parse_one(doc_id)
        if out.problem is not None:
            problems.append((doc_id, out.problem, out.unreadable))
            continue
        if out.warnings:
            warnings.append((doc_id, tuple(out.warnings)))
        if out.features is not None:
            feats.append(out.features)
            seg_ids.append(None)  # passages are blank-line blocks; the Segments travel apart
            segments.append((doc_id, out.segments, out.segment_ids))
        if out.payload is not None:
            kept.append((doc_id, out.payload))
    with open(Path(spool) / f"{part:06d}.pkl", "wb") as fh:
        pickle.dump(kept, fh, protocol=pickle.HIGHEST_PROTOCOL)
    table = _features_table(feats, seg_ids)
    table["problems"] = problems
    table["warnings"] = warnings  # how sources were read (an encoding guessed …): printed as with the local engine
    table["parsed"] = len(ids) - len(problems)
    table["segments"] = segments  # each Document's Segments, to map the groups onto
    return table


def _blocks_task(root: str, ids: Sequence[str], k: int) -> dict[str, Any]:
    corpus = _corpus(root)
    feats, problems, warnings = [], [], []
    for doc_id in ids:
        try:
            src = corpus.read_source(doc_id)
        except SourceError as exc:
            problems.append((doc_id, f"{exc} (skipped)", True))
            continue
        if src.warnings:
            warnings.append((doc_id, tuple(src.warnings)))
        feats.append(document_features(doc_id, src.sha256, src.text, blocks(src.text), k=k))
    table = _features_table(feats, [None] * len(feats))
    table["problems"] = problems
    table["warnings"] = warnings
    table["parsed"] = len(feats)
    return table


def _part_of(table: dict[str, Any]) -> pd.DataFrame:
    return table["shingles"]


def _to_nodes(frame: pd.DataFrame, offsets: np.ndarray, node_of: np.ndarray, is_rep: np.ndarray,
              partition_info: dict | None = None) -> pd.DataFrame:
    part = partition_info["number"] if partition_info else 0
    gid = frame["pid"].to_numpy(dtype=np.int64) + offsets[part]
    keep = is_rep[gid]
    return pd.DataFrame({"h": pd.array(frame["h"].to_numpy(dtype=np.uint64)[keep], dtype=U64),
                         "node": pd.array(node_of[gid[keep]], dtype=I64)})


def _pairs_of(frame: pd.DataFrame, n_nodes: int, params: Params) -> pd.DataFrame:
    records = np.empty(len(frame), dtype=[("h", "<u8"), ("node", "<u4")])
    records["h"] = frame["h"].to_numpy(dtype=np.uint64)
    records["node"] = frame["node"].to_numpy(dtype=np.int64)
    ident = np.arange(n_nodes, dtype=np.int64)  # records carry nodes already: identity maps
    rep = np.ones(n_nodes, dtype=bool)
    codes = list(partition_pairs(records, ident, rep, n_nodes, params))
    code = np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)
    return pd.DataFrame({"code": pd.array(code, dtype=I64)})


def _count_of(frame: pd.DataFrame, counts: np.ndarray, n_nodes: int, params: Params) -> pd.DataFrame:
    a, b = count_pairs(frame["code"].to_numpy(dtype=np.int64), counts, n_nodes, params)
    return pd.DataFrame({"a": pd.array(a, dtype=I64), "b": pd.array(b, dtype=I64)})


def _spool_task(root: str, packed: bytes, folder: str, name: str) -> tuple[str, list[int], list[int]]:
    """Spool the texts of a share of the passages to align (whole Documents, each read once in the
    whole run) to ``folder/name``; ``packed``: the pickled ``(document, start, end)`` spans, sorted."""
    return write_spans((SourceReader(root), pickle.loads(packed), folder, name, True))  # with word ids


def _align_task(packed: bytes, params: Params, run: str) -> list[tuple]:
    """Align a chunk of candidate pairs; ``packed``: the pickled pairs and where their passages' texts
    are in the spool (``StoredTexts``: file, offset, size).

    Pickled by the client: Dask walks a task's arguments for references to other tasks, and on
    the pairs and places as Python lists and tuples that walk took 41 of the client's CPU
    seconds at 10k pages (``dask._task_spec.parse_input``, 1.4 M calls); bytes are one leaf.
    Before the spool, each of the 16 chunks read every Document one of its passages is in: a
    Document was read and decoded once per chunk touching it, not once.
    """
    pairs, texts = pickle.loads(packed)
    return align_pairs(pairs, texts, params, run)  # a worker keeps the run's tokens between its tasks


# -- the engine ------------------------------------------------------------------------------------


PROBE_SECONDS = 10.0  # to connect, then to hear the scheduler's handshake
_MAX_HANDSHAKE = 1 << 20  # a scheduler's first message (its handshake) is a few hundred bytes


def probe_scheduler(address: str) -> None:
    """Raise EngineError unless a Dask scheduler answers at ``tcp://HOST:PORT`` within PROBE_SECONDS.

    A scheduler speaks first: on each connection it writes its handshake (8 bytes of length, then
    msgpack frames). Dask's client waits without bound for it: an HTTP server (silent until asked)
    kept ``--scheduler`` waiting for ever, and a service that speaks first sent a "length" of
    exabytes (a MemoryError traceback). Other address forms (tls://, inproc://) go to Dask as given.
    """
    import socket
    import struct
    from urllib.parse import urlsplit

    if not address.startswith("tcp://"):
        return
    try:
        parts = urlsplit(address)
        host, port = parts.hostname, parts.port
    except ValueError:
        return  # Dask's own parser names the form it needs
    if not host or port is None:
        return
    no = f"no Dask scheduler answered at {address}"
    try:
        with socket.create_connection((host, port), timeout=PROBE_SECONDS) as conn:
            conn.settimeout(PROBE_SECONDS)
            head = b""
            while len(head) < 8:
                chunk = conn.recv(8 - len(head))
                if not chunk:
                    raise EngineError(f"{no} (the service closed the connection without a word)")
                head += chunk
    except TimeoutError:
        raise EngineError(f"{no} within {PROBE_SECONDS:g} s (another service on that port, or a "
                          "firewall?); give the address `dask scheduler` prints") from None
    except OSError as exc:
        raise EngineError(f"cannot reach the Dask scheduler {address}: {exc.strerror or exc}") from None
    (size,) = struct.unpack("<Q", head)
    if not 0 < size <= _MAX_HANDSHAKE:
        raise EngineError(f"{no}: the service there speaks another protocol (its first bytes {head!r}); "
                          "give the address `dask scheduler` prints") from None


class DaskEngine:
    """Runs batch commands on a Dask cluster (an existing scheduler, or a LocalCluster here)."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 0) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineError(f"--engine dask needs Dask: pip install -e \".[dask]\" ({exc})") from None
        import logging

        if not logging.getLogger().isEnabledFor(logging.INFO):  # -v shows the cluster's own log
            for name in ("distributed", "dask"):
                logging.getLogger(name).setLevel(logging.ERROR)
        self.cluster = None
        self.client = None
        try:
            if scheduler:
                probe_scheduler(scheduler)
                self.client = Client(scheduler, timeout="20s")
            else:
                self.cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1,
                                            processes=True, dashboard_address=":0", silence_logs=40)
                self.client = Client(self.cluster)
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        except (ValueError, TypeError) as exc:  # "localhost", the dashboard's http:// URL, a typo
            raise EngineError(f"--scheduler {scheduler!r} is not a scheduler's address ({exc}): give "
                              "tcp://HOST:PORT, e.g. tcp://127.0.0.1:8786 (the address `dask scheduler` prints, "
                              "not its dashboard's http:// one)") from None
        self.n_workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers or 1)
        atexit.register(self.close)

    @property
    def live(self) -> Any:
        """The Dask client (an error once the engine is closed)."""
        if self.client is None:
            raise EngineError("the Dask engine is closed")
        return self.client

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def _chunks(self, ids: Sequence[str]) -> list[Sequence[str]]:
        parts = max(self.n_workers * 2, -(-len(ids) // _DOCS_PER_TASK))
        return [c for c in split(list(ids), parts) if len(c)]

    # -- context -------------------------------------------------------------------------------
    def corpus_context(self, root: str, chunks: list[Sequence[str]], progress: Progress | None) -> Any:
        import dask.dataframe as dd
        from dask import delayed

        from curator.core.parse import CorpusContext

        def frame(arr: np.ndarray) -> pd.DataFrame:
            return pd.DataFrame({"h": pd.array(arr[0], dtype=U64), "n": pd.array(arr[1], dtype=I64)})

        # each chunk's keys once, on the workers: for the counts and for the readable total
        keyed = [self.live.submit(_context_keys, root, c, pure=False) for c in chunks]
        n = int(sum(self.live.gather([self.live.submit(_second, k, pure=False) for k in keyed])))
        parts = [delayed(frame)(delayed(_first)(k)) for k in keyed]
        meta = pd.DataFrame({"h": pd.Series([], dtype=U64), "n": pd.Series([], dtype=I64)})
        ddf = dd.from_delayed(parts, meta=meta, verify_meta=False)
        counts = ddf.groupby("h")["n"].sum(split_out=max(1, len(chunks) // 4))
        many = counts[counts > 1].compute()
        del keyed
        if progress is not None:
            progress("context", n, n)
        return CorpusContext(dict(zip(many.index.to_numpy(dtype=np.uint64).tolist(),
                                      many.to_numpy(dtype=np.int64).tolist(), strict=True)), n)

    # -- detection -----------------------------------------------------------------------------
    def _detect(self, root: str, futures: list, params: Params, progress: Progress | None,
                with_segments: bool) -> tuple[Any, PassageTable, list[tuple[str, str, bool]], int,
                                              list[tuple[str, tuple[str, ...]]], Any]:
        import dask.dataframe as dd
        from dask import delayed

        client = self.live
        heads = client.gather([client.submit(_head, f, pure=False) for f in futures])
        problems = [p for h in heads for p in h["problems"]]
        warnings = [w for h in heads for w in h["warnings"]]
        parsed = sum(h["parsed"] for h in heads)
        table = _table(heads, with_segments)
        from curator.core.pipeline import SegmentSpans

        segs = SegmentSpans()
        for h in heads:
            for doc_id, spans, ids in h.get("segments", ()):
                segs.add(doc_id, spans, ids)
            h.pop("segments", None)
        segs.freeze()
        nodes = exact_nodes(table)
        is_rep = np.zeros(len(table.exact), dtype=bool)
        is_rep[nodes.rep] = True
        counts = shingle_counts(table, nodes, params.k)
        n_nodes = nodes.n
        offsets = np.concatenate(([0], np.cumsum([h["passages"] for h in heads]))).astype(np.int64)
        if progress is not None:
            progress("duplicates", 1, 4)
        links = []
        if n_nodes >= 2:
            node_of = client.scatter(nodes.of, broadcast=True)
            rep_f = client.scatter(is_rep, broadcast=True)
            counts_f = client.scatter(counts, broadcast=True)
            meta_sh = pd.DataFrame({"h": pd.Series([], dtype=U64), "pid": pd.Series([], dtype=I64)})
            shingles = dd.from_delayed([delayed(_part_of)(f) for f in futures], meta=meta_sh, verify_meta=False)
            meta_n = pd.DataFrame({"h": pd.Series([], dtype=U64), "node": pd.Series([], dtype=I64)})
            nodes_df = shingles.map_partitions(_to_nodes, offsets, node_of, rep_f, meta=meta_n)
            total = int(offsets[-1]) * 30 + 1
            nparts = max(len(futures), total // 4_000_000 + 1)
            by_hash = nodes_df.shuffle(on="h", npartitions=nparts)
            meta_c = pd.DataFrame({"code": pd.Series([], dtype=I64)})
            pairs = by_hash.map_partitions(_pairs_of, n_nodes, params, meta=meta_c)
            by_pair = pairs.shuffle(on="code", npartitions=nparts)
            meta_ab = pd.DataFrame({"a": pd.Series([], dtype=I64), "b": pd.Series([], dtype=I64)})
            cand = by_pair.map_partitions(_count_of, counts_f, n_nodes, params, meta=meta_ab).compute()
            a = cand["a"].to_numpy(dtype=np.int64)
            b = cand["b"].to_numpy(dtype=np.int64)
            order = np.lexsort((b, a))
            a, b = a[order], b[order]
            if progress is not None:
                progress("duplicates", 2, 4)
            links = self._align(root, table, nodes.rep[a], nodes.rep[b], params)
        if progress is not None:
            progress("duplicates", 3, 4)
        groups = build_groups(table, nodes, links)
        if progress is not None:
            progress("duplicates", 4, 4)
        return groups, table, problems, parsed, warnings, segs

    def _align(self, root: str, table: PassageTable, ra: np.ndarray, rb: np.ndarray, params: Params) -> list:
        """Near links among candidate passage pairs ``(ra[i], rb[i])``, as the local engine finds them.

        The passages' texts are spooled first, each Document read once (tasks of whole Documents,
        into a folder next to the corpus's state, which the workers see); then tasks of
        ``ALIGN_CHUNK`` pairs read only their passages from the spool."""
        client = self.live
        if len(ra) == 0:
            return []
        needed = np.unique(np.concatenate((ra, rb))).tolist()
        doc_of = [table.doc_ids[int(table.doc[g])] for g in needed]
        order = sorted(range(len(needed)), key=doc_of.__getitem__)
        by_doc = [list(grp) for _, grp in groupby(order, key=doc_of.__getitem__)]
        parts = [[i for doc in part for i in doc] for part in split(by_doc, self.n_workers * 4)]
        folder = tempfile.mkdtemp(prefix=f".dask-spans-{uuid.uuid4().hex[:8]}-", dir=_state_dir(Corpus(root)))
        try:
            tasks = []
            for t, part in enumerate(parts):
                spans = [(doc_of[i], int(table.start[needed[i]]), int(table.end[needed[i]])) for i in part]
                packed = pickle.dumps(spans, protocol=pickle.HIGHEST_PROTOCOL)
                tasks.append(client.submit(_spool_task, root, packed, folder, f"{t:05d}.bin", pure=False))
            files: list[str] = []
            where: dict[int, tuple[int, ...]] = {}
            for f, (name, sizes, counts) in enumerate(client.gather(tasks)):
                files.append(str(Path(folder) / name))
                offset = first = 0
                for i, size, count in zip(parts[f], sizes, counts, strict=True):
                    g = needed[i]
                    where[g] = (int(table.start[g]), f, offset, size, first, count)
                    offset += size
                    first += count
            run = uuid.uuid4().hex
            ra_l, rb_l = ra.tolist(), rb.tolist()
            tasks = []
            for lo in range(0, len(ra_l), ALIGN_CHUNK):
                pairs = list(zip(ra_l[lo : lo + ALIGN_CHUNK], rb_l[lo : lo + ALIGN_CHUNK], strict=True))
                texts = StoredTexts(files, {g: where[g] for pair in pairs for g in pair})
                packed = pickle.dumps((pairs, texts), protocol=pickle.HIGHEST_PROTOCOL)
                tasks.append(client.submit(_align_task, packed, params, run, pure=False))
            links = []
            for found in client.gather(tasks):
                links.extend(to_links(table, found))
            return links
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    # -- commands ------------------------------------------------------------------------------
    def parse_stream(self, corpus: Corpus, *, context: Any = True, finish: Callable = lambda c: c,
                     keep: Callable[[str], bool] | None = None, duplicates: bool = True,
                     params: Params | None = None, progress: Progress | None = None, stats: Any = None,
                     parse: Any = None, doc_ids: Sequence[str] | None = None,
                     output: Callable | None = None) -> Iterator[tuple[str, Any, list]]:
        """The local engine's ``parse_stream`` on the cluster; ``output`` runs here, on the client."""
        from curator.core.pipeline import batched

        stream = self._parse_stream(corpus, context=context, finish=finish, keep=keep, duplicates=duplicates,
                                    params=params, progress=progress, stats=stats, parse=parse, doc_ids=doc_ids,
                                    as_dicts=output is not None)
        return stream if output is None else batched(stream, output)

    def _parse_stream(self, corpus: Corpus, *, context: Any, finish: Callable, keep: Callable[[str], bool] | None,
                      duplicates: bool, params: Params | None, progress: Progress | None, stats: Any,
                      parse: Any, doc_ids: Sequence[str] | None,
                      as_dicts: bool = False) -> Iterator[tuple[str, Any, list]]:
        from curator.core.dups.contract import GroupIndex
        from curator.core.parse import CorpusContext
        from curator.core.pipeline import StreamStats

        if parse is not None:
            raise EngineError("--engine dask runs the project's parser only")
        params = params or Params()
        stats = stats if stats is not None else StreamStats()
        ids = list(corpus.document_ids() if doc_ids is None else doc_ids)
        stats.documents = len(ids)
        root = str(corpus.root.resolve())
        chunks = self._chunks(ids)
        if context is True:
            ctx = self.corpus_context(root, chunks, progress)
        else:
            ctx = context if isinstance(context, CorpusContext) else None
        spool = Path(tempfile.mkdtemp(prefix=f".dask-spool-{uuid.uuid4().hex[:8]}-", dir=_state_dir(corpus)))
        try:
            ctx_f = self.live.scatter(ctx, broadcast=True) if ctx is not None else None
            futures = [self.live.submit(_parse_task, root, c, ctx_f, params.k, finish, keep, str(spool), i,
                                          duplicates, pure=False) for i, c in enumerate(chunks)]
            if progress is not None:
                from distributed import as_completed

                done = 0
                for f in as_completed(futures):
                    done += len(chunks[futures.index(f)])
                    progress("parse", done, len(ids))
            groups, table, problems, parsed, warnings, segs = self._detect(root, futures, params, progress,
                                                                           with_segments=False)
            del futures
            for doc_id, said in warnings:  # the workers read the sources: their warnings come back here
                corpus.source_warnings[doc_id] = tuple(corpus.as_given(w) for w in said)
            for doc_id, problem, unreadable in problems:
                problem = corpus.as_given(problem)  # the workers name files under the resolved root
                stats.problems.append(problem)
                stats.failed[doc_id] = problem
                if unreadable:
                    stats.unreadable.add(doc_id)
            stats.parsed = parsed
            index = GroupIndex(groups, segment_spans=segs.of) if duplicates else None
            stats.groups = len(groups) if duplicates else 0
            n = 0
            total = sum(len(c) for c in chunks)
            for i in range(len(chunks)):
                with open(spool / f"{i:06d}.pkl", "rb") as fh:
                    kept = pickle.load(fh)
                for doc_id, payload in kept:
                    # for an ``output`` (``parse --out``): the entries as dicts, no model each
                    entries = ([] if index is None else index.duplicates_json_at(doc_id, segs.of(doc_id)) if as_dicts
                               else index.duplicates_at(doc_id, segs.of(doc_id)))
                    yield doc_id, payload, entries
                n += len(chunks[i])
                if progress is not None:
                    progress("output", n, total)
        finally:
            shutil.rmtree(spool, ignore_errors=True)

    def find_in_corpus(self, corpus: Corpus, params: Params | None = None, *, use_index: bool = True,
                       progress: Progress | None = None, stored_decisions: bool = False) -> Any:
        """``stored_decisions`` is accepted and not done here (``CorpusDups.stored`` stays None: the
        caller reads them)."""
        from curator.core.dups.index import CorpusDups, IndexStats, SourceTexts

        params = params or Params()
        ids = corpus.document_ids()
        root = str(corpus.root.resolve())
        chunks = self._chunks(ids)
        futures = [self.live.submit(_blocks_task, root, c, params.k, pure=False) for c in chunks]
        groups, table, problems, parsed, warnings, _segs = self._detect(root, futures, params, progress,
                                                                        with_segments=False)
        for doc_id, said in warnings:
            corpus.source_warnings[doc_id] = tuple(corpus.as_given(w) for w in said)
        problems = [(d, corpus.as_given(p), u) for d, p, u in problems]
        stats = IndexStats(documents=parsed, computed=parsed, rebuilt=False,
                           reason=None if not use_index else "the index is not used with --engine dask")
        bad = {d for d, _p, _u in problems}
        readable = [d for d in ids if d not in bad]
        return CorpusDups(groups, stats, SourceTexts(corpus, readable), [p for _d, p, _u in problems])

    def export_corpus(self, root: Any, out: Any, *, options: Any, progress: Any = None, **kwargs: Any) -> Any:
        from curator.core.export.run import export_corpus

        return export_corpus(root, out, options=options, progress=progress, mapper=self._mapper(), **kwargs)

    def _mapper(self) -> Callable:
        """An ordered map of a document function over ids, as tasks of a few hundred Documents."""
        client = self.live

        def imap(fn: Callable, ids: Sequence[str], init: Callable, state: Any) -> Iterator[Any]:
            # A window of tasks in flight, not all of them: workers run ahead of the writer by at
            # most ``ahead`` tasks, so the results waiting on them stay bounded (submitting every
            # task at once let a 100k-page export pile finished records up on the workers).
            chunks = deque(self._chunks(list(ids)))
            ahead = 2 * self.n_workers
            flying: deque = deque()
            while chunks or flying:
                while chunks and len(flying) < ahead:
                    flying.append(client.submit(_map_task, fn, init, state, chunks.popleft(), pure=False))
                f = flying.popleft()
                yield from f.result()
                f.release()

        return imap

    def check_review(self, parser: Any) -> None:
        from curator.core.review.runner import streams

        if not streams(parser):
            raise EngineError("--engine dask runs the project's parser only")

    def review_corpus(self, corpus: Corpus, **kwargs: Any) -> Any:
        from curator.core.review.runner import review_corpus

        return review_corpus(corpus, engine=self, **kwargs)


def _map_task(fn: Callable, init: Callable, state: Any, ids: Sequence[str]) -> list[Any]:
    init(state)
    return [fn(d) for d in ids]


def _head(table: dict[str, Any]) -> dict[str, Any]:
    """A parse task's result without its shingles (those stay on the worker)."""
    return {k: v for k, v in table.items() if k != "shingles"} | {"passages": len(table["start"])}


def _table(heads: list[dict[str, Any]], with_segments: bool) -> PassageTable:
    doc_ids: list[str] = []
    counts: list[int] = []
    segment_ids: dict[int, list[str]] = {}
    for h in heads:
        for (doc_id, _sha, n), ids in zip(h["docs"], h["segment_ids"], strict=True):
            if ids is not None and list(ids) != [f"s{i}" for i in range(1, n + 1)]:
                segment_ids[len(doc_ids)] = list(ids)
            doc_ids.append(doc_id)
            counts.append(n)

    def cat(name: str, dtype: type) -> np.ndarray:
        parts = [h[name] for h in heads]
        return np.concatenate(parts).astype(dtype, copy=False) if parts else np.empty(0, dtype=dtype)

    c = np.asarray(counts, dtype=np.int64)
    n_docs = len(doc_ids)
    order = sorted(range(n_docs), key=doc_ids.__getitem__)
    rank = np.empty(n_docs, dtype=np.int64)
    rank[order] = np.arange(n_docs)
    first = np.concatenate(([0], np.cumsum(c))).astype(np.int64)
    total = int(first[-1])
    doc = np.repeat(np.arange(n_docs, dtype=np.int32), c)
    idx = (np.arange(total, dtype=np.int64) - np.repeat(first[:-1], c)).astype(np.int32)
    return PassageTable(doc, idx, cat("start", np.int64), cat("end", np.int64), cat("exact", np.uint64),
                        cat("words", np.int64), doc_ids, rank, first, segment_ids, with_segments=with_segments)


def _state_dir(corpus: Corpus) -> Path:
    path = corpus.state_dir
    path.mkdir(parents=True, exist_ok=True)
    return path
