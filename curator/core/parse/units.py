"""Splitting a Document's text into lines and blank-line blocks, with code-point offsets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import xxhash

# Only these three are line breaks in a scraped page; str.splitlines would also break on
# \x1c, \x85 or \u2028 and shift every offset after them.
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SPACE_RUN = re.compile(r"\s+")


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
    pos = 0
    block = 0
    prev_blank = True
    n = len(text)
    breaks = [m.start() for m in _NEWLINE.finditer(text)] if "\n" in text or "\r" in text else []
    ends = [*breaks, n]
    for line_end in ends:
        line = text[pos:line_end]
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            if prev_blank and units:
                block += 1
            units.append(Unit(start, start + len(stripped), stripped, block, prev_blank, False))
            prev_blank = False
        else:
            prev_blank = True
        # skip the newline itself (two code points for \r\n)
        pos = line_end + (2 if text.startswith("\r\n", line_end) else 1)
    for i, u in enumerate(units):
        u.last_in_block = i + 1 == len(units) or units[i + 1].block != u.block
    return units


def norm_key(s: str) -> str:
    """Casefolded, NFKC, whitespace-collapsed form used to compare passages across pages."""
    return _SPACE_RUN.sub(" ", unicodedata.normalize("NFKC", s)).strip().casefold()


def passage_hash(s: str) -> int:
    """Stable 64-bit hash of a passage's normalised form."""
    return xxhash.xxh3_64_intdigest(norm_key(s).encode("utf-8", "surrogatepass"))
