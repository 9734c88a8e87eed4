"""Turning one Curation into export records (article or segment level).

Records are plain dicts of Python values (``datetime.date`` for dates); the
writers decide how each format spells them. Offsets are Unicode code points:
``start``/``end`` index the source Document, ``text_start``/``text_end`` index
the article record's own ``text``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from curator.core.export.options import ExportOptions
from curator.core.model import Curation, Duplicate, Event, Segment, SourceInfo, Speaker
from curator.core.taxonomy import NOT_ARTICLE_TEXT_LABELS, article_of

# The article's own text leaves out what only names or dates it, and its boilerplate (a file name, a media
# line, a credit: listed in its ``segments`` with no ``text_start``, so attachments can be found).
NOT_IN_ARTICLE_TEXT = frozenset({"title", "dateline"}) | NOT_ARTICLE_TEXT_LABELS
PARAGRAPH_SEPARATOR = "\n\n"

Record = dict[str, Any]


@dataclass(frozen=True)
class DroppedSegment:
    """A segment left out because it repeats a canonical passage elsewhere."""

    document: str
    segment: str
    label: str
    article: str | None
    of_document: str
    of_segment: str
    kind: str
    score: float
    # The duplicate's repeated span covers only part of the segment: the whole
    # segment still goes, because a segment is the unit records are made of.
    partial: bool


@dataclass
class DocumentRecords:
    """The records one Document yields, and what was left out of them."""

    document: str
    status: str
    source_text: str
    records: list[Record] = field(default_factory=list)
    dropped: list[DroppedSegment] = field(default_factory=list)
    # Articles whose every text segment was dropped as a duplicate (not exported).
    dropped_articles: list[str] = field(default_factory=list)
    # Articles with no segment at all (valid, but nothing to export: named, never dropped without a word).
    empty_articles: list[str] = field(default_factory=list)
    # The whole Curation and the segments the filters kept: for the formats that write whole
    # Documents with their spans (XMI, Label Studio, brat).
    curation: Curation | None = None
    kept: list[Segment] = field(default_factory=list)


def duplicates_to_drop(cur: Curation) -> dict[str, Duplicate]:
    """Segment id -> the Duplicate entry that makes it a non-canonical copy."""
    drop: dict[str, Duplicate] = {}
    for dup in cur.duplicates:
        if dup.of is not None and dup.decision != "rejected":
            drop.setdefault(dup.segment, dup)
    return drop


def _dropped(cur: Curation, seg: Segment, dup: Duplicate) -> DroppedSegment:
    assert dup.of is not None
    partial = dup.start is not None and dup.end is not None and (dup.start > seg.start or dup.end < seg.end)
    return DroppedSegment(
        document=cur.document.id,
        segment=seg.id,
        label=seg.label,
        article=seg.article,
        of_document=dup.of.document,
        of_segment=dup.of.segment,
        kind=dup.kind,
        score=dup.score,
        partial=partial,
    )


# Where the page came from (``document.source``), every field present (null when unknown) so
# that every record of every format has the same shape.
SOURCE_FIELDS: tuple[str, ...] = tuple(SourceInfo.model_fields)


def source_record(cur: Curation) -> Record | None:
    """The Document's provenance as a record field; None for a Document that was never imported."""
    src = cur.document.source
    if src is None:
        return None
    return {name: getattr(src, name) for name in SOURCE_FIELDS}


def _common(cur: Curation) -> Record:
    return {
        "status": cur.status,
        "source_sha256": cur.document.sha256,
        "parser_name": cur.parser.name,
        "parser_version": cur.parser.version,
        "source": source_record(cur),
    }


def build_records(cur: Curation, source_text: str, *, options: ExportOptions) -> DocumentRecords:
    """Every record of one Document at the level the options ask for."""
    out = DocumentRecords(document=cur.document.id, status=cur.status, source_text=source_text, curation=cur)
    drop = duplicates_to_drop(cur) if options.drop_duplicates else {}
    kept: list[Segment] = []
    for seg in cur.segments:
        dup = drop.get(seg.id)
        if dup is not None:
            out.dropped.append(_dropped(cur, seg, dup))
        elif not options.labels or seg.label in options.labels:
            kept.append(seg)
    out.kept = kept
    used = {seg.article for seg in cur.segments}
    out.empty_articles = [a.id for a in cur.articles if a.id not in used]
    if options.level == "segment":
        out.records = _segment_records(cur, kept)
    else:
        out.records, out.dropped_articles = _article_records(
            cur, kept, source_text, dropped={d.segment for d in out.dropped}
        )
    return out


def _segment_records(cur: Curation, kept: list[Segment]) -> list[Record]:
    speakers = {s.id: s for s in cur.speakers}
    # Neighbours come from the Document as curated, before any filtering, so a
    # classifier sees the context a reader of the page sees.
    order = {seg.id: i for i, seg in enumerate(cur.segments)}
    common = _common(cur)
    records = []
    for seg in kept:
        i = order[seg.id]
        spk = speakers.get(seg.speaker) if seg.speaker else None
        records.append(
            {
                "document": cur.document.id,
                "article": seg.article,
                "segment": seg.id,
                "label": seg.label,
                "text": seg.text,
                "speaker": spk.name if spk else None,
                "start": seg.start,
                "end": seg.end,
                "prev_label": cur.segments[i - 1].label if i > 0 else None,
                "next_label": cur.segments[i + 1].label if i + 1 < len(cur.segments) else None,
                **common,
            }
        )
    return records


def _overlaps(start: int, end: int, segs: list[Segment]) -> bool:
    return any(s.start < end and start < s.end for s in segs)


def _event_articles(cur: Curation, ev: Event, by_article: dict[str, list[Segment]]) -> list[str]:
    """Articles an Event belongs to: those its evidence falls in (the only one, without evidence)."""
    if not ev.evidence:
        return list(by_article) if len(cur.articles) == 1 else []
    return [aid for aid, segs in by_article.items() if any(_overlaps(sp.start, sp.end, segs) for sp in ev.evidence)]


def _article_records(
    cur: Curation, kept: list[Segment], source_text: str, *, dropped: set[str]
) -> tuple[list[Record], list[str]]:
    speakers = {s.id: s for s in cur.speakers}
    all_by_article: dict[str, list[Segment]] = {a.id: [] for a in cur.articles}
    for seg in cur.segments:
        owner = article_of(seg.label, seg.article)  # (a teaser is in no Article, whatever a file says)
        if owner is not None:
            all_by_article[owner].append(seg)
    events_by_article: dict[str, list[Event]] = {a.id: [] for a in cur.articles}
    for ev in cur.events:
        if ev.decision == "rejected":
            continue
        for aid in _event_articles(cur, ev, all_by_article):
            events_by_article[aid].append(ev)
    kept_ids = {s.id for s in kept}
    common = _common(cur)
    records: list[Record] = []
    dropped_articles: list[str] = []
    for art in cur.articles:
        segs = [s for s in all_by_article[art.id] if s.id in kept_ids]
        body = [s for s in all_by_article[art.id] if s.label not in NOT_IN_ARTICLE_TEXT]
        if body and all(s.id in dropped for s in body):
            # Its whole text is a copy: a title alone would be a record with nothing in it.
            dropped_articles.append(art.id)
            continue
        if not segs:
            continue
        seg_rows: list[dict[str, object]] = []
        parts: list[str] = []
        pos = 0
        for seg in segs:
            text_start = text_end = None
            if seg.label not in NOT_IN_ARTICLE_TEXT:
                if parts:
                    pos += len(PARAGRAPH_SEPARATOR)
                text_start, text_end = pos, pos + len(seg.text)
                parts.append(seg.text)
                pos = text_end
            spk = speakers.get(seg.speaker) if seg.speaker else None
            seg_rows.append(
                {
                    "segment": seg.id,
                    "label": seg.label,
                    "text": seg.text,
                    "speaker": spk.name if spk else None,
                    "start": seg.start,
                    "end": seg.end,
                    "text_start": text_start,
                    "text_end": text_end,
                }
            )
        events = events_by_article[art.id]
        used = {s.speaker for s in segs if s.speaker} | {p for ev in events for p in ev.participants}
        records.append(
            {
                "document": cur.document.id,
                "article": art.id,
                "title": art.title,
                "date": art.date,
                "kind": art.kind,
                "text": PARAGRAPH_SEPARATOR.join(parts),
                "segments": seg_rows,
                "speakers": [
                    {"id": s.id, "name": s.name, "role": s.role} for s in cur.speakers if s.id in used
                ],
                "events": [_event_row(ev, speakers, source_text) for ev in events],
                "duplicates_dropped": sum(1 for s in all_by_article[art.id] if s.id in dropped),
                **common,
            }
        )
    return records, dropped_articles


def _event_row(ev: Event, speakers: dict[str, Speaker], source_text: str) -> Record:
    return {
        "id": ev.id,
        "type": ev.type,
        "date": ev.date,
        "place": ev.place,
        "participants": [speakers[p].name for p in ev.participants],
        "evidence": [{"start": sp.start, "end": sp.end, "text": source_text[sp.start : sp.end]} for sp in ev.evidence],
        "decision": ev.decision,
    }


def iso(value: _dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
