"""Duplicate groups: transitive clusters of passages with a canonical member and a stable id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["exact", "near"]
GroupDecision = Literal["proposed", "confirmed", "rejected"]


@dataclass(frozen=True)
class Link:
    """Two passages (document id, passage index) that repeat each other, with the repeated spans."""

    doc_a: str
    i_a: int
    doc_b: str
    i_b: int
    a: tuple[int, int]
    b: tuple[int, int]
    score: float
    exact: bool


@dataclass
class Member:
    """One passage of a Duplicate group: ``start``/``end`` are the repeated characters."""

    document: str
    start: int
    end: int
    passage: tuple[int, int]
    score: float
    segment: str | None = None


@dataclass
class Group:
    """A Duplicate group; ``members[canonical]`` is the copy the others duplicate."""

    id: str
    kind: Kind
    score: float
    members: list[Member]
    canonical: int = 0
    decision: GroupDecision = "proposed"
    # Content hash of the default canonical passage; ``id`` equals it unless a stored id was kept.
    content_key: str = field(default="", repr=False)

    @property
    def canonical_member(self) -> Member:
        return self.members[self.canonical]


def group_id(exact_hash: int) -> str:
    """The id of a group whose default canonical passage normalises to text with this xxh3-64 hash."""
    return f"dup-{exact_hash:016x}"
