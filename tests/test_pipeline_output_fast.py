"""The output stage of ``parse_stream`` without repeated work (issue 10, round 19): a Document's Segment spans
made once for its entries and its groups' canonical copies; the cyclic collector paused over a batch."""

from __future__ import annotations

import gc
from pathlib import Path

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


def test_output_batches_run_with_the_cyclic_collector_paused_and_leave_it_as_it_was(tmp_path: Path) -> None:
    """The output stage makes many acyclic objects (entries, JSON, paths) while the groups and the index stay
    alive: the collector's scans of that heap were ~0.4 of ~22 CPU-s at 10k pages. Reference counting frees
    them; the collector runs again after each batch."""
    from curator.core.pipeline import parse_stream
    from curator.core.store import Corpus

    from tests.test_scale import _site

    seen: list[bool] = []

    class Output:
        def __call__(self, items: list) -> list:
            seen.append(gc.isenabled())
            return [len(payload) for _, payload, _ in items]

    corpus = Corpus(_site(tmp_path / "c", 12))
    # Once a test of the suite has made a QApplication, the collector runs on the UI thread only (automatic
    # collection off: curator/gui/ui_thread_gc.py): this test sets each state itself and puts it back.
    was = gc.isenabled()
    gc.enable()
    try:
        got = list(parse_stream(corpus, jobs=1, output=Output(), finish=lambda cur: b"x" * len(cur.segments)))
        assert len(got) == 12 and seen and not any(seen)
        assert gc.isenabled()
        gc.disable()
        list(parse_stream(corpus, jobs=1, output=Output(), finish=lambda cur: b"x"))
        assert not gc.isenabled()  # left as it was
    finally:
        (gc.enable if was else gc.disable)()


def test_the_output_stage_runs_with_what_detection_left_frozen_and_thaws_it_after(tmp_path: Path) -> None:
    """Detection's groups and index (made with the collector paused, so all still young) are moved out of the
    collector's sight for the output stage (``gc.freeze``): after detection the first collections scanned all
    of them again (~0.2 of ~22 CPU-s at 10k pages). The stream thaws them when it ends, and when it is closed
    early."""
    from curator.core.pipeline import parse_stream
    from curator.core.store import Corpus

    from tests.test_scale import _site

    frozen: list[int] = []

    class Output:
        def __call__(self, items: list) -> list:
            frozen.append(gc.get_freeze_count())
            return [len(payload) for _, payload, _ in items]

    corpus = Corpus(_site(tmp_path / "c", 12))
    # Once a test of the suite has made a QApplication, conftest freezes each test's survivors (as the window
    # does: curator/gui/ui_thread_gc.py), and the stream then leaves freezing alone: start from none frozen.
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    got = list(parse_stream(corpus, jobs=1, output=Output(), finish=lambda cur: b"x" * len(cur.segments)))
    assert len(got) == 12 and frozen and all(n > 0 for n in frozen)
    assert gc.get_freeze_count() == 0
    stream = parse_stream(corpus, jobs=1, output=Output(), finish=lambda cur: b"x")
    next(stream)
    assert gc.get_freeze_count() > 0
    stream.close()
    assert gc.get_freeze_count() == 0
