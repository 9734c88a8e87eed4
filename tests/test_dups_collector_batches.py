"""``Collector`` makes its columns and shingle records in bulk (issue 10, round 21): whatever the batch
boundaries, lists or numpy columns, Documents with and without their shingles, it holds what adding them
one at a time held (a reference collector here, one Document a batch)."""

from __future__ import annotations

import numpy as np

from curator.core.dups import engine
from curator.core.dups.features import DocFeatures
from curator.core.dups.params import Params


def _docs(n: int) -> list[tuple[DocFeatures, bool, list[str] | None]]:
    rng = np.random.default_rng(21)
    out = []
    for d in range(n):
        k = int(rng.integers(0, 5))  # passages (0: an empty page)
        sizes = rng.integers(0, 6, k)  # shingles a passage (0: too short)
        offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        spans = [(10 * i, 10 * i + 7) for i in range(k)]
        f = DocFeatures(f"d{d:04d}", "x", spans, [int(v) for v in rng.integers(0, 2**63, k)], [7] * k,
                        rng.integers(0, 2**64, int(offsets[-1]), dtype=np.uint64), offsets)
        if d % 3 == 0:
            f = f.compact()
        ids = [f"s{i + 2}" for i in range(k)] if d % 7 == 0 and k else None
        out.append((f, d % 11 != 5, ids))
    return out


def _state(c: engine.Collector) -> tuple:
    spill = c.spill
    parts = tuple(spill.partition(i).tobytes() for i in range(spill.n))
    t = c.table()
    cols = tuple(np.asarray(a).tobytes() for a in (t.doc, t.idx, t.start, t.end, t.exact, t.words, t.doc_first))
    return parts, cols, t.doc_ids, dict(t.segment_ids), c.n_passages


def test_batched_columns_and_shingles_equal_one_document_at_a_time(monkeypatch) -> None:
    docs = _docs(700)

    def run(batch: int, spill_midway: bool) -> tuple:
        monkeypatch.setattr(engine.Collector, "BATCH", batch)
        c = engine.Collector(Params())
        c.spill.ROUTE_BATCH = 300  # several routings, at other bounds than the batches
        try:
            for i, (f, shingles, ids) in enumerate(docs):
                assert c.add(f, ids, shingles=shingles) == i
                if spill_midway and i == 400:  # asked for midway: what waits is filed first
                    c.spill._route_pending()
            return _state(c)
        finally:
            c.close()

    want = run(1, False)
    assert want[4] == sum(len(f.spans) for f, _, _ in docs)
    assert run(256, False) == want
    assert run(64, True) == want


def test_columns_added_in_bulk_come_after_documents_added_one_at_a_time(monkeypatch) -> None:
    """``add`` keeps up to ``BATCH`` Documents waiting; ``add_columns`` (dups --jobs 2's batches) must file
    them first, or the table's rows stop following the Documents' order (merge of rounds 21's two changes)."""
    docs = [(f, ids) for f, _, ids in _docs(40)]

    def run(bulk_from: int | None) -> tuple:
        monkeypatch.setattr(engine.Collector, "BATCH", 256)
        c = engine.Collector(Params())
        try:
            for i, (f, ids) in enumerate(docs):
                if bulk_from is not None and i >= bulk_from and ids is None:
                    spans = np.asarray(f.spans, dtype=np.int64).reshape(-1, 2)
                    c.add_columns([f.id], [f.sha256], [len(f.spans)], spans,
                                  np.asarray(f.exact, dtype=np.uint64), np.asarray(f.words, dtype=np.int64))
                else:
                    c.add(f, ids, shingles=False)
            t = c.table()
            return tuple(np.asarray(a).tobytes() for a in (t.doc, t.idx, t.start, t.end, t.exact, t.words)), t.doc_ids
        finally:
            c.close()

    assert run(10) == run(None)
