"""Per-Document features: exact hashes of normalised passages and hashed word shingles.

Computed once per Document text (keyed by its sha256) and kept in the index, so
adding Documents never re-reads the old ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import xxhash

from curator.core.dups.text import WORD, normalise

_MUL = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
# Word -> xxh3-64, shared across Documents of a run: a corpus reuses most of its vocabulary.
_WORD_HASHES: dict[str, int] = {}
_WORD_HASHES_MAX = 200_000  # ~40 MB; at 2M the cache alone took ~400 MB of a 100k-page run


@dataclass
class DocFeatures:
    """What detection needs of one Document, without its text."""

    id: str
    sha256: str
    spans: list[tuple[int, int]]
    exact: list[int]  # xxh3-64 of the normalised passage; 0 when it holds no word at all
    words: list[int]  # word count per passage
    kgrams: np.ndarray  # uint64 shingle hashes of all passages, concatenated
    offsets: np.ndarray  # int64, passage i's shingles are kgrams[offsets[i]:offsets[i+1]]


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
    hasher = xxhash.xxh3_64_intdigest
    exact: list[int] = []
    words: list[int] = []
    all_tokens: list[str] = []
    for start, end in spans:
        norm = normalise(text[start:end])
        toks = WORD.findall(norm)
        words.append(len(toks))
        # 0 marks "no words": punctuation-only blocks are never reported as duplicates.
        exact.append((hasher(norm.encode()) or 1) if toks else 0)
        all_tokens.extend(toks)
    # Hash each distinct word once, then shingle the whole Document in one numpy pass
    # and drop the shingles that straddle two passages.
    table = _WORD_HASHES
    missing = set(all_tokens).difference(table)
    if len(table) + len(missing) > _WORD_HASHES_MAX:
        table.clear()
        missing = set(all_tokens)
    for t in missing:
        table[t] = hasher(t.encode())
    wh = np.fromiter(map(table.__getitem__, all_tokens), dtype=np.uint64, count=len(all_tokens))
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
