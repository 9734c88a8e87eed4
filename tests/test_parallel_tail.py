"""The last tasks of a stage are small, so no core waits long on the other's last task (issue 10, round 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.dups import Params
from curator.core.dups import engine as dups_engine
from curator.core.parallel import Workers, tapered

from tests.test_scale import _candidates_of_a_site


@pytest.mark.parametrize(("n", "most", "jobs"), [(0, 10, 2), (1, 10, 2), (37, 10, 2), (1000, 100, 2),
                                                 (270_000, 10_000, 2), (5000, 40, 3), (999, 1000, 1)])
def test_tapered_bounds_cover_the_items_in_order_and_shrink_at_the_end(n: int, most: int, jobs: int) -> None:
    bounds = tapered(n, most, jobs)
    assert bounds == tapered(n, most, jobs)  # a function of its arguments only: the split never depends on timing
    assert [lo for lo, _ in bounds] == [0, *(hi for _, hi in bounds[:-1])][: len(bounds)]
    assert (bounds[-1][1] if bounds else 0) == n and bool(bounds) == (n > 0)
    sizes = [hi - lo for lo, hi in bounds]
    assert all(0 < s <= most for s in sizes)
    assert sizes == sorted(sizes, reverse=True)  # never a large task after a small one
    if jobs > 1 and n >= 8 * jobs * most:
        # the tail: the last task is a small share of a full one, and the work after the last full task is
        # spread over several tasks
        assert sizes[0] == most and sizes[-1] <= most // 8
        assert sum(1 for s in sizes if s < most) >= 2 * jobs


def test_alignment_tasks_taper_at_the_end_with_the_links_of_one_process(tmp_path: Path, monkeypatch) -> None:
    """With workers, the alignment's last tasks are smaller than its first (a full last task left one worker
    idle for up to a task's time: ~0.2-0.5 s at 10k pages); the links are those of one process, in order."""
    params, texts, table, nodes, a, b, ra, rb, needed = _candidates_of_a_site(tmp_path, Params())
    text_of = dups_engine.SourceReader(str(tmp_path / "c"))
    want = dups_engine.align_candidates(table, nodes, a, b, text_of, params)
    chunk = max(8, len(a) // 24)
    monkeypatch.setattr(dups_engine, "ALIGN_CHUNK", chunk)
    sizes: list[int] = []
    from curator.core import parallel

    real = parallel.Workers.imap_window

    def imap_window(self, fn, items, **kwargs):  # noqa: ANN001, ANN202
        items = list(items)
        sizes.extend(len(t[0]) for t in items)
        return real(self, fn, items, **kwargs)

    monkeypatch.setattr(parallel.Workers, "imap_window", imap_window)
    with Workers(2) as workers:
        got = dups_engine.align_candidates(table, nodes, a, b, text_of, params, workers=workers)
    assert len(want) > 20 and got == want
    assert sum(sizes) == len(a) and sizes[0] == chunk and sizes[-1] < chunk // 2


def test_output_tasks_taper_at_the_end_with_the_same_result(tmp_path: Path, monkeypatch) -> None:
    """``parse_stream(output=...)`` with workers: the output stage's last batches are smaller than its first
    (one worker writing a full last batch while the other waited); the results are those of one process."""
    from curator.core import parallel, pipeline
    from curator.core.pipeline import parse_stream
    from curator.core.store import Corpus

    from tests.test_scale import _site, _Where

    corpus = Corpus(_site(tmp_path / "c", 40))
    one = {d: dumped for d, (_, dumped), _ in parse_stream(corpus, jobs=1, output=_Where())}
    monkeypatch.setattr(pipeline, "OUTPUT_BATCH", 4)
    sizes: list[int] = []
    real = parallel.Workers.imap

    def imap(self, fn, items, **kwargs):  # noqa: ANN001, ANN202
        if fn is pipeline._output_batch:
            items = list(items)
            sizes.extend(len(batch) for batch in items)
        return real(self, fn, items, **kwargs)

    monkeypatch.setattr(parallel.Workers, "imap", imap)
    two = {d: dumped for d, (_, dumped), _ in parse_stream(corpus, jobs=2, output=_Where())}
    assert two == one and len(one) == 40
    assert sum(sizes) == 40 and sizes[0] == 4 and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)


def test_span_texts_tasks_taper_at_the_end_with_the_same_texts(tmp_path: Path, monkeypatch) -> None:
    """``SpanTexts`` with workers: whole Documents per task, fewer in the last tasks; the texts are those read
    in one process."""
    from curator.core import parallel

    from tests.test_scale import _site

    root = _site(tmp_path / "c", 48)
    reader = dups_engine.SourceReader(str(root))
    ids = sorted(p.stem for p in root.glob("*.txt"))
    spans = [(d, s, s + 9) for d in reversed(ids) for s in (0, 5, 40)]
    docs_per_task: list[int] = []
    real = parallel.Workers.map

    def map_(self, fn, items):  # noqa: ANN001, ANN202
        if fn is dups_engine.write_spans:
            docs_per_task.extend(len({doc for doc, _, _ in task[1]}) for task in items)
        return real(self, fn, items)

    monkeypatch.setattr(parallel.Workers, "map", map_)
    serial = dups_engine.SpanTexts(spans, reader)
    with Workers(2) as workers:
        spread = dups_engine.SpanTexts(spans, reader, workers=workers)
    try:
        assert [spread[i] for i in range(len(spans))] == [serial[i] for i in range(len(spans))]
        assert sum(docs_per_task) == 48 and docs_per_task == sorted(docs_per_task, reverse=True)
        assert docs_per_task[-1] < docs_per_task[0]
    finally:
        serial.close()
        spread.close()


def test_parse_jobs_warm_the_parser_here_during_the_context_pass(tmp_path: Path, monkeypatch) -> None:
    """``parse_stream`` with workers parses one Document in this process while the workers count the corpus
    context, so the parse pool's workers (forked after it) inherit the parser's compiled patterns and tables
    instead of building them each (~50 ms a worker, measured); with one job nothing extra is parsed; the
    output is the same either way, a parser failing on it included."""
    from curator.core import pipeline
    from curator.core.parse import parse_document
    from curator.core.pipeline import parse_stream
    from curator.core.store import Corpus

    from tests.test_scale import _site

    root = _site(tmp_path / "c", 12)
    (root / "000.txt").write_bytes(b"\x00\x01\x02" * 1000)  # unreadable, first in order: skipped by the warm-up
    corpus = Corpus(root)
    here: list[str] = []
    import os

    me = os.getpid()

    def parse(text, **kwargs):  # noqa: ANN001, ANN202
        if os.getpid() == me:
            here.append(kwargs["doc"].id)
        return parse_document(text, **kwargs)

    outs = {}
    for jobs in (1, 2):
        here.clear()
        stats = pipeline.StreamStats()
        outs[jobs] = [(d, cur.model_dump(), entries) for d, cur, entries in
                      parse_stream(corpus, jobs=jobs, parse=parse, stats=stats)]
        assert len(stats.problems) == 1
        if jobs == 1:
            assert len(here) == 12  # each readable Document once, here
        else:
            assert len(here) == 1 and here[0] != "000"
    assert outs[1] == outs[2] and len(outs[1]) == 12

    def broken(text, **kwargs):  # noqa: ANN001, ANN202
        raise ValueError("no")

    got = list(parse_stream(corpus, jobs=2, parse=broken, stats=(stats := pipeline.StreamStats())))
    assert got == [] and len(stats.problems) == 13  # the warm-up's failure is nobody's problem


def test_span_texts_from_columns_are_those_from_spans(tmp_path: Path, monkeypatch) -> None:
    """``SpanTexts.of_columns`` (Document numbers and bounds as arrays, the order given by a rank per
    Document) holds the texts ``SpanTexts`` holds for the same spans as tuples, in one process and with
    workers; with workers each task carries its spans as columns (a few numbers a span, not a tuple)."""
    import numpy as np

    from curator.core import parallel

    from tests.test_scale import _site

    root = _site(tmp_path / "c", 30)
    reader = dups_engine.SourceReader(str(root))
    ids = sorted(p.stem for p in root.glob("*.txt"))
    names = list(reversed(ids))  # Document numbers in an order that is not the ids' order
    rank = np.array([ids.index(n) for n in names], dtype=np.int64)
    rng = np.random.default_rng(7)
    doc = rng.integers(0, len(names), 200)
    start = rng.integers(0, 50, 200)
    end = start + rng.integers(0, 30, 200)
    spans = [(names[d], s, e) for d, s, e in zip(doc.tolist(), start.tolist(), end.tolist(), strict=True)]
    sent: list[object] = []
    real = parallel.Workers.map

    def map_(self, fn, items):  # noqa: ANN001, ANN202
        if fn is dups_engine.write_spans:
            sent.extend(task[1] for task in items)
        return real(self, fn, items)

    monkeypatch.setattr(parallel.Workers, "map", map_)
    stores = [dups_engine.SpanTexts(spans, reader, ids=True),
              dups_engine.SpanTexts.of_columns(names, doc, start, end, reader, rank=rank, ids=True)]
    with Workers(2) as workers:
        stores.append(dups_engine.SpanTexts.of_columns(names, doc, start, end, reader, rank=rank, workers=workers,
                                                       ids=True))
    try:
        want = [reader(d)[s:e] for d, s, e in spans]
        for store in stores:
            assert [store[i] for i in range(len(spans))] == want
            assert [store.word_ids(i) for i in range(len(spans))] == [stores[0].word_ids(i) for i in range(len(spans))]
        assert sent and all(isinstance(cols, dups_engine.SpanColumns) for cols in sent)
        assert [t for cols in sent for t in cols] == sorted(spans, key=lambda sp: sp[0])
    finally:
        for store in stores:
            store.close()
