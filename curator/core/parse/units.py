"""Splitting a Document's text into lines and blank-line blocks, with code-point offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

import xxhash

# Only these three are line breaks in a scraped page; str.splitlines would also break on
# \x1c, \x85 or \u2028 and shift every offset after them.
_NEWLINE_SPLIT = re.compile(r"(\r\n|\r|\n)")
_OTHER_BREAKS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


@dataclass(slots=True)
class Unit:
    """One trimmed non-blank line (or part of one): the smallest piece a Segment is made of."""

    start: int
    end: int
    text: str
    block: int  # index of the blank-line block it sits in


def _lines(text: str) -> list[str]:
    """Lines with their line breaks, breaking only at \\n, \\r\\n and \\r."""
    if not any(c in text for c in _OTHER_BREAKS):
        return text.splitlines(keepends=True)  # C speed; same result when no other breaks occur
    parts = _NEWLINE_SPLIT.split(text)
    return [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


def split_units(text: str) -> list[Unit]:
    """Every non-blank line, trimmed, tagged with its blank-line block."""
    units: list[Unit] = []
    block = 0
    pos = 0
    blank_since = True
    for line in _lines(text):
        left = line.lstrip()
        if left:
            stripped = left.rstrip()
            start = pos + len(line) - len(left)
            if units and blank_since:
                block += 1
            units.append(Unit(start, start + len(stripped), stripped, block))
            blank_since = False
        else:
            blank_since = True
        pos += len(line)
    return units


def norm_key(s: str) -> str:
    """Casefolded, whitespace-collapsed form used to compare passages across pages.

    No NFKC: the site's variation is in spaces (\u00a0) and case, which this covers at a
    fraction of the cost.
    """
    # An ASCII text whose only spaces are single ones inside it (printable ASCII holds no other
    # whitespace) is its own split and join, and ASCII casefolds as it lowers: 96 % of the site's
    # lines, the split's words never made.
    if s.isascii() and s.isprintable() and "  " not in s and s[:1] != " " and s[-1:] != " ":
        return s.lower()
    return " ".join(s.split()).casefold()


def passage_hash(s: str) -> int:
    """Stable 64-bit hash of a passage's normalised form."""
    return xxhash.xxh3_64_intdigest(norm_key(s).encode("utf-8", "surrogatepass"))


def passage_hashes(text: str) -> list[int]:
    """``passage_hash`` of every unit's text, in order (``[passage_hash(u.text) for u in
    split_units(text)]``) without making the units: what the corpus context pass needs of a page."""
    out: list[int] = []
    for line in _lines(text):
        s = line.strip()  # a unit's text: the line's lstrip() then rstrip()
        if s:
            out.append(passage_hash(s))
    return out


_MASK64 = (1 << 64) - 1


def pair_hash(first: int, second: int) -> int:
    """Key of two passages in this order (one after the other on a page), from their hashes."""
    return ((first * 0x100000001B3) ^ (second + 0x9E3779B97F4A7C15)) & _MASK64
