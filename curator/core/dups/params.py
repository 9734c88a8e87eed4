"""Detection parameters; a change to any of them (or to DUPS_VERSION) makes a stored index stale."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Bump when the features stored in the index or the meaning of a link changes.
DUPS_VERSION = "1"


@dataclass(frozen=True)
class Params:
    """Knobs of near-duplicate detection (exact duplicates need none)."""

    threshold: float = 0.8  # least similarity (rapidfuzz ratio of the aligned normalised spans)
    k: int = 3  # words per shingle in the candidate index
    max_df: int = 100  # shingles in more distinct passages than this are not used as seeds (passim UPPER)
    min_shared: int = 2  # shingles two passages must share to be compared at all
    min_shared_share: float = 0.15  # ... and as a share of the smaller passage's shingles
    cover: float = 0.8  # share of a passage's words an alignment must cover to count as "the passage"
    min_span_words: int = 8  # a repeat covering only part of both passages needs this many words

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold {self.threshold} must be in (0, 1]")
        if self.k < 1:
            raise ValueError(f"k {self.k} must be at least 1")
        if self.max_df < 2:
            raise ValueError(f"max_df {self.max_df} must be at least 2")

    def key(self) -> dict[str, object]:
        """What an index must have been built with to be reused."""
        return {"version": DUPS_VERSION, **asdict(self)}
