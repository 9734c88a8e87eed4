"""Per-Document features: exact hashes of normalised passages and hashed word shingles.

Computed once per Document text (keyed by its sha256) and kept in the index, so
adding Documents never re-reads the old ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xxhash

from curator.core.compiled import KERNEL
from curator.core.dups.text import ASCII_WORD_BYTES, WORD, normalise

# The kernel (C, compiled at install) when its build matches its source, else None: the Python below runs.
_KERNEL = KERNEL.module()

_MUL = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
# ASCII passages (nearly all of a news site): NFKC leaves them as they are, casefold is lower(),
# and \w is [A-Za-z0-9_], so mapping every other byte to a space and splitting the bytes gives
# WORD.findall's words, already UTF-8 for the hash. Measured 2.5x faster than normalise +
# findall + a word -> hash cache (0.40 vs 1.03 ms per generated page); a test holds it to the
# definition.


@dataclass
class DocFeatures:
    """What detection needs of one Document, without its text."""

    id: str
    sha256: str
    # Lists, or numpy columns once ``compact`` (typed as sequences: the compiled class checks a ``list``)
    spans: Sequence[tuple[int, int]]
    exact: Sequence[int]  # xxh3-64 of the normalised passage; 0 when it holds no word at all
    words: Sequence[int]  # word count per passage
    kgrams: np.ndarray  # uint64 shingle hashes of all passages, concatenated
    offsets: np.ndarray  # int64, passage i's shingles are kgrams[offsets[i]:offsets[i+1]]

    def compact(self) -> DocFeatures:
        """The same features with numpy columns for ``spans``, ``exact`` and ``words``, to send to another
        process: unpickled 5x faster than lists of ints (0.03 against 0.16 ms a page, measured). The
        ``Collector`` and the index writer take either form."""
        n = len(self.spans)
        spans: Any = np.asarray(self.spans, dtype=np.int64).reshape(n, 2)
        exact: Any = np.asarray(self.exact, dtype=np.uint64)
        words: Any = np.asarray(self.words, dtype=np.int64)
        return DocFeatures(self.id, self.sha256, spans, exact, words, self.kgrams, self.offsets)


def shingles(word_hashes: np.ndarray, k: int) -> np.ndarray:
    """Hashes of every run of ``k`` consecutive words (empty when there are fewer)."""
    n = len(word_hashes) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = word_hashes[:n].copy()
    for j in range(1, k):
        h = h * _MUL + word_hashes[j : j + n]  # wraps mod 2**64, as intended
    h ^= h >> np.uint64(33)
    h *= _MIX
    h ^= h >> np.uint64(29)
    return h


def document_features(
    doc_id: str, sha256: str, text: str, spans: Sequence[tuple[int, int]], *, k: int
) -> DocFeatures:
    """Exact hashes and shingles of each passage ``text[start:end]``."""
    if _KERNEL is not None:
        # One call a page: the words, their xxh3, the exact hashes and the shingles, as below (tests hold
        # it to this Python); non-ASCII passages go through ``normalise`` all the same.
        exact_c, words_c, kg, offs = _KERNEL.features(text, spans, k, normalise)
        return DocFeatures(doc_id, sha256, list(spans), exact_c, words_c, np.frombuffer(kg, dtype=np.uint64),
                           np.frombuffer(offs, dtype=np.int64))
    return _features_pure(doc_id, sha256, text, spans, k=k)


def _features_pure(
    doc_id: str, sha256: str, text: str, spans: Sequence[tuple[int, int]], *, k: int
) -> DocFeatures:
    """``document_features`` in Python (the kernel's reference)."""
    hasher = xxhash.xxh3_64_intdigest
    exact: list[int] = []
    words: list[int] = []
    all_tokens: list[bytes] = []
    for start, end in spans:
        chunk = text[start:end]
        if chunk.isascii():
            raw = " ".join(chunk.lower().split()).encode()  # = normalise(chunk).encode()
            toks = raw.translate(ASCII_WORD_BYTES).split()
        else:
            norm = normalise(chunk)
            raw = norm.encode()
            toks = [t.encode() for t in WORD.findall(norm)]
        words.append(len(toks))
        # 0 marks "no words": punctuation-only blocks are never reported as duplicates.
        exact.append((hasher(raw) or 1) if toks else 0)
        all_tokens.extend(toks)
    # Hashing every word is cheaper than looking it up in a cache (measured); then the whole
    # Document is shingled in one numpy pass and the shingles straddling two passages dropped.
    wh = np.fromiter(map(hasher, all_tokens), dtype=np.uint64, count=len(all_tokens))
    counts = np.asarray(words, dtype=np.int64)
    per = np.maximum(counts - k + 1, 0)
    offsets = np.concatenate(([0], np.cumsum(per))).astype(np.int64)
    sh = shingles(wh, k)
    if len(sh):
        token_starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        # Shingle j of passage p starts at token token_starts[p] + j.
        idx = np.repeat(token_starts - offsets[:-1], per) + np.arange(offsets[-1])
        kgrams = sh[idx]
    else:
        kgrams = np.empty(0, dtype=np.uint64)
    return DocFeatures(doc_id, sha256, list(spans), exact, words, kgrams, offsets)
