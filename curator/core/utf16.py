"""Code points (Curator's offsets) <-> UTF-16 code units (Java's, so UIMA's and INCEpTION's).

Only characters beyond the Basic Multilingual Plane (emoji, some CJK) take two UTF-16 units;
a text without any converts as the identity, found with one C-level regex scan.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Offset conversion for one text."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]  # code point index of each
        self._astral16 = [cp + i for i, cp in enumerate(self._astral)]  # its UTF-16 index

    @property
    def identity(self) -> bool:
        return not self._astral

    def to_utf16(self, cp: int) -> int:
        return cp + bisect.bisect_left(self._astral, cp)

    def to_code_point(self, unit: int) -> int:
        """The code point at UTF-16 index ``unit``; ValueError when it falls inside a surrogate pair."""
        before = bisect.bisect_left(self._astral16, unit)
        if before and self._astral16[before - 1] + 1 == unit:
            raise ValueError(f"UTF-16 offset {unit} falls inside a surrogate pair")
        return unit - before
