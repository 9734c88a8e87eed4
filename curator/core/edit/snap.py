"""Boundary policies: where a cut, a selection or a nudge really lands in the text.

Named functions (like spaCy's ``alignment_mode``) so that every verb snaps the
same way and tests can pin the policy down.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+|[^\w\s]+")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace (may become empty)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def word_boundaries(text: str, lo: int, hi: int, *, edge: str) -> list[int]:
    """Offsets in ``[lo, hi]`` where a word (or punctuation run) starts (edge "start") or ends."""
    marks = {lo, hi}
    for m in _WORD.finditer(text, lo, hi):
        marks.add(m.start() if edge == "start" else m.end())
    return sorted(marks)


def line_boundaries(text: str, lo: int, hi: int, *, edge: str) -> list[int]:
    """Offsets in ``[lo, hi]`` where a line's visible text starts (edge "start") or ends."""
    marks = {lo, hi}
    pos = lo
    for m in [*_NEWLINE.finditer(text, lo, hi), None]:
        line_end = m.start() if m else hi
        s, e = trim_span(text, pos, line_end)
        if e > s:
            marks.add(s if edge == "start" else e)
        if m:
            pos = m.end()
    return sorted(marks)


def nudge_target(
    text: str, offset: int, *, direction: int, unit: str, edge: str, lo: int = 0, hi: int | None = None
) -> int:
    """Where a segment's ``edge`` lands when nudged one word or line in ``direction`` (+1/-1).

    A start edge stops at word (line) starts and an end edge at word (line) ends,
    so a nudged segment never begins or ends with whitespace; kept in ``[lo, hi]``.
    """
    hi = len(text) if hi is None else hi
    if unit not in ("word", "line"):
        raise ValueError(f"unknown nudge unit {unit!r} (word or line)")
    # Search a window around the offset: enough for any real line without scanning a 1 MB text.
    window = 20000
    a, b = max(lo, offset - window), min(hi, offset + window)
    find = word_boundaries if unit == "word" else line_boundaries
    marks = find(text, a, b, edge=edge)
    if direction > 0:
        after = [m for m in marks if m > offset]
        return min(after) if after else min(max(offset, lo), hi)
    before = [m for m in marks if m < offset]
    return max(before) if before else min(max(offset, lo), hi)
