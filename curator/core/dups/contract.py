"""Groups <-> the contract: ``Duplicate`` entries of a Curation, and editors' decisions kept across runs.

An editor's decision on a group (confirmed, rejected, canonical chosen) lives in
the curated JSON as the group's ``Duplicate`` entries. A fresh detection finds the
same group again by id (a content hash of its default canonical passage) or, when
membership changed that hash, by overlapping members, and keeps the decision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from curator.core.dups.groups import Group, Member
from curator.core.model import Curation, Duplicate, DuplicateRef, Segment


def _overlapping(segments: list[Segment], start: int, end: int) -> list[tuple[Segment, int, int]]:
    """Segments overlapping ``[start, end)`` with the clipped span (an empty span touches its segment)."""
    hits = []
    for seg in segments:
        lo, hi = max(seg.start, start), min(seg.end, end)
        if lo < hi or (start == end and seg.start <= start < seg.end):
            hits.append((seg, lo, hi))
    return hits


def _main_segment(member: Member, curation: Curation | None) -> str | None:
    if member.segment is not None:
        return member.segment
    if curation is None:
        return None
    hits = _overlapping(curation.segments, member.start, member.end)
    return max(hits, key=lambda h: h[2] - h[1])[0].id if hits else None


def to_duplicates(
    groups: Iterable[Group], curation: Curation, *, curations: Mapping[str, Curation] | None = None
) -> list[Duplicate]:
    """The ``Duplicate`` entries of ``curation`` for these groups (members mapped onto its Segments).

    ``curations`` gives the other Documents' Curations, needed to name the
    canonical copy's Segment when members carry no segment id (raw-text detection).
    """
    doc_id = curation.document.id
    others = dict(curations or {})
    others[doc_id] = curation
    out: dict[tuple[str, str], Duplicate] = {}
    for group in groups:
        mine = [m for m in group.members if m.document == doc_id]
        if not mine:
            continue
        canon = group.canonical_member
        canon_seg = _main_segment(canon, others.get(canon.document))
        if canon_seg is None:
            raise ValueError(
                f"group {group.id}: cannot name the segment of its canonical copy in document "
                f"{canon.document!r} (no curation given for it)"
            )
        for member in mine:
            is_canon = member is canon
            for seg, lo, hi in _overlapping(curation.segments, member.start, member.end):
                own = is_canon and seg.id == canon_seg
                entry = Duplicate(
                    segment=seg.id,
                    group=group.id,
                    of=None if own else DuplicateRef(document=canon.document, segment=canon_seg),
                    kind=group.kind,
                    score=min(1.0, max(0.0, member.score)),
                    start=lo,
                    end=hi,
                    decision=group.decision,
                )
                key = (seg.id, group.id)
                prev = out.get(key)
                if prev is not None:  # two copies inside one segment: one entry spanning both
                    entry = entry.model_copy(update={
                        "start": lo if prev.start is None else min(prev.start, lo),
                        "end": hi if prev.end is None else max(prev.end, hi),
                        "of": None if prev.of is None or entry.of is None else entry.of,
                        "score": max(prev.score, entry.score),
                    })
                out[key] = entry
    return sorted(out.values(), key=lambda d: (d.group, d.start or 0, d.segment))


def apply_decisions(groups: list[Group], curations: Iterable[Curation]) -> list[Group]:
    """Carry the decisions stored in Curations onto fresh groups (in place; returns them).

    A stored group is found by id, else by a member overlapping one of its
    entries; it then keeps its stored id, its decision and, when an editor decided
    on it, its chosen canonical copy.
    """
    entries: dict[str, list[tuple[str, Duplicate]]] = defaultdict(list)
    for cur in curations:
        for dup in cur.duplicates:
            entries[dup.group].append((cur.document.id, dup))
    if not entries:
        return groups
    by_doc: dict[str, list[tuple[str, Duplicate]]] = defaultdict(list)
    for gid, items in entries.items():
        for doc, dup in items:
            by_doc[doc].append((gid, dup))
    fresh_ids = {g.id for g in groups}
    taken: set[str] = set()
    for group in groups:
        stored_id = group.id if group.id in entries else _overlap_match(group, by_doc, fresh_ids, taken)
        if stored_id is None:
            continue
        taken.add(stored_id)
        group.id = stored_id
        items = entries[stored_id]
        decided = {dup.decision for _doc, dup in items if dup.decision != "proposed"}
        if len(decided) == 1:
            group.decision = decided.pop()  # type: ignore[assignment]
        if decided or group.decision != "proposed":
            for doc, dup in items:
                if dup.of is None and dup.decision != "proposed" and dup.start is not None:
                    idx = _member_at(group, doc, dup.start, dup.end if dup.end is not None else dup.start)
                    if idx is not None:
                        group.canonical = idx
                        break
    return groups


def _overlap_match(
    group: Group, by_doc: Mapping[str, list[tuple[str, Duplicate]]], fresh_ids: set[str], taken: set[str]
) -> str | None:
    found: set[str] = set()
    for m in group.members:
        for gid, dup in by_doc.get(m.document, ()):
            if gid in fresh_ids or gid in taken or dup.start is None or dup.end is None:
                continue
            if max(m.start, dup.start) < min(m.end, dup.end):
                found.add(gid)
    return found.pop() if len(found) == 1 else None


def _member_at(group: Group, doc: str, start: int, end: int) -> int | None:
    best, best_overlap = None, 0
    for n, m in enumerate(group.members):
        if m.document == doc:
            overlap = min(m.end, end) - max(m.start, start)
            if overlap > best_overlap:
                best, best_overlap = n, overlap
    return best


def merge_duplicates(curation: Curation, fresh: Iterable[Duplicate]) -> list[Duplicate]:
    """Fresh entries for ``curation`` with its stored editor decisions kept.

    An entry keeps its own stored decision; entries an editor decided on that
    were not detected again are kept too (never lose an editor's work), as long
    as their segment still exists. Undecided stale proposals are dropped.
    """
    stored = {(d.segment, d.group): d for d in curation.duplicates}
    segment_ids = {s.id for s in curation.segments}
    out: dict[tuple[str, str], Duplicate] = {}
    for dup in fresh:
        prev = stored.get((dup.segment, dup.group))
        if prev is not None and prev.decision != "proposed":
            dup = dup.model_copy(update={"decision": prev.decision})
        out[(dup.segment, dup.group)] = dup
    for key, prev in stored.items():
        if key in out or prev.decision == "proposed" or prev.segment not in segment_ids:
            continue
        if prev.of is not None and prev.of.document == curation.document.id and prev.of.segment not in segment_ids:
            continue
        out[key] = prev
    return sorted(out.values(), key=lambda d: (d.group, d.start or 0, d.segment))


def curation_duplicates(
    groups: list[Group], curation: Curation, *, curations: Mapping[str, Curation] | None = None
) -> list[Duplicate]:
    """``to_duplicates`` then ``merge_duplicates``: what to store in ``curation.duplicates``."""
    return merge_duplicates(curation, to_duplicates(groups, curation, curations=curations))
