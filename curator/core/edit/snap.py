"""Boundary policies: where a cut, a selection or a nudge really lands in the text.

Named functions (like spaCy's ``alignment_mode``) so that every verb snaps the
same way and tests can pin the policy down. Every policy keeps one rule: a
segment never starts or ends on whitespace (``model.edge_problems``), and a
nudge that cannot move as it says returns None rather than moving somewhere else.
"""

from __future__ import annotations

import re
import unicodedata

from curator.core.validate import split_character

_WORD = re.compile(r"\w+|[^\w\s]+")
_TOKEN_START = re.compile(r"(?<=\s)\S")
# Search a window around an offset: enough for any real line without scanning a 1 MB text.
WINDOW = 20000


def grapheme_end(text: str, at: int) -> int:
    """``at``, or past the rest of the character it falls inside (a combining mark, a joiner, a skin
    tone, a flag's second half): the rule ``curator validate`` checks. Forward for starts and ends
    alike, so a cut at one offset gives two parts that meet."""
    while 0 < at < len(text) and split_character(text, at):
        at += 1
    return at


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` on whole characters (``grapheme_end``), shrunk so it neither starts nor ends
    with whitespace (may become empty)."""
    start = grapheme_end(text, max(0, min(start, len(text))))
    end = grapheme_end(text, max(start, min(end, len(text))))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_of(text: str, pos: int) -> tuple[int, int]:
    """``[ls, le)``: the line holding ``pos`` (``le`` is its newline or the end of the text)."""
    ls = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    ends = [i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0]
    return ls, min(ends) if ends else len(text)


def _lines(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Visible ``(start, end)`` of every non-blank line meeting ``[lo, hi)``, trimmed of whitespace."""
    out = []
    pos = _line_of(text, lo)[0]
    while pos < hi:
        ls, le = _line_of(text, pos)
        s, e = trim_span(text, ls, le)
        if e > s:
            out.append((s, e))
        pos = le + 1
    return out


def _wordy(c: str) -> bool:
    # A combining mark (an accent written apart, an Indic vowel sign or virama) belongs to its word.
    return c.isalnum() or c == "_" or (not c.isascii() and unicodedata.category(c)[0] == "M")


def _same_run(a: str, b: str) -> bool:
    """Two characters of one word (or one punctuation run), or of one character (``split_character``)."""
    if a.isspace() or b.isspace():
        return False
    return _wordy(a) == _wordy(b)


def _inside(text: str, at: int) -> bool:
    """``at`` is within a word or punctuation run, or within one character."""
    if not 0 < at < len(text):
        return False
    a, b = text[at - 1], text[at]
    if _same_run(a, b):
        return True
    # Only a joiner before, or a mark, joiner, selector, skin tone or flag half after, can make one
    # character of two (none is ASCII or alphanumeric): the check costs a few unicodedata calls.
    return (a == "\u200d" or not (b.isascii() or b.isalnum())) and split_character(text, at) is not None


def word_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``[lo, hi)`` where a word (or punctuation run) starts (not where ``lo`` cuts one)."""
    lo, hi = max(0, lo), max(0, hi)
    return [m.start() for m in _WORD.finditer(text, lo, hi) if not _inside(text, m.start())]


def word_ends(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``(lo, hi]`` where a word (or punctuation run) ends (not where ``hi`` cuts one)."""
    lo, hi = max(0, lo), max(0, hi)
    return [m.end() for m in _WORD.finditer(text, lo, hi) if not _inside(text, m.end())]


def nudge_target(
    text: str, *, start: int, end: int, edge: str, direction: int, unit: str, lo: int = 0, hi: int | None = None
) -> int | None:
    """Where ``edge`` of the segment ``[start, end)`` lands nudged one ``unit`` in ``direction``, or None.

    ``lo``/``hi`` are where the neighbouring segments end and start: limits, never
    stopping points. A start lands on a word (line) start and an end on a word
    (line) end, so the segment keeps text at both edges and never becomes empty.
    A word nudge that grows the segment stays on the line its edge is on; a line
    nudge takes in (or gives up) a whole line, or the free part of one a
    neighbour shares. None: there is no such place (a one-line segment has no
    line to give up, a one-word segment no word).
    """
    hi = len(text) if hi is None else hi
    if unit not in ("word", "line"):
        raise ValueError(f"unknown nudge unit {unit!r} (word or line)")
    if edge not in ("start", "end"):
        raise ValueError(f"edge must be 'start' or 'end', not {edge!r}")
    if unit == "word":
        if edge == "start" and direction < 0:
            ls = _line_of(text, start)[0]
            marks = word_starts(text, max(lo, ls, start - WINDOW), start)
            return max(marks) if marks else None
        if edge == "start":
            marks = word_starts(text, start + 1, min(end, start + WINDOW))
            return min(marks) if marks else None
        if direction < 0:
            marks = [m for m in word_ends(text, max(start, end - WINDOW), end) if start < m < end]
            return max(marks) if marks else None
        le = _line_of(text, end - 1)[1]
        marks = [m for m in word_ends(text, end, min(hi, le, end + WINDOW)) if m > end]
        return min(marks) if marks else None

    if edge == "start" and direction < 0:
        for s, e in reversed(_lines(text, max(0, start - WINDOW), start)):
            if s >= start:
                continue
            if s >= lo:
                return s
            # The line is shared with the neighbour before: take in its free part, if any.
            free = word_starts(text, lo, min(e, start))
            return free[0] if free else None
        return None
    if edge == "start":
        for s, _e in _lines(text, start, min(end, start + WINDOW)):
            if s > start:
                return s if s < end else None
        return None
    if direction < 0:
        for _s, e in reversed(_lines(text, max(start, end - WINDOW), end)):
            if e < end:
                return e if e > start else None
        return None
    for s, e in _lines(text, end, min(len(text), end + WINDOW)):
        if e <= end:
            continue
        if e <= hi:
            return e
        # The line is shared with the neighbour after: take in its free part, if any.
        free = [m for m in word_ends(text, max(end, s), hi) if m > end]
        return free[-1] if free else None
    return None


def split_point(text: str, start: int, end: int, at: int) -> int | None:
    """The word boundary inside ``[start, end)`` nearest to ``at`` (a cut never falls inside a word), or None."""
    lo, hi = max(start + 1, at - WINDOW), min(end, at + WINDOW)
    marks = [m.start() for m in _TOKEN_START.finditer(text, lo, hi)]
    if not marks:
        return None
    return min(marks, key=lambda m: (abs(m - at), -m))
