"""Find every occurrence of a query in a text: literal or regular expression, offsets in code points."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Past this many matches a search stops counting (a one-letter query on a 1 MB page).
MAX_MATCHES = 5000


@dataclass(frozen=True)
class Query:
    """What to look for: ``text`` literally (or as a regex), case-sensitive or not."""

    text: str
    regex: bool = False
    case: bool = False

    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern; raises ValueError naming the problem for a bad regular expression."""
        flags = 0 if self.case else re.IGNORECASE
        try:
            return re.compile(self.text if self.regex else re.escape(self.text), flags)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None


def find_all(text: str, query: Query, *, limit: int = MAX_MATCHES) -> tuple[list[tuple[int, int]], bool]:
    """``([(start, end), ...], complete)``: non-empty matches in order, at most ``limit`` (complete=False past it).

    ``re`` with IGNORECASE rather than lower-casing the text: case folding can change a
    string's length (ß, İ), which would shift every offset after it.
    """
    if not query.text:
        return [], True
    pattern = query.pattern()
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        if m.end() > m.start():
            out.append((m.start(), m.end()))
            if len(out) >= limit:
                return out, False
    return out, True


# ``iter_find`` reads the text in windows of WINDOW code points (plus MARGIN beyond, for the matches that
# cross a window's end): one ``re`` call on 20 MB held the UI thread 2-8 s (a query found nowhere scans it
# all in C, with the GIL). A window is ~5-25 ms of searching, so a caller can stop between two.
WINDOW = 65_536
MARGIN = 8_192


def iter_find(text: str, query: Query, *, limit: int = MAX_MATCHES,
              window: int = WINDOW, margin: int = MARGIN) -> Iterator[tuple[int, int] | int]:
    """The matches of ``find_all`` (at most ``limit``), found window by window: yields each match
    ``(start, end)``, and after each window the offset searched up to (an ``int``), so that a caller
    can pause between windows. Exact for every literal query and for regexes whose matches are
    shorter than ``margin``: a match reaching the window's limit is taken from an unbounded match at
    its start, so neither ``$`` nor a greedy quantifier stops early at a window's edge.
    """
    if not query.text:
        return
    pattern = query.pattern()
    n = len(text)
    pos, found = 0, 0
    while pos < n:
        end = min(n, pos + window)
        lim = min(n, end + margin)
        nxt = end
        for m in pattern.finditer(text, pos, lim):
            if m.start() >= end:
                break
            a, b = m.start(), m.end()
            if b >= lim and lim < n:  # it may go on past the limit: its whole match, from its start
                whole = pattern.match(text, a)
                if whole is None:  # it matched only because the text seemed to end there: go on after a
                    nxt = a + 1
                    break
                b = whole.end()
            if b > a:
                yield (a, b)
                found += 1
                if found >= limit:
                    return
            nxt = max(nxt, b if b > a else a + 1)
        pos = nxt
        yield pos


_SPACE = re.compile(r"\s+")


def context(text: str, start: int, end: int, *, width: int = 60) -> tuple[str, str, str]:
    """(before, match, after) around ``[start, end)`` on one line, whitespace folded, cut to ``width`` each side."""
    before = _SPACE.sub(" ", text[max(0, start - 4 * width):start]).lstrip()
    after = _SPACE.sub(" ", text[end:end + 4 * width]).rstrip()
    if len(before) > width:
        before = "…" + before[-width + 1:]
    if len(after) > width:
        after = after[: width - 1] + "…"
    return before, _SPACE.sub(" ", text[start:end]), after
