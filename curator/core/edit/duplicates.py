"""Duplicate-group verbs: confirm/reject a group, choose its canonical copy, mark a duplicate."""

from __future__ import annotations

import difflib
from typing import Literal

import xxhash
from rapidfuzz import fuzz

from curator.core.dups.groups import group_id
from curator.core.dups.text import normalise
from curator.core.edit.changes import Changes
from curator.core.edit.session import Command, EditError, rebuild
from curator.core.edit.snap import trim_span
from curator.core.model import Curation, Duplicate, DuplicateRef


def group_members(cur: Curation, group: str) -> list[Duplicate]:
    """This document's entries of one duplicate group."""
    return [d for d in cur.duplicates if d.group == group]


def _span(cur: Curation, members: list[Duplicate]) -> tuple[int, int] | None:
    ids = {d.segment for d in members}
    segs = [s for s in cur.segments if s.id in ids]
    return (segs[0].start, segs[-1].end) if segs else None


class SetGroupDecision(Command):
    """Confirm or reject every entry of a duplicate group in this document."""

    def __init__(self, group: str, decision: str) -> None:
        super().__init__()
        if decision not in ("proposed", "confirmed", "rejected"):
            raise ValueError(f"unknown decision {decision!r}")
        self.group, self.decision = group, decision
        verb = {"confirmed": "Confirm", "rejected": "Reject", "proposed": "Reopen"}[decision]
        self.name = f"{verb} duplicate group {group}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        members = group_members(cur, self.group)
        if not members:
            raise EditError(f"no duplicate group {self.group!r} in this document")
        dups = [d.model_copy(update={"decision": self.decision}) if d.group == self.group else d
                for d in cur.duplicates]
        changes = Changes(segments=frozenset(d.segment for d in members), duplicates=True,
                          span=_span(cur, members))
        return rebuild(cur, duplicates=dups), changes


class ChooseCanonical(Command):
    """Make one member the group's canonical copy: the others point at it."""

    def __init__(self, group: str, segment_id: str) -> None:
        super().__init__()
        self.group, self.segment_id = group, segment_id
        self.name = f"Make {segment_id} the canonical copy of {group}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        members = group_members(cur, self.group)
        if not any(d.segment == self.segment_id for d in members):
            raise EditError(f"segment {self.segment_id} is not in duplicate group {self.group}")
        ref = DuplicateRef(document=cur.document.id, segment=self.segment_id)
        dups = []
        for d in cur.duplicates:
            if d.group == self.group:
                d = d.model_copy(update={"of": None if d.segment == self.segment_id else ref})
            dups.append(d)
        changes = Changes(segments=frozenset(d.segment for d in members), duplicates=True,
                          span=_span(cur, members))
        return rebuild(cur, duplicates=dups), changes


class MarkDuplicate(Command):
    """Mark a selection inside a segment as a duplicate of another passage (confirmed)."""

    def __init__(self, start: int, end: int, *, of: DuplicateRef, new_group: str,
                 of_text: str | None = None) -> None:
        super().__init__()
        self.start, self.end, self.of, self.new_group, self.of_text = start, end, of, new_group, of_text
        self.name = f"Mark duplicate of {of.segment}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        s, e = trim_span(text, self.start, self.end)
        if e <= s:
            raise EditError("select the repeated text first")
        seg = next((g for g in cur.segments if g.start <= s and e <= g.end), None)
        if seg is None:
            raise EditError("the selection must lie inside one segment")
        same_doc = self.of.document == cur.document.id
        target_text = self.of_text
        group = self.new_group
        dups = list(cur.duplicates)
        if same_doc:
            target = next((g for g in cur.segments if g.id == self.of.segment), None)
            if target is None:
                raise EditError(f"no segment {self.of.segment!r} in this document")
            if target.id == seg.id:
                raise EditError("a passage cannot duplicate its own segment")
            target_text = target.text
            existing = next((d for d in dups if d.segment == target.id), None)
            if existing is not None:
                group = existing.group
            else:
                dups.append(Duplicate(segment=target.id, group=group, kind="exact", score=1.0,
                                      decision="confirmed"))
        if any(d.segment == seg.id and d.group == group for d in dups):
            raise EditError(f"segment {seg.id} is already in duplicate group {group}")
        passage = text[s:e]
        kind: Literal["exact", "near"]
        if target_text is None or target_text == passage:
            kind, score = ("exact", 1.0) if target_text is not None else ("near", 0.0)
        else:
            kind, score = "near", round(difflib.SequenceMatcher(None, passage, target_text).ratio(), 4)
        whole = (s, e) == (seg.start, seg.end)
        dups.append(Duplicate(segment=seg.id, group=group, of=self.of, kind=kind, score=score,
                              start=None if whole else s, end=None if whole else e, decision="confirmed"))
        changes = Changes(segments=frozenset({seg.id, self.of.segment}), duplicates=True, span=(s, e))
        return rebuild(cur, duplicates=dups), changes


def content_group_id(text: str) -> str:
    """The group id the duplicate finder gives a group whose canonical passage is ``text``."""
    norm = normalise(text)
    # Same hash as the finder's exact hash of a passage (0 is reserved there for "no words").
    return group_id(xxhash.xxh3_64_intdigest(norm.encode()) or 1)


class MarkDuplicateElsewhere(Command):
    """Mark a selection inside a segment as a confirmed duplicate of a segment of another Document."""

    def __init__(self, start: int, end: int, *, of: DuplicateRef, of_text: str) -> None:
        super().__init__()
        self.start, self.end, self.of, self.of_text = start, end, of, of_text
        self.name = f"Mark duplicate of {of.document} / {of.segment}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        if self.of.document == cur.document.id:
            raise EditError("the other passage is in this document: use Mark selection as duplicate of…")
        s, e = trim_span(text, self.start, self.end)
        if e <= s:
            raise EditError("select the repeated text first")
        seg = next((g for g in cur.segments if g.start <= s and e <= g.end), None)
        if seg is None:
            raise EditError("the selection must lie inside one segment")
        # A group already pointing at that passage (found by the finder, or marked before) is joined.
        group = next((d.group for d in cur.duplicates if d.of == self.of), None) or content_group_id(self.of_text)
        if any(d.segment == seg.id and d.group == group for d in cur.duplicates):
            raise EditError(f"segment {seg.id} is already in duplicate group {group}")
        passage, other = normalise(text[s:e]), normalise(self.of_text)
        exact = passage == other
        score = 1.0 if exact else round(fuzz.ratio(passage, other) / 100.0, 4)
        entry = Duplicate(segment=seg.id, group=group, of=self.of, kind="exact" if exact else "near",
                          score=score, start=s, end=e, decision="confirmed")
        changes = Changes(segments=frozenset({seg.id}), duplicates=True, span=(s, e))
        return rebuild(cur, duplicates=[*cur.duplicates, entry]), changes


class RemoveFromGroup(Command):
    """Take one segment out of a duplicate group."""

    def __init__(self, group: str, segment_id: str) -> None:
        super().__init__()
        self.group, self.segment_id = group, segment_id
        self.name = f"Remove {segment_id} from duplicate group {group}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        if not any(d.group == self.group and d.segment == self.segment_id for d in cur.duplicates):
            raise EditError(f"segment {self.segment_id} is not in duplicate group {self.group}")
        doc = cur.document.id
        dups = []
        for d in cur.duplicates:
            if d.group == self.group and d.segment == self.segment_id:
                continue
            if d.of is not None and d.of.document == doc and d.of.segment == self.segment_id:
                d = d.model_copy(update={"of": None})
            dups.append(d)
        return rebuild(cur, duplicates=dups), Changes(segments=frozenset({self.segment_id}), duplicates=True)


class ReplaceDuplicates(Command):
    """Put the duplicate finder's entries (with stored decisions merged in) in place."""

    def __init__(self, duplicates: list[Duplicate], *, name: str = "Update duplicate groups") -> None:
        super().__init__()
        self.duplicates = list(duplicates)
        self.name = name

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        if self.duplicates == cur.duplicates:
            raise EditError("the duplicate groups are unchanged")
        touched = {d.segment for d in cur.duplicates} | {d.segment for d in self.duplicates}
        return rebuild(cur, duplicates=self.duplicates), Changes(segments=frozenset(touched), duplicates=True)
