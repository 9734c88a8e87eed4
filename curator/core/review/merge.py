"""Three-way merge of a new parse into an editor's Curation: base (the parse the editor
started from), editor (the curation now), new (the parser's latest output), all on one text.

Segments: base and new segments that overlap, transitively, form a *region*. A
region where the parser's output changed is taken into the editor's version
when the editor changed nothing there; an editor change is any segment added,
removed, moved, relabelled or re-attributed, or one marked reviewed or made by
an editor. Where both changed, the region is a conflict unless both arrived at
the same segments. Article fields (title, date, kind) merge field by field;
parser-proposed events and duplicate entries the editor never decided on follow
the parser; anything an editor decided stays. Conflicts are listed, never
resolved: the editor's version stands until an editor chooses.

``merge_from_disk`` is the same merge for a curated file that changed on disk
while an editor had unsaved edits: there "new" is the file as it is now, and only
what this editor changed since loading it counts as theirs (reviewed flags,
decisions and origins on disk are another editor's work and are taken as they are).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from curator.core.model import Article, Curation, Duplicate, Event, Segment, Speaker
from curator.core.review.diff import MEMBERSHIP, Change, snippet
from curator.core.review.measures import normalise_name
from curator.core.review.metrics import match_articles, match_events, matched_articles, speaker_names
from curator.core.review.overlap import overlapping_pairs
from curator.core.review.reanchor import ReanchorResult, reanchor
from curator.core.unionfind import bipartite_components


@dataclass(frozen=True)
class Conflict:
    kind: str  # segments | article | event | base
    message: str
    start: int | None = None
    end: int | None = None
    base: str = ""
    editor: str = ""
    parser: str = ""  # the other side's version (the JSON key stays "parser" whatever it came from)
    theirs: str = "parser"  # what to call the other side when the conflict is shown

    def __str__(self) -> str:
        where = f" [{self.start},{self.end})" if self.start is not None else ""
        out = f"{self.kind}{where}: {self.message}"
        if self.editor or self.parser:
            out += f"; editor: {self.editor or '—'}; {self.theirs}: {self.parser or '—'}"
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "base": self.base,
            "editor": self.editor,
            "parser": self.parser,
        }


@dataclass
class MergeResult:
    curation: Curation
    applied: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def _describe(segs: list[Segment]) -> str:
    return " | ".join(f"{s.label} [{s.start},{s.end}) “{snippet(s.text, 40)}”"
                      + (f" (Article {s.article})" if s.article else "") for s in segs) or "—"


def _shape(segs: list[Segment], names: dict[str, str],
           member: dict[str, str] | None = None) -> list[tuple[int, int, str, str | None, str | None]]:
    """Span, label, speaker name and Article of each segment; ``member`` maps the new side's Article ids to
    the base's (an unmatched one stays apart from every base id), the base's and the editor's are as they are."""
    return [(s.start, s.end, s.label, names.get(s.speaker) if s.speaker else None, _member(s.article, member))
            for s in segs]


def _member(article: str | None, member: dict[str, str] | None) -> str | None:
    if article is None or member is None:
        return article
    return member.get(article, f"new {article}")


class _Ids:
    """Fresh ids that do not collide with those already used."""

    def __init__(self, prefix: str, used: set[str]) -> None:
        self.prefix, self.used, self.n = prefix, set(used), 0

    def __call__(self) -> str:
        while True:
            self.n += 1
            candidate = f"{self.prefix}{self.n}"
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate


def _regions(base: list[Segment], new: list[Segment]) -> list[tuple[list[int], list[int]]]:
    """Groups of base and new segment indexes linked by any overlap (transitively), in text order."""
    out = bipartite_components(len(base), len(new), ((i, j) for i, j, _c in overlapping_pairs(base, new)))
    out.sort(key=lambda g: min([base[i].start for i in g[0]] + [new[j].start for j in g[1]]))
    return out


def merge_from_disk(base: Curation, editor: Curation, disk: Curation) -> MergeResult:
    """The editor's unsaved Curation with the changes made on disk since ``base`` (what was loaded) taken in."""
    return merge_three_way(base, editor, disk, since_base=True)


def merge_onto_new_text(base: Curation, editor: Curation, disk: Curation, *, old_text: str,
                        new_text: str) -> tuple[MergeResult, ReanchorResult]:
    """``merge_from_disk`` when the source text itself changed under the editor's unsaved edits (a re-crawl
    imported with ``--update``, which re-anchored the curated file on disk): ``base`` and ``editor`` describe
    ``old_text``, ``disk`` already describes ``new_text``. Both are re-anchored (the code ``import`` and
    ``reparse`` use) onto ``disk``'s text, then merged; the second result says what of the editor's version
    moved, changed or could not be placed (its ``unplaced``: never in the merge, for the caller to keep)."""
    moved = reanchor(editor, new_text, new_doc=disk.document, old_text=old_text)
    # What of the base cannot be placed only makes the merge more cautious (as in reparse).
    base_moved = reanchor(base, new_text, new_doc=disk.document, old_text=old_text).curation
    return merge_three_way(base_moved, moved.curation, disk, since_base=True), moved


def merge_three_way(base: Curation, editor: Curation, new: Curation, *, since_base: bool = False,
                    source: str | None = None, source_label: str | None = None) -> MergeResult:
    """The editor's Curation with the parser's non-conflicting changes taken in.

    ``since_base``: only the editor's changes since ``base`` are theirs (``merge_from_disk``);
    otherwise anything reviewed, decided or made by an editor is, whenever it was done.
    ``source`` names where ``new`` came from in conflict messages ("the annotations in
    tasks.json", default the parser or the file on disk), ``source_label`` its side when shown.
    """
    other = source or ("the file on disk" if since_base else "the parser")
    theirs = source_label or ("file on disk" if since_base else "parser")
    for name, cur in (("editor", editor), ("new parse" if not since_base else "file on disk", new)):
        if cur.document.sha256 != base.document.sha256:
            raise ValueError(f"{cur.document.id}: the {name} describes another text than the base; re-anchor first")
    result = MergeResult(curation=editor)
    b_names, e_names, n_names = speaker_names(base), speaker_names(editor), speaker_names(new)

    # -- which spans did the editor touch? ------------------------------------------
    def seg_key(s: Segment) -> tuple[Any, ...]:
        return (s.start, s.end, s.label, s.speaker, s.article, s.reviewed if since_base else None)

    base_key = {seg_key(s) for s in base.segments}
    editor_key = {seg_key(s) for s in editor.segments}
    locked: list[tuple[int, int]] = []
    for s in editor.segments:
        if seg_key(s) not in base_key or (not since_base and (s.origin == "editor" or s.reviewed)):
            locked.append((s.start, s.end))
    for s in base.segments:
        if seg_key(s) not in editor_key:
            locked.append((s.start, s.end))
    base_decisions = {(d.segment, d.group): d.decision for d in base.duplicates}
    for d in editor.duplicates:
        # A duplicate decision pins its segment (since_base: a decision this editor made).
        if d.decision != "proposed" and (not since_base or base_decisions.get((d.segment, d.group)) != d.decision):
            seg = editor.segment(d.segment)
            locked.append((seg.start, seg.end))

    def touched(lo: int, hi: int) -> bool:
        return any(a < hi and lo < b for a, b in locked)

    # -- speakers and articles of the new parse, in the editor's ids --------------------
    speakers = list(editor.speakers)
    by_name = {normalise_name(s.name): s.id for s in speakers}
    speaker_ids = _Ids("sp", {s.id for s in speakers})

    def speaker_for(new_id: str | None) -> str | None:
        if new_id is None:
            return None
        sp = next(s for s in new.speakers if s.id == new_id)
        key = normalise_name(sp.name)
        if key not in by_name:
            fresh = Speaker(id=speaker_ids(), name=sp.name, role=sp.role)
            speakers.append(fresh)
            by_name[key] = fresh.id
        return by_name[key]

    articles = list(editor.articles)
    editor_articles = {a.id for a in articles}
    base_for_new = {n_id: b_id for b_id, n_id in match_articles(base, new, overlapping_pairs(base.segments, new.segments)).items()}
    article_ids = _Ids("a", editor_articles)
    added_articles: dict[str, str] = {}

    def article_for(new_id: str | None) -> str | None:
        if new_id is None:
            return None
        b_id = base_for_new.get(new_id)
        if b_id is not None and b_id in editor_articles:
            return b_id
        if new_id not in added_articles:
            art = next(a for a in new.articles if a.id == new_id)
            fresh = art.model_copy(update={"id": article_ids()})
            articles.append(fresh)
            added_articles[new_id] = fresh.id
        return added_articles[new_id]

    # -- segments -----------------------------------------------------------------------
    segments = list(editor.segments)
    seg_ids = _Ids("s", {s.id for s in segments})
    incoming: set[str] = set()  # ids of the segments taken from the other side
    for b_idx, n_idx in _regions(base.segments, new.segments):
        b_segs = [base.segments[i] for i in b_idx]
        n_segs = [new.segments[j] for j in n_idx]
        if _shape(b_segs, b_names) == _shape(n_segs, n_names, base_for_new) and (
                not since_base or [(s.reviewed, s.origin) for s in b_segs] == [(s.reviewed, s.origin) for s in n_segs]):
            continue  # the parser (the file on disk) did not change this region
        lo = min(s.start for s in (*b_segs, *n_segs))
        hi = max(s.end for s in (*b_segs, *n_segs))
        e_segs = [s for s in segments if s.start < hi and lo < s.end]
        if touched(lo, hi):
            if _shape(e_segs, e_names) == _shape(n_segs, n_names, base_for_new):
                continue  # editor and parser agree
            fielded = _merge_fields(b_segs, e_segs, n_segs, (b_names, e_names, n_names), speaker_for, article_for,
                                    base_for_new) if since_base else None
            if fielded is not None:  # the same spans, each field changed on one side at most: no conflict
                mine = {s.id for s in e_segs}
                segments = [s for s in segments if s.id not in mine] + fielded
                result.applied.append(f"segments [{lo},{hi}): {other}'s changes beside yours: {_describe(fielded)}")
                continue
            result.conflicts.append(
                Conflict(
                    "segments",
                    f"{other} changed segments you changed; your version is kept" if since_base
                    else f"{other} changed segments an editor changed or reviewed; the editor's version is kept",
                    lo,
                    hi,
                    base=_describe(b_segs),
                    editor=_describe(e_segs),
                    parser=_describe(n_segs),
                    theirs=theirs,
                )
            )
            continue
        removed = {s.id for s in e_segs}
        if since_base:
            # The file's own segments, ids kept where free: another editor's work, reviewed flags and all.
            seg_ids.used -= removed
            kept_ids = {s.id for s in segments if s.id not in removed}
        replacement = [
            Segment(
                id=s.id if since_base and s.id not in kept_ids and s.id not in seg_ids.used else seg_ids(),
                start=s.start,
                end=s.end,
                label=s.label,
                text=s.text,
                article=article_for(s.article),
                speaker=speaker_for(s.speaker),
                origin=s.origin if since_base else "parser",
                reviewed=s.reviewed if since_base else False,
            )
            for s in n_segs
        ]
        if since_base:
            seg_ids.used |= {s.id for s in replacement}
        incoming |= {s.id for s in replacement}
        segments = [s for s in segments if s.id not in removed] + replacement
        result.applied.append(f"segments [{lo},{hi}): {_describe(b_segs)} -> {_describe(n_segs)}")
    segments.sort(key=lambda s: s.start)
    segments = _one_of_each(segments, incoming, result, other=other, theirs=theirs)

    # -- article fields -------------------------------------------------------------------
    base_articles = {a.id: a for a in base.articles}
    new_articles = {a.id: a for a in new.articles}
    merged_articles: list[Article] = []
    for art in articles:
        b = base_articles.get(art.id)
        n_id = next((n for n, b_id in base_for_new.items() if b_id == art.id), None)
        n = new_articles.get(n_id) if n_id else None
        if b is None or n is None:
            merged_articles.append(art)
            continue
        update = {}
        for name in ("title", "date", "kind"):
            e_val, b_val, n_val = getattr(art, name), getattr(b, name), getattr(n, name)
            if n_val == b_val or n_val == e_val:
                continue
            if e_val == b_val:
                update[name] = n_val
                result.applied.append(f"article {art.id} {name}: {b_val!r} -> {n_val!r}")
            else:
                result.conflicts.append(
                    Conflict("article", f"article {art.id} {name}: {other} and an editor both changed it",
                             base=str(b_val), editor=str(e_val), parser=str(n_val), theirs=theirs)
                )
        merged_articles.append(art.model_copy(update=update) if update else art)

    # -- events ----------------------------------------------------------------------------
    events = _merge_events(base, editor, new, result, speaker_for, b_names, n_names, since_base=since_base,
                           other=other, theirs=theirs)

    # -- duplicates ------------------------------------------------------------------------
    duplicates = _merge_duplicates(base, editor, new, segments, result, since_base=since_base)

    used_articles = {s.article for s in segments if s.article}
    merged_articles = [a for a in merged_articles if a.id in editor_articles or a.id in used_articles]
    data = editor.model_dump()
    data.update(
        segments=[s.model_dump() for s in segments],
        articles=[a.model_dump() for a in merged_articles],
        speakers=[s.model_dump() for s in speakers],
        events=[e.model_dump() for e in events],
        duplicates=[d.model_dump() for d in duplicates],
        parser=new.parser.model_dump(),
    )
    if since_base and editor.status == base.status:
        data["status"] = new.status  # the status is the editor's only if they changed it
    result.curation = Curation.model_validate(data)
    return result


_BOTH = object()  # a field both sides changed, to different values


def _pick(b: Any, e: Any, n: Any) -> tuple[Any, bool]:
    """A field's merged value and whether it is the editor's change; ``_BOTH`` when both changed it apart."""
    if e == b:
        return n, False
    if n in (b, e):
        return e, True
    return _BOTH, True


def _merge_fields(b_segs: list[Segment], e_segs: list[Segment], n_segs: list[Segment],
                  names: tuple[dict[str, str], dict[str, str], dict[str, str]], speaker_for: Any, article_for: Any,
                  member: dict[str, str]) -> list[Segment] | None:
    """The editor's segments with the other side's field changes taken in, when all three sides hold the very
    same spans and no field (label, speaker, Article, review mark) was changed on both sides to different values; else
    None (a conflict). A reparse that only cleared review marks beside an editor's relabel is no conflict (F5)."""
    spans = [(s.start, s.end) for s in b_segs]
    if spans != [(s.start, s.end) for s in e_segs] or spans != [(s.start, s.end) for s in n_segs]:
        return None
    b_names, e_names, n_names = names
    out = []
    for b, e, n in zip(b_segs, e_segs, n_segs, strict=True):
        label, label_mine = _pick(b.label, e.label, n.label)
        who, who_mine = _pick(b_names.get(b.speaker) if b.speaker else None, e_names.get(e.speaker) if e.speaker else None,
                              n_names.get(n.speaker) if n.speaker else None)
        art, art_mine = _pick(b.article, e.article, _member(n.article, member))
        reviewed, _ = _pick(b.reviewed, e.reviewed, n.reviewed)
        if _BOTH in (label, who, art, reviewed):
            return None
        speaker = e.speaker if who_mine or who == (e_names.get(e.speaker) if e.speaker else None) else speaker_for(n.speaker)
        article = e.article if art_mine or art == e.article else article_for(n.article)
        origin = e.origin if label_mine or who_mine or art_mine else _pick(b.origin, e.origin, n.origin)[0]
        out.append(e.model_copy(update={"label": label, "speaker": speaker, "article": article, "reviewed": reviewed,
                                        "origin": e.origin if origin is _BOTH else origin}))
    return out


# Labels an Article holds once, and what a second one taken in by a merge becomes instead.
_ONCE_PER_ARTICLE = {"title": "heading", "lead": "paragraph"}


def _one_of_each(segments: list[Segment], incoming: set[str], result: MergeResult, *, other: str,
                 theirs: str) -> list[Segment]:
    """No Article gets a second title or lead from the merge: where the other side's new segment
    would stand beside one the editor kept, it is taken with the plain label and listed as a conflict
    (a re-crawled page with a new first paragraph: the parser's new lead beside the editor's)."""
    out = list(segments)
    for label, plain in _ONCE_PER_ARTICLE.items():
        kept: dict[str, Segment] = {}
        for s in segments:
            if s.label == label and s.article and s.id not in incoming:
                kept.setdefault(s.article, s)
        for n, s in enumerate(out):
            if s.label != label or s.id not in incoming or s.article not in kept:
                continue
            out[n] = s.model_copy(update={"label": plain})
            result.conflicts.append(
                Conflict(
                    "segments",
                    f"{other} proposes a second {label} for an Article whose {label} an editor kept; "
                    f"taken as {plain} until an editor chooses",
                    s.start,
                    s.end,
                    editor=_describe([kept[s.article]]),
                    parser=_describe([s]),
                    theirs=theirs,
                )
            )
    return out


def _event_core(ev: Event) -> tuple[Any, ...]:
    return (ev.type, ev.date, ev.place, tuple(ev.participants), tuple((s.start, s.end) for s in ev.evidence), ev.decision, ev.origin)


def _event_content(ev: Event, names: dict[str, str]) -> tuple[Any, ...]:
    return (ev.type, ev.date, ev.place, frozenset(names.get(x, x) for x in ev.participants),
            tuple(sorted((s.start, s.end) for s in ev.evidence)))


def _pair_events(a: list[Event], b: list[Event], a_names: dict[str, str], b_names: dict[str, str]) -> list[tuple[int, int]]:
    """``match_events``, after pairing the events whose content is the same: an event with a type only
    (an interview, no date, place, participants or evidence) scores 1 against its own copy, below the
    match threshold, and an unchanged proposal removed it and proposed it again (round 20, F6)."""
    free_b: dict[tuple[Any, ...], list[int]] = {}
    for j, ev in enumerate(b):
        free_b.setdefault(_event_content(ev, b_names), []).append(j)
    same = []
    for i, ev in enumerate(a):
        js = free_b.get(_event_content(ev, a_names))
        if js:
            same.append((i, js.pop(0)))
    used_a, used_b = {i for i, _ in same}, {j for _, j in same}
    rest_a = [i for i in range(len(a)) if i not in used_a]
    rest_b = [j for j in range(len(b)) if j not in used_b]
    rest = match_events([a[i] for i in rest_a], [b[j] for j in rest_b], a_names, b_names)
    return same + [(rest_a[i], rest_b[j]) for i, j in rest]


def _merge_events(
    base: Curation,
    editor: Curation,
    new: Curation,
    result: MergeResult,
    speaker_for: Any,
    b_names: dict[str, str],
    n_names: dict[str, str],
    *,
    since_base: bool = False,
    other: str = "the parser",
    theirs: str = "parser",
) -> list[Event]:
    pairs = dict(_pair_events(base.events, new.events, b_names, n_names))
    base_by_id = {e.id: (i, e) for i, e in enumerate(base.events)}
    matched_new = set(pairs.values())
    ids = _Ids("e", {e.id for e in editor.events})
    out: list[Event] = []
    for ev in editor.events:
        hit = base_by_id.get(ev.id)
        if hit is None:
            out.append(ev)  # the editor added it
            continue
        b_idx, b_ev = hit
        n_idx = pairs.get(b_idx)
        n_ev = new.events[n_idx] if n_idx is not None else None
        decided = _event_core(ev) != _event_core(b_ev) or (
            not since_base and (ev.decision != "proposed" or ev.origin == "editor"))
        n_changed = n_ev is None or _event_core(n_ev) != _event_core(b_ev)
        if not n_changed:
            out.append(ev)
            continue
        if decided:
            result.conflicts.append(
                Conflict(
                    "event",
                    f"event {ev.id}: {other} {'dropped' if n_ev is None else 'changed'} an event an editor decided on; kept",
                    editor=f"{ev.type} {ev.date} {ev.place}",
                    parser="—" if n_ev is None else f"{n_ev.type} {n_ev.date} {n_ev.place}",
                    theirs=theirs,
                )
            )
            out.append(ev)
            continue
        if n_ev is None:
            result.applied.append(f"event {ev.id} ({ev.type}) no longer proposed by {other}: removed")
            continue
        participants = [p for p in (speaker_for(x) for x in n_ev.participants) if p]
        out.append(n_ev.model_copy(update={"id": ev.id, "participants": participants}))
        result.applied.append(f"event {ev.id}: updated from {other}")
    editor_names = speaker_names(editor)
    for j, n_ev in enumerate(new.events):
        if j in matched_new:
            continue
        if _pair_events([n_ev], editor.events, n_names, editor_names):
            continue  # the editor already has it
        participants = [p for p in (speaker_for(x) for x in n_ev.participants) if p]
        update: dict[str, Any] = {"id": ids(), "participants": participants}
        if not since_base:
            update.update(decision="proposed", origin="parser")
        fresh = n_ev.model_copy(update=update)
        out.append(fresh)
        result.applied.append(f"event {fresh.id} ({fresh.type}) newly proposed by {other}")
    return out


def _merge_duplicates(base: Curation, editor: Curation, new: Curation, segments: list[Segment], result: MergeResult,
                      *, since_base: bool = False) -> list[Duplicate]:
    def key(d: Duplicate, cur: Curation) -> tuple[Any, ...]:
        seg = cur.segment(d.segment)
        return (seg.start, seg.end, d.group, d.decision)

    base_keys = {key(d, base) for d in base.duplicates}
    by_span = {(s.start, s.end): s.id for s in segments}
    out: list[Duplicate] = []
    for d in editor.duplicates:
        if d.segment not in by_span.values():
            if d.decision != "proposed":
                result.conflicts.append(Conflict("duplicate", f"duplicate decision on segment {d.segment} lost its segment in the merge; kept out, see base"))
            continue
        if (since_base or d.decision == "proposed") and key(d, editor) in base_keys:
            continue  # untouched: the new parse's (the file's) entries replace it
        out.append(d)
    present = {(d.segment, d.group) for d in out}
    for d in new.duplicates:
        seg = new.segment(d.segment)
        target = by_span.get((seg.start, seg.end))
        if target is None or (target, d.group) in present:
            continue
        update: dict[str, Any] = {"segment": target} if since_base else {"segment": target, "decision": "proposed"}
        if d.of is not None and d.of.document == new.document.id:
            # a copy in this Document is named by the new side's id: rename it as its member is
            of = new.segment(d.of.segment)
            of_target = by_span.get((of.start, of.end))
            if of_target is None:
                continue  # the copy it repeats is no segment of its own in the merge
            update["of"] = d.of.model_copy(update={"segment": of_target})
        out.append(d.model_copy(update=update))
        present.add((target, d.group))
    return out


def take_change(cur: Curation, new: Curation, change: Change) -> Curation:
    """Take one change of ``diff_segments(cur, new)`` into ``cur`` (the review mode's "take" verb).

    The change's old segments give way to its new ones, marked ``reviewed``
    (an editor chose them). Speakers map by name; a new segment keeps the
    article of the old segment it overlaps most, except in a ``membership``
    change, whose segment takes the new side's Article (its match here, else a
    copy under a fresh id). Refuses, naming the reason,
    when the result would overlap another segment or drop a duplicate decision.
    """
    if cur.document.sha256 != new.document.sha256:
        raise ValueError(f"{cur.document.id}: the new parse describes another text; re-anchor first")
    old_ids = {r.id for r in change.old}
    olds = [s for s in cur.segments if s.id in old_ids]
    if len(olds) != len(old_ids) or any((s.start, s.end) != (r.start, r.end) for s, r in zip(olds, sorted(change.old, key=lambda r: r.start), strict=True)):
        raise ValueError(f"{cur.document.id}: the change does not match the curation's segments any more")
    new_ids = {r.id for r in change.new}
    incoming = [s for s in new.segments if s.id in new_ids]
    for d in cur.duplicates:
        if d.segment in old_ids and d.decision != "proposed":
            raise ValueError(f"segment {d.segment} carries a {d.decision} duplicate decision; settle it before replacing the segment")
    kept = [s for s in cur.segments if s.id not in old_ids]
    for s in incoming:
        for k in kept:
            if k.start < s.end and s.start < k.end:
                raise ValueError(f"taking this change would overlap segment {k.id}; take the neighbouring change first")
    speakers = list(cur.speakers)
    by_name = {normalise_name(s.name): s.id for s in speakers}
    speaker_ids = _Ids("sp", {s.id for s in speakers})
    seg_ids = _Ids("s", {s.id for s in cur.segments})
    articles = list(cur.articles)
    here = {n_id: c_id for c_id, n_id in matched_articles(cur, new).items()} if change.kind == MEMBERSHIP else {}
    added = []
    for s in incoming:
        speaker = None
        if s.speaker is not None:
            sp = new.speakers[[x.id for x in new.speakers].index(s.speaker)]
            key = normalise_name(sp.name)
            if key not in by_name:
                fresh = Speaker(id=speaker_ids(), name=sp.name, role=sp.role)
                speakers.append(fresh)
                by_name[key] = fresh.id
            speaker = by_name[key]
        best = max(olds, key=lambda o: min(o.end, s.end) - max(o.start, s.start), default=None)
        article = best.article if best is not None and min(best.end, s.end) > max(best.start, s.start) else None
        if change.kind == MEMBERSHIP:
            article = here.get(s.article) if s.article else None
            if s.article and article is None:
                art = next(a for a in new.articles if a.id == s.article)
                article = here[s.article] = _Ids("a", {a.id for a in articles})()
                articles.append(art.model_copy(update={"id": article}))
        added.append(
            Segment(id=seg_ids(), start=s.start, end=s.end, label=s.label, text=s.text, article=article,
                    speaker=speaker, origin="parser", reviewed=True)
        )
    data = cur.model_dump()
    data.update(
        segments=[s.model_dump() for s in sorted([*kept, *added], key=lambda s: s.start)],
        speakers=[s.model_dump() for s in speakers],
        articles=[a.model_dump() for a in articles],
        duplicates=[d.model_dump() for d in cur.duplicates if d.segment not in old_ids],
    )
    return Curation.model_validate(data)
