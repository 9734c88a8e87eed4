"""Text units for duplicate detection: normalisation, passages, word tokens with offsets.

Offsets are code points into the Document text. Normalisation (NFKC, casefold,
whitespace collapsed) is applied to whole passages for exact hashing and to each
word token for alignment, so offsets always point into the original text.
"""

from __future__ import annotations

import re
import unicodedata

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


class Tokens:
    """Normalised word tokens of one passage with their code-point spans in the Document.

    ``words`` are made at once; the offsets (``starts``, ``ends``) and the sentence bounds are
    made when first asked for: alignment needs them only for pairs that pass the coverage
    check (about one candidate pair in ten on a news site), and building them was most of
    what tokenising cost (measured: 10k site pages, 37k passages aligned).
    """

    __slots__ = ("_bounds", "_ids", "end", "start", "text", "words")

    def __init__(self, text: str, start: int, end: int, words: tuple[str, ...],
                 bounds: tuple[tuple[int, ...], tuple[int, ...]] | None = None) -> None:
        self.text, self.start, self.end, self.words = text, start, end, words
        self._bounds: tuple[tuple[int, ...], ...] | None = None
        self._ids: tuple[int, str] | None = None  # (vocabulary generation, word ids)
        if bounds is not None:
            self._bounds = (*bounds, *_sentences(text, start, end))

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

    @property
    def ids(self) -> str:
        """The words as one character each (``word_ids``): equal words, equal characters."""
        ids = self._ids
        if ids is None or ids[0] != _VOCAB.generation:
            w = word_ids(self.words)
            ids = self._ids = (_VOCAB.generation, w)
        return ids[1]


class _Vocabulary(dict):
    """Word -> one character, numbered as words are first seen in this process."""

    def __init__(self) -> None:
        super().__init__()
        self.generation = 0

    def __missing__(self, word: str) -> str:
        n = len(self)
        if n >= _VOCAB_MAX:  # out of code points: start again (Tokens made before recompute theirs)
            self.reset()
            n = 0
        c = self[word] = chr(n if n < 0xD800 else n + 0x800)  # no surrogate code points
        return c

    def reset(self) -> None:
        self.clear()
        self.generation += 1


_VOCAB_MAX = 500_000  # words; about 50 MB at most
_VOCAB = _Vocabulary()


def word_ids(words: tuple[str, ...]) -> str:
    """One character per word, equal for equal words (in this process, until ``reset_word_ids``).

    rapidfuzz compares strings fastest: ``Indel.opcodes`` is 2.1x faster on these than on tuples
    of words and gives the same opcodes (they depend only on which elements are equal).
    """
    gen = _VOCAB.generation
    ids = "".join(map(_VOCAB.__getitem__, words))
    if _VOCAB.generation != gen:  # the vocabulary started again in the middle: number them again
        ids = "".join(map(_VOCAB.__getitem__, words))
    return ids


def pair_ids(a: Tokens, b: Tokens) -> tuple[str, str]:
    """``a.ids`` and ``b.ids`` numbered by one vocabulary."""
    ia, ib = a.ids, b.ids
    if a._ids is not None and a._ids[0] != _VOCAB.generation:  # b's words started the vocabulary again
        ia = a.ids
    return ia, ib


def reset_word_ids() -> None:
    """Forget the vocabulary (one detection run's words; Tokens made before recompute their ids)."""
    _VOCAB.reset()


def tokens(text: str, start: int, end: int) -> Tokens:
    """Word tokens of ``text[start:end]`` (each NFKC-casefolded); offsets and sentence bounds on demand."""
    chunk = text[start:end]
    if chunk.isascii():
        # NFKC leaves ASCII as it is and casefold is lower(); \w is [A-Za-z0-9_]. With every other
        # character made a space, the words are the split.
        return Tokens(text, start, end, tuple(chunk.lower().encode().translate(ASCII_WORD_BYTES).decode().split()))
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in WORD.finditer(chunk):
        words.append(unicodedata.normalize("NFKC", m.group()).casefold())
        starts.append(start + m.start())
        ends.append(start + m.end())
    return Tokens(text, start, end, tuple(words), (tuple(starts), tuple(ends)))


def _word_bounds(text: str, start: int, end: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Offsets of the words of an ASCII passage: they follow from the pieces of a split on single
    spaces (40 % faster than a match object per word, measured)."""
    spaced = text[start:end].encode().translate(ASCII_WORD_BYTES).decode()
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
