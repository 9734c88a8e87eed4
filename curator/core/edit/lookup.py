"""Finding segments in a Curation's list without a Python loop over every segment.

A 10 MB page holds 40,000 segments; each ``for s in cur.segments`` of a verb cost 3-9 ms of the UI thread,
and one edit ran several. The id and start columns of a segment list are built in C (``map`` with an
``attrgetter``) once per list, remembered for the last list asked (Curations are values: a list is never
changed in place), and searched with ``list.index`` and ``bisect``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter

from curator.core.model import Segment

_ID = attrgetter("id")
_START = attrgetter("start")
_ids_memo: tuple[Sequence[Segment], list[str]] | None = None
_starts_memo: tuple[Sequence[Segment], list[int]] | None = None


def ids_of(segs: Sequence[Segment]) -> list[str]:
    """The segments' ids in order (the same list object while ``segs`` is the same list)."""
    global _ids_memo
    memo = _ids_memo
    if memo is not None and memo[0] is segs:
        return memo[1]
    ids = list(map(_ID, segs))
    _ids_memo = (segs, ids)
    return ids


def starts_of(segs: Sequence[Segment]) -> list[int]:
    """The segments' start offsets in order (sorted: segments are)."""
    global _starts_memo
    memo = _starts_memo
    if memo is not None and memo[0] is segs:
        return memo[1]
    starts = list(map(_START, segs))
    _starts_memo = (segs, starts)
    return starts


_ARTICLE = attrgetter("article")
# The Article column of the last few segment lists asked (by identity): an edit asks for the list it starts
# from and the one it makes, and an undo goes back to the first.
_articles_memo: list[tuple[Sequence[Segment], list[str | None]]] = []


def articles_of(segs: Sequence[Segment], *, base: Sequence[Segment] | None = None) -> list[str | None]:
    """The segments' Article ids in order. With ``base`` (the list an edit started from) the column is that
    list's with the edit's window (``changed_window``, found once per edit) read again, not all 40,000
    segments: "is this Article still named?" cost ~2 ms a pass of ``attrgetter``, twice per new article."""
    from curator.core.edit.checks import changed_window

    for k, (known, column) in enumerate(_articles_memo):
        if known is segs:
            if k:
                _articles_memo.insert(0, _articles_memo.pop(k))
            return column
    made: list[str | None] | None = None
    if base is not None and base is not segs:
        lo, hi_old, hi_new = changed_window(base, segs)
        if 2 * (hi_new - lo) <= len(segs):
            base_column = articles_of(base)
            made = base_column[:lo] + list(map(_ARTICLE, segs[lo:hi_new])) + base_column[hi_old:]
    if made is None:
        made = list(map(_ARTICLE, segs))
    _articles_memo.insert(0, (segs, made))
    del _articles_memo[4:]
    return made


def position(segs: Sequence[Segment], segment_id: str) -> int:
    """Where the segment ``segment_id`` is; ValueError when there is none."""
    return ids_of(segs).index(segment_id)


def positions(segs: Sequence[Segment], segment_ids: Iterable[str]) -> list[int]:
    """Where each of ``segment_ids`` is, sorted, each once; ValueError names the smallest missing id."""
    ids = ids_of(segs)
    found = set()
    for sid in sorted(set(segment_ids)):
        try:
            found.add(ids.index(sid))
        except ValueError:
            raise ValueError(sid) from None
    return sorted(found)


def replaced(segs: Sequence[Segment], at: Iterable[int], make: Callable[[Segment], Segment]) -> list[Segment]:
    """A copy of ``segs`` with the segments at ``at`` replaced by ``make(segment)``, the others shared."""
    out = list(segs)
    for i in at:
        out[i] = make(out[i])
    return out


_number_memo: tuple[Sequence[Segment], int] | None = None


def _number(segment_id: str) -> int:
    tail = segment_id[1:]
    return int(tail) if segment_id.startswith("s") and tail.isascii() and tail.isdigit() else 0


def fresh_segment_id(segs: Sequence[Segment]) -> str:
    """``fresh_id("s", ids)``: ``s`` + one more than the largest number used, followed from the last list asked
    by the edit's window (a pass converting 40,000 ids took ~20 ms of the UI thread per split)."""
    global _number_memo
    from curator.core.edit.checks import changed_window

    memo = _number_memo
    highest: int | None = None
    if memo is not None:
        old, top = memo
        if old is segs:
            highest = top
        else:
            lo, hi_old, hi_new = changed_window(old, segs)
            if hi_old - lo <= 256 and hi_new - lo <= 256 and all(_number(s.id) < top for s in old[lo:hi_old]):
                highest = max([top, *(_number(s.id) for s in segs[lo:hi_new])])
    if highest is None:
        from curator.core.edit.ids import fresh_id

        highest = int(fresh_id("s", ids_of(segs))[1:]) - 1
    _number_memo = (segs, highest)
    return f"s{highest + 1}"


def segment_by_id(segs: Sequence[Segment], segment_id: str) -> Segment:
    """The segment ``segment_id``; KeyError when there is none (``Curation.segment``, found in C)."""
    try:
        return segs[position(segs, segment_id)]
    except ValueError:
        raise KeyError(segment_id) from None
