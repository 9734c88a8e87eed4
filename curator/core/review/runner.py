"""Run the parser over a corpus, score it against the curated gold and an optional baseline."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from curator.core.jsonio import CurationFileError, loads_fast, read_json_bytes
from curator.core.model import Curation, DocumentRef, Status, text_problems
from curator.core.review.calibration import article_pairs
from curator.core.review.diff import SegmentDiff, diff_segments
from curator.core.review.metrics import Metrics, matched_articles, score, speaker_names, total
from curator.core.review.snapshots import (
    Snapshots,
    StaleSnapshot,
    load_snapshot,
    read_snapshot_dir,
)
from curator.core.store import Corpus, shown_path
from curator.core.taxonomy import default_taxonomy
from curator.core.textio import SourceError, SourceText
from curator.core.validate import taxonomy_problems

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
        # (This very function: ``parse_all`` then runs the streaming pipeline.)
        propose=pipeline.propose_duplicates,
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


def streams(parser: Parser) -> bool:
    """Does this parser run through the streaming pipeline (the project's own duplicate proposals)?"""
    from curator.core import pipeline

    return parser.propose is pipeline.propose_duplicates


def parse_stream(
    parser: Parser, corpus: Corpus, *, keep: Callable[[str], bool] | None = None, jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None, engine: Any = None,
) -> tuple[Iterable[tuple[str, Curation]], Any]:
    """Every Document parsed with duplicate proposals, streamed in id order: ``(id, Curation)`` for the
    kept ones; the stats (problems by id) fill in as the stream is consumed. Memory stays flat."""
    import curator.core.parse as p
    from curator.core.pipeline import StreamStats
    from curator.core.pipeline import parse_stream as stream

    stats = StreamStats()
    context: Any = True
    if parser.build_context is not p.build_context:  # a tool's own context: built its way (in memory)
        texts = []
        for doc_id in corpus.document_ids():
            try:
                texts.append(corpus.read_source(doc_id).text)
            except SourceError:
                continue
        context = parser.build_context(texts)

    def parse(text: str, *, doc: DocumentRef, context: Any) -> Curation:
        return parser.parse(text, doc, context)

    def items() -> Iterable[tuple[str, Curation]]:
        it = (stream(corpus, jobs=jobs, context=context, parse=parse, keep=keep, progress=progress, stats=stats)
              if engine is None else engine.parse_stream(corpus, context=context, keep=keep, progress=progress,
                                                         stats=stats))
        for doc_id, cur, entries in it:
            yield doc_id, cur.model_copy(update={"duplicates": entries}) if entries else cur

    return items(), stats


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
    # sources left out ("PATH: reason": binary, unreadable, not decodable): named as every command names a
    # file it left out (a warning on stderr), not in the text report; --check fails on them as on problems
    left_out: list[str] = field(default_factory=list)
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
    out: dict[str, float | None] = {}
    for k, value in now.items():
        old = before.get(k)
        out[k] = value - old if value is not None and old is not None else None
    return out


_NOT_GOLD = frozenset(get_args(Status)) - {"curated"}


def gold_of(corpus: Corpus, doc_id: str, *, quick: bool = False) -> tuple[Curation | None, list[str]]:
    """The document's gold Curation (status ``curated``), or None, with problems found on the way.

    ``quick``: a well-formed file whose status is not ``curated`` is passed over after
    decoding its JSON alone (no contract validation): a large corpus has few gold files.
    """
    if quick:
        import orjson

        try:  # the size is checked before reading (a multi-GB file named, not held in memory)
            raw = read_json_bytes(corpus.curated_path(doc_id), error=CurationFileError)
        except FileNotFoundError:
            return None, []
        except CurationFileError as exc:
            return None, [str(exc)]
        try:  # orjson >= 3.10 refuses nesting past 1,024 levels (older releases overflowed the stack)
            # Only a known status other than curated is passed over: any other (`"done"`) is named by the full load
            if raw and loads_fast(raw).get("status") in _NOT_GOLD:
                return None, []
        except (orjson.JSONDecodeError, AttributeError):
            pass  # reported by the full load below
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
    jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
    engine: Any = None,
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
    golds = {}
    for doc_id in ids:
        found = gold_of(corpus, doc_id, quick=not all_documents)
        if found[0] is not None or found[1]:
            golds[doc_id] = found
    targets = [d for d in ids if all_documents or d in golds]
    sources: Mapping[str, SourceText]
    if streams(parser):
        wanted = set(targets)
        items, stats = parse_stream(parser, corpus, keep=wanted.__contains__, jobs=jobs, progress=progress,
                                    engine=engine)
        parses = dict(items)
        errors = dict(stats.failed)
        report.left_out.extend(stats.failed[d] for d in sorted(stats.unreadable))
        left_out: set[str] = set(stats.unreadable)
        sources = _LazySources(corpus, stats.unreadable)
    else:
        read: dict[str, SourceText] = {}
        left_out = set()  # the ids of report.left_out
        for doc_id in ids:
            try:
                read[doc_id] = corpus.read_source(doc_id)
            except SourceError as exc:
                report.left_out.append(str(exc))
                left_out.add(doc_id)
        parses, errors = parse_all(parser, corpus, read, only=targets)
        sources = read
    # A crash on any page, gold or not, is a parser failure worth failing --check for.
    report.problems.extend(msg for doc_id, msg in errors.items()
                           if doc_id not in targets and doc_id not in getattr(sources, "unreadable", ()))

    for doc_id in targets:
        gold, problems = golds.get(doc_id, (None, []))
        if doc_id in left_out and not problems:  # named once, in report.left_out
            continue
        review = DocumentReview(doc_id, problems=list(problems))
        report.documents.append(review)
        source = sources.get(doc_id)
        if source is None and doc_id in left_out:
            continue
        if source is None:
            review.problems.append(f"{corpus.source_path(doc_id)}: source cannot be read")
            continue
        text = source.text
        if gold is not None:
            mismatch = text_problems(gold, text) or taxonomy_problems(gold, default_taxonomy())
            if mismatch:
                review.problems.extend(f"{corpus.curated_path(doc_id)}: gold unusable: {p}" for p in mismatch)
                gold = None
        pred = parses.get(doc_id)
        if pred is None:
            review.problems.append(errors.get(doc_id, f"{doc_id}: no parse"))
            continue
        if record:
            try:
                review.snapshot = snaps.record(pred)
            except OSError as exc:  # a full disk: the snapshots are a record, the scores still come
                record = False
                report.problems.append(f"{shown_path(str(snaps.pending_path(doc_id)))}: not written "
                                       f"({exc.strerror or exc}): pending snapshots not recorded from this "
                                       "Document on; the scores are complete")
        base = _load_baseline(baseline_files.get(doc_id), text, review)
        if gold is not None:
            review.metrics = score(gold, pred, text)
            review.calibration = article_pairs(gold, pred)
            review.diff_gold = diff_segments(
                gold.segments, pred.segments, old_speakers=speaker_names(gold), new_speakers=speaker_names(pred),
                articles=matched_articles(gold, pred),
            )
            if base is not None:
                review.baseline_metrics = score(gold, base, text)
        if base is not None:
            review.diff_baseline = diff_segments(
                base.segments, pred.segments, old_speakers=speaker_names(base), new_speakers=speaker_names(pred),
                articles=matched_articles(base, pred),
            )
    if record:
        report.stale = snaps.stale(parser_version=parser.version)
    return report


class _LazySources(Mapping[str, SourceText]):
    """Sources read when a Document is scored (the corpus is never held whole)."""

    def __init__(self, corpus: Corpus, unreadable: set[str]) -> None:
        self.corpus, self.unreadable = corpus, unreadable

    def __getitem__(self, doc_id: str) -> SourceText:
        if doc_id in self.unreadable:
            raise KeyError(doc_id)
        try:
            return self.corpus.read_source(doc_id)
        except SourceError:
            raise KeyError(doc_id) from None

    def get(self, doc_id: str, default: Any = None) -> Any:
        try:
            return self[doc_id]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


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
