"""Text units for duplicate detection: normalisation, passages, word tokens with offsets.

Offsets are code points into the Document text. Normalisation (NFKC, casefold,
whitespace collapsed) is applied to whole passages for exact hashing and to each
word token for alignment, so offsets always point into the original text.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from xxhash import xxh3_64_intdigest

from curator.core.compiled import KERNEL

try:
    from mypy_extensions import mypyc_attr
except ImportError:  # pure Python without mypy installed: the decorator only speaks to mypyc
    _C = TypeVar("_C")

    def mypyc_attr(*attrs: str, **kwattrs: object) -> Callable[[_C], _C]:  # type: ignore[no-redef]
        return lambda cls: cls

# The duplicate finder's kernel (C) when its build matches its source, else None (the Python runs).
_KERNEL = KERNEL.module()

_BLANK_GAP = re.compile(r"(?:\r?\n|\r)[ \t\u00a0\u2000-\u200b\u3000]*(?:\r?\n|\r)")
# Same gaps when the text has no carriage return; a literal first character scans much faster.
_BLANK_GAP_LF = re.compile(r"\n[ \t\u00a0\u2000-\u200b\u3000]*\n")
WORD = re.compile(r"\w+")
# ASCII bytes that are not \w (anything but letters, digits, underscore) -> space; for bytes.translate.
ASCII_WORD_BYTES = bytes(c if chr(c).isalnum() or c == 0x5F else 0x20 for c in range(128)) + b" " * 128
# A sentence ends at . ! ? … (plus closing quotes/brackets) followed by whitespace.
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)")


def normalise(text: str) -> str:
    """NFKC, casefold, whitespace collapsed to single spaces and trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def blocks(text: str) -> list[tuple[int, int]]:
    """Spans separated by blank lines, trimmed of surrounding whitespace."""
    if _KERNEL is not None:  # the same spans in one call (tests/test_dups_align_span.py)
        spans: list[tuple[int, int]] = _KERNEL.blocks(text)
        return spans
    return _blocks_pure(text)


def _blocks_pure(text: str) -> list[tuple[int, int]]:
    """``blocks`` in Python (the kernel's reference)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    gap = _BLANK_GAP if "\r" in text else _BLANK_GAP_LF
    for m in [*gap.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        if m:
            pos = m.end()
    return spans


@mypyc_attr(allow_interpreted_subclasses=True)  # the spool's lazy tokens (``engine._SpooledTokens``)
class Tokens:
    """Word tokens of one passage (as stable ids) with their code-point spans in the Document.

    ``ids`` are made at once: each word's ``word_ids`` (a hash of its normalised UTF-8 bytes), the
    same in every process, so tokens made in one process (the span spool) serve any other and
    need no shared vocabulary. The offsets (``starts``, ``ends``) and the sentence bounds are made
    when first asked for: alignment needs them only for pairs that pass the coverage check (about
    one candidate pair in ten on a news site), and building them was most of what tokenising cost
    (measured: 10k site pages, 37k passages aligned).
    """

    __slots__ = ("_bounds", "_chars", "_packed", "end", "ids", "start", "text")

    def __init__(self, text: str, start: int, end: int, ids: list[int],
                 bounds: tuple[tuple[int, ...], tuple[int, ...]] | None = None) -> None:
        self.text, self.start, self.end, self.ids = text, start, end, ids
        self._bounds: tuple[tuple[int, ...], ...] | None = None
        self._chars: tuple[int, str] | None = None  # (``_Chars`` generation, the ids as characters)
        self._packed: bytes | None = None  # the kernel's bounds (``packed``)
        if bounds is not None:
            self._bounds = (*bounds, *_sentences(text, start, end))

    def loaded(self) -> str:
        """The text the offsets index (the spool's lazy tokens read it here)."""
        return self.text

    def packed(self) -> bytes:
        """The bounds as the kernel reads them (``kernel.bounds``: ``_all``'s four, as int64s), made once;
        only with the kernel built."""
        p = self._packed
        if p is None:
            text = self.loaded()
            assert _KERNEL is not None
            p = self._packed = _KERNEL.bounds(text, self.start, self.end)
        return p

    def _all(self) -> tuple[tuple[int, ...], ...]:
        if self._bounds is None:
            self._bounds = (*_word_bounds(self.text, self.start, self.end), *_sentences(self.text, self.start, self.end))
        return self._bounds

    @property
    def starts(self) -> tuple[int, ...]:
        return self._all()[0]

    @property
    def ends(self) -> tuple[int, ...]:
        return self._all()[1]

    @property
    def sentence_starts(self) -> tuple[int, ...]:
        """Document offsets where a sentence begins (incl. the passage start)."""
        return self._all()[2]

    @property
    def sentence_ends(self) -> tuple[int, ...]:
        """Document offsets where a sentence ends (incl. the passage end)."""
        return self._all()[3]


    def chars_in(self, table: _Chars) -> str:
        """The ids as one character each in ``table`` (equal ids, equal characters), cached."""
        cached = self._chars
        if cached is not None and cached[0] == table.generation:
            return cached[1]
        gen = table.generation
        c = "".join(map(table.__getitem__, self.ids))
        if table.generation != gen:  # the table started again in the middle: number them again
            c = "".join(map(table.__getitem__, self.ids))
        self._chars = (table.generation, c)
        return c


class _Chars(dict):
    """Word id -> one character, numbered as ids are first seen in this process.

    Only to hand rapidfuzz strings: ``Indel.opcodes`` compares strings 1.8x faster than lists of
    ints (4.4 against 8 µs for two 80-word passages, measured) and gives the same opcodes (they
    depend only on which elements are equal). The ids themselves are process-independent
    (``word_ids``); this table is not, and never leaves the process.
    """

    def __init__(self) -> None:
        super().__init__()
        self.generation = next(_GENERATIONS)

    def __missing__(self, wid: int) -> str:
        n = len(self)
        if n >= _CHARS_MAX:  # full: start again (Tokens numbered before number their ids again)
            self.clear()
            self.generation = next(_GENERATIONS)
            n = 0
        c = self[wid] = chr(n if n < 0xD800 else n + 0x800)  # no surrogate code points
        return c


_GENERATIONS = itertools.count(1)
_CHARS_MAX = 500_000  # distinct words; about 50 MB at most
_LOCAL = threading.local()


def pair_chars(a: Tokens, b: Tokens) -> tuple[str, str]:
    """Two passages' ids as characters of one table generation (this thread's table)."""
    table = getattr(_LOCAL, "chars", None)
    if table is None:
        table = _LOCAL.chars = _Chars()
    ca = a.chars_in(table)
    gen = table.generation
    cb = b.chars_in(table)
    if table.generation != gen:  # numbering b's ids started the table again
        ca = a.chars_in(table)
    return ca, cb


def word_ids(words: Sequence[bytes]) -> list[int]:
    """A stable id per word (its normalised UTF-8 bytes): the top 60 bits of its xxh3-64.

    Equal words get equal ids in every process. Alignment compares ids for equality only
    (``Indel.opcodes`` depends on nothing else), so its output is that of comparing the words
    unless two distinct words of one pair of passages share an id: with 60 bits, about one chance
    in 10^12 for two passages of a few hundred distinct words. Ids stay below 2**61 - 1, so a
    library that hashes ints (Python's ``hash`` is the identity there) keeps them distinct.
    """
    # One shift a word on Python ints (the same value as numpy's uint64 >> 4): 25 % faster than
    # numpy's fromiter, shift and tolist for a passage of 38 words (measured, both builds).
    return [xxh3_64_intdigest(w) >> 4 for w in words]


def _fold_word(word: str) -> bytes:
    """A word as ``word_ids`` hashes it: NFKC, casefolded, UTF-8."""
    return unicodedata.normalize("NFKC", word).casefold().encode("utf-8", "surrogatepass")


def tokens(text: str, start: int, end: int) -> Tokens:
    """Word tokens of ``text[start:end]`` (each NFKC-casefolded, as ``word_ids``); offsets and sentence bounds on demand."""
    if _KERNEL is not None:
        # The ids in one call (non-ASCII words folded through ``_fold_word``); the bounds are made only if
        # an alignment needs them (``Tokens.packed``), as for ASCII passages. ``_tokens_pure`` is its Python.
        chunk = text[start:end]
        ids: list[int] = _KERNEL.ascii_word_ids(chunk) if chunk.isascii() else _KERNEL.word_ids(chunk, _fold_word)
        return Tokens(text, start, end, ids)
    return _tokens_pure(text, start, end)


def _tokens_pure(text: str, start: int, end: int) -> Tokens:
    """``tokens`` in Python (the kernel's reference)."""
    chunk = text[start:end]
    if chunk.isascii():
        # NFKC leaves ASCII as it is and casefold is lower(); \w is [A-Za-z0-9_]. With every other
        # character made a space, the words are the split.
        return Tokens(text, start, end, word_ids(chunk.lower().encode().translate(ASCII_WORD_BYTES).split()))
    words: list[bytes] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in WORD.finditer(chunk):
        words.append(_fold_word(m.group()))
        starts.append(start + m.start())
        ends.append(start + m.end())
    return Tokens(text, start, end, word_ids(words), (tuple(starts), tuple(ends)))


def _word_bounds(text: str, start: int, end: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Offsets of the words of an ASCII passage: they follow from the pieces of a split on single
    spaces (40 % faster than a match object per word, measured)."""
    chunk = text[start:end]
    if not chunk.isascii():  # (Tokens made from spooled ids: the regex's words, as ``tokens`` has them)
        found = list(WORD.finditer(chunk))
        return tuple(start + m.start() for m in found), tuple(start + m.end() for m in found)
    spaced = chunk.encode().translate(ASCII_WORD_BYTES).decode()
    starts: list[int] = []
    ends: list[int] = []
    pos = start
    for piece in spaced.split(" "):
        if piece:
            starts.append(pos)
            ends.append(pos + len(piece))
        pos += len(piece) + 1
    return tuple(starts), tuple(ends)


def _sentences(text: str, start: int, end: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    s_ends = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    s_starts = [start]
    for e in s_ends:
        nxt = e
        while nxt < end and text[nxt].isspace():
            nxt += 1
        s_starts.append(nxt)
    s_ends.append(end)
    return tuple(s_starts), tuple(s_ends)
