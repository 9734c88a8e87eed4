"""Text units for duplicate detection: normalisation, passages, word tokens with offsets.

Offsets are code points into the Document text. Normalisation (NFKC, casefold,
whitespace collapsed) is applied to whole passages for exact hashing and to each
word token for alignment, so offsets always point into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Tokens:
    """Normalised word tokens of one passage with their code-point spans in the Document."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    sentence_starts: tuple[int, ...]  # document offsets where a sentence begins (incl. passage start)
    sentence_ends: tuple[int, ...]  # document offsets where a sentence ends (incl. passage end)


def tokens(text: str, start: int, end: int) -> Tokens:
    """Word tokens of ``text[start:end]`` (each NFKC-casefolded) and its sentence bounds."""
    chunk = text[start:end]
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    if chunk.isascii():
        # NFKC leaves ASCII as it is and casefold is lower(); \w is [A-Za-z0-9_]. With every other
        # character made a space, the words are the split and their offsets follow from the pieces
        # of a split on single spaces (40 % faster than a match object per word, measured).
        spaced = chunk.lower().encode().translate(ASCII_WORD_BYTES).decode()
        words = spaced.split()
        pos = start
        for piece in spaced.split(" "):
            if piece:
                starts.append(pos)
                ends.append(pos + len(piece))
            pos += len(piece) + 1
    else:
        for m in WORD.finditer(chunk):
            words.append(unicodedata.normalize("NFKC", m.group()).casefold())
            starts.append(start + m.start())
            ends.append(start + m.end())
    s_ends = [start + m.end() for m in _SENTENCE_END.finditer(chunk)]
    s_starts = [start]
    for e in s_ends:
        nxt = e
        while nxt < end and text[nxt].isspace():
            nxt += 1
        s_starts.append(nxt)
    s_ends.append(end)
    return Tokens(tuple(words), tuple(starts), tuple(ends), tuple(s_starts), tuple(s_ends))
