"""What changed between two segmentations of one text: moved, relabelled, split, merged, appeared, vanished.

A segment that kept its span and label can still change its speaker (``attributes``) or its Article
(``membership``: into, out of, or to another Article than the old one's match).

Old and new segments are linked when they share at least half of the shorter
one's characters; a segment left without such a link is linked to the segment
it overlaps most, if any. Each connected group of linked segments is one change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from curator.core.model import Segment
from curator.core.review.overlap import overlapping_pairs
from curator.core.unionfind import bipartite_components

SNIPPET = 70

# Change kinds, in the order reports list them.
MOVED = "moved"
RELABELLED = "relabelled"
MOVED_RELABELLED = "moved+relabelled"
SPLIT = "split"
MERGED = "merged"
RESEGMENTED = "resegmented"
APPEARED = "appeared"
VANISHED = "vanished"
ATTRIBUTES = "attributes"
MEMBERSHIP = "membership"
KINDS: tuple[str, ...] = (MOVED, RELABELLED, MOVED_RELABELLED, SPLIT, MERGED, RESEGMENTED, APPEARED, VANISHED, ATTRIBUTES,
                          MEMBERSHIP)


def snippet(text: str, limit: int = SNIPPET) -> str:
    """One-line, shortened text for reports (middle elided)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    half = (limit - 1) // 2
    return flat[:half] + "…" + flat[-half:]


@dataclass(frozen=True)
class SegRef:
    """A segment as a diff shows it."""

    id: str
    start: int
    end: int
    label: str
    speaker: str | None
    snippet: str
    # the speaker's name as its file gives it (set on an ``attributes`` change, which is about the speaker)
    speaker_name: str | None = None
    # the Article id in its own file (the ids of two files need not agree)
    article: str | None = None

    @classmethod
    def of(cls, seg: Segment) -> SegRef:
        return cls(seg.id, seg.start, seg.end, seg.label, seg.speaker, snippet(seg.text), article=seg.article)

    def shown(self, *, speaker: bool = False, article: bool = False) -> str:
        """``paragraph [10,50) “text…”``, and its speaker when asked (``(speaker X)``, ``(no speaker)``),
        its Article when asked (``(Article a1)``, ``(no Article)``)."""
        out = f"{self.label} [{self.start},{self.end}) “{self.snippet}”"
        if speaker:
            who = self.speaker_name or self.speaker
            out += f" (speaker {who})" if who else " (no speaker)"
        if article:
            out += f" (Article {self.article})" if self.article else " (no Article)"
        return out

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "speaker": self.speaker,
            "snippet": self.snippet,
        }
        if self.speaker_name is not None:
            out["speaker_name"] = self.speaker_name
        out["article"] = self.article
        return out


@dataclass(frozen=True)
class Change:
    kind: str
    old: tuple[SegRef, ...]
    new: tuple[SegRef, ...]

    @property
    def start(self) -> int:
        return min(s.start for s in (*self.old, *self.new))

    @property
    def end(self) -> int:
        return max(s.end for s in (*self.old, *self.new))

    def describe(self) -> str:
        """One line: ``moved paragraph [10,50) -> [12,50): "old…" -> "new…"``."""
        def side(refs: tuple[SegRef, ...]) -> str:
            if not refs:
                return "—"
            return " + ".join(r.shown(speaker=self.kind == ATTRIBUTES, article=self.kind == MEMBERSHIP) for r in refs)

        return f"{self.kind}: {side(self.old)} -> {side(self.new)}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "old": [r.to_json() for r in self.old], "new": [r.to_json() for r in self.new]}


@dataclass
class SegmentDiff:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(KINDS, 0)
        for c in self.changes:
            out[c.kind] += 1
        return out

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def to_json(self) -> dict[str, Any]:
        return {"unchanged": self.unchanged, "counts": self.counts(), "changes": [c.to_json() for c in self.changes]}


def _links(old: Sequence[Segment], new: Sequence[Segment]) -> list[tuple[int, int]]:
    pairs = overlapping_pairs(old, new)
    links = set()
    for i, j, chars in pairs:
        shorter = min(old[i].end - old[i].start, new[j].end - new[j].start)
        if 2 * chars >= shorter:
            links.add((i, j))
    linked_old = {i for i, _ in links}
    linked_new = {j for _, j in links}
    best_old: dict[int, tuple[int, int]] = {}
    best_new: dict[int, tuple[int, int]] = {}
    for i, j, chars in pairs:
        if i not in linked_old and chars > best_old.get(i, (0, -1))[0]:
            best_old[i] = (chars, j)
        if j not in linked_new and chars > best_new.get(j, (0, -1))[0]:
            best_new[j] = (chars, i)
    links.update((i, j) for i, (_c, j) in best_old.items())
    links.update((i, j) for j, (_c, i) in best_new.items())
    return sorted(links)


def diff_segments(
    old: Sequence[Segment],
    new: Sequence[Segment],
    *,
    old_speakers: dict[str, str] | None = None,
    new_speakers: dict[str, str] | None = None,
    articles: dict[str, str] | None = None,
) -> SegmentDiff:
    """Group old and new segments into changes (both lists sorted, non-overlapping).

    A segment whose span and label stayed but whose speaker changed is an
    ``attributes`` change; speakers compare through the given id -> name maps
    (ids of two files need not agree), by id when no map is given. With ``articles``
    (old Article id -> the new side's matching Article id, ``metrics.matched_articles``), one
    whose span, label and speaker stayed but whose Article did not is a ``membership`` change.
    """
    groups = bipartite_components(len(old), len(new), _links(old, new))
    out = SegmentDiff()
    for olds, news in groups:
        o = tuple(SegRef.of(old[i]) for i in olds)
        w = tuple(SegRef.of(new[j]) for j in news)
        kind = _kind(o, w)
        if kind is None:
            a, b = old[olds[0]], new[news[0]]
            sa = (old_speakers or {}).get(a.speaker or "", a.speaker)
            sb = (new_speakers or {}).get(b.speaker or "", b.speaker)
            if sa != sb:
                out.changes.append(Change(ATTRIBUTES, (replace(o[0], speaker_name=sa),), (replace(w[0], speaker_name=sb),)))
            elif articles is not None and (articles.get(a.article) if a.article else None) != b.article:
                out.changes.append(Change(MEMBERSHIP, o, w))
            else:
                out.unchanged += 1
            continue
        out.changes.append(Change(kind, o, w))
    out.changes.sort(key=lambda c: (c.start, c.end, c.kind))
    return out


def _kind(old: tuple[SegRef, ...], new: tuple[SegRef, ...]) -> str | None:
    if not new:
        return VANISHED
    if not old:
        return APPEARED
    if len(old) == 1 and len(new) == 1:
        a, b = old[0], new[0]
        same_span = (a.start, a.end) == (b.start, b.end)
        if same_span:
            return None if a.label == b.label else RELABELLED
        return MOVED if a.label == b.label else MOVED_RELABELLED
    if len(old) == 1:
        return SPLIT
    if len(new) == 1:
        return MERGED
    return RESEGMENTED
