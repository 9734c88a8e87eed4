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
import ctypes
import re
from functools import partial
from operator import add

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


# A line this long is a page saved without line breaks (a real paragraph is a few thousand
# characters). Qt lays out and paints a block as a whole: one 5 MB line took 7.7 s per resize
# and 9 s per paint, and a 50 MB one never opened. Such a line is shown in blocks of about
# DISPLAY_CHUNK characters, broken where a space is (a sentence end if there is one near).
LONG_LINE = 20_000
DISPLAY_CHUNK = 2_000
# Tried at line starts only: unanchored, the search re-scanned each line from every position in it
# (10 s for 1 MB of 19,000-character lines; 12 ms now).
_LONG = re.compile(f"^[^\\n]{{{LONG_LINE},}}", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?][\"'”»)]?( )")


def display_text(text: str) -> str:
    """The text handed to Qt: same length in UTF-16 units, ``\\r\\n`` kept as two positions.

    A space may be shown as a line break (very long lines only); the length, and so every
    offset, is unchanged, and a copy from the view copies the source's text.
    """
    return shown_text(text)[0]


def shown_text(text: str) -> tuple[str, int]:
    """``display_text`` and how many line breaks it shows that the text does not have (counting the text's
    lines to find out read 10 MB twice on each open of a 10 MB page)."""
    out = text.replace("\r\n", " \n")
    if not _may_have_long_lines(out):
        return out, 0
    breaks = [b for m in _LONG.finditer(out) for b in _line_breaks(out, m.start(), m.end())]
    if not breaks:
        return out, 0
    parts, last = [], 0
    for b in breaks:
        parts.append(out[last:b])
        parts.append("\n")
        last = b + 1
    parts.append(out[last:])
    return "".join(parts), len(breaks)


def _may_have_long_lines(text: str) -> bool:
    """False when no line is LONG_LINE long: a line that long covers at least one whole block of
    LONG_LINE // 2 code points aligned on its multiples, and every such block holds a newline. One
    ``find`` per block (~1 ms on 20 MB of ordinary lines), where trying ``_LONG`` at each line start
    read every character (0.23 s on 20 MB, on each open)."""
    half = LONG_LINE // 2
    find = text.find
    return any(find("\n", p, p + half) < 0 for p in range(0, len(text) - half + 1, half))


def _line_breaks(text: str, start: int, end: int) -> list[int]:
    """Positions of spaces in ``text[start:end]`` to show as line breaks, about DISPLAY_CHUNK apart."""
    out: list[int] = []
    pos = start
    while end - pos > DISPLAY_CHUNK:
        window_end = min(end, pos + 2 * DISPLAY_CHUNK)
        m = _SENTENCE_END.search(text, pos + DISPLAY_CHUNK, window_end)
        at = m.start(1) if m else text.find(" ", pos + DISPLAY_CHUNK, window_end)
        if at < 0:  # no space in the window (a run of base64, say): look further, still unbroken
            at = text.find(" ", window_end, end)
            if at < 0:
                break
        out.append(at)
        pos = at + 1
    return out


def _from_ucs2() -> object | None:
    """CPython's ``PyUnicode_FromKindAndData`` for 2-byte data, or None where it cannot be had."""
    try:
        make = ctypes.pythonapi.PyUnicode_FromKindAndData
    except (AttributeError, OSError):
        return None
    make.restype = ctypes.py_object
    make.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_ssize_t)
    return make


_FROM_UCS2 = _from_ucs2()
_UCS2_KIND = 2  # PyUnicode_2BYTE_KIND


def qt_string(text: str) -> str:
    """``text`` for a Qt call that takes a long string: the same UTF-16 Qt gets, handed over in less time.

    A Python string with a character above U+FFFF (an emoji) is stored 4 bytes a character, and PySide converts
    such a string to Qt's UTF-16 a character at a time: 94 ms of the 240 ms ``setPlainText`` of a 10 MB page with
    emoji (6 ms without them). Encoded to UTF-16 here (in C) and held as a string of those 16-bit units — each
    character above U+FFFF as its two surrogates — PySide copies it whole: 28 + 144 ms. Qt's text is the same,
    unit for unit (``tests/test_gui_offsets.py``). Not for Python's own use: the surrogates are not characters.
    """
    if _FROM_UCS2 is None or text.isascii():
        return text
    data = text.encode("utf-16-le", "surrogatepass")
    return _FROM_UCS2(_UCS2_KIND, data, len(data) // 2)  # type: ignore[operator,no-any-return]


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

    def to_qt_many(self, cps: list[int]) -> list[int]:
        """``to_qt`` of each offset in ``cps``, in C loops (opening a 10 MB page converts 80,000 boundaries:
        a Python call each was ~25 ms of it)."""
        if not self._cp:
            return list(cps)
        return list(map(add, cps, map(partial(bisect.bisect_left, self._cp), cps)))

    def from_qt(self, pos: int) -> int:
        """Code point offset of UTF-16 position ``pos`` (inside a surrogate pair: its character)."""
        if not self._cp:
            return pos
        k = bisect.bisect_left(self._u16, pos)
        if k and self._u16[k - 1] == pos - 1:
            return self._cp[k - 1]
        return pos - k
