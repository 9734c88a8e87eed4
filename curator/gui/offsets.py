"""The one place where code points (the contract) meet Qt's UTF-16 positions.

Python strings index code points; ``QTextDocument`` counts UTF-16 units, so
every character above U+FFFF (emoji…) takes two Qt positions. An OffsetMap is
built once per Document and converts either way with a binary search.

Qt also folds ``\\r\\n`` into a single block separator when it loads plain text;
``display_text`` shows such a ``\\r`` as a space so that Qt's text keeps exactly
one position per UTF-16 unit of the source.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def display_text(text: str) -> str:
    """The text handed to Qt: same length in UTF-16 units, ``\\r\\n`` kept as two positions."""
    return text.replace("\r\n", " \n")


class OffsetMap:
    """Code point <-> UTF-16 conversions for one text."""

    def __init__(self, text: str) -> None:
        self._cp = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character: it is pushed right by one per earlier one.
        self._u16 = [p + k for k, p in enumerate(self._cp)]
        self.length = len(text)
        self.qt_length = len(text) + len(self._cp)

    @property
    def identity(self) -> bool:
        return not self._cp

    def to_qt(self, cp: int) -> int:
        """UTF-16 position of code point offset ``cp``."""
        if not self._cp:
            return cp
        return cp + bisect.bisect_left(self._cp, cp)

    def from_qt(self, pos: int) -> int:
        """Code point offset of UTF-16 position ``pos`` (inside a surrogate pair: its character)."""
        if not self._cp:
            return pos
        k = bisect.bisect_left(self._u16, pos)
        if k and self._u16[k - 1] == pos - 1:
            return self._cp[k - 1]
        return pos - k
