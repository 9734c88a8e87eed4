"""``curator review``: score the parser against the curated gold, show changes, settle snapshots."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from curator.cli import DEFAULT_CORPUS
from curator.cli._common import StageProgress, add_jobs_flags, add_output_flags, error, info, make_engine


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="score the parser against the curated gold; diffs, --check, pending/accepted snapshots",
        description=(
            "Run the current parser over every document with curated gold (status 'curated'), score it "
            "against the gold and against a baseline (by default the accepted snapshots), and write the new "
            "outputs as pending snapshots under CORPUS/.curator/review/. --accept/--reject settle pending "
            "snapshots; the curated gold is never written. See docs/review.md."
        ),
    )
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, type=Path, metavar="CORPUS")
    base = p.add_mutually_exclusive_group()
    base.add_argument("--baseline", type=Path, metavar="DIR", help="earlier parser outputs, one <id>.json per document")
    base.add_argument("--no-baseline", action="store_true", help="compare with the gold only")
    p.add_argument("--html", type=Path, metavar="OUT", help="write one self-contained HTML report")
    p.add_argument("--check", action="store_true", help="exit 1 when a metric is below its threshold or the baseline")
    p.add_argument("--config", type=Path, metavar="FILE", help="thresholds file (default: resources/review.json)")
    p.add_argument("--diffs", action="store_true", help="list every change with old -> new snippets")
    p.add_argument("--all-docs", action="store_true", help="also parse and snapshot documents without gold")
    p.add_argument("--no-record", action="store_true", help="do not write pending snapshots")
    settle = p.add_mutually_exclusive_group()
    settle.add_argument("--accept", nargs="?", const="", metavar="DOC", help="accept DOC's pending output (or --all)")
    settle.add_argument("--reject", nargs="?", const="", metavar="DOC", help="reject DOC's pending output (or --all)")
    settle.add_argument("--pending", action="store_true", help="list pending snapshots and stale ones")
    p.add_argument("--all", action="store_true", help="with --accept/--reject: every pending output")
    add_jobs_flags(p)
    add_output_flags(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from curator.core.review import runner
    from curator.core.review.config import ReviewConfigError, load_config
    from curator.core.store import Corpus

    from curator.cli._common import print_notices, refuse_output

    corpus = Corpus(args.corpus)
    if args.html is not None and refuse_output("review", args.html, corpus=args.corpus):
        return 2
    if args.accept is not None or args.reject is not None or args.pending:
        return _settle(args, corpus, runner.current_parser().version)
    from curator.cli._common import no_documents

    if no_documents("review", corpus):
        return 1
    if args.all:
        print("error: --all goes with --accept or --reject", file=sys.stderr)
        return 2
    try:
        config = load_config(args.config)
    except ReviewConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    baseline: Path | str | None = runner.ACCEPTED
    if args.no_baseline:
        baseline = None
    elif args.baseline is not None:
        baseline = args.baseline
    engine = make_engine(args)
    if engine is None:
        return 2
    if engine.name != "local":
        from curator.core.engines import EngineError

        try:
            engine.check_review(runner.current_parser())
        except EngineError as exc:
            error("review", str(exc))
            return 2
    record = not args.no_record
    read_only = corpus.unwritable() if record else None
    if read_only is not None:  # scored all the same; only the snapshots are not kept
        info(args, f"note: {read_only}; so no snapshots are recorded (as with --no-record)")
        record = False
    started = time.perf_counter()
    try:
        with StageProgress(args) as bar:
            report = engine.review_corpus(
                corpus, baseline=baseline, all_documents=args.all_docs, record=record, progress=bar
            )
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from curator.core.review.check import check_report
    from curator.core.review.render import render_html, render_text, report_json

    failures = check_report(report, config) if args.check else None
    html_failed: int | None = None
    if args.html is not None:
        from curator.core.jsonio import atomic_write_text

        from curator.cli._common import exit_code_of

        try:
            atomic_write_text(args.html, render_html(report, failures))
            print(f"wrote {args.html}", file=sys.stderr)
        except OSError as exc:  # the scores are still printed; the report that was not written is said
            error("review", f"error: {exc.filename or args.html}: {exc.strerror or exc}")
            html_failed = exit_code_of(exc)
    if args.json:
        print(json.dumps(report_json(report, failures), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        sys.stdout.write(render_text(report, failures, diffs=args.diffs))
    for left in report.left_out:  # a source left out, in the words every command uses (print_notices)
        print(f"warning: {left}", file=sys.stderr)
    print_notices(corpus)
    # every PROBLEM line the report printed (the corpus's and each Document's: a damaged gold file) and
    # every source left out
    n_problems = len(report.left_out) + len(report.problems) + sum(len(d.problems) for d in report.documents)
    info(args, f"reviewed {len(report.scored)} gold document(s) of {len(corpus.document_ids())} in "
         f"{time.perf_counter() - started:.1f} s; {n_problems} problem(s)"
         + (f"; {len(failures)} check failure(s)" if failures else ""))
    if html_failed is not None:
        return html_failed
    if failures:
        return 1
    # README: exit 1 when something was left out (an unreadable gold file or source), even without --check.
    left_out = report.left_out or report.problems or any(d.problems for d in report.documents) or corpus.scan_problems()
    return 1 if left_out else 0


def _settle(args: argparse.Namespace, corpus: object, parser_version: str) -> int:
    from curator.core.review.snapshots import SnapshotError, Snapshots
    from curator.core.store import Corpus

    assert isinstance(corpus, Corpus)
    snaps = Snapshots(corpus)
    if args.pending:
        stale = {s.id: s.reason for s in snaps.stale(parser_version=parser_version)}
        for doc_id in snaps.pending_ids():
            extra = f"  (stale: {stale[doc_id]})" if doc_id in stale else ""
            print(f"{doc_id}  {snaps.pending_path(doc_id)}{extra}")
        if not snaps.pending_ids():
            print("no pending snapshots", file=sys.stderr)
        return 0
    accepting = args.accept is not None
    doc = args.accept if accepting else args.reject
    if bool(doc) == bool(args.all):
        verb = "--accept" if accepting else "--reject"
        print(f"error: {verb} needs either a document id or --all", file=sys.stderr)
        return 2
    ids = snaps.pending_ids() if args.all else [doc]
    if not args.all:
        from curator.core.store import InvalidDocumentId, check_doc_id

        try:
            check_doc_id(doc)
        except InvalidDocumentId as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if not ids and not (accepting and args.all):
        print("no pending snapshots", file=sys.stderr)
        return 0
    errors = 0
    accepted_now: list[str] = []
    for doc_id in ids:
        try:
            if accepting:
                path = snaps.accept(doc_id, parser_version=parser_version)
                accepted_now.append(doc_id)
                print(f"accepted {doc_id} -> {path}")
            else:
                snaps.reject(doc_id)
                print(f"rejected {doc_id}")
        except SnapshotError as exc:
            print(f"error: {exc}", file=sys.stderr)
            errors += 1
    if accepting and (args.all or accepted_now):
        # what --check holds the parser to from now on: the accepted outputs' scores against the gold
        # (--all records every accepted one again, even with nothing pending: docs/review.md; one DOC
        # only when it was accepted now, never beside an error saying it was not)
        from curator.core.review.gate import record_scores, scores_path

        done = record_scores(corpus, None if args.all else accepted_now)
        for problem in done["problems"]:
            print(f"error: {problem}", file=sys.stderr)
            errors += 1
        if done["recorded"]:
            print(f"recorded the accepted scores of {len(done['recorded'])} gold document(s) in {scores_path(corpus)}")
    return 1 if errors else 0
