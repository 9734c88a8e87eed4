"""Overlaps between two sorted, non-overlapping lists of spans, and line numbers of offsets."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Protocol

_NEWLINE = re.compile(r"\r\n|\r|\n")


class HasSpan(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def overlapping_pairs(a: Sequence[HasSpan], b: Sequence[HasSpan]) -> list[tuple[int, int, int]]:
    """Every ``(i, j, chars)`` where ``a[i]`` and ``b[j]`` share ``chars > 0`` code points.

    Both lists must be sorted and non-overlapping (the Curation invariant), so a
    single sweep finds all pairs.
    """
    pairs: list[tuple[int, int, int]] = []
    j0 = 0
    for i, x in enumerate(a):
        while j0 < len(b) and b[j0].end <= x.start:
            j0 += 1
        j = j0
        while j < len(b) and b[j].start < x.end:
            amount = min(x.end, b[j].end) - max(x.start, b[j].start)
            if amount > 0:
                pairs.append((i, j, amount))
            j += 1
    return pairs


def best_match(pairs: list[tuple[int, int, int]], *, n: int, side: int) -> list[int | None]:
    """For each index on ``side`` (0: a, 1: b), the index on the other side with the largest overlap."""
    best: list[int | None] = [None] * n
    amount: list[int] = [0] * n
    for pair in pairs:
        me, other, chars = pair[side], pair[1 - side], pair[2]
        if chars > amount[me]:
            best[me] = other
            amount[me] = chars
    return best


class LineIndex:
    """Maps code-point offsets to 0-based line numbers (``\\r\\n``, ``\\r`` and ``\\n`` end lines)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) - 1

    def start_line(self, start: int) -> int:
        """The line holding a segment's first character."""
        return self.line_of(start)

    def end_line(self, end: int) -> int:
        """The line holding a segment's last character (``end`` is exclusive)."""
        return self.line_of(max(end - 1, 0))
