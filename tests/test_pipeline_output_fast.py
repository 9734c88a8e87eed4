"""The output stage of ``parse_stream`` without repeated work (issue 10, round 19): a Document's Segment spans
made once for its entries and its groups' canonical copies."""

from __future__ import annotations

import numpy as np

from curator.core.dups.contract import SegSpan
from curator.core.pipeline import SegmentSpans


def _naive_of(spans: np.ndarray, ids: list[str] | None) -> list[SegSpan]:
    return [SegSpan(ids[i] if ids is not None else f"s{i + 1}", int(s), int(e)) for i, (s, e) in enumerate(spans)]


def test_segment_spans_of_gives_each_documents_spans_and_makes_them_once_for_repeated_asks() -> None:
    docs = {
        "a": (np.array([[0, 5], [7, 9], [9, 30]], dtype=np.int64), None),
        "b": (np.empty((0, 2), dtype=np.int64), None),
        "c": (np.array([[2, 4], [4, 8]], dtype=np.int64), ["s2", "s7"]),
        "d": (np.array([[i * 3, i * 3 + 2] for i in range(1200)], dtype=np.int64), None),  # past any id table
        "e": (np.array([[1, 2]], dtype=np.int64), ["s1"]),  # the usual ids given: not kept
    }
    segs = SegmentSpans()
    for doc_id, (spans, ids) in docs.items():
        segs.add(doc_id, spans, ids)
    segs.freeze()
    for order in (list(docs), ["d", "a", "d", "c", "c", "b", "e", "a"]):
        for doc_id in order:
            got = segs.of(doc_id)
            assert got == _naive_of(*docs[doc_id]) and all(type(s) is SegSpan for s in got)
            assert all(type(s.start) is int and type(s.end) is int for s in got)
    assert segs.of("nowhere") == []
    first = segs.of("a")
    assert segs.of("a") is first  # asked again (its groups' canonical copies): the same list, not made again
    assert segs.of("c") is not first and segs.of("a") == first

