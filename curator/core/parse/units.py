"""Splitting a Document's text into lines and blank-line blocks, with code-point offsets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import xxhash

# Only these three are line breaks in a scraped page; str.splitlines would also break on
# \x1c, \x85 or \u2028 and shift every offset after them.
# A line's text from its first non-space character to the line break; \s and str.strip agree
# on what whitespace is, so the trimmed spans match what a reader sees.
_LINE_BODY = re.compile(r"\S[^\r\n]*")


@dataclass(slots=True)
class Unit:
    """One trimmed non-blank line (or part of one): the smallest piece a Segment is made of."""

    start: int
    end: int
    text: str
    block: int  # index of the blank-line block it sits in
    first_in_block: bool
    last_in_block: bool


def split_units(text: str) -> list[Unit]:
    """Every non-blank line, trimmed, tagged with its blank-line block."""
    units: list[Unit] = []
    block = 0
    prev_end = 0
    for m in _LINE_BODY.finditer(text):
        start = m.start()
        stripped = m.group().rstrip()
        if units:
            gap_breaks = text.count("\n", prev_end, start) + text.count("\r", prev_end, start)
            gap_breaks -= text.count("\r\n", prev_end, start)
            if gap_breaks >= 2:
                block += 1
                units[-1].last_in_block = True
        first = not units or units[-1].block != block
        units.append(Unit(start, start + len(stripped), stripped, block, first, False))
        prev_end = start + len(stripped)
    if units:
        units[-1].last_in_block = True
    return units


def norm_key(s: str) -> str:
    """Casefolded, whitespace-collapsed form used to compare passages across pages."""
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
    return " ".join(s.split()).casefold()


def passage_hash(s: str) -> int:
    """Stable 64-bit hash of a passage's normalised form."""
    return xxhash.xxh3_64_intdigest(norm_key(s).encode("utf-8", "surrogatepass"))
