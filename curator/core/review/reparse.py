"""Re-parse a corpus without losing curation.

* No curated file: nothing is written (the window parses a Document when it is opened).
* Status ``auto``: the new parse replaces the file, and becomes the base (written with its digest, it is its
  own base: ``core.untouched``; an older base file goes), when the file is provably the parser's output: its
  digest matches, or it has none and equals its base file. Any other ``auto`` file (its digest no longer
  matches, or it was stripped and there is no base it equals) was written by another program: it is merged
  as an editor's work (below) and becomes ``in_progress``, never replaced (``_not_the_parsers``).
* Status ``in_progress`` / ``curated``: if the source changed, the Curation (and
  its base) are re-anchored first; then the new parse is merged three-way
  (:mod:`curator.core.review.merge`). Conflicts go to ``.curator/conflicts/``,
  unplaced spans to ``.curator/reanchor/``; the new parse becomes the base.
  Without a recorded base nothing is merged: every difference is listed
  as a conflict, and the new parse is recorded as the base from then on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.core.jsonio import CurationFileError, move_aside
from curator.core.model import Curation, text_problems
from curator.core.review.base import (
    CONFLICTS_DIR,
    REANCHOR_DIR,
    append_sidecar,
    base_path,
    load_base,
    record_base,
)
from curator.core.review.diff import diff_segments
from curator.core.review.merge import Conflict, merge_three_way
from curator.core.review.metrics import matched_articles, speaker_names
from curator.core.review.reanchor import Changed, ImplausibleLength, Unplaced, reanchor
from curator.core.review.runner import (
    DUPLICATES_STEP,
    Parser,
    current_parser,
    parse_all,
    parse_stream,
    streams,
)
from curator.core.review.snapshots import same_output
from curator.core.store import ConflictError, Corpus, Loaded
from curator.core.taxonomy import default_taxonomy
from curator.core.textio import SourceError, SourceText
from curator.core.untouched import CHANGED, KEY, UNTOUCHED, state_of
from curator.core.validate import taxonomy_problems

NOT_CURATED = "not-curated"
REPLACED = "replaced"
UNCHANGED = "unchanged"
MERGED = "merged"
KEPT = "kept"  # curated, no base: nothing merged, differences listed
ERROR = "error"


@dataclass
class ReparseOutcome:
    id: str
    action: str
    applied: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    reanchored: bool = False
    changed_spans: list[Changed] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # files written for this Document, in order
    left_out: bool = False  # an ERROR: the source cannot be read (binary, unreadable, not decodable); notes say why
    # What was kept that validate and export refuse (a label outside the taxonomy): also in notes; the CLI names
    # these on stderr with -q, where notes are not printed (attacker21 L3).
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action,
            "written": self.written,
            "applied": self.applied,
            "conflicts": [c.to_json() for c in self.conflicts],
            "reanchored": self.reanchored,
            "changed_spans": [{"segment": c.segment, "old": c.old, "new": c.new} for c in self.changed_spans],
            "unplaced": [u.to_json() for u in self.unplaced],
            "notes": self.notes,
            "warnings": self.warnings,
        }


def reparse_corpus(corpus: Corpus, *, parser: Parser | None = None, dry_run: bool = False, jobs: int = 1,
                   progress: Callable[[str, int, int], None] | None = None) -> list[ReparseOutcome]:
    """Bring every Document's curation up to the current parser, keeping editors' work.

    With the project's parser the corpus streams through the pipeline (parsed in ``jobs``
    workers, one Document's merge at a time); an injected parser runs in memory.
    """
    parser = parser or current_parser()
    if not dry_run:
        try:
            corpus.clean_stale_temps()  # left by a save that was killed; removed only under the save lock
        except OSError:
            pass
    if streams(parser):
        return _reparse_stream(corpus, parser, dry_run=dry_run, jobs=jobs, progress=progress)
    sources: dict[str, SourceText] = {}
    outcomes: list[ReparseOutcome] = []
    for doc_id in corpus.document_ids():
        try:
            sources[doc_id] = corpus.read_source(doc_id)
        except SourceError as exc:
            outcomes.append(ReparseOutcome(doc_id, ERROR, notes=[str(exc)], left_out=True))
    parses, errors = parse_all(parser, corpus, sources)
    if DUPLICATES_STEP in errors:
        outcomes.append(ReparseOutcome(DUPLICATES_STEP, ERROR, notes=[errors[DUPLICATES_STEP]]))
    for doc_id, source in sources.items():
        if doc_id not in parses:
            outcomes.append(ReparseOutcome(doc_id, ERROR, notes=[errors.get(doc_id, "no parse"), "nothing written"]))
            continue
        try:
            outcomes.append(reparse_document(corpus, doc_id, source, new=parses[doc_id], dry_run=dry_run))
        except WriteFailed as exc:
            outcomes.append(exc.outcome)
        except (CurationFileError, ConflictError, ValueError, OSError) as exc:
            outcomes.append(ReparseOutcome(doc_id, ERROR, notes=[f"{exc}; nothing written for this document"]))
    outcomes.sort(key=lambda o: o.id)
    return outcomes


class WriteFailed(Exception):
    """Writing one Document's results stopped part-way; ``outcome`` says exactly what was written."""

    def __init__(self, outcome: ReparseOutcome) -> None:
        super().__init__("; ".join(outcome.notes))
        self.outcome = outcome


def _write(out: ReparseOutcome, what: str, step: Callable[[], Path | str | None], *, then: str) -> None:
    """Run one write step; on failure turn ``out`` into an error naming what was and was not written."""
    try:
        written = step()
    except (CurationFileError, ConflictError, OSError) as exc:
        out.action = ERROR
        done = ", ".join(out.written) if out.written else "nothing"
        out.notes.append(f"{what} failed: {exc}; written before it: {done}; {then}")
        raise WriteFailed(out) from None
    if written is not None:
        out.written.append(str(written))


def _reparse_stream(corpus: Corpus, parser: Parser, *, dry_run: bool, jobs: int,
                    progress: Callable[[str, int, int], None] | None) -> list[ReparseOutcome]:
    items, stats = parse_stream(parser, corpus, jobs=jobs, progress=progress)
    outcomes: list[ReparseOutcome] = []
    for doc_id, new in items:
        try:
            source = corpus.read_source(doc_id)
            outcomes.append(reparse_document(corpus, doc_id, source, new=new, dry_run=dry_run))
        except WriteFailed as exc:
            outcomes.append(exc.outcome)
        except SourceError as exc:  # changed since it was parsed
            outcomes.append(ReparseOutcome(doc_id, ERROR, notes=[f"{exc}; nothing written for this document"],
                                           left_out=True))
        except (CurationFileError, ConflictError, ValueError, OSError) as exc:
            outcomes.append(ReparseOutcome(doc_id, ERROR, notes=[f"{exc}; nothing written for this document"]))
    for doc_id, problem in stats.failed.items():
        unreadable = doc_id in stats.unreadable
        notes = [problem] if unreadable else [problem, "nothing written"]
        outcomes.append(ReparseOutcome(doc_id, ERROR, notes=notes, left_out=unreadable))
    outcomes.sort(key=lambda o: o.id)
    return outcomes


def reparse_document(corpus: Corpus, doc_id: str, source: SourceText, *, new: Curation, dry_run: bool) -> ReparseOutcome:
    """Bring one Document's curation up to ``new`` (its fresh parse, proposals included)."""
    loaded = corpus.load(doc_id)
    if loaded is None:
        return ReparseOutcome(doc_id, NOT_CURATED, notes=["no curated file; the new parse is used when it is opened"])
    out = _reparse_loaded(corpus, doc_id, source, loaded, new=new, dry_run=dry_run)
    # A label or event type outside the taxonomy (another tool's, an older taxonomy's) is the editor's
    # and is kept as it is; validate and export refuse it, so the outcome names it.
    outside = [f"{loaded.path}: {p}; kept as it is (curator validate lists these)"
               for p in taxonomy_problems(loaded.curation, default_taxonomy())]
    out.notes.extend(outside)
    out.warnings.extend(outside)
    return out


def _reparse_loaded(corpus: Corpus, doc_id: str, source: SourceText, loaded: Loaded, *, new: Curation,
                    dry_run: bool) -> ReparseOutcome:
    editor = loaded.curation
    outside = None if editor.status != "auto" else _not_the_parsers(corpus, doc_id, loaded)
    if editor.status == "auto" and outside is None:
        if not text_problems(editor, source.text) and same_output(editor, new):
            return ReparseOutcome(doc_id, UNCHANGED)
        out = ReparseOutcome(doc_id, REPLACED, applied=["took the new parse (not curated yet)"])
        if not dry_run:
            # With its digest: its own base (an older base file goes, under the same lock).
            _write(out, "saving the curation",
                   lambda: (corpus.save(new, expected_stamp=loaded.stamp, untouched=True), loaded.path)[1],
                   then="the curated file is as it was")
        return out

    out = ReparseOutcome(doc_id, MERGED)
    if outside is not None:
        # Status auto, but not provably the parser's output: another program's edit is an editor's work.
        out.notes.append(f"{loaded.path}: {outside}; merged as an editor's work, status in_progress")
    try:
        base = load_base(corpus, doc_id)
    except CurationFileError as exc:
        base = None
        aside = None if dry_run else move_aside(exc.path)
        kept = f" (moved aside to {aside.name}, unchanged)" if aside else ""
        out.notes.append(f"{exc}{kept}; merging as if there were no base")
    if editor.document.sha256 != source.sha256:
        try:
            anchored = reanchor(editor, source.text, new_doc=new.document)
        except ImplausibleLength as exc:
            raise ValueError(f"{loaded.path}: {exc}") from None
        editor = anchored.curation
        out.reanchored = True
        out.changed_spans, out.unplaced = anchored.changed, anchored.unplaced
        out.notes.append(f"source changed since curation: {len(anchored.changed)} span(s) changed, {len(anchored.unplaced)} unplaced")
    elif text_problems(editor, source.text):
        raise ValueError(f"{loaded.path}: {text_problems(editor, source.text)[0]}")
    if base is not None and base.document.sha256 != source.sha256:
        # The base moves the same way; what of it cannot be placed only makes the merge more cautious.
        try:
            base = reanchor(base, source.text, new_doc=new.document).curation
        except ImplausibleLength as exc:
            base = None
            out.notes.append(f"{base_path(corpus, doc_id)}: {exc}; merging as if there were no base")
    if base is None:
        out.action = KEPT
        out.notes.append("no base parse recorded: parser changes cannot be told from edits; nothing merged")
        d = diff_segments(editor.segments, new.segments, old_speakers=speaker_names(editor), new_speakers=speaker_names(new),
                          articles=matched_articles(editor, new))
        out.conflicts = [
            Conflict("base", f"{c.kind} (no base to decide)", c.start, c.end,
                     editor=" | ".join(r.snippet for r in c.old), parser=" | ".join(r.snippet for r in c.new))
            for c in d.changes
        ]
        merged = editor
    else:
        result = merge_three_way(base, editor, new)
        merged, out.applied, out.conflicts = result.curation, result.applied, result.conflicts
    if outside is not None and merged.status == "auto":
        merged = merged.model_copy(update={"status": "in_progress"})  # never replaced by a later re-parse
    if (base is not None and not out.reanchored and not out.conflicts and not out.unplaced
            and merged.model_dump() == loaded.curation.model_dump() and base.model_dump() == new.model_dump()):
        # Nothing new from the parser and nothing to keep aside: the files and the base stay as they are.
        out.action = UNCHANGED
        return out
    if dry_run:
        return out
    # Order matters for a kill at any moment: what is kept aside is written first (a segment that
    # could not be placed is then in the sidecar before the curation without it replaces the old
    # one), then the curation, then the base. Each step is atomic; a re-run repeats none twice.
    header = {"parser": f"{new.parser.name} {new.parser.version}", "source_sha256": source.sha256}
    keep = f"{loaded.path} is as it was (every span still in it)"
    if out.unplaced:
        _write(out, "keeping unplaced spans aside",
               lambda: append_sidecar(corpus, REANCHOR_DIR, doc_id, [u.to_json() for u in out.unplaced], **header),
               then=keep)
    if out.conflicts:
        _write(out, "listing conflicts",
               lambda: append_sidecar(corpus, CONFLICTS_DIR, doc_id, [c.to_json() for c in out.conflicts], **header),
               then=keep)
    saved = merged.model_dump() != loaded.curation.model_dump()
    if saved:
        _write(out, "saving the merged curation",
               lambda: (corpus.save(merged, expected_stamp=loaded.stamp), loaded.path)[1], then=keep)
    # The new parse is what the editor's version now stands on (with no base before, the
    # listed conflicts were shown against it), so it is the base of the next merge.
    then = (f"the curation is saved ({loaded.path})" if saved
            else f"the curation was not saved ({loaded.path} had nothing to change and is as it was)")
    _write(out, "recording the base", lambda: _record(corpus, new),
           then=f"{then}; the next re-parse merges against the old base")
    return out


def _not_the_parsers(corpus: Corpus, doc_id: str, loaded: Loaded) -> str | None:
    """Why an ``auto`` curated file is not provably the parser's output (then it is kept as an editor's work,
    never replaced), or None when it is: its digest matches (``core.untouched``), or it has no digest and equals
    its base file (a corpus written before round 22 kept one of every parse). A file with no digest and no base
    it equals was written by another program (the key stripped, a script's edit): taking it for the parser's
    would replace that work without a word, so it is merged instead (round 23: safety over a one-time list of
    differences in a corpus older than its base files)."""
    try:
        state = state_of(loaded.path.read_bytes())
    except OSError:
        return None  # gone or unreadable since it was loaded: the save's stamp check says so
    if state == UNTOUCHED:
        return None
    if state == CHANGED:
        return f"changed outside Curator since the parser wrote it ({KEY} does not match)"
    try:
        base = load_base(corpus, doc_id)
    except CurationFileError:
        base = None
    if base is not None and base.model_dump() == loaded.curation.model_dump():
        return None
    return (f"status auto but not provably the parser's output (no {KEY}, and "
            + ("no base file" if base is None else "it differs from its base file") + "; written by another program?)")


def _record(corpus: Corpus, parse: Curation) -> Path:
    record_base(corpus, parse, replace=True)
    return base_path(corpus, parse.document.id)
