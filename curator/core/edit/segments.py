"""Boundary and label verbs on Segments."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

from curator.core.edit.changes import Changes
from curator.core.edit.lookup import fresh_segment_id, position, replaced, starts_of
from curator.core.edit.session import Command, EditError, EditSession, rebuild, reshape
from curator.core.edit.snap import nudge_target, split_point, trim_span
from curator.core.model import Curation, Duplicate, DuplicateRef, Segment
from curator.core.taxonomy import NEVER_IN_ARTICLE_LABELS, NOT_ARTICLE_TEXT_LABELS, default_taxonomy


def _find(cur: Curation, segment_id: str) -> tuple[int, Segment]:
    try:
        i = position(cur.segments, segment_id)
    except ValueError:
        raise EditError(f"no segment {segment_id!r} in this document") from None
    return i, cur.segments[i]


def _check_free(cur: Curation, start: int, end: int, *, ignore: str | None = None) -> None:
    """Refuse a span that would overlap a segment other than ``ignore``."""
    # Segments are sorted and disjoint, so their ends increase too: walk back from the
    # last segment starting before ``end`` while spans still reach past ``start``.
    j = bisect.bisect_left(starts_of(cur.segments), end) - 1
    while j >= 0:
        seg = cur.segments[j]
        if seg.id != ignore:
            if seg.end > start:
                raise EditError(f"[{start}, {end}) would overlap segment {seg.id}")
            break
        j -= 1


def _span_of(*segs: Segment) -> tuple[int, int]:
    return min(s.start for s in segs), max(s.end for s in segs)


def _if_changed(cur: Curation, **fields: Any) -> dict[str, Any]:
    """Those of ``fields`` that are not the Curation's own list (``rebuild`` re-checks what it is given)."""
    return {name: value for name, value in fields.items() if value is not getattr(cur, name)}


def _drop_duplicates_of(cur: Curation, removed: set[str], *, into: str | None = None) -> list[Duplicate]:
    """Duplicate entries after ``removed`` segments vanish (or are folded ``into`` one that stays); the very
    list when no entry names them (a new list made ``rebuild`` re-check every entry against every id)."""
    doc = cur.document.id
    if removed.isdisjoint(map(attrgetter("segment"), cur.duplicates)) and removed.isdisjoint(
            d.of.segment for d in cur.duplicates if d.of is not None and d.of.document == doc):
        return cur.duplicates
    kept: list[Duplicate] = []
    members = {(d.segment, d.group) for d in cur.duplicates if d.segment not in removed}
    for dup in cur.duplicates:
        if dup.segment in removed:
            if into is None or (into, dup.group) in members:
                continue
            dup = dup.model_copy(update={"segment": into})
            members.add((into, dup.group))
        if dup.of is not None and dup.of.document == doc and dup.of.segment in removed:
            target = into if into is not None and into != dup.segment else None
            dup = dup.model_copy(update={"of": DuplicateRef(document=doc, segment=target) if target else None})
        kept.append(dup)
    return kept


class SplitSegment(Command):
    """Cut a segment in two at an offset; the second part is a new segment."""

    def __init__(self, segment_id: str, at: int, *, new_id: str) -> None:
        super().__init__()
        self.segment_id, self.at, self.new_id = segment_id, at, new_id
        self.name = f"Split segment {segment_id}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        i, seg = _find(cur, self.segment_id)
        if not seg.start < self.at < seg.end:
            raise EditError(f"offset {self.at} is not inside segment {seg.id} [{seg.start}, {seg.end})")
        ls, le = trim_span(text, seg.start, self.at)
        rs, re_ = trim_span(text, self.at, seg.end)
        if le <= ls or re_ <= rs:
            raise EditError(f"splitting {seg.id} at {self.at} would leave an empty part")
        left = reshape(seg, text, start=ls, end=le, origin="editor")
        right = reshape(seg, text, id=self.new_id, start=rs, end=re_, origin="editor", reviewed=False)
        segments = [*cur.segments[:i], left, right, *cur.segments[i + 1 :]]
        changes = Changes(segments=frozenset({seg.id, self.new_id}), layout=True, span=(seg.start, seg.end))
        return rebuild(cur, segments=segments), changes


class MergeSegments(Command):
    """Join a segment with the one right after it; the first keeps its id and attributes."""

    def __init__(self, first_id: str, second_id: str) -> None:
        super().__init__()
        self.first_id, self.second_id = first_id, second_id
        self.name = f"Merge {first_id} with {second_id}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        i, first = _find(cur, self.first_id)
        j, second = _find(cur, self.second_id)
        if j != i + 1:
            raise EditError(f"segments {first.id} and {second.id} are not neighbours")
        merged = reshape(first, text, end=second.end, speaker=first.speaker or second.speaker, origin="editor")
        segments = [*cur.segments[:i], merged, *cur.segments[j + 1 :]]
        dups = _drop_duplicates_of(cur, {second.id}, into=first.id)
        changes = Changes(segments=frozenset({first.id, second.id}), layout=True,
                          duplicates=len(dups) != len(cur.duplicates) or any(d.segment == second.id for d in cur.duplicates),
                          span=(first.start, second.end))
        return rebuild(cur, segments=segments, **_if_changed(cur, duplicates=dups)), changes


class MoveBoundary(Command):
    """Move a segment's start or end to an offset; repeated moves of that edge merge."""

    def __init__(self, segment_id: str, *, edge: str, to: int) -> None:
        super().__init__()
        if edge not in ("start", "end"):
            raise ValueError(f"edge must be 'start' or 'end', not {edge!r}")
        self.segment_id, self.edge, self.to = segment_id, edge, to
        self.name = f"Move {edge} of {segment_id}"
        self.merge_key = ("move-boundary", segment_id, edge)

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        i, seg = _find(cur, self.segment_id)
        start, end = (self.to, seg.end) if self.edge == "start" else (seg.start, self.to)
        if start < 0 or end > len(text):
            raise EditError(f"[{start}, {end}) is outside the text")
        start, end = trim_span(text, start, end)  # never start or end on whitespace
        if end <= start:
            raise EditError(f"segment {seg.id} would become empty")
        if i > 0 and start < cur.segments[i - 1].end:
            raise EditError(f"segment {seg.id} would overlap {cur.segments[i - 1].id}")
        if i + 1 < len(cur.segments) and end > cur.segments[i + 1].start:
            raise EditError(f"segment {seg.id} would overlap {cur.segments[i + 1].id}")
        if (start, end) == (seg.start, seg.end):
            raise EditError(f"the {self.edge} of {seg.id} is already at {self.to}")
        moved = reshape(seg, text, start=start, end=end, origin="editor")
        segments = [*cur.segments[:i], moved, *cur.segments[i + 1 :]]
        span = (min(start, seg.start), max(end, seg.end))
        return rebuild(cur, segments=segments), Changes(segments=frozenset({seg.id}), layout=True, span=span)


_NUDGE_WORDS = {("start", -1): "earlier", ("start", 1): "later", ("end", -1): "earlier", ("end", 1): "later"}


def nudge_boundary(session: EditSession, segment_id: str, *, edge: str, direction: int, unit: str) -> MoveBoundary:
    """A MoveBoundary by one word or line (``snap.nudge_target``); EditError, naming why, when it cannot move."""
    cur = session.curation
    i, seg = _find(cur, segment_id)
    lo = cur.segments[i - 1].end if i > 0 else 0
    hi = cur.segments[i + 1].start if i + 1 < len(cur.segments) else len(session.text)
    to = nudge_target(session.text, start=seg.start, end=seg.end, edge=edge, direction=direction, unit=unit,
                      lo=lo, hi=hi)
    if to is None:
        what = f"the {edge} of {seg.id} cannot move one {unit} {_NUDGE_WORDS[(edge, 1 if direction > 0 else -1)]}"
        if (edge == "start") != (direction < 0):
            why = f"the segment holds only one {unit}"
        else:
            j = i - 1 if edge == "start" else i + 1
            neighbour = cur.segments[j] if 0 <= j < len(cur.segments) else None
            gap = session.text[lo : seg.start] if edge == "start" else session.text[seg.end : hi]
            side = ("start", "before") if edge == "start" else ("end", "after")
            if not gap.strip():
                why = f"segment {neighbour.id} is right there" if neighbour else "there is no more text"
            elif unit == "word":
                why = f"it is at the {side[0]} of its line (a line nudge takes in the line {side[1]})"
            else:
                why = f"the line {side[1]} belongs to segment {neighbour.id}" if neighbour else "there is no more text"
        raise EditError(f"{what}: {why}")
    return MoveBoundary(segment_id, edge=edge, to=to)


def split_segment(session: EditSession, segment_id: str, at: int, *, new_id: str) -> SplitSegment:
    """A SplitSegment at the word boundary nearest to ``at`` (a caret inside a word never cuts it)."""
    _i, seg = _find(session.curation, segment_id)
    point = split_point(session.text, seg.start, seg.end, at)
    if point is None:
        raise EditError(f"segment {seg.id} is one word: there is no place to split it")
    return SplitSegment(segment_id, point, new_id=new_id)


class SetSpan(Command):
    """Make a segment cover exactly a selection (trimmed of whitespace)."""

    def __init__(self, segment_id: str, start: int, end: int) -> None:
        super().__init__()
        self.segment_id, self.start, self.end = segment_id, start, end
        self.name = f"Set span of {segment_id}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        i, seg = _find(cur, self.segment_id)
        start, end = trim_span(text, self.start, self.end)
        if end <= start:
            raise EditError("the selection holds no text")
        _check_free(cur, start, end, ignore=seg.id)
        rest = [*cur.segments[:i], *cur.segments[i + 1 :]]
        moved = reshape(seg, text, start=start, end=end, origin="editor")
        k = bisect.bisect_left([s.start for s in rest], start)
        segments = [*rest[:k], moved, *rest[k:]]
        span = (min(start, seg.start), max(end, seg.end))
        return rebuild(cur, segments=segments), Changes(segments=frozenset({seg.id}), layout=True, span=span)


class CreateSegment(Command):
    """Make a new segment from a selection of unsegmented text."""

    def __init__(self, start: int, end: int, *, new_id: str, label: str, article: str | None) -> None:
        super().__init__()
        self.start, self.end, self.new_id, self.label, self.article = start, end, new_id, label, article
        self.name = f"New {label} segment"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        start, end = trim_span(text, self.start, self.end)
        if end <= start:
            raise EditError("the selection holds no text")
        _check_free(cur, start, end)
        _check_label(self.label)
        article = None if self.label in NEVER_IN_ARTICLE_LABELS else self.article
        seg = Segment(id=self.new_id, start=start, end=end, label=self.label, text=text[start:end],
                      article=article, origin="editor")
        k = bisect.bisect_left(starts_of(cur.segments), start)
        segments = [*cur.segments[:k], seg, *cur.segments[k:]]
        return rebuild(cur, segments=segments), Changes(segments=frozenset({seg.id}), layout=True, span=(start, end))


def create_segment(session: EditSession, start: int, end: int, *, label: str = "paragraph") -> CreateSegment:
    """A CreateSegment with a fresh id, joining the article of the nearest segment before it (boilerplate:
    only the article of the segments right before and after it, a file name inside the story; a footer
    line after the text stays outside)."""
    from curator.core.edit.ids import fresh_id

    cur = session.curation
    if label in NOT_ARTICLE_TEXT_LABELS:
        k = bisect.bisect_left(starts_of(cur.segments), start)
        before = cur.segments[k - 1].article if k > 0 else None
        after = cur.segments[k].article if k < len(cur.segments) else None
        inside = before if before is not None and before == after else None
        return CreateSegment(start, end, new_id=fresh_segment_id(cur.segments), label=label, article=inside)
    article = None
    for seg in reversed(cur.segments):
        if seg.start < start and seg.article is not None:
            article = seg.article
            break
    if article is None:
        article = next((s.article for s in cur.segments if s.article is not None), None)
    return CreateSegment(start, end, new_id=fresh_segment_id(cur.segments), label=label, article=article)


class DeleteSegments(Command):
    """Remove segments: their text becomes unsegmented (the text itself is never touched)."""

    def __init__(self, segment_ids: Iterable[str]) -> None:
        super().__init__()
        self.segment_ids = tuple(segment_ids)
        self.name = f"Delete {_describe(self.segment_ids)}"

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        gone = set(self.segment_ids)
        doomed = [_find(cur, sid)[1] for sid in self.segment_ids]
        if not doomed:
            raise EditError("no segment selected")
        segments = list(cur.segments)
        for i in sorted({_find(cur, sid)[0] for sid in gone}, reverse=True):
            del segments[i]
        dups = _drop_duplicates_of(cur, gone)
        changes = Changes(segments=frozenset(gone), layout=True, duplicates=dups != cur.duplicates,
                          span=_span_of(*doomed))
        return rebuild(cur, segments=segments, **_if_changed(cur, duplicates=dups)), changes


def _check_label(label: str) -> None:
    if label not in default_taxonomy().label_names:
        raise EditError(f"unknown label {label!r} (the taxonomy has {', '.join(default_taxonomy().label_names)})")


def _describe(ids: Sequence[str]) -> str:
    return f"segment {ids[0]}" if len(ids) == 1 else f"{len(ids)} segments"


class _SegmentFields(Command):
    """Set the same fields on several segments at once."""

    def __init__(self, segment_ids: Iterable[str]) -> None:
        super().__init__()
        self.segment_ids = tuple(segment_ids)

    def updates(self, cur: Curation, seg: Segment) -> dict[str, object]:
        raise NotImplementedError

    def extra(self, cur: Curation) -> dict[str, object]:
        return {}

    def build(self, cur: Curation, text: str) -> tuple[Curation, Changes]:
        if not self.segment_ids:
            raise EditError("no segment selected")
        wanted = set(self.segment_ids)
        at = sorted({_find(cur, sid)[0] for sid in wanted})
        touched = [cur.segments[i] for i in at]
        extra = self.extra(cur)
        probe = rebuild(cur, **extra) if extra else cur
        segments = replaced(cur.segments, at, lambda s: reshape(s, text, **self.updates(probe, s)))
        changes = Changes(segments=frozenset(wanted), span=_span_of(*touched),
                          articles="articles" in extra, speakers="speakers" in extra)
        return rebuild(probe, segments=segments), changes


class SetLabel(_SegmentFields):
    """Give several segments one label; teasers leave their article (boilerplate stays in it: a line of the
    story such as a file name or a credit)."""

    def __init__(self, segment_ids: Iterable[str], label: str) -> None:
        super().__init__(segment_ids)
        self.label = label
        self.name = f"Label {_describe(self.segment_ids)} {label}"

    def extra(self, cur: Curation) -> dict[str, object]:
        _check_label(self.label)
        return {}

    def updates(self, cur: Curation, seg: Segment) -> dict[str, object]:
        # A segment the editor relabels is the editor's; one already of that label keeps its origin.
        origin = "editor" if seg.label != self.label else seg.origin
        if self.label in NEVER_IN_ARTICLE_LABELS:
            return {"label": self.label, "article": None, "origin": origin}
        return {"label": self.label, "origin": origin}


class MarkReviewed(_SegmentFields):
    """Mark segments as looked at by an editor (accepting what the parser proposed), or not."""

    def __init__(self, segment_ids: Iterable[str], *, reviewed: bool = True) -> None:
        super().__init__(segment_ids)
        self.reviewed = reviewed
        self.name = f"Mark {_describe(self.segment_ids)} {'reviewed' if reviewed else 'not reviewed'}"

    def updates(self, cur: Curation, seg: Segment) -> dict[str, object]:
        return {"reviewed": self.reviewed}


def next_unsegmented(cur: Curation, text: str, *, after: int) -> tuple[int, int] | None:
    """The next text in no segment at or after offset ``after`` (wrapping round), one line of it, without
    the whitespace around it: what Ins then makes a segment. None when every word is in a segment."""
    gaps = []
    at = 0
    for start, end in sorted((s.start, s.end) for s in cur.segments):
        if start > at:
            gaps.append((at, start))
        at = max(at, end)
    if at < len(text):
        gaps.append((at, len(text)))

    def first(lo: int) -> tuple[int, int] | None:
        for g0, g1 in gaps:
            pos = max(g0, lo)
            while pos < g1:  # each line of the gap, the first with words on it
                nl = text.find("\n", pos, g1)
                line_end = g1 if nl < 0 else nl
                piece = text[pos:line_end]
                if piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    return pos + lead, pos + len(piece.rstrip())
                pos = line_end + 1
        return None

    return first(after) or first(0)


def next_unreviewed(cur: Curation, *, after: str | None) -> Segment | None:
    """The first segment not yet reviewed after ``after`` (wrapping round), or None."""
    segs = cur.segments
    start = 0
    if after is not None:
        for i, s in enumerate(segs):
            if s.id == after:
                start = i + 1
                break
    for k in range(len(segs)):
        seg = segs[(start + k) % len(segs)]
        if not seg.reviewed:
            return seg
    return None


def segment_at(cur: Curation, offset: int) -> Segment | None:
    """The segment containing ``offset`` (start inclusive, end exclusive), or None."""
    i = bisect.bisect_right(starts_of(cur.segments), offset) - 1
    if i >= 0 and cur.segments[i].start <= offset < cur.segments[i].end:
        return cur.segments[i]
    return None
