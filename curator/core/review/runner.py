"""Run the parser over a corpus, score it against the curated gold and an optional baseline."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.core.jsonio import CurationFileError
from curator.core.model import Curation, DocumentRef, text_problems
from curator.core.review.calibration import article_pairs
from curator.core.review.diff import SegmentDiff, diff_segments
from curator.core.review.metrics import Metrics, score, speaker_names, total
from curator.core.review.snapshots import (
    Snapshots,
    StaleSnapshot,
    load_snapshot,
    read_snapshot_dir,
)
from curator.core.store import Corpus
from curator.core.textio import SourceError, SourceText

ParseFn = Callable[[str, DocumentRef, Any], Curation]

ACCEPTED = "accepted"
DUPLICATES_STEP = "(duplicates)"


@dataclass(frozen=True)
class Parser:
    """The parse function a review runs (injectable, so tests and tools can swap it)."""

    name: str
    version: str
    parse: ParseFn
    build_context: Callable[[Iterable[str]], Any]
    # Corpus-wide step after parsing (duplicate proposals): parses by id, texts by id -> parses by id.
    propose: Callable[[dict[str, Curation], dict[str, str]], dict[str, Curation]] | None = None


def current_parser() -> Parser:
    """The project's parser, looked up at call time (a replaced module is picked up)."""
    import curator.core.parse as p
    from curator.core import pipeline

    return Parser(
        name=p.PARSER_NAME,
        version=p.PARSER_VERSION,
        parse=lambda text, doc, ctx: p.parse_document(text, doc=doc, context=ctx),
        build_context=p.build_context,
        # The same duplicate proposals the CLI and the window see; no decisions are carried in.
        propose=lambda parses, texts: pipeline.propose_duplicates(parses, texts),
    )


def parse_all(
    parser: Parser, corpus: Corpus, sources: dict[str, SourceText], *, only: Iterable[str] | None = None
) -> tuple[dict[str, Curation], dict[str, str]]:
    """Parse documents (all of them when the parser has a corpus-wide step); failures by id."""
    context = parser.build_context([s.text for s in sources.values()])
    wanted = set(sources) if only is None or parser.propose is not None else set(only) & set(sources)
    parses: dict[str, Curation] = {}
    errors: dict[str, str] = {}
    for doc_id in sorted(wanted):
        src = sources[doc_id]
        try:
            parses[doc_id] = parser.parse(src.text, corpus.document_ref(doc_id, src), context)
        except Exception as exc:  # noqa: BLE001 - one document's crash must not hide the others
            errors[doc_id] = f"{corpus.source_path(doc_id)}: parser failed: {type(exc).__name__}: {exc}"
    if parser.propose is not None and parses:
        try:
            parses = parser.propose(parses, {d: sources[d].text for d in parses})
        except Exception as exc:  # noqa: BLE001 - report, and review the parses without proposals
            errors[DUPLICATES_STEP] = f"duplicate proposals failed: {type(exc).__name__}: {exc}"
    return parses, errors


@dataclass
class DocumentReview:
    id: str
    metrics: Metrics | None = None
    baseline_metrics: Metrics | None = None
    diff_gold: SegmentDiff | None = None
    diff_baseline: SegmentDiff | None = None
    snapshot: str | None = None
    problems: list[str] = field(default_factory=list)  # make --check fail
    notes: list[str] = field(default_factory=list)  # reported only
    # (Article confidence, right against the gold) per predicted Article: calibration
    calibration: list[tuple[float, bool]] = field(default_factory=list)

    def delta(self) -> dict[str, float | None]:
        return metric_delta(self.metrics, self.baseline_metrics)


@dataclass
class ReviewReport:
    parser_name: str
    parser_version: str
    baseline: str | None
    documents: list[DocumentReview] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    stale: list[StaleSnapshot] = field(default_factory=list)
    # scores of the accepted outputs against the gold, by document (gate.py): --check's floor
    accepted_scores: dict[str, dict[str, float | None]] = field(default_factory=dict)

    @property
    def scored(self) -> list[DocumentReview]:
        return [d for d in self.documents if d.metrics is not None]

    @property
    def overall(self) -> Metrics:
        return total([d.metrics for d in self.scored if d.metrics is not None])

    @property
    def calibration(self) -> list[tuple[float, bool]]:
        return [pair for d in self.documents for pair in d.calibration]

    @property
    def baseline_docs(self) -> list[DocumentReview]:
        return [d for d in self.scored if d.baseline_metrics is not None]

    @property
    def overall_on_baseline_docs(self) -> Metrics | None:
        """Current scores over only the documents the baseline covers (a fair comparison)."""
        docs = self.baseline_docs
        return total([d.metrics for d in docs if d.metrics is not None]) if docs else None

    @property
    def overall_baseline(self) -> Metrics | None:
        docs = self.baseline_docs
        return total([d.baseline_metrics for d in docs if d.baseline_metrics is not None]) if docs else None


def metric_delta(current: Metrics | None, baseline: Metrics | None) -> dict[str, float | None]:
    if current is None or baseline is None:
        return {}
    now, before = current.flat(), baseline.flat()
    return {k: (now[k] - before[k]) if now[k] is not None and before.get(k) is not None else None for k in now}


def gold_of(corpus: Corpus, doc_id: str) -> tuple[Curation | None, list[str]]:
    """The document's gold Curation (status ``curated``), or None, with problems found on the way."""
    try:
        loaded = corpus.load(doc_id)
    except CurationFileError as exc:
        return None, [str(exc)]
    if loaded is None or loaded.curation.status != "curated":
        return None, []
    return loaded.curation, []


def review_corpus(
    corpus: Corpus,
    *,
    parser: Parser | None = None,
    baseline: Path | str | None = ACCEPTED,
    all_documents: bool = False,
    record: bool = True,
) -> ReviewReport:
    """Parse every gold document (every document with ``all_documents``) and compare.

    ``baseline`` is a folder of earlier outputs (``<id>.json``), ``"accepted"``
    for the accepted snapshots (used only if there are any), or None.
    ``record`` writes pending snapshots.
    """
    parser = parser or current_parser()
    snaps = Snapshots(corpus)
    baseline_dir: Path | None
    if baseline == ACCEPTED:
        baseline_dir = snaps.accepted_dir if snaps.accepted_ids() else None
        baseline_label = f"accepted snapshots ({snaps.accepted_dir})" if baseline_dir else None
    elif baseline is None:
        baseline_dir, baseline_label = None, None
    else:
        baseline_dir = Path(baseline)
        if not baseline_dir.is_dir():
            raise FileNotFoundError(f"{baseline_dir}: baseline folder does not exist")
        baseline_label = str(baseline_dir)
    baseline_files = read_snapshot_dir(baseline_dir) if baseline_dir else {}

    report = ReviewReport(parser.name, parser.version, baseline_label)
    if baseline == ACCEPTED:
        from curator.core.review.gate import load_scores

        try:
            report.accepted_scores = load_scores(corpus)
        except ValueError as exc:
            report.problems.append(str(exc))
    ids = corpus.document_ids()
    sources: dict[str, SourceText] = {}
    for doc_id in ids:
        try:
            sources[doc_id] = corpus.read_source(doc_id)
        except SourceError as exc:
            report.problems.append(str(exc))
    golds = {doc_id: gold_of(corpus, doc_id) for doc_id in ids}
    targets = [d for d in ids if all_documents or golds[d][0] is not None or golds[d][1]]
    parses, errors = parse_all(parser, corpus, sources, only=targets)
    # A crash on any page, gold or not, is a parser failure worth failing --check for.
    report.problems.extend(msg for doc_id, msg in errors.items() if doc_id not in targets)

    for doc_id in targets:
        gold, problems = golds[doc_id]
        review = DocumentReview(doc_id, problems=list(problems))
        report.documents.append(review)
        source = sources.get(doc_id)
        if source is None:
            review.problems.append(f"{corpus.source_path(doc_id)}: source cannot be read")
            continue
        text = source.text
        if gold is not None:
            mismatch = text_problems(gold, text)
            if mismatch:
                review.problems.extend(f"{corpus.curated_path(doc_id)}: gold unusable: {p}" for p in mismatch)
                gold = None
        pred = parses.get(doc_id)
        if pred is None:
            review.problems.append(errors.get(doc_id, f"{doc_id}: no parse"))
            continue
        if record:
            review.snapshot = snaps.record(pred)
        base = _load_baseline(baseline_files.get(doc_id), text, review)
        if gold is not None:
            review.metrics = score(gold, pred, text)
            review.calibration = article_pairs(gold, pred)
            review.diff_gold = diff_segments(
                gold.segments, pred.segments, old_speakers=speaker_names(gold), new_speakers=speaker_names(pred)
            )
            if base is not None:
                review.baseline_metrics = score(gold, base, text)
        if base is not None:
            review.diff_baseline = diff_segments(
                base.segments, pred.segments, old_speakers=speaker_names(base), new_speakers=speaker_names(pred)
            )
    if record:
        report.stale = snaps.stale(parser_version=parser.version)
    return report


def _load_baseline(path: Path | None, text: str, review: DocumentReview) -> Curation | None:
    if path is None:
        return None
    try:
        base = load_snapshot(path)
    except CurationFileError as exc:
        review.notes.append(f"baseline unusable: {exc}")
        return None
    mismatch = text_problems(base, text)
    if mismatch:
        review.notes.append(f"{path}: baseline was parsed from another text; not compared ({mismatch[0]})")
        return None
    return base
