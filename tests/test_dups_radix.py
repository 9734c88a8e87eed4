"""The duplicate finder's sorts (``engine.sorted_codes``, ``engine.sorted_by_hash``): the kernel's radix sorts
(``kernel.c``: ``radix_sort``, ``radix_sort_pairs``) give what numpy gives (``np.sort``; a stable ``argsort``
by hash, its values taken in that order), and so does the Python path when the kernel is not built.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import curator.core.dups  # noqa: F401 - chooses the builds before the engine is imported
from curator.core.compiled import KERNEL
from curator.core.dups import engine

K = KERNEL.module()
needs_kernel = pytest.mark.skipif(K is None, reason=f"duplicate finder kernel not built here: {KERNEL.running()}")

_CASES = {
    "empty": np.empty(0, dtype=np.uint64),
    "one": np.array([7], dtype=np.uint64),
    "equal": np.full(1000, 12345, dtype=np.uint64),
    "extremes": np.array([2**64 - 1, 0, 2**63, 2**63 - 1, 1, 2**64 - 1, 0], dtype=np.uint64),
    "top bits constant": (np.uint64(0xAB) << np.uint64(56))
    | np.random.default_rng(1).integers(0, 2**56, 5000, dtype=np.uint64),
    "few values": np.random.default_rng(2).integers(0, 5, 20000).astype(np.uint64),
    "random": np.random.default_rng(3).integers(0, 2**63, 100_000, dtype=np.int64).astype(np.uint64) * np.uint64(3),
}


def _ref_pairs(h: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(h, kind="stable")
    return h[order], v[order]


@pytest.mark.parametrize("name", sorted(_CASES))
def test_sorted_codes_is_numpys_sort(name: str) -> None:
    h = _CASES[name]
    codes = (h >> np.uint64(1)).astype(np.int64)  # pair codes are non-negative int64
    before = codes.copy()
    got = engine.sorted_codes(codes)
    assert got.dtype == codes.dtype
    assert np.array_equal(got, np.sort(before))
    assert np.array_equal(codes, before)  # the argument is left as it was


@pytest.mark.parametrize("name", sorted(_CASES))
def test_sorted_by_hash_is_a_stable_argsort(name: str) -> None:
    h = _CASES[name]
    v = np.random.default_rng(4).integers(0, 2**40, len(h)).astype(np.int64)
    hb, vb = h.copy(), v.copy()
    gh, gv = engine.sorted_by_hash(h, v)
    rh, rv = _ref_pairs(hb, vb)
    assert np.array_equal(gh, rh)
    assert np.array_equal(gv, rv)  # stable: equal hashes keep their values' order
    assert np.array_equal(h, hb) and np.array_equal(v, vb)


@needs_kernel
@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), max_size=300), st.integers(0, 3))
def test_kernel_radix_sorts_against_numpy(values: list[int], spread: int) -> None:
    h = np.array(values, dtype=np.uint64) >> np.uint64(spread * 16)  # small ranges too: digits skipped
    v = np.arange(len(h), dtype=np.int64)[::-1].copy()
    a = h.copy()
    K.radix_sort(a)
    assert np.array_equal(a, np.sort(h))
    kh, kv = h.copy(), v.copy()
    K.radix_sort_pairs(kh, kv)
    rh, rv = _ref_pairs(h, v)
    assert np.array_equal(kh, rh) and np.array_equal(kv, rv)


@needs_kernel
def test_kernel_radix_sorts_refuse_what_they_cannot_sort() -> None:
    with pytest.raises((TypeError, ValueError, BufferError)):
        K.radix_sort(np.zeros(4, dtype=np.uint32))
    with pytest.raises((TypeError, ValueError, BufferError)):
        K.radix_sort(np.zeros(8, dtype=np.uint64)[::2])  # not contiguous
    with pytest.raises(ValueError):
        K.radix_sort_pairs(np.zeros(4, dtype=np.uint64), np.zeros(3, dtype=np.int64))
    ro = np.zeros(4, dtype=np.uint64)
    ro.flags.writeable = False
    with pytest.raises((TypeError, ValueError, BufferError)):
        K.radix_sort(ro)


def test_posting_pairs_and_count_pairs_unchanged_by_the_sorts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pairs and counts made through the engine's sorts are those made through numpy's."""
    from curator.core.dups.params import Params

    rng = np.random.default_rng(5)
    h = rng.integers(0, 400, 30_000).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    nodes = rng.integers(0, 3000, len(h)).astype(np.int64)
    params = Params()
    counts = rng.integers(1, 60, 3000).astype(np.int64)

    def run() -> tuple[np.ndarray, np.ndarray]:
        codes = np.concatenate(list(engine.posting_pairs(h, nodes, 3000, params)))
        return engine.count_pairs(codes, counts, 3000, params)

    got = run()
    monkeypatch.setattr(engine, "sorted_codes", lambda c: np.sort(c))
    monkeypatch.setattr(engine, "sorted_by_hash", _ref_pairs)
    ref = run()
    assert len(ref[0]) > 0
    assert np.array_equal(got[0], ref[0]) and np.array_equal(got[1], ref[1])


def _ref_route(records: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    part = engine.route(records["h"], bits)
    order = np.argsort(part.astype(np.uint16), kind="stable")
    return np.take(records, order), np.bincount(part, minlength=1 << bits)


@pytest.mark.parametrize("bits", [0, 1, 4, 8, 12, 16])
@pytest.mark.parametrize("n", [0, 1, 7, 5000])
def test_route_records_groups_shingles_by_partition_stably(bits: int, n: int) -> None:
    rng = np.random.default_rng(bits * 100 + n)
    rec = np.empty(n, dtype=engine.SHINGLE)
    rec["h"] = rng.integers(0, 2**64, n, dtype=np.uint64)
    rec["h"][: n // 3] = rec["h"][n // 2] if n else 0  # repeated hashes: their order is kept
    rec["node"] = np.arange(n, dtype=np.uint32)
    before = rec.copy()
    got, counts = engine.route_records(rec, bits)
    want, want_counts = _ref_route(before, bits)
    assert got.dtype == engine.SHINGLE
    assert np.array_equal(got, want) and np.array_equal(counts, want_counts)
    assert counts.dtype == np.int64 and len(counts) == 1 << bits
    assert np.array_equal(rec, before)


@needs_kernel
def test_kernel_route_refuses_what_it_cannot_route() -> None:
    rec = np.zeros(4, dtype=engine.SHINGLE)
    with pytest.raises(ValueError):
        K.route_records(rec, np.zeros(3, dtype=engine.SHINGLE), np.zeros(16, dtype=np.int64), 4)
    with pytest.raises(ValueError):
        K.route_records(rec, np.zeros(4, dtype=engine.SHINGLE), np.zeros(15, dtype=np.int64), 4)
    with pytest.raises(ValueError):
        K.route_records(rec, np.zeros(4, dtype=engine.SHINGLE), np.zeros(2**17, dtype=np.int64), 17)


def test_collector_spill_routes_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """A collector's partitions hold the same records whether routed by the kernel or by numpy."""
    from curator.core.dups.features import DocFeatures
    from curator.core.dups.params import Params

    rng = np.random.default_rng(9)

    def collect() -> list[np.ndarray]:
        c = engine.Collector(Params())
        c.spill.ROUTE_BATCH = 500  # several routings
        try:
            for d in range(40):
                n = 3
                kg = rng.integers(0, 2**64, 90, dtype=np.uint64)
                c.add(DocFeatures(f"d{d:02d}", "x", [(0, 5), (6, 9), (10, 20)], [1, 2, 3], [30, 30, 30], kg,
                                  np.array([0, 30, 60, 90], dtype=np.int64)))
                assert n == 3
            return [c.spill.partition(i).copy() for i in range(c.spill.n)]
        finally:
            c.close()

    rng = np.random.default_rng(9)
    got = collect()
    monkeypatch.setattr(engine, "route_records", _ref_route)
    rng = np.random.default_rng(9)
    want = collect()
    assert sum(len(p) for p in want) == 40 * 90
    assert all(np.array_equal(a, b) for a, b in zip(got, want, strict=True))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_nodes_through_the_radix_sorts_are_the_lexsort_ones(seed: int) -> None:
    """``exact_nodes`` (radix sorts) gives the nodes of ``_exact_nodes_lexsort`` (numpy's lexsorts, the
    reference), Documents arriving in id order or not."""
    rng = np.random.default_rng(seed)
    n_docs, per = 60, 7
    n = n_docs * per
    rank = np.arange(n_docs) if seed == 0 else rng.permutation(n_docs)
    exact = rng.integers(0, 40, n).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    exact[rng.random(n) < 0.1] = 0  # passages without words
    counts = np.full(n_docs, per)
    first = np.concatenate(([0], np.cumsum(counts)))
    table = engine.PassageTable(
        np.repeat(np.arange(n_docs, dtype=np.int32), per), np.tile(np.arange(per, dtype=np.int32), n_docs),
        np.zeros(n, dtype=np.int64), np.ones(n, dtype=np.int64), exact, np.full(n, 5, dtype=np.int64),
        [f"d{i}" for i in range(n_docs)], rank.astype(np.int64), first.astype(np.int64), {})
    got, want = engine.exact_nodes(table), engine._exact_nodes_lexsort(table)
    for name in ("of", "rep", "hash", "size", "member_order", "bounds"):
        assert np.array_equal(getattr(got, name), getattr(want, name)), name
        assert getattr(got, name).dtype == getattr(want, name).dtype, name
