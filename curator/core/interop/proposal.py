"""Spans from an annotation tool into a corpus, as a proposal merged three-way like ``curator reparse``.

For one Document: *base* is the parse the editor started from (``.curator/base/``; without one,
the Curation itself, or a fresh parse when there is none), *editor* the Curation as it is, *new*
the base with its segments replaced by the tool's spans (labels, speakers by name; each span
keeps the article of the base segment it overlaps most; a teaser none). :func:`merge_three_way` then takes the
tool's changes where the editor changed nothing, lists conflicts where both did, and never
touches a segment an editor made, moved or reviewed. Taken spans arrive unreviewed, and the
Document becomes ``in_progress`` (so a later re-parse merges instead of replacing it, and a
curated Document is not exported as curated until an editor has looked at what came in). A Document
whose annotations carry no change is not touched at all: its status, curated file (or none) and base stay.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from curator.core.interop.annotations import ImportedDocument, ImportedSpan
from curator.core.model import Curation, Segment, Speaker
from curator.core.review.base import CONFLICTS_DIR, append_sidecar, load_base, record_base
from curator.core.review.merge import Conflict, merge_three_way
from curator.core.review.measures import normalise_name
from curator.core.store import Corpus
from curator.core.taxonomy import NEVER_IN_ARTICLE_LABELS, default_taxonomy
from curator.core.textio import SourceError, sha256_text

MERGED = "merged"
UNCHANGED = "unchanged"
ERROR = "error"


@dataclass
class ProposalOutcome:
    id: str | None
    where: str
    action: str
    applied: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    left_out: int = 0  # the tool's regions that could not be placed (named in notes): a problem in the input

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "where": self.where, "action": self.action, "applied": self.applied,
                "conflicts": [c.to_json() for c in self.conflicts], "notes": self.notes,
                "left_out": self.left_out}


class DocumentMatcher:
    """Finds the corpus Document an imported text belongs to: by the hints, checked by text; else by text."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.ids = set(corpus.document_ids())
        self._by_sha: dict[str, str] | None = None

    def find(self, doc: ImportedDocument) -> tuple[str | None, str]:
        sha = sha256_text(doc.text)
        for hint in doc.hints:
            if hint in self.ids:
                try:
                    same = self.corpus.read_source(hint).sha256 == sha
                except SourceError as exc:
                    return None, str(exc)
                if same:
                    return hint, ""
                return None, (f"document {hint} is in the corpus but its text differs from the tool's "
                              "(changed since the export?); nothing imported")
        if self._by_sha is None:
            self._by_sha = {}
            for doc_id in sorted(self.ids):
                try:
                    self._by_sha.setdefault(self.corpus.read_source(doc_id).sha256, doc_id)
                except Exception:  # noqa: BLE001, S112 - an unreadable Document cannot be the one
                    continue
        found = self._by_sha.get(sha)
        if found is None:
            return None, "no Document in the corpus has this text; nothing imported"
        return found, ""


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "speaker"


def build_proposal(base: Curation, text: str, doc: ImportedDocument) -> Curation:
    """``base`` with its segments replaced by the tool's; ValueError naming what is wrong."""
    known = set(default_taxonomy().label_names)
    unknown = sorted({s.label for s in doc.spans} - known)
    if unknown:
        raise ValueError(f"labels not in the taxonomy: {', '.join(unknown)}")
    speakers = list(base.speakers)
    by_name = {normalise_name(s.name): s.id for s in speakers}
    used_ids = {s.id for s in speakers}
    segments: list[Segment] = []
    spans_in = list(doc.spans)
    if doc.unplaced:
        # Some of the tool's regions could not be placed: where no placed span lies, the base's
        # segment stays as it was (a region left out is not the annotators deleting a segment).
        names = {sp.id: sp.name for sp in base.speakers}
        spans_in += [ImportedSpan(b.start, b.end, b.label, names.get(b.speaker) if b.speaker else None)
                     for b in base.segments
                     if not any(min(b.end, sp.end) > max(b.start, sp.start) for sp in doc.spans)]
    for i, span in enumerate(sorted(spans_in, key=lambda s: (s.start, s.end)), start=1):
        article = None
        if span.label not in NEVER_IN_ARTICLE_LABELS:  # (boilerplate keeps the Article it lies in, as SetLabel)
            best = max(base.segments, default=None,
                       key=lambda b: min(b.end, span.end) - max(b.start, span.start))
            if best is not None and min(best.end, span.end) > max(best.start, span.start):
                article = best.article
        speaker = None
        if span.speaker:
            key = normalise_name(span.speaker)
            if key not in by_name:
                sid, n = _slug(span.speaker), 1
                while sid in used_ids:
                    n += 1
                    sid = f"{_slug(span.speaker)}-{n}"
                speakers.append(Speaker(id=sid, name=span.speaker))
                used_ids.add(sid)
                by_name[key] = sid
            speaker = by_name[key]
        segments.append(Segment(id=f"t{i}", start=span.start, end=span.end, label=span.label,
                                text=text[span.start:span.end], article=article, speaker=speaker,
                                origin="editor"))
    spans = {(s.start, s.end): s.id for s in segments}
    duplicates = []
    for d in base.duplicates:
        seg = base.segment(d.segment)
        if (seg.start, seg.end) not in spans:
            continue
        update: dict[str, Any] = {"segment": spans[(seg.start, seg.end)]}
        if d.of is not None and d.of.document == base.document.id:  # a copy in this Document: renamed too
            of = base.segment(d.of.segment)
            if (of.start, of.end) not in spans:
                continue  # the copy it repeats is no longer a segment of its own
            update["of"] = d.of.model_copy(update={"segment": spans[(of.start, of.end)]})
        duplicates.append(d.model_copy(update=update))
    data = base.model_dump()
    data.update(segments=[s.model_dump() for s in segments], speakers=[s.model_dump() for s in speakers],
                duplicates=[d.model_dump() for d in duplicates])
    try:
        return Curation.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        raise ValueError(f"the tool's spans do not make a valid segmentation ({problems})") from None


def apply_proposal(corpus: Corpus, doc_id: str, doc: ImportedDocument, *, dry_run: bool = False,
                   context: Any = None) -> ProposalOutcome:
    """Merge one imported Document into the corpus (see the module docstring).

    ``context``: the corpus's cross-document evidence (``export.documents.parse_context``), for a Document
    with no curation: parsed as ``export --include all`` parsed it for the tool, the predictions sent back
    unchanged are no change (parsed alone, a page's shared sidebar was no boilerplate: 23 "changes")."""
    out = ProposalOutcome(doc_id, doc.where, MERGED, notes=list(doc.notes), left_out=doc.unplaced)
    source = corpus.read_source(doc_id)
    loaded = corpus.load(doc_id)
    base = load_base(corpus, doc_id)
    if base is not None and base.document.sha256 != source.sha256:
        out.notes.append("the recorded base parse is of an older text; the Curation itself is used as base")
        base = None
    fresh = None
    if loaded is None:
        from curator.core.review import runner

        parser = runner.current_parser()
        fresh = parser.parse(source.text, corpus.document_ref(doc_id, source), context)
        editor = fresh
        base = base or fresh
    else:
        editor = loaded.curation
        if editor.document.sha256 != source.sha256:
            raise ValueError(f"{loaded.path}: does not match its source (run `curator reparse` first); nothing imported")
        base = base or editor
    new = build_proposal(base, source.text, doc)
    result = merge_three_way(base, editor, new, source=f"the annotations in {doc.where}", source_label="annotations")
    merged, out.applied, out.conflicts = result.curation, result.applied, result.conflicts
    merged = merged.model_copy(update={"parser": editor.parser})  # the tool is not a parser version
    if merged.model_dump() == editor.model_dump():
        # No change taken: the Document is not touched at all (no status, no curated file where there was
        # none, no base recorded); 24 untouched pages of a crawl came out in_progress (round 20, F6).
        out.action = UNCHANGED
    elif merged.status == "auto" or (merged.status == "curated" and out.applied):
        if merged.status == "curated":
            out.notes.append("status curated -> in_progress: the taken spans wait for an editor's review")
        merged = merged.model_copy(update={"status": "in_progress"})
    if dry_run:
        return out
    if out.action != UNCHANGED:
        corpus.save(merged, expected_stamp=loaded.stamp if loaded else None)
        if fresh is not None:
            record_base(corpus, fresh)
        elif load_base(corpus, doc_id) is None:
            record_base(corpus, base)
    if out.conflicts:
        append_sidecar(corpus, CONFLICTS_DIR, doc_id, [c.to_json() for c in out.conflicts],
                       parser=f"import {doc.where}", source_sha256=source.sha256)
    return out
