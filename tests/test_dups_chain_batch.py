"""The alignment's reject before the spans (issue 10, round 22): ``kernel.chain_cover_batch`` gives every candidate
pair's chain and coverage check in one call, on the word ids themselves, and ``align_pairs`` makes spans only for
the pairs it lets through. It must never drop a pair ``align`` keeps: it is ``chain_cover`` exactly (the LCS
compares symbols for equality only, so ids and ``pair_chars``' characters give the same runs), checked here on
random pairs against the kernel's per-pair call and ``align``'s Python (hypothesis), and end to end: the pairs it
rejects never align, and ``align_pairs`` finds what ``align`` finds pair by pair.
"""

from __future__ import annotations

import random
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import curator.core.dups  # noqa: F401 - chooses the builds before align is imported
from curator.core.compiled import KERNEL
from curator.core.dups.params import Params
from curator.core.dups.text import Tokens, pair_chars, tokens

align_mod = sys.modules["curator.core.dups.align"]
engine = sys.modules["curator.core.dups.engine"]
K = KERNEL.module()
needs_kernel = pytest.mark.skipif(K is None, reason=f"duplicate finder kernel not built here: {KERNEL.running()}")


def _covers_ref(ext: tuple[int, int, int, int] | None, n_a: int, n_b: int, p: Params) -> tuple[int, ...] | None:
    """``align._align_pure``'s coverage check on a chain's extent (the Python reference)."""
    if ext is None:
        return None
    a0, a1, b0, b1 = ext
    cov_a, cov_b = (a1 - a0) / n_a, (b1 - b0) / n_b
    if not (cov_a >= p.cover and cov_b >= p.cover):
        covered = (a1 - a0) if cov_a >= cov_b else (b1 - b0)
        if max(cov_a, cov_b) < p.cover or (covered < p.min_span_words and min(cov_a, cov_b) < 0.5):
            return None
    return ext


def _batch(passages: list[list[int]], pairs: list[tuple[int, int]], p: Params) -> list[tuple[int, ...] | None]:
    assert K is not None
    count = np.array([len(x) for x in passages], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(count)[:-1])).astype(np.int64)
    ids = np.array([w for x in passages for w in x], dtype=np.uint64)
    pa = np.array([a for a, _ in pairs], dtype=np.int64)
    pb = np.array([b for _, b in pairs], dtype=np.int64)
    out = np.empty(4 * len(pairs), dtype=np.int64)
    passed = K.chain_cover_batch(ids, starts, count, pa, pb, p.cover, p.min_span_words, out)
    got = [None if e[0] < 0 else tuple(int(v) for v in e) for e in out.reshape(-1, 4)]
    assert passed == sum(g is not None for g in got)
    return got


def _one(x: list[int], y: list[int], p: Params) -> tuple[int, ...] | None:
    """``align``'s chain and coverage check of one pair: the kernel's per-pair call, checked against the Python."""
    if not x or not y:
        return None
    ca, cb = pair_chars(Tokens("", 0, 0, x), Tokens("", 0, 0, y))
    want = _covers_ref(align_mod._chain_pure(ca, cb, p.cover), len(x), len(y), p)
    got = K.chain_cover(ca, cb, p.cover, p.min_span_words)
    assert (None if got is None else tuple(got)) == want
    return want


# Word ids as the spool has them (top 60 bits of a hash), few distinct so that passages share words and runs.
_ID = st.sampled_from([0, 1, 7, 2**59 + 3, 2**60 - 1, 12345678901234567, 2**32, 2**32 + 1])


@st.composite
def _passage_pairs(draw: st.DrawFn) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Passages, some edited copies of others (a changed, dropped or inserted run of words), and pairs of them."""
    base = draw(st.lists(st.lists(_ID, max_size=90), min_size=1, max_size=5))
    passages = list(base)
    for _ in range(draw(st.integers(0, 5))):
        src = list(draw(st.sampled_from(base)))
        for _ in range(draw(st.integers(0, 4))):
            at = draw(st.integers(0, len(src)))
            cut = draw(st.integers(0, 6))
            src[at : at + cut] = draw(st.lists(_ID, max_size=6))
        passages.append(src)
    n = len(passages)
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), min_size=1, max_size=25))
    return passages, pairs


@needs_kernel
@settings(max_examples=300, deadline=None)
@given(_passage_pairs(), st.sampled_from([Params(), Params(cover=0.5, min_span_words=3), Params(cover=1.0)]))
def test_the_batch_gives_each_pairs_chain_cover_and_rejects_only_what_align_rejects(
        data: tuple[list[list[int]], list[tuple[int, int]]], p: Params) -> None:
    passages, pairs = data
    got = _batch(passages, pairs, p)
    assert got == [_one(passages[a], passages[b], p) for a, b in pairs]


@needs_kernel
def test_the_batch_agrees_on_long_passages_past_the_arena() -> None:
    """Pairs whose buffers outgrow the kernel's static arena (a heap block each), ties everywhere."""
    rng = random.Random(5)
    long_a = [rng.randrange(8) for _ in range(9000)]
    long_b = long_a[:4000] + [rng.randrange(8) for _ in range(300)] + long_a[4300:]
    near = long_a[100:8900]
    passages = [long_a, long_b, near, long_a[:50], []]
    pairs = [(0, 1), (1, 0), (0, 2), (2, 3), (3, 0), (4, 0), (0, 4), (4, 4), (1, 1)]
    p = Params()
    assert _batch(passages, pairs, p) == [_one(passages[a], passages[b], p) for a, b in pairs]


@needs_kernel
@pytest.mark.parametrize("bad", ["pair", "passage", "out"])
def test_the_batch_refuses_indexes_and_lengths_out_of_range(bad: str) -> None:
    assert K is not None
    ids = np.arange(10, dtype=np.uint64)
    starts = np.array([0, 5], dtype=np.int64)
    count = np.array([5, 6 if bad == "passage" else 5], dtype=np.int64)
    pa = np.array([0], dtype=np.int64)
    pb = np.array([2 if bad == "pair" else 1], dtype=np.int64)
    out = np.empty(3 if bad == "out" else 4, dtype=np.int64)
    with pytest.raises(ValueError, match="chain_cover_batch"):
        K.chain_cover_batch(ids, starts, count, pa, pb, 0.8, 8, out)


_WORDS = ["the", "council", "voted", "on", "Tuesday", "to", "approve", "budget", "parks", "libraries", "after",
          "long", "debate.", "Residents", "can", "comment", "until", "Friday.", "naïve", "Über", "city's"]


@st.composite
def _texts(draw: st.DrawFn) -> list[str]:
    words = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=60)
    base = draw(st.lists(words, min_size=1, max_size=4))
    out = [" ".join(w) for w in base]
    for _ in range(draw(st.integers(1, 5))):
        w = list(draw(st.sampled_from(base)))
        if w:
            at = draw(st.integers(0, len(w) - 1))
            w[at] = draw(st.sampled_from(_WORDS))  # a changed word
        if draw(st.booleans()):
            w = draw(words) + w  # a sentence added before
        out.append(" ".join(w))
    return out


@needs_kernel
@settings(max_examples=150, deadline=None)
@given(_texts(), st.sampled_from([Params(), Params(threshold=0.5, cover=0.6, min_span_words=4)]))
def test_align_pairs_finds_what_align_finds_pair_by_pair_and_the_rejected_never_align(
        texts: list[str], p: Params) -> None:
    n = len(texts)
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b]
    eager = {g: (0, t) for g, t in enumerate(texts)}
    want = []
    for ga, gb in pairs:
        ta, tb = tokens(texts[ga], 0, len(texts[ga])), tokens(texts[gb], 0, len(texts[gb]))
        al = align_mod.align(texts[ga], ta, texts[gb], tb, p)
        if al is not None:
            want.append((ga, gb, al.a, al.b, al.score, al.exact))
    assert engine.align_pairs(pairs, eager, p) == want
    ids = [tokens(t, 0, len(t)).ids for t in texts]
    for (ga, gb), ext in zip(pairs, _batch(ids, pairs, p), strict=True):
        if ext is None:  # rejected: align finds nothing
            assert not any(f[:2] == (ga, gb) for f in want)


@needs_kernel
def test_spooled_ids_are_gathered_as_each_passage_reads_them(tmp_path) -> None:
    """``StoredTexts.id_columns``: the passages' ids from the memory-mapped spool files (two files, as the
    workers write them), in the order asked for, as ``read_ids`` reads them one at a time."""
    docs = {f"d{i}": " ".join(random.Random(i).choice(_WORDS) for _ in range(30 + 7 * i)) + "\n\nTail words here."
            for i in range(6)}
    spans = [(d, 0, len(t)) for d, t in docs.items()] + [(d, len(t) - 16, len(t)) for d, t in docs.items()]

    class TwoWorkers:
        jobs = 2

        @staticmethod
        def map(fn, tasks):
            return [fn(t) for t in tasks]

    store = engine.SpanTexts(spans, docs.__getitem__, ids=True, workers=TwoWorkers())
    try:
        assert len(store.files) > 1
        texts = store.passages({100 + i: (i, 0) for i in range(len(spans))})
        gids = [105, 100, 111, 103, 100, 108]
        ids, starts, count = texts.id_columns(gids)
        for g, s, c in zip(gids, starts.tolist(), count.tolist(), strict=True):
            assert ids[s : s + c].tolist() == texts.tokens(g)[1].ids == store.word_ids(g - 100)
    finally:
        store.close()
