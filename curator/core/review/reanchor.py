"""Carry a Curation's spans over to a changed source text by aligning old and new text.

The old text is usually gone, so it is rebuilt from the segments' own texts at
their offsets; characters between segments are unknown and filled with a
sentinel that matches nothing. Alignment is patience-style: segments whose text
occurs exactly once in both texts are anchors (their longest increasing run),
and only the stretches between anchors are aligned character by character
(``rapidfuzz`` Indel opcodes), so a long page with a small edit stays fast.
A span is placed when

1. its characters map one-to-one into the new text (pure move), or
2. its exact text occurs in the new text (nearest to where the alignment expects it), or
3. at least half of its characters map: it takes the new text between its first
   and last mapped character and is flagged as *changed*.

Anything else (and anything that would overlap a span already placed) is
*unplaced*: returned to the caller to keep in a sidecar file, never dropped.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Indel

from curator.core.model import Curation, DocumentRef, Segment, Span
from curator.core.review.diff import snippet

# U+FFFF is a Unicode noncharacter: it never occurs in a real page, so the gaps never align.
_GAP = "\uffff"
MIN_MAPPED_SHARE = 0.5
MIN_BLOCK = 3
# Shorter segment texts ("1.", "—") are too common to anchor on.
MIN_ANCHOR = 12
# document.length may exceed the new source's length at most this many times (plus 1 Mi).
MAX_SHRINK = 4


def _anchors(old: str, new: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``(old_start, new_start, size)`` for unique segment texts, in an order both texts agree on."""
    texts = Counter(old[s:e] for s, e in spans)
    candidates = []
    for s, e in spans:
        t = old[s:e]
        if e - s < MIN_ANCHOR or texts[t] != 1 or _GAP in t:
            continue
        first = new.find(t)
        if first >= 0 and new.find(t, first + 1) < 0:
            candidates.append((s, first, e - s))
    candidates.sort()
    # Longest increasing subsequence on the new offsets (patience sorting).
    tails: list[int] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(candidates)
    for k, (_a, b, _n) in enumerate(candidates):
        pos = bisect.bisect_left(tails, b)
        if pos == len(tails):
            tails.append(b)
            tail_idx.append(k)
        else:
            tails[pos] = b
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    chain = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(candidates[k])
        k = prev[k]
    chain.reverse()
    out: list[tuple[int, int, int]] = []
    for a, b, n in chain:
        if not out or b >= out[-1][1] + out[-1][2]:
            out.append((a, b, n))
    return out


def matching_blocks(old: str, new: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Monotonic ``(old, new, size)`` runs of equal text: anchors, then character alignment between them."""
    blocks: list[tuple[int, int, int]] = []
    i = j = 0
    for a, b, size in [*_anchors(old, new, spans), (len(old), len(new), 0)]:
        if a > i and b > j:
            for blk in Indel.opcodes(old[i:a], new[j:b]).as_matching_blocks():
                if blk.size:
                    blocks.append((i + blk.a, j + blk.b, blk.size))
        if size:
            blocks.append((a, b, size))
        i, j = a + size, b + size
    return blocks


@dataclass
class Unplaced:
    """Something that could not be placed in the new text, kept whole for an editor."""

    kind: str  # segment | evidence | duplicate
    item: dict[str, Any]
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "item": self.item, "reason": self.reason}


@dataclass
class Changed:
    """A segment placed, but whose text differs in the new source."""

    segment: str
    old: str
    new: str


@dataclass
class ReanchorResult:
    curation: Curation
    moved: int = 0
    changed: list[Changed] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.changed and not self.unplaced


def reconstruct_old_text(cur: Curation) -> str:
    """The old text as far as the Curation knows it; unknown characters are a sentinel."""
    chars = [_GAP] * cur.document.length
    for seg in cur.segments:
        chars[seg.start : seg.end] = seg.text
    return "".join(chars)


class _Alignment:
    def __init__(self, old: str, new: str, spans: Sequence[tuple[int, int]]) -> None:
        self.new = new
        self.map = [-1] * len(old)
        # A one- or two-character match (a stray full stop) is no evidence of where text went.
        blocks = [b for b in matching_blocks(old, new, spans) if b[2] >= MIN_BLOCK]
        ops: list[tuple[str, int, int, int, int]] = []
        i = j = 0
        for a, b, size in [*blocks, (len(old), len(new), 0)]:
            if a > i:
                ops.append(("replace" if b > j else "delete", i, a, j, b))
            if size:
                ops.append(("equal", a, a + size, b, b + size))
                for k in range(size):
                    if old[a + k] != _GAP:
                        self.map[a + k] = b + k
            i, j = a + size, b + size
        # Only opcodes with an old-side extent matter: boundaries map through them.
        self.ops = ops or [("replace", 0, max(len(old), 1), 0, len(new))]
        self.op_starts = [op[1] for op in self.ops]

    def _op_at(self, x: int) -> tuple[str, int, int, int, int]:
        return self.ops[bisect.bisect_right(self.op_starts, x) - 1]

    def start_of(self, x: int) -> int:
        """Where old offset ``x`` as a span start lands (after anything inserted before it)."""
        tag, i1, _i2, j1, j2 = self._op_at(x)
        if tag == "equal" or x == i1:
            return j1 + min(x - i1, j2 - j1)
        # Inside replaced text the offset means nothing: start at a line start, as pages' blocks do.
        cut = self.new.rfind("\n", j1, j2)
        return cut + 1 if cut >= 0 else j1

    def end_of(self, x: int) -> int:
        """Where old offset ``x`` as an exclusive span end lands (replaced text at the end included)."""
        tag, i1, i2, j1, j2 = self._op_at(x - 1)
        if tag == "equal":
            return j1 + (x - i1)
        if x == i2:
            return j2
        cut = self.new.find("\n", j1, j2)
        return cut if cut >= 0 else j2

    def place(self, start: int, end: int, text: str | None, *, after: int = 0) -> tuple[int, int, bool] | None:
        """New ``(start, end, text_changed)`` for old ``[start, end)``, or None."""
        mapped = sum(1 for k in range(start, end) if self.map[k] >= 0)
        ns, ne = self.start_of(start), self.end_of(end)
        if mapped == end - start and ne - ns == end - start:
            return ns, ne, False
        if text:
            hit = self._nearest(text, ns, after=after)
            if hit is not None:
                return hit, hit + len(text), False
        if mapped >= MIN_MAPPED_SHARE * (end - start) and ne > ns:
            chunk = self.new[ns:ne]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            if ne - trail > ns + lead:
                return ns + lead, ne - trail, True
        return None

    def _nearest(self, text: str, expected: int, *, after: int = 0) -> int | None:
        """The copy of ``text`` nearest to ``expected``, preferring copies that keep the segments' order."""
        hits = []
        pos = self.new.find(text)
        while pos >= 0:
            hits.append(pos)
            pos = self.new.find(text, pos + 1)
        in_order = [h for h in hits if h >= after]
        pool = in_order or hits
        return min(pool, key=lambda h: abs(h - expected)) if pool else None


class ImplausibleLength(ValueError):
    """A Curation's ``document.length`` no source edit could explain; nothing is allocated for it."""


def check_length(cur: Curation, new_text: str) -> None:
    """Refuse a ``document.length`` so far beyond the new source that rebuilding the old text would exhaust memory.

    The old text is rebuilt as ``document.length`` code points; a hand-edited or hostile 10**11
    ran ``reparse`` out of memory. A page may shrink, but not below a quarter of itself minus 1 Mi.
    """
    limit = MAX_SHRINK * len(new_text) + (1 << 20)
    if cur.document.length > limit:
        raise ImplausibleLength(
            f"document.length {cur.document.length:,} is implausible for a source of {len(new_text):,} code points "
            f"(more than {MAX_SHRINK}x + 1 Mi); not re-anchored")


def unchanged_spans(cur: Curation, new_text: str) -> bool:
    """Every segment's text still sits at its offsets and the length is the same: nothing needs to move."""
    return len(new_text) == cur.document.length and all(
        new_text[seg.start : seg.end] == seg.text for seg in cur.segments)


def _place_segments(cur: Curation, new_text: str, align: _Alignment) -> list[tuple[int, int, bool] | None]:
    """Where each segment goes: long ones by the alignment, then short ones between their placed neighbours.

    A segment shorter than MIN_BLOCK ("1.", "—") never maps through the alignment and its text
    occurs everywhere; it is looked for between the new places of the segments around it, at the
    same distance from the previous one as before, so repeated short segments keep their order.
    """
    segs = cur.segments
    wheres: list[tuple[int, int, bool] | None] = [None] * len(segs)
    short = [seg.end - seg.start < MIN_BLOCK for seg in segs]
    after = 0  # segments keep their order: a searched-for text is looked for after the last one placed
    for i, seg in enumerate(segs):
        if not short[i]:
            wheres[i] = align.place(seg.start, seg.end, seg.text, after=after)
            if wheres[i] is not None:
                after = max(after, wheres[i][1])  # type: ignore[index]
    next_start = [len(new_text)] * (len(segs) + 1)
    for i in range(len(segs) - 1, -1, -1):
        w = wheres[i]
        next_start[i] = w[0] if (w is not None and not short[i]) else next_start[i + 1]
    prev_old, prev_new = 0, 0
    for i, seg in enumerate(segs):
        if short[i]:
            limit = next_start[i + 1]
            expected = prev_new + (seg.start - prev_old)
            hits = []
            pos = new_text.find(seg.text, prev_new, limit)
            while pos >= 0 and pos + len(seg.text) <= limit:
                hits.append(pos)
                pos = new_text.find(seg.text, pos + 1, limit)
            if hits:
                hit = min(hits, key=lambda h: abs(h - expected))
                wheres[i] = (hit, hit + len(seg.text), False)
            else:
                wheres[i] = align.place(seg.start, seg.end, seg.text, after=prev_new)
        w = wheres[i]
        if w is not None:
            prev_old, prev_new = seg.end, max(prev_new, w[1])
    return wheres


def reanchor(cur: Curation, new_text: str, *, new_doc: DocumentRef, old_text: str | None = None) -> ReanchorResult:
    """A Curation of ``new_text`` with every span moved; what cannot be placed is returned, not lost."""
    if old_text is not None and len(old_text) != cur.document.length:
        raise ValueError(f"old text has {len(old_text)} code points, the curation says {cur.document.length}")
    check_length(cur, new_text)
    if (old_text is None or old_text == new_text) and unchanged_spans(cur, new_text):
        # Short repeated segments ("1.", "—") would otherwise be placed by search, possibly on another
        # copy (fuzz: 815 of 1,000 unchanged texts moved at least one); an unchanged text moves nothing.
        data = cur.model_dump()
        data["document"] = new_doc.model_dump()
        return ReanchorResult(curation=Curation.model_validate(data))
    align = _Alignment(
        old_text if old_text is not None else reconstruct_old_text(cur),
        new_text,
        [(seg.start, seg.end) for seg in cur.segments],
    )
    result = ReanchorResult(curation=cur)
    placed: list[tuple[int, int, Any]] = []
    wheres = _place_segments(cur, new_text, align)
    for seg, where in zip(cur.segments, wheres, strict=True):
        if where is None:
            result.unplaced.append(Unplaced("segment", seg.model_dump(mode="json"), "its text is not in the new source"))
            continue
        ns, ne, text_changed = where
        new_seg = seg.model_copy(update={"start": ns, "end": ne, "text": new_text[ns:ne]})
        if text_changed or new_seg.text != seg.text:
            new_seg = new_seg.model_copy(update={"reviewed": False})
            result.changed.append(Changed(seg.id, snippet(seg.text), snippet(new_seg.text)))
        elif (ns, ne) != (seg.start, seg.end):
            result.moved += 1
        placed.append((ns, ne, new_seg))
    placed.sort(key=lambda t: (t[0], t[1]))
    segments: list[Segment] = []
    for ns, ne, seg in placed:
        if segments and ns < segments[-1].end:
            result.unplaced.append(
                Unplaced("segment", seg.model_dump(mode="json"), f"would overlap segment {segments[-1].id} in the new source")
            )
            result.changed = [c for c in result.changed if c.segment != seg.id]
            continue
        segments.append(seg)
    kept = {s.id for s in segments}

    events = []
    for ev in cur.events:
        evidence = []
        for span in ev.evidence:
            where = align.place(span.start, span.end, None) if span.end > span.start else None
            if where is None:
                result.unplaced.append(
                    Unplaced("evidence", {"event": ev.id, **span.model_dump(mode="json")}, "evidence text is not in the new source")
                )
            else:
                evidence.append(Span(start=where[0], end=where[1]))
        events.append(ev.model_copy(update={"evidence": evidence}))

    duplicates = []
    for dup in cur.duplicates:
        if dup.segment not in kept:
            result.unplaced.append(Unplaced("duplicate", dup.model_dump(mode="json"), f"its segment {dup.segment} was not placed"))
            continue
        if dup.start is not None and dup.end is not None and dup.end > dup.start:
            where = align.place(dup.start, dup.end, None)
            if where is None:
                result.unplaced.append(Unplaced("duplicate", dup.model_dump(mode="json"), "its repeated span is not in the new source"))
                continue
            dup = dup.model_copy(update={"start": where[0], "end": where[1]})
        duplicates.append(dup)

    status = cur.status
    if status == "curated" and not (result.clean):
        status = "in_progress"  # an editor must look at what moved under their work
    data = cur.model_dump()
    data.update(
        document=new_doc.model_dump(),
        segments=[s.model_dump() for s in segments],
        events=[e.model_dump() for e in events],
        duplicates=[d.model_dump() for d in duplicates],
        status=status,
    )
    result.curation = Curation.model_validate(data)
    return result
