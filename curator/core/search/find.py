"""Find every occurrence of a query in a text: literal or regular expression, offsets in code points."""

from __future__ import annotations

import re
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
