"""Disjoint sets: duplicate clusters, and the regions where two segmentations differ."""

from __future__ import annotations

from collections.abc import Iterable


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving; the smaller index becomes the root."""

    def __init__(self, n: int = 0) -> None:
        self.parent = list(range(n))

    def add(self) -> int:
        """One more set, of its own; returns its index (sets that grow as links arrive)."""
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


def bipartite_components(n_a: int, n_b: int, links: Iterable[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Connected groups of two index sets joined by ``(i in A, j in B)`` links, in order of first member."""
    uf = UnionFind(n_a + n_b)
    for i, j in links:
        uf.union(i, n_a + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(n_a):
        groups.setdefault(uf.find(i), ([], []))[0].append(i)
    for j in range(n_b):
        groups.setdefault(uf.find(n_a + j), ([], []))[1].append(j)
    return list(groups.values())
