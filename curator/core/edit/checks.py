"""Checking an edit's result without re-validating the whole Curation.

An edit starts from a valid Curation and replaces a few of its parts. Checking
only what it touched — the window of segments that are new objects, the pairs
at the window's edges, the small lists it replaced — finds exactly the problems
``invariant_problems`` would find on the result, at the cost of the edit rather
than of the Document (5,000 segments re-validated on every keystroke cost more
than the rest of an edit together). ``tests/test_edit_checks.py`` pins the
equivalence down against the full check.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import compress, count
from operator import attrgetter, is_, is_not
from typing import Any

from pydantic import TypeAdapter, ValidationError

from curator.core.edit.lookup import articles_of
from curator.core.model import Curation, Segment, duplicate_problems, segment_edge_problem

# Top-level fields an edit may replace without a full validation; anything else (the
# document reference, the schema version) goes through pydantic and the full check.
LOCAL_FIELDS = frozenset({"status", "segments", "articles", "speakers", "events", "duplicates"})


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    annotation = Curation.model_fields[name].annotation
    if annotation is None:  # every field of Curation is annotated; pydantic >= 2.14 types it as optional
        raise KeyError(name)
    return TypeAdapter(annotation)


def segment_problems(seg: object, length: int) -> list[str]:
    """The rules a Segment's own validation enforces, for objects that may have skipped it (model_copy)."""
    if not isinstance(seg, Segment):
        return [f"{seg!r} is not a Segment"]
    problems: list[str] = []
    if not isinstance(seg.id, str) or not seg.id:
        problems.append(f"segment id {seg.id!r} must be a non-empty string")
    if not isinstance(seg.label, str) or not seg.label:
        problems.append(f"segment {seg.id}: label must be a non-empty string")
    if type(seg.start) is not int or type(seg.end) is not int or seg.start < 0:
        problems.append(f"segment {seg.id}: start and end must be offsets >= 0")
    elif seg.end <= seg.start:
        problems.append(f"segment {seg.id}: end {seg.end} must be after start {seg.start}")
    elif not isinstance(seg.text, str) or len(seg.text) != seg.end - seg.start:
        problems.append(f"segment {seg.id}: text does not span [{seg.start}, {seg.end})")
    if seg.end > length:
        problems.append(f"segment {seg.id} [{seg.start}, {seg.end}) ends past the end of the text "
                        f"({length} code points)")
    if seg.origin not in ("parser", "editor") or not isinstance(seg.reviewed, bool):
        problems.append(f"segment {seg.id}: origin or reviewed has a wrong value")
    for name in ("article", "speaker"):
        if getattr(seg, name) is not None and not isinstance(getattr(seg, name), str):
            problems.append(f"segment {seg.id}: {name} must be an id or null")
    return problems


# The last windows found, by the identity of their two lists: on a 10 MB page with 40,000 segments every
# consumer of one edit (the checks, the summary, the segments tree, the text view, the journal) asks for
# the same pair; each pass over the lists in Python cost ~5-15 ms of the UI thread. A few are kept: the
# journal asks for each list field's pair in turn (articles, speakers…), which pushed the segments' out
# and cost ~1 ms each to find again.
_windows: list[tuple[Sequence[object], Sequence[object], tuple[int, int, int]]] = []
_KEPT_WINDOWS = 6


def changed_window(old: Sequence[object], new: Sequence[object]) -> tuple[int, int, int]:
    """``(lo, hi_old, hi_new)``: ``new[lo:hi_new]`` replaced ``old[lo:hi_old]``; the rest is the same objects.

    Found in C (``map(is_not, …)`` under ``compress``, stopping at the first difference from each end),
    and remembered for the last pairs asked (either way round: an undo asks for the reverse)."""
    for a, b, w in _windows:
        if a is old and b is new:
            return w
        if a is new and b is old:
            return w[0], w[2], w[1]
    w = identity_window(old, new)
    _windows.insert(0, (old, new, w))
    del _windows[_KEPT_WINDOWS:]
    return w


def partner(segs: Sequence[object]) -> Sequence[object] | None:
    """The other list of the latest pair :func:`changed_window` compared ``segs`` with (an edit's before or
    after), or None."""
    for a, b, _ in _windows:
        if b is segs:
            return a
        if a is segs:
            return b
    return None


# The last runs of copies ``session.retagged_all`` made (sources, copies, the fields they took): a new Article's
# 4,000 copies were compared with what they replace three times more after the edit had made them so (its
# checks, the crash journal's record, the segments tree), ~2-4 ms of the UI thread each on a 40,000-segment page.
_retags: list[tuple[Sequence[object], Sequence[object], dict[str, Any]]] = []
_KEPT_RETAGS = 4


def note_retagged(sources: Sequence[object], copies: Sequence[object], fields: dict[str, Any]) -> None:
    """``copies[i]`` is ``sources[i]`` with ``fields`` set and nothing else changed (``session.retagged_all``)."""
    _retags.insert(0, (sources, copies, dict(fields)))
    del _retags[_KEPT_RETAGS:]


def retag_of(old: Sequence[object], new: Sequence[object]) -> dict[str, Any] | None:
    """The fields ``new`` took over ``old`` when ``new`` is, object for object, a run of copies ``retagged_all``
    made of ``old`` (checked by identity, in C), else None: then only those fields changed."""
    n = len(new)
    if not n or n != len(old):
        return None
    for sources, copies, fields in _retags:
        if (len(copies) == n and copies[0] is new[0] and sources[0] is old[0]
                and all(map(is_, copies, new)) and all(map(is_, sources, old))):
            return fields
    return None


def identity_window(old: Sequence[object], new: Sequence[object]) -> tuple[int, int, int]:
    """:func:`changed_window`, not remembered (for lists of the caller's own)."""
    common = min(len(old), len(new))
    lo = next(compress(count(), map(is_not, old, new)), common)
    kept = next(compress(count(), map(is_not, reversed(old), reversed(new))), common)  # type: ignore[call-overload]
    kept = min(kept, common - lo)
    return lo, len(old) - kept, len(new) - kept


def _ids_in(segs: Sequence[Segment], ids: list[str]) -> list[str]:
    """Those of ``ids`` some segment of ``segs`` has (compared in C, no set of every id built)."""
    return [i for i in ids if i in map(_ID, segs)]


_ID = attrgetter("id")
_ARTICLE = attrgetter("article")
_SPEAKER = attrgetter("speaker")
_SPAN = attrgetter("id", "start", "end")


def _unique(kind: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for i in ids:
        if i in seen:
            problems.append(f"{kind} id {i!r} is used more than once")
        seen.add(i)
    return problems


def edit_problems(before: Curation, fields: dict[str, Any]) -> list[str]:
    """What ``invariant_problems`` would report on ``fields``, given ``before`` was valid and the rest is shared."""
    old: list[Segment] = before.segments
    new: list[Segment] = fields["segments"]
    length: int = fields["document"].length
    problems: list[str] = []
    lo, hi_old, hi_new = changed_window(old, new)
    window = new[lo:hi_new]
    # The window kept every id and span in place (a relabel, a move to an Article, a speaker): the ids,
    # edges and order were valid in ``before`` and are the same here (compared in C). Walking a new
    # Article's thousands of segments three times more cost ~5 ms on a 40,000-segment page.
    kept = old[lo:hi_old]
    retag = retag_of(kept, window)  # copies that only took another Article or speaker: ids, spans, text kept
    spans_kept = retag is not None or (hi_old == hi_new and _same_spans(kept, window))
    same_layout = spans_kept or (hi_old == hi_new and list(map(_SPAN, kept)) == list(map(_SPAN, window)))
    valid = (retag is not None and all(v is None or isinstance(v, str) for v in retag.values())) or (
        spans_kept and _kept_valid(window))
    if not valid:
        for seg in window:
            problems.extend(segment_problems(seg, length))
        if problems:
            return problems
    if not same_layout:
        problems.extend(_layout_problems(old, new, lo, hi_old, hi_new, length))
    articles_changed = fields["articles"] is not before.articles
    speakers_changed = fields["speakers"] is not before.speakers
    if articles_changed:
        problems.extend(_unique("article", [a.id for a in fields["articles"]]))
    if speakers_changed:
        problems.extend(_unique("speaker", [s.id for s in fields["speakers"]]))
    articles = {a.id for a in fields["articles"]}
    speakers = {s.id for s in fields["speakers"]}
    # A replaced article or speaker list may orphan any segment, but only by dropping an id a kept
    # segment names (looked for in C); otherwise only the window can. Walking all 40,000 segments of
    # a long page in Python on every new article cost ~10 ms.
    scan: Sequence[Segment] = window
    if articles_changed or speakers_changed:
        dropped_articles = {a.id for a in before.articles} - articles
        dropped_speakers = {s.id for s in before.speakers} - speakers
        outside = (new[:lo], new[hi_new:])
        # Any segment naming a dropped Article (the window's too: those are reported either way) scans all.
        if (dropped_articles and not dropped_articles.isdisjoint(articles_of(new, base=old))) or \
                (dropped_speakers and any(not dropped_speakers.isdisjoint(map(_SPEAKER, part)) for part in outside)):
            scan = new
    named_articles, named_speakers = set(map(_ARTICLE, scan)), set(map(_SPEAKER, scan))  # in C
    named_articles.discard(None)
    named_speakers.discard(None)
    if not (named_articles <= articles and named_speakers <= speakers):
        for seg in scan:
            if seg.article is not None and seg.article not in articles:
                problems.append(f"segment {seg.id} names unknown article {seg.article!r}")
            if seg.speaker is not None and seg.speaker not in speakers:
                problems.append(f"segment {seg.id} names unknown speaker {seg.speaker!r}")

    if fields["events"] is not before.events or speakers_changed:
        problems.extend(_unique("event", [e.id for e in fields["events"]]))
        for ev in fields["events"]:
            problems.extend(f"event {ev.id} names unknown participant {p!r}"
                            for p in ev.participants if p not in speakers)
            problems.extend(f"event {ev.id} evidence [{sp.start}, {sp.end}) ends past the end of the text "
                            f"({length} code points)"
                            for sp in ev.evidence if sp.end > length)

    gone = set(map(_ID, old[lo:hi_old])).difference(map(_ID, window))  # segments the edit removed
    dups = fields["duplicates"]
    # With the entries unchanged, only one naming a removed segment can break (``before`` was valid): a set of
    # all 40,000 ids for each delete or merge cost ~3 ms, with no duplicate naming them (or none at all).
    if dups is not before.duplicates or (gone and not gone.isdisjoint(_named_segments(dups, fields["document"].id))):
        problems.extend(duplicate_problems(dups, segment_ids=set(map(_ID, new)),
                                           doc_id=fields["document"].id, length=length))
    return problems


_START, _END, _TEXT = attrgetter("start"), attrgetter("end"), attrgetter("text")
_LABEL, _ORIGIN, _REVIEWED = attrgetter("label"), attrgetter("origin"), attrgetter("reviewed")


def _same_spans(old: Sequence[Segment], window: Sequence[Segment]) -> bool:
    """Whether each segment of ``window`` has the very id, start, end and text objects of the one it replaced
    (copies that changed a label, an Article, a speaker), compared in C."""
    return all(all(map(is_, map(get, old), map(get, window))) for get in (_ID, _START, _END, _TEXT))


def _kept_valid(window: Sequence[Segment]) -> bool:
    """Whether the segments of a window with :func:`_same_spans` pass :func:`segment_problems`, checked in C
    column by column: their id, span and text were valid in the segments they replace, and every other field
    is among a few values of the right type (a new Article's ~4,000 copies one by one: ~8 ms)."""
    if not window:
        return True
    if set(map(type, window)) != {Segment}:
        return False
    if not all(isinstance(label, str) and label for label in set(map(_LABEL, window))):
        return False
    if not set(map(_ORIGIN, window)) <= {"parser", "editor"} or set(map(type, map(_REVIEWED, window))) != {bool}:
        return False
    refs = set(map(_ARTICLE, window)) | set(map(_SPEAKER, window))
    return all(ref is None or isinstance(ref, str) for ref in refs)


def _named_segments(dups: Sequence[Any], doc_id: str) -> set[str]:
    """The segment ids of this Document that duplicate entries name (their own, and what they repeat)."""
    named = {d.segment for d in dups}
    named.update(d.of.segment for d in dups if d.of is not None and d.of.document == doc_id)
    return named


def _layout_problems(old: list[Segment], new: list[Segment], lo: int, hi_old: int, hi_new: int,
                     length: int) -> list[str]:
    """Edges, ids and order of a window whose ids or spans changed (see :func:`edit_problems`)."""
    window = new[lo:hi_new]
    problems: list[str] = []
    # No edit may leave a segment starting or ending on whitespace; a segment whose span the edit
    # kept (a relabel of an old file's segment) is reported by `curator validate`, not refused here.
    kept_spans = {(s.id, s.start, s.end) for s in old[lo:hi_old]}
    for seg in window:
        if (seg.id, seg.start, seg.end) not in kept_spans:
            edge = segment_edge_problem(seg, length)
            if edge:
                problems.append(edge)
    # Ids: the window's must be unique among themselves and unused by the segments kept around it.
    window_ids = [s.id for s in window]
    problems.extend(_unique("segment", window_ids))
    removed_ids = {s.id for s in old[lo:hi_old]}
    # An id the window took over from the segments it replaced cannot be used elsewhere (``before`` was
    # valid); only new ids are looked for among the kept segments.
    fresh = [i for i in window_ids if i not in removed_ids]
    if fresh:
        used = _ids_in(new[:lo], fresh) + _ids_in(new[hi_new:], fresh)
        problems.extend(f"segment id {i!r} is used more than once" for i in fresh if i in used)
    # Order: every pair that touches the window (its inside and its two edges).
    for k in range(max(lo, 1), min(hi_new + 1, len(new))):
        a, b = new[k - 1], new[k]
        if b.start < a.start:
            problems.append(f"segment {b.id} starts before {a.id}: segments must be sorted")
        elif b.start < a.end:
            problems.append(f"segment {b.id} overlaps {a.id}")

    return problems


def validated_fields(updates: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The replaced top-level fields through pydantic (cheap: small lists of models already built), and problems."""
    out: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in updates.items():
        if name == "segments":
            out[name] = list(value)  # each new segment is checked by edit_problems
            continue
        try:
            out[name] = _adapter(name).validate_python(value)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in (name, *err["loc"]))
                problems.append(f"{where}: {err['msg'].removeprefix('Value error, ')}")
    return out, problems
