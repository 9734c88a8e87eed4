"""The review mode's background run: parse the corpus, compare each Curation with the new parse.

The comparison itself is the core's (``curator.core.review``): metrics from
``metrics.score``, segment changes from ``diff.diff_segments``, snapshots from
``snapshots.Snapshots``. This module only runs it off the UI thread with
progress and cancel, and keeps one :class:`DocReview` per compared Document
that the panel can refresh when the Document is edited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.jsonio import CurationFileError
from curator.core.model import Curation, text_problems
from curator.core.review.diff import SegmentDiff, diff_segments
from curator.core.review.metrics import Metrics, matched_articles, score, speaker_names
from curator.core.review.runner import Parser, current_parser, metric_delta
from curator.core.review.snapshots import Snapshots, StaleSnapshot, load_snapshot
from curator.core.store import Corpus
from curator.core.textio import SourceError
from curator.gui.jobs import Job

# Metrics the panel shows, by their stable names (as in ``Metrics.flat`` and --check).
SHOWN_METRICS: tuple[tuple[str, str], ...] = (
    ("label.accuracy_chars", "Label acc"),
    ("boundary.exact.f1", "Boundary F1"),
    ("speaker.accuracy", "Speaker acc"),
    ("event.precision", "Event P"),
    ("event.recall", "Event R"),
    ("duplicate.precision", "Dup P"),
    ("duplicate.recall", "Dup R"),
)
# The parser proposes duplicate pairs an editor may have rejected, and it cannot know that:
# a duplicate precision below 1 alone does not make a Document "changed".
_IGNORED_SHORTFALL = frozenset({"duplicate.precision"})

ACCEPTED = "accepted"
REJECTED = "rejected"
NOT_RECORDED = "—"


@dataclass
class DocReview:
    """One Document: its Curation, the new parse, their metrics and segment changes."""

    doc_id: str
    text: str
    curation: Curation
    parse: Curation
    baseline: Curation | None = None
    snapshot: str = NOT_RECORDED  # new | changed | unchanged | accepted | rejected | —
    metrics: Metrics = field(default_factory=Metrics)
    baseline_metrics: Metrics | None = None
    diff: SegmentDiff = field(default_factory=SegmentDiff)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.refresh(self.curation)

    def refresh(self, curation: Curation) -> None:
        """Compare again after the Curation changed (a change taken, an undo, any edit)."""
        self.curation = curation
        self.metrics = score(curation, self.parse, self.text)
        self.set_baseline(self.baseline)
        self.diff = diff_segments(curation.segments, self.parse.segments,
                                  old_speakers=speaker_names(curation), new_speakers=speaker_names(self.parse),
                                  articles=matched_articles(curation, self.parse))

    def set_baseline(self, baseline: Curation | None) -> None:
        self.baseline = baseline
        self.baseline_metrics = score(self.curation, baseline, self.text) if baseline is not None else None

    @property
    def values(self) -> dict[str, float | None]:
        return self.metrics.flat()

    @property
    def deltas(self) -> dict[str, float | None]:
        """Metric minus the accepted baseline's (empty without a baseline)."""
        return metric_delta(self.metrics, self.baseline_metrics)

    @property
    def changed(self) -> bool:
        """The new parse differs from the Curation, or scores differently from the baseline."""
        if self.diff.changed:
            return True
        if any(v is not None and v < 1.0 for k, v in self.values.items() if k not in _IGNORED_SHORTFALL):
            return True
        return any(d is not None and abs(d) > 1e-12 for d in self.deltas.values())


@dataclass
class ReviewRun:
    """What one run found."""

    parser_name: str
    parser_version: str
    documents: list[DocReview] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    stale: list[StaleSnapshot] = field(default_factory=list)

    def document(self, doc_id: str) -> DocReview | None:
        return next((d for d in self.documents if d.doc_id == doc_id), None)


def load_baseline(snaps: Snapshots, doc_id: str, text: str) -> tuple[Curation | None, str | None]:
    """The accepted snapshot if it describes ``text``, else None and why."""
    path = snaps.accepted_path(doc_id)
    if not path.is_file():
        return None, None
    try:
        base = load_snapshot(path)
    except CurationFileError as exc:
        return None, f"baseline unusable: {exc}"
    mismatch = text_problems(base, text)
    if mismatch:
        return None, f"{path}: baseline was parsed from another text; not compared ({mismatch[0]})"
    return base, None


class ReviewJob(Job):
    """Parse every Document (corpus context, duplicate proposals) and compare with its Curation.

    ``curations`` holds the open Documents' Curations (unsaved edits included),
    taken on the UI thread; other Documents' Curations are read from the store.
    Documents without any Curation have nothing to compare and are not reviewed.
    """

    def __init__(self, root: Path, *, curations: Mapping[str, Curation] | None = None,
                 parser: Parser | None = None, record: bool = True) -> None:
        super().__init__()
        self.root = root
        self.curations = dict(curations or {})
        self.parser = parser
        self.record = record

    def work(self) -> object:
        parser = self.parser or current_parser()
        corpus = Corpus(self.root)
        run = ReviewRun(parser.name, parser.version)
        ids = corpus.document_ids()
        total = len(ids)
        progress = self.signals.sig_progress.emit
        sources = {}
        for i, doc_id in enumerate(ids):
            if self.cancelled:
                return None
            progress(i, total, f"Reading {doc_id}")
            try:
                sources[doc_id] = corpus.read_source(doc_id)
            except SourceError as exc:
                run.problems.append(str(exc))
        context = parser.build_context([s.text for s in sources.values()])
        parses: dict[str, Curation] = {}
        for i, (doc_id, src) in enumerate(sources.items()):
            if self.cancelled:
                return None
            progress(i, total, f"Parsing {doc_id}")
            try:
                parses[doc_id] = parser.parse(src.text, corpus.document_ref(doc_id, src), context)
            except Exception as exc:  # noqa: BLE001 - one Document's crash must not hide the others
                run.problems.append(f"{corpus.source_path(doc_id)}: parser failed: {type(exc).__name__}: {exc}")
        if parser.propose is not None and parses:
            if self.cancelled:
                return None
            progress(total, total, "Proposing duplicates")
            try:
                parses = parser.propose(parses, {d: sources[d].text for d in parses})
            except Exception as exc:  # noqa: BLE001 - compare the parses without proposals
                run.problems.append(f"duplicate proposals failed: {type(exc).__name__}: {exc}")
        snaps = Snapshots(corpus)
        for i, doc_id in enumerate(sorted(parses)):
            if self.cancelled:
                return None
            progress(i, len(parses), f"Comparing {doc_id}")
            entry = self._compare(corpus, snaps, doc_id, sources[doc_id].text, parses[doc_id], run)
            if entry is not None:
                run.documents.append(entry)
        if self.record:
            run.stale = snaps.stale(parser_version=parser.version)
        progress(total, total, "Done")
        return run

    def _compare(self, corpus: Corpus, snaps: Snapshots, doc_id: str, text: str, parse: Curation,
                 run: ReviewRun) -> DocReview | None:
        curation = self.curations.get(doc_id)
        if curation is None:
            try:
                loaded = corpus.load(doc_id)
            except CurationFileError as exc:
                run.problems.append(str(exc))
                return None
            if loaded is None:
                return None
            curation = loaded.curation
        mismatch = text_problems(curation, text)
        if mismatch:
            run.problems.append(f"{corpus.curated_path(doc_id)}: cannot be compared: {mismatch[0]} "
                                "(run `curator reparse` to re-anchor it)")
            return None
        baseline, note = load_baseline(snaps, doc_id, text)
        entry = DocReview(doc_id, text, curation, parse, baseline=baseline)
        if note:
            entry.notes.append(note)
        if self.record:
            entry.snapshot = snaps.record(parse)
        return entry
