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
    parts: list[np.ndarray] = []
    offsets = [0]
    for start, end in spans:
        norm = normalise(text[start:end])
        toks = WORD.findall(norm)
        words.append(len(toks))
        # 0 marks "no words": punctuation-only blocks are never reported as duplicates.
        exact.append((hasher(norm.encode()) or 1) if toks else 0)
        if len(toks) >= k:
            wh = np.fromiter([hasher(t.encode()) for t in toks], dtype=np.uint64, count=len(toks))
            sh = shingles(wh, k)
            parts.append(sh)
            offsets.append(offsets[-1] + len(sh))
        else:
            offsets.append(offsets[-1])
    kgrams = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint64)
    return DocFeatures(doc_id, sha256, list(spans), exact, words, kgrams, np.asarray(offsets, dtype=np.int64))
