"""Groups <-> the contract: ``Duplicate`` entries of a Curation, and editors' decisions kept across runs.

An editor's decision on a group (confirmed, rejected, canonical chosen) lives in
the curated JSON as the group's ``Duplicate`` entries. A fresh detection finds the
same group again by id (a content hash of its default canonical passage) or, when
membership changed that hash, by overlapping members, and keeps the decision.
"""

from __future__ import annotations

from collections import defaultdict
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from curator.core.dups.groups import Group, Member
from curator.core.jsonio import JsonFileError, bounded, loads_fast, parse_curation, read_json_bytes
from curator.core.model import SCHEMA_VERSION, Curation, Duplicate, DuplicateRef, Segment
from curator.core.store import Corpus


class SegSpan(NamedTuple):
    """A Segment's id and span, for mapping members without the Segment object."""

    id: str
    start: int
    end: int


class SegmentIndex:
    """A Curation's Segments searchable by position (they are sorted and never overlap)."""

    __slots__ = ("ends", "segments")

    def __init__(self, segments: Sequence[Segment] | Sequence[SegSpan]) -> None:
        self.segments = segments
        self.ends = [s.end for s in segments]  # sorted, as the segments are

    def overlapping(self, start: int, end: int) -> list[tuple[Segment | SegSpan, int, int]]:
        """Segments overlapping ``[start, end)`` with the clipped span (an empty span touches its segment)."""
        segments = self.segments
        hits = []
        i = bisect_right(self.ends, start)  # first segment ending after ``start``
        while i < len(segments):
            seg = segments[i]
            if seg.start >= end and not (start == end and seg.start <= start):
                break
            lo, hi = max(seg.start, start), min(seg.end, end)
            if lo < hi or (start == end and seg.start <= start < seg.end):
                hits.append((seg, lo, hi))
            i += 1
        return hits

    def main_segment(self, start: int, end: int) -> str | None:
        """The Segment holding most of ``[start, end)``."""
        hits = self.overlapping(start, end)
        return max(hits, key=lambda h: h[2] - h[1])[0].id if hits else None


def _overlapping(segments: list[Segment], start: int, end: int) -> list[tuple[Segment | SegSpan, int, int]]:
    """Segments overlapping ``[start, end)`` with the clipped span (an empty span touches its segment)."""
    return SegmentIndex(segments).overlapping(start, end)


class GroupIndex:
    """Groups indexed by Document, each group's canonical Segment named once.

    Building it walks every member once; ``duplicates(curation)`` then costs only
    that Document's members, so mapping a whole corpus is linear in its members
    (scanning every group for every Document was quadratic).
    """

    def __init__(self, groups: Iterable[Group], curations: Mapping[str, Curation] | None = None, *,
                 segment_spans: Callable[[str], Sequence[SegSpan]] | None = None,
                 by_doc: Mapping[str, list[tuple[Group, Member]]] | None = None) -> None:
        """``curations`` or ``segment_spans(doc_id)`` name the Segments of a canonical copy's Document
        (members found on blank-line blocks carry no Segment id). ``by_doc``: these groups' members by
        Document, already indexed (``detect(index=True)``: while the workers aligned); the order of a
        Document's pairs does not matter (its entries are merged by key, then sorted)."""
        self.curations = curations or {}
        self.segment_spans = segment_spans
        self._segment_index: dict[str, SegmentIndex] = {}
        self._canon_seg: dict[int, str] = {}  # by id(group): groups must not change once indexed
        self.groups = list(groups)
        if by_doc is not None:
            self.by_doc: Mapping[str, list[tuple[Group, Member]]] = by_doc
            return
        index: dict[str, list[tuple[Group, Member]]] = defaultdict(list)
        for group in self.groups:
            for member in group.members:
                index[member.document].append((group, member))
        self.by_doc = index

    def segments_of(self, curation: Curation) -> SegmentIndex:
        doc_id = curation.document.id
        idx = self._segment_index.get(doc_id)
        if idx is None or idx.segments is not curation.segments:
            idx = self._segment_index[doc_id] = SegmentIndex(curation.segments)
        return idx

    def canonical_segment(self, group: Group, own: Curation | None = None) -> str:
        key = id(group)
        if key in self._canon_seg:
            return self._canon_seg[key]
        canon = group.canonical_member
        seg = canon.segment
        if seg is None:
            cur = own if own is not None and own.document.id == canon.document else self.curations.get(canon.document)
            if cur is not None:
                seg = self.segments_of(cur).main_segment(canon.start, canon.end)
            elif self.segment_spans is not None:
                seg = SegmentIndex(self.segment_spans(canon.document)).main_segment(canon.start, canon.end)
        if seg is None:
            raise ValueError(
                f"group {group.id}: cannot name the segment of its canonical copy in document "
                f"{canon.document!r} (no curation given for it)"
            )
        self._canon_seg[key] = seg
        return seg

    def duplicates(self, curation: Curation) -> list[Duplicate]:
        """The ``Duplicate`` entries of ``curation`` (its members mapped onto its Segments)."""
        return self._entries(curation.document.id, self.segments_of(curation), curation)

    def duplicates_at(self, doc_id: str, segments: Sequence[SegSpan]) -> list[Duplicate]:
        """The entries of Document ``doc_id`` whose Segments are ``segments`` (sorted, not overlapping)."""
        return self._entries(doc_id, SegmentIndex(segments), None)

    def duplicates_json_at(self, doc_id: str, segments: Sequence[SegSpan]) -> list[dict]:
        """``duplicates_at`` as ``Duplicate.model_dump(mode="json")`` dicts, made without the models (the
        output stage of ``curator parse`` renders them at once: validating and dumping a model per entry
        was most of mapping the groups onto the Documents; a test holds both to the same values)."""
        out = []
        for seg, group, of, kind, score, lo, hi, decision in self._entry_rows(doc_id, SegmentIndex(segments), None):
            out.append({"segment": seg, "group": group,
                        "of": None if of is None else {"document": of[0], "segment": of[1]},
                        "kind": kind, "score": score, "start": lo, "end": hi, "decision": decision})
        return out

    def _entries(self, doc_id: str, segs: SegmentIndex, curation: Curation | None) -> list[Duplicate]:
        return [Duplicate(segment=seg, group=group, of=None if of is None else DuplicateRef(document=of[0], segment=of[1]),
                          kind=kind, score=score, start=lo, end=hi, decision=decision)  # type: ignore[arg-type]
                for seg, group, of, kind, score, lo, hi, decision in self._entry_rows(doc_id, segs, curation)]

    def _entry_rows(self, doc_id: str, segs: SegmentIndex, curation: Curation | None) -> list[tuple]:
        """Entries as tuples (segment, group, (document, segment) of the canonical copy or None, kind,
        score, start, end, decision), sorted as the Curation keeps them."""
        out: dict[tuple[str, str], list] = {}
        for group, member in self.by_doc.get(doc_id, ()):
            canon = group.canonical_member
            canon_seg = self.canonical_segment(group, curation)
            # Every Segment of the canonical copy is the canonical copy (``of`` None): a footer block
            # of three lines is one copy, not a line that the other two lines duplicate.
            own = member is canon
            for seg, lo, hi in segs.overlapping(member.start, member.end):
                key = (seg.id, group.id)
                prev = out.get(key)
                of = None if own else (canon.document, canon_seg)
                score = float(min(1.0, max(0.0, member.score)))
                if prev is not None:  # two copies inside one segment: one entry spanning both
                    lo = min(prev[5], lo)
                    hi = max(prev[6], hi)
                    of = None if prev[2] is None or of is None else of
                    score = max(prev[4], score)
                out[key] = [seg.id, group.id, of, group.kind, score, lo, hi, group.decision]
        return sorted(map(tuple, out.values()), key=lambda d: (d[1], d[5], d[0]))


def to_duplicates(
    groups: Iterable[Group], curation: Curation, *, curations: Mapping[str, Curation] | None = None
) -> list[Duplicate]:
    """The ``Duplicate`` entries of ``curation`` for these groups (members mapped onto its Segments).

    ``curations`` gives the other Documents' Curations, needed to name the
    canonical copy's Segment when members carry no segment id (raw-text detection).
    For many Documents, build one ``GroupIndex`` and ask it for each.
    """
    return GroupIndex(groups, curations).duplicates(curation)


class StoredEntry(NamedTuple):
    """What a decision needs of one stored ``Duplicate`` entry."""

    group: str
    start: int | None
    end: int | None
    decision: str
    canonical: bool  # ``of`` is None: this copy is the group's canonical one


def apply_decisions(groups: list[Group], curations: Iterable[Curation]) -> list[Group]:
    """Carry the decisions stored in Curations onto fresh groups (in place; returns them).

    A stored group is found by id, else by a member overlapping one of its
    entries; it then keeps its stored id, its decision and, when an editor decided
    on it, its chosen canonical copy.
    """
    return apply_stored(groups, (
        (cur.document.id, StoredEntry(d.group, d.start, d.end, d.decision, d.of is None))
        for cur in curations for d in cur.duplicates))


def apply_stored(groups: list[Group], stored: Iterable[tuple[str, StoredEntry]]) -> list[Group]:
    """``apply_decisions`` over ``(document id, entry)`` pairs (read without loading whole Curations)."""
    entries: dict[str, list[tuple[str, StoredEntry]]] = defaultdict(list)
    for doc, dup in stored:
        entries[dup.group].append((doc, dup))
    if not entries:
        return groups
    by_doc: dict[str, list[tuple[str, StoredEntry]]] = defaultdict(list)
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
                if dup.canonical and dup.decision != "proposed" and dup.start is not None:
                    idx = _member_at(group, doc, dup.start, dup.end if dup.end is not None else dup.start)
                    if idx is not None:
                        group.canonical = idx
                        break
    return groups


def _segments_broken(data: dict) -> str | None:
    """The first segment whose span validate would refuse (cheap: no text, no whole-file model)."""
    doc = data.get("document")
    length = doc.get("length") if isinstance(doc, dict) else None
    for seg in data.get("segments") or ():
        if not isinstance(seg, dict):
            return "a segment is not an object"
        start, end, sid = seg.get("start"), seg.get("end"), seg.get("id")
        if type(start) is not int or type(end) is not int:
            return f"segment {sid}: start and end must be whole numbers"
        if start < 0 or end <= start:
            return f"segment {sid}: end {end} must be after start {start}" if end <= start \
                else f"segment {sid}: start {start} is negative"
        if type(length) is int and end > length:
            return f"segment {sid}: end {end} is past the document's length {length}"
    return None


def read_stored_entries(corpus: Corpus, doc_ids: Iterable[str],
                        problems: list[str] | None = None) -> Iterator[tuple[str, StoredEntry]]:
    """The duplicate entries stored in a corpus's curated files, read without validating whole Curations.

    Files with no entries are skipped after a byte search; for the others only the
    ``duplicates`` list is decoded. A file that cannot be read is named in ``problems``.
    """
    import orjson

    names: dict[str, str] = {}  # one string per group id (a footer's id is stored in every file)
    if not corpus.curated_dir.is_dir():  # nothing curated yet: no file to look for
        for _ in doc_ids:  # (the ids are still consumed: a progress bar may wrap them)
            pass
        return
    for doc_id in doc_ids:
        path = corpus.curated_path(doc_id)
        try:  # the size is checked before reading: a file the rest of Curator refuses is not used here either
            raw = read_json_bytes(path)
        except FileNotFoundError:
            continue
        except JsonFileError as exc:
            if problems is not None:
                problems.append(f"{exc}; its duplicate decisions are ignored")
            continue
        if b'"duplicates"' not in raw:
            # Every curated file Curator writes holds the key: this one was written by hand or
            # damaged. The strict loader says what is wrong with it (nothing, if it is just terse).
            try:
                parse_curation(raw, path)
            except Exception as exc:  # noqa: BLE001 - any failure names the file, the rest is processed
                if problems is not None:
                    problems.append(f"{bounded(str(exc))}; its duplicate decisions are ignored")
            continue
        if b'"duplicates": []' in raw:
            continue
        try:
            data = loads_fast(raw)
            version = data.get("schema_version")
            if isinstance(version, int) and version > SCHEMA_VERSION:
                # Written by a newer Curator: what its decisions mean may have changed, so none is applied.
                # (The strict loader first: a file it refuses — a key given twice — is named as validate names it.)
                if problems is not None:
                    try:
                        parse_curation(raw, path)
                        why = (f"{path}: schema_version {version} is newer than this Curator reads "
                               f"({SCHEMA_VERSION})")
                    except Exception as exc:  # noqa: BLE001 - any failure names the file, the rest is processed
                        why = bounded(str(exc))
                    problems.append(f"{why}; its duplicate decisions are ignored")
                continue
            broken = _segments_broken(data)
            if broken is not None:  # validate rejects the file: its decisions are not used (README)
                if problems is not None:
                    problems.append(f"{path}: {broken} (`curator validate` rejects the file); "
                                    "its duplicate decisions are ignored")
                continue
            for d in data.get("duplicates") or ():
                start, end = d.get("start"), d.get("end")
                gid = str(d["group"])
                yield doc_id, StoredEntry(names.setdefault(gid, gid), None if start is None else int(start),
                                          None if end is None else int(end), str(d.get("decision", "proposed")),
                                          d.get("of") is None)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            if problems is not None:
                problems.append(f"{path}: duplicate entries unreadable ({exc}); its decisions are ignored")


def _overlap_match(
    group: Group, by_doc: Mapping[str, list[tuple[str, StoredEntry]]], fresh_ids: set[str], taken: set[str]
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
    groups: list[Group] | GroupIndex, curation: Curation, *, curations: Mapping[str, Curation] | None = None
) -> list[Duplicate]:
    """``to_duplicates`` then ``merge_duplicates``: what to store in ``curation.duplicates``.

    Pass a ``GroupIndex`` (built once) when calling this for every Document of a corpus.
    """
    index = groups if isinstance(groups, GroupIndex) else GroupIndex(groups, curations)
    return merge_duplicates(curation, index.duplicates(curation))
