"""Aligned spans: which characters of two passages repeat, found by seed-and-extend on words.

Word-level LCS (rapidfuzz Indel opcodes) gives matching runs; runs are chained
along the diagonal across small gaps (a typo, a dropped or changed word) or a
one-sided insertion (a sentence added); stray single-word matches at the ends
are trimmed; the ends are snapped to sentence bounds when both sides differ there
by a word or two, so a changed last word does not cut the span short.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Final, Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from curator.core.compiled import KERNEL
from curator.core.dups.params import Params
from curator.core.dups.text import Tokens, normalise, pair_chars

# Final: the compiled build (mypyc) inlines them in the per-pair loops instead of looking up a global
_SMALL_GAP: Final = 4  # words; a gap this small on at least one side keeps a chain going
_LARGE_GAP: Final = 40  # words; an insertion longer than this ends the chain
_EDGE_WORDS: Final = 2  # differing words at an end that snapping may absorb (on both sides)
_MIN_END_RUN: Final = 2  # a final run shorter than this, after a gap, is a stray match


@dataclass(frozen=True)
class Alignment:
    """The repeated characters on each side, with their similarity."""

    a: tuple[int, int]
    b: tuple[int, int]
    score: float
    exact: bool

    def __reduce__(self) -> tuple[type[Alignment], tuple[tuple[int, int], tuple[int, int], float, bool]]:
        # mypyc's frozen dataclass unpickles through ``__setattr__``, which refuses: build it anew
        return Alignment, (self.a, self.b, self.score, self.exact)


class Text(Protocol):
    """A passage's Document text as ``align`` uses it: sliced only (a ``str``, or the spool's lazy text)."""

    def __getitem__(self, key: slice, /) -> str: ...


Run = tuple[int, int, int, int]  # a_start, a_end, b_start, b_end in word indexes

# The duplicate finder's kernel (C, compiled at install) when its build matches its source, else None: the
# Python below (``_chain_pure``) runs. Both give the same chains (tests/test_dups_kernel.py).
_KERNEL = KERNEL.module()


def _runs(ia: str | list[int], ib: str | list[int]) -> list[Run]:
    """Matching runs of two passages' word ids (``Tokens.ids``, or as characters: ``pair_chars``)."""
    ops: list[tuple[str, int, int, int, int]] = Indel.opcodes(ia, ib).as_list()  # type: ignore[assignment]
    return [(a0, a1, b0, b1) for tag, a0, a1, b0, b1 in ops if tag == "equal"]


def _chains(runs: list[Run]) -> list[list[Run]]:
    chains: list[list[Run]] = []
    for run in runs:
        if chains:
            prev = chains[-1][-1]
            ga, gb = run[0] - prev[1], run[2] - prev[3]
            if min(ga, gb) <= _SMALL_GAP and max(ga, gb) <= _LARGE_GAP:
                chains[-1].append(run)
                continue
        chains.append([run])
    return [_trim(chain) for chain in chains]


def _trim(chain: list[Run]) -> list[Run]:
    while len(chain) > 1 and _short(chain[-1]) and _gap(chain[-2], chain[-1]) > _SMALL_GAP:
        chain = chain[:-1]
    while len(chain) > 1 and _short(chain[0]) and _gap(chain[0], chain[1]) > _SMALL_GAP:
        chain = chain[1:]
    return chain


def _best_chain(runs: list[Run]) -> list[Run]:
    """``max(_chains(runs), key=_matched)`` (the first of equals) in one pass: a pair of long
    passages gives dozens of runs, mostly single common words, and this is per candidate pair.
    Chains are index ranges of ``runs`` (no list per chain), trimmed as ``_trim`` trims them."""
    n = len(runs)
    best_lo = best_hi = 0
    best_m = -1
    lo = 0
    first_a, a1, _, b1 = runs[0]
    m = a1 - first_a
    for j in range(1, n + 1):
        if j < n:
            r0, r1, s0, s1 = runs[j]
            ga, gb = r0 - a1, s0 - b1
            if (ga if ga < gb else gb) <= _SMALL_GAP and (ga if ga > gb else gb) <= _LARGE_GAP:
                m += r1 - r0
                a1, b1 = r1, s1
                continue
        hi = j
        if hi - lo > 1:  # ``_trim``: stray short runs after a large gap at either end
            while hi - lo > 1:
                last, prev = runs[hi - 1], runs[hi - 2]
                if last[1] - last[0] < _MIN_END_RUN and max(last[0] - prev[1], last[2] - prev[3]) > _SMALL_GAP:
                    hi -= 1
                    m -= last[1] - last[0]
                else:
                    break
            while hi - lo > 1:
                first, nxt = runs[lo], runs[lo + 1]
                if first[1] - first[0] < _MIN_END_RUN and max(nxt[0] - first[1], nxt[2] - first[3]) > _SMALL_GAP:
                    lo += 1
                    m -= first[1] - first[0]
                else:
                    break
        if m > best_m:
            best_lo, best_hi, best_m = lo, hi, m
        if j < n:
            lo = j
            a1, b1 = r1, s1
            m = r1 - r0
    return runs[best_lo:best_hi]


def _short(run: Run) -> bool:
    return run[1] - run[0] < _MIN_END_RUN


def _gap(left: Run, right: Run) -> int:
    return max(right[0] - left[1], right[2] - left[3])


def _matched(chain: list[Run]) -> int:
    return sum(r[1] - r[0] for r in chain)


# A passage's bounds as ``Tokens._all`` gives them: (word starts, word ends, sentence starts, sentence ends).
Bounds = tuple[tuple[int, ...], ...]


def _sentence_start(bounds: Bounds, first: int) -> tuple[int, int]:
    """Start of the sentence holding word ``first`` and how many words precede it there."""
    starts, sentence_starts = bounds[0], bounds[2]
    pos = starts[first]
    s = sentence_starts[bisect_right(sentence_starts, pos) - 1]
    return s, first - bisect_left(starts, s)


def _sentence_end(bounds: Bounds, last: int) -> tuple[int, int]:
    """End of the sentence holding word ``last`` (exclusive index) and how many words follow there."""
    ends, sentence_ends = bounds[1], bounds[3]
    pos = ends[last - 1]
    e = sentence_ends[bisect_left(sentence_ends, pos)]
    return e, bisect_right(ends, e) - last


def _absorb(na: int, nb: int, edge_a: str, edge_b: str) -> bool:
    # Both sides changed by a word or two, or only the same punctuation left on both.
    if na == 0 and nb == 0:
        return normalise(edge_a) == normalise(edge_b)
    return 1 <= na <= _EDGE_WORDS and 1 <= nb <= _EDGE_WORDS


def _chain_pure(ca: str, cb: str, cover: float) -> tuple[int, int, int, int] | None:
    """The best chain's extent (a_start, a_end, b_start, b_end) of two passages' ids as characters, or
    None when they share no word or even their runs' whole extent covers less than ``cover`` of both.
    The kernel (``_native/kernel.c``, ``best_chain``) computes the same in one call."""
    ops = Indel.opcodes(ca, cb)
    # The first and last matching runs, read off the opcodes without converting them all.
    n_ops = len(ops)
    i = 0
    while i < n_ops and ops[i].tag != "equal":
        i += 1
    if i == n_ops:
        return None
    j = n_ops - 1
    while ops[j].tag != "equal":
        j -= 1
    first, last = ops[i], ops[j]
    n_a, n_b = len(ca), len(cb)
    # Every chain lies inside the runs' whole extent: when even that covers less than ``cover`` of both
    # passages, no chain passes the coverage check below (a third of the pairs that fail it on 10k site
    # pages, measured), so the runs are not listed nor the chains built.
    if (last.src_end - first.src_start) / n_a < cover and (last.dest_end - first.dest_start) / n_b < cover:
        return None
    # No cheaper bound is taken before ``opcodes`` (issue 10, round 11): the word LCS (``Indel.similarity``,
    # a third of the opcodes' cost) bounds a chain's extent only loosely, since a chain of ``m`` matched
    # words can span ``41 * m - 40`` words of one side (one-word runs, gaps of 40 words on that side):
    # ``41 * LCS - 40 < cover * min(n_a, n_b)`` rejects none of the 269,039 candidate pairs of 10k site
    # pages (their LCS is at least 0.18 of the shorter passage), measured.
    listed: list[tuple[str, int, int, int, int]] = ops.as_list()  # type: ignore[assignment]
    runs = [(a0, a1, b0, b1) for tag, a0, a1, b0, b1 in listed if tag == "equal"]
    chain = _best_chain(runs)
    return chain[0][0], chain[-1][1], chain[0][2], chain[-1][3]


def align(text_a: Text, ta: Tokens, text_b: Text, tb: Tokens, params: Params) -> Alignment | None:
    """The repeated span of two passages, or None when they do not repeat each other enough.

    ``text_a`` is ``ta``'s text (``ta.loaded()``) or a view of it, as every caller has it. With the kernel,
    a pair is two calls: the chain with the coverage check (most candidate pairs end there), then the
    spans snapped to sentences and normalised, on each passage's bounds made once (``Tokens.packed``);
    ``_align_pure`` is its Python, and the reference (tests/test_dups_align_span.py)."""
    if _KERNEL is None:
        return _align_pure(text_a, ta, text_b, tb, params)
    if not ta.ids or not tb.ids:
        return None
    ca, cb = pair_chars(ta, tb)
    extent: tuple[int, int, int, int] | None = _KERNEL.chain_cover(ca, cb, params.cover, params.min_span_words)
    if extent is None:
        return None
    a0, a1, b0, b1 = extent
    return align_extent(ta, tb, a0, a1, b0, b1, params)


def chain_cover_batch(ids: object, starts: object, counts: object, pa: object, pb: object, params: Params,
                      out: object) -> bool:
    """``chain_cover`` of many pairs in one kernel call (``kernel.c``'s ``chain_cover_batch``: pair ``i`` is
    passages ``pa[i]``, ``pb[i]`` of ``ids[starts[p]:starts[p] + counts[p]]``, uint64 word ids; each pair's
    extent, or -1s, into ``out``); False, ``out`` untouched, when the kernel does not run (``align`` a pair)."""
    if _KERNEL is None:
        return False
    _KERNEL.chain_cover_batch(ids, starts, counts, pa, pb, params.cover, params.min_span_words, out)
    return True


def batched() -> bool:
    """Whether ``chain_cover_batch`` runs (the kernel is built and current)."""
    return _KERNEL is not None


def align_extent(ta: Tokens, tb: Tokens, a0: int, a1: int, b0: int, b1: int, params: Params) -> Alignment | None:
    """``align`` past the coverage check, with the kernel: the chain's extent (word indexes, as ``chain_cover``
    or ``chain_cover_batch`` give it) snapped to sentences, normalised and scored; None below the threshold."""
    assert _KERNEL is not None
    spans: tuple[int, int, int, int, str | None, str | None] = _KERNEL.span(
        a0, a1, b0, b1, ta.loaded(), ta.packed(), tb.loaded(), tb.packed(), normalise)
    sa, ea, sb, eb, na, nb = spans
    if na is None or nb is None:  # the normalised spans are equal
        score, exact = 1.0, True
    else:
        score, exact = fuzz.ratio(na, nb) / 100.0, False
    if score < params.threshold:
        return None
    return Alignment((sa, ea), (sb, eb), round(score, 4), exact)


def _align_pure(text_a: Text, ta: Tokens, text_b: Text, tb: Tokens, params: Params) -> Alignment | None:
    """``align`` in Python (the kernel's reference)."""
    if not ta.ids or not tb.ids:
        return None
    n_a, n_b = len(ta.ids), len(tb.ids)
    ca, cb = pair_chars(ta, tb)
    extent: tuple[int, int, int, int] | None = (
        _chain_pure(ca, cb, params.cover) if _KERNEL is None else _KERNEL.best_chain(ca, cb, params.cover))
    if extent is None:
        return None
    a0, a1, b0, b1 = extent
    cov_a, cov_b = (a1 - a0) / n_a, (b1 - b0) / n_b
    whole = cov_a >= params.cover and cov_b >= params.cover
    if not whole:
        covered = (a1 - a0) if cov_a >= cov_b else (b1 - b0)
        if max(cov_a, cov_b) < params.cover or (covered < params.min_span_words and min(cov_a, cov_b) < 0.5):
            return None
    # Each side's bounds read once: the spool's lazy tokens override ``_all`` in interpreted Python,
    # and reading each property through it made 16 such calls a pair (~390k for 1,500 site pages).
    ba, bb = ta._all(), tb._all()
    sa, pa = _sentence_start(ba, a0)
    sb, pb = _sentence_start(bb, b0)
    if not _absorb(pa, pb, text_a[sa : ba[0][a0]], text_b[sb : bb[0][b0]]):
        sa, sb = ba[0][a0], bb[0][b0]
    ea, qa = _sentence_end(ba, a1)
    eb, qb = _sentence_end(bb, b1)
    if not _absorb(qa, qb, text_a[ba[1][a1 - 1] : ea], text_b[bb[1][b1 - 1] : eb]):
        ea, eb = ba[1][a1 - 1], bb[1][b1 - 1]
    na, nb = normalise(text_a[sa:ea]), normalise(text_b[sb:eb])
    exact = na == nb
    score = 1.0 if exact else fuzz.ratio(na, nb) / 100.0
    if score < params.threshold:
        return None
    return Alignment((sa, ea), (sb, eb), round(score, 4), exact)
