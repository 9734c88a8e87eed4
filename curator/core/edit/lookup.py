"""Finding segments in a Curation's list without a Python loop over every segment.

A 10 MB page holds 40,000 segments; each ``for s in cur.segments`` of a verb cost 3-9 ms of the UI thread,
and one edit ran several. The id and start columns of a segment list are built in C (``map`` with an
``attrgetter``) once per list, remembered for the last list asked (Curations are values: a list is never
changed in place), and searched with ``list.index`` and ``bisect``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any

from curator.core.model import Segment

_ID = attrgetter("id")
_START = attrgetter("start")
_ARTICLE = attrgetter("article")


class _Column:
    """One attribute of every segment, for the last few segment lists asked (by identity: Curations are values,
    a list is never changed in place). An edit asks for the list it starts from and the one it makes, and an
    undo goes back to the first; a list made by an edit is its base's column with the edit's window read again
    (``changed_window``, found once per edit), not its 40,000 segments (~1.5-2 ms a pass of ``attrgetter``)."""

    def __init__(self, get: Callable[[Segment], Any]) -> None:
        self.get = get
        self.known: list[tuple[Sequence[Segment], list[Any]]] = []

    def of(self, segs: Sequence[Segment], base: Sequence[Segment] | None = None) -> list[Any]:
        from curator.core.edit.checks import changed_window, partner

        for k, (known, column) in enumerate(self.known):
            if known is segs:
                if k:
                    self.known.insert(0, self.known.pop(k))
                return column
        if base is None:  # the pair the edit's checks compared last, when its other list is known here
            other = partner(segs)
            if other is not None and any(known is other for known, _ in self.known):
                base = other  # type: ignore[assignment]
        made: list[Any] | None = None
        if base is not None and base is not segs:
            lo, hi_old, hi_new = changed_window(base, segs)
            if 2 * (hi_new - lo) <= len(segs):
                base_column = self.of(base)
                made = base_column[:lo] + list(map(self.get, segs[lo:hi_new])) + base_column[hi_old:]
        if made is None:
            made = list(map(self.get, segs))
        self.known.insert(0, (segs, made))
        del self.known[4:]
        return made


_IDS, _STARTS, _ARTICLES = _Column(_ID), _Column(_START), _Column(_ARTICLE)


class _Layered:
    """A segment list's id table as its base list's with the edit's window laid over it: the segments the
    window put in, and the ids it took out. Copying the base's 40,000-entry dict for a new Article's window of
    4,000 cost ~3-5 ms of the UI thread; a lookup now asks at most ``_MAX_LAYERS`` small dicts more."""

    __slots__ = ("base", "put", "gone", "depth")

    def __init__(self, base: _Table, put: dict[str, Segment], gone: set[str]) -> None:
        self.base, self.put, self.gone = base, put, gone
        self.depth: int = getattr(base, "depth", 0) + 1

    def get(self, segment_id: str) -> Segment | None:
        seg = self.put.get(segment_id)
        if seg is not None or segment_id in self.gone:
            return seg
        return self.base.get(segment_id)


_Table = dict[str, Segment] | _Layered
_MAX_LAYERS = 8


class _ById:
    """Each segment by its id, for the last few segment lists asked (as :class:`_Column`). ``list.index`` on the
    id column cost ~1.5 ms per lookup in the middle of 40,000 segments, and the panes look a segment up ten
    times or so per edit (the text view, the inspector, the selection kept valid); a dict made from its base's
    by the edit's window is a C-level copy (~1 ms), once per new list, and each lookup then a dict hit and a
    bisection of the start column."""

    def __init__(self) -> None:
        self.known: list[tuple[Sequence[Segment], _Table]] = []

    def of(self, segs: Sequence[Segment]) -> _Table:
        from curator.core.edit.checks import changed_window, partner

        for k, (known, table) in enumerate(self.known):
            if known is segs:
                if k:
                    self.known.insert(0, self.known.pop(k))
                return table
        made: _Table | None = None
        base = partner(segs)
        if base is not None:
            base_table = next((t for known, t in self.known if known is base), None)
            if base_table is not None and getattr(base_table, "depth", 0) < _MAX_LAYERS:
                lo, hi_old, hi_new = changed_window(base, segs)
                if 2 * (hi_new - lo) <= len(segs):
                    window = segs[lo:hi_new]
                    put = dict(zip(map(_ID, window), window))
                    made = _Layered(base_table, put, set(map(_ID, base[lo:hi_old])).difference(put))
        if made is None:
            made = dict(zip(ids_of(segs), segs))
        self.known.insert(0, (segs, made))
        del self.known[4:]
        return made


_BY_ID = _ById()


def ids_of(segs: Sequence[Segment]) -> list[str]:
    """The segments' ids in order (the same list object while ``segs`` is the same list)."""
    return _IDS.of(segs)


def starts_of(segs: Sequence[Segment]) -> list[int]:
    """The segments' start offsets in order (sorted: segments are)."""
    return _STARTS.of(segs)


def articles_of(segs: Sequence[Segment], *, base: Sequence[Segment] | None = None) -> list[str | None]:
    """The segments' Article ids in order; ``base``: the list the edit that made ``segs`` started from ("is
    this Article still named?" read all 40,000 segments, twice per new article)."""
    return _ARTICLES.of(segs, base)


def position(segs: Sequence[Segment], segment_id: str) -> int:
    """Where the segment ``segment_id`` is; ValueError when there is none."""
    seg = _BY_ID.of(segs).get(segment_id)
    if seg is None:
        raise ValueError(segment_id)
    i = bisect_left(starts_of(segs), seg.start)
    while segs[i] is not seg:  # segments sharing a start (never many)
        i += 1
    return i


def positions(segs: Sequence[Segment], segment_ids: Iterable[str]) -> list[int]:
    """Where each of ``segment_ids`` is, sorted, each once; ValueError names the smallest missing id."""
    return sorted({position(segs, sid) for sid in sorted(set(segment_ids))})


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
    seg = _BY_ID.of(segs).get(segment_id)
    if seg is None:
        raise KeyError(segment_id)
    return seg
