"""Candidate pairs from an inverted index of hashed word shingles (numpy, no Python loop per shingle).

Shingles are sorted so equal hashes sit together; each run of equal hashes is a
posting list. Lists longer than ``max_df`` are dropped (passim's UPPER, onion's
frequent n-grams): they are stock phrases whose pairs would swamp the rest, and
whole repeated passages are caught by exact hashing anyway. Pairs are counted
per posting and kept when they share enough shingles.
"""

from __future__ import annotations

import numpy as np

from curator.core.dups.params import Params

_CHUNK_PAIRS = 8_000_000  # reduce partial pair counts once this many accumulate (bounds memory)


def _count(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct codes and how often each occurs."""
    codes = np.sort(codes)
    if len(codes) == 0:
        return codes, codes.astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    return codes[starts], np.diff(np.concatenate((starts, [len(codes)])))


def _reduce(codes: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum the counts of equal codes."""
    order = np.argsort(codes)
    codes, counts = codes[order], counts[order]
    if len(codes) == 0:
        return codes, counts
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    return codes[starts], np.add.reduceat(counts, starts)


def candidate_pairs(
    hashes: np.ndarray,
    nodes: np.ndarray,
    n_nodes: int,
    params: Params,
    *,
    fresh: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Node pairs (a < b) sharing enough shingles, with the shared count.

    ``hashes[i]`` is a shingle of node ``nodes[i]`` (``0 <= nodes[i] < n_nodes``). With ``fresh`` (a bool per node), only
    pairs touching at least one fresh node are returned (the incremental case).
    """
    empty = np.empty(0, dtype=np.int64)
    if len(hashes) == 0 or n_nodes < 2:
        return empty, empty, empty
    # Shingles per node, counting repeats inside a passage (rare; cheaper than exact distinct counts).
    shingle_counts = np.bincount(nodes, minlength=n_nodes)
    order = np.argsort(hashes)
    h = hashes[order]
    first = np.concatenate(([True], h[1:] != h[:-1]))
    run_id = np.cumsum(first) - 1
    raw_sizes = np.bincount(run_id)
    # Most shingles occur once: keep only postings that can yield a pair before the finer sort.
    keep = (raw_sizes[run_id] >= 2) & (raw_sizes[run_id] <= 4 * params.max_df)
    key = (run_id[keep].astype(np.int64) << 32) | nodes[order][keep].astype(np.int64)
    if len(key) == 0:
        return empty, empty, empty
    key.sort()
    key = key[np.concatenate(([True], key[1:] != key[:-1]))]  # one entry per (shingle, node)
    runs, p = key >> 32, key & 0xFFFFFFFF
    run_start = np.flatnonzero(np.concatenate(([True], runs[1:] != runs[:-1])))
    sizes = np.diff(np.concatenate((run_start, [len(p)])))
    wanted = (sizes >= 2) & (sizes <= params.max_df)
    run_start, sizes = run_start[wanted], sizes[wanted]

    partial_codes: list[np.ndarray] = []
    partial_counts: list[np.ndarray] = []
    pending: list[np.ndarray] = []
    pending_n = 0

    def flush() -> None:
        nonlocal pending, pending_n
        if pending:
            c, n = _count(np.concatenate(pending))
            partial_codes.append(c)
            partial_counts.append(n)
            pending, pending_n = [], 0

    for g in np.unique(sizes):
        starts = run_start[sizes == g]
        iu, ju = np.triu_indices(int(g), 1)
        # Bound the matrix of pairs built at once for large posting lists.
        step = max(1, _CHUNK_PAIRS // max(1, len(iu)))
        for lo in range(0, len(starts), step):
            members = p[starts[lo : lo + step, None] + np.arange(int(g))]  # sorted within each row
            a, b = members[:, iu].ravel(), members[:, ju].ravel()
            if fresh is not None:
                touch = fresh[a] | fresh[b]
                a, b = a[touch], b[touch]
            pending.append(a * n_nodes + b)
            pending_n += len(a)
            if pending_n >= _CHUNK_PAIRS:
                flush()
    flush()
    if not partial_codes:
        return empty, empty, empty
    if len(partial_codes) == 1:
        codes, shared = partial_codes[0], partial_counts[0]
    else:
        codes, shared = _reduce(np.concatenate(partial_codes), np.concatenate(partial_counts))
    a, b = codes // n_nodes, codes % n_nodes
    smaller = np.minimum(shingle_counts[a], shingle_counts[b])
    need = np.maximum(np.minimum(params.min_shared, smaller), np.ceil(params.min_shared_share * smaller))
    ok = shared >= need
    return a[ok], b[ok], shared[ok]
